/**
 * Migration 0008: hosted launch. By LTI 1.3: platforms (a partner's LMS) and their deployments,
 * each belonging to an organisation; login states (used once); launches; the outbox of grades
 * for the platforms; the links a partner's administrator registers with. By dispatch package:
 * the partners' keys. Credentials may now expire and be bound to one learner (a launch's).
 * Released: never edit it; add a new one.
 */
import type { Kysely, Migration } from 'kysely';
import type { EngineTypes } from '../schema.ts';

export const migration = (types: EngineTypes): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('credentials').addColumn('expires', 'text').execute();
    await db.schema.alterTable('credentials').addColumn('agent', 'text').execute();

    await db.schema
      .createTable('lti_platforms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('auth_login_url', 'text', (c) => c.notNull())
      .addColumn('token_url', 'text', (c) => c.notNull())
      .addColumn('jwks_url', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('lti_platforms_issuer_client').unique().on('lti_platforms').columns(['issuer', 'client_id']).execute();

    await db.schema
      .createTable('lti_deployments')
      .addColumn('platform_id', 'text', (c) => c.notNull())
      .addColumn('deployment_id', 'text', (c) => c.notNull())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('lti_deployments_pk', ['platform_id', 'deployment_id'])
      .execute();

    await db.schema
      .createTable('lti_login_states')
      .addColumn('state', 'text', (c) => c.primaryKey())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('platform_id', 'text', (c) => c.notNull())
      .addColumn('expires', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('lti_launches')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('platform_id', 'text', (c) => c.notNull())
      .addColumn('deployment_id', 'text', (c) => c.notNull())
      .addColumn('credential_key', 'text')
      .addColumn('claims', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('expires', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('lti_launches_credential').on('lti_launches').column('credential_key').execute();

    await db.schema
      .createTable('lti_scores')
      .addColumn('id', types.serialPrimaryKey, (c) => (types.serialPrimaryKey === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('platform_id', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('score', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('delivered', 'text')
      .execute();
    await db.schema.createIndex('lti_scores_due').on('lti_scores').columns(['delivered', 'next_attempt']).execute();

    await db.schema
      .createTable('lti_registration_links')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('expires', 'text', (c) => c.notNull())
      .addColumn('used', 'text')
      .execute();

    await db.schema
      .createTable('dispatch_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('credential_key', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('revoked', 'text')
      .execute();
  },
});

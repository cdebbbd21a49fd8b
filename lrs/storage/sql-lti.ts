/** The LTI store (lti-store.ts) in SQL, one implementation for SQLite and PostgreSQL. */
import type { Kysely } from 'kysely';
import type { LtiDeployment, LtiLaunchRecord, LtiLoginState, LtiPlatform, LtiRegistrationLink, LtiScore, LtiStore } from './lti-store.ts';
import type { Database } from './schema.ts';

export class SqlLtiStore implements LtiStore {
  constructor(private readonly db: Kysely<Database>) {}

  async savePlatform(p: LtiPlatform, deploymentIds: string[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('lti_platforms')
        .values({ id: p.id, org: p.org, issuer: p.issuer, client_id: p.clientId, auth_login_url: p.authLoginUrl, token_url: p.tokenUrl, jwks_url: p.jwksUrl, label: p.label, created: p.created })
        .execute();
      for (const deploymentId of deploymentIds) {
        await tx.insertInto('lti_deployments').values({ platform_id: p.id, deployment_id: deploymentId, org: p.org, created: p.created }).execute();
      }
    });
  }

  async platformsByIssuer(issuer: string): Promise<LtiPlatform[]> {
    return (await this.db.selectFrom('lti_platforms').selectAll().where('issuer', '=', issuer).orderBy('created').execute()).map(toPlatform);
  }

  async platform(id: string): Promise<LtiPlatform | undefined> {
    const row = await this.db.selectFrom('lti_platforms').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPlatform(row);
  }

  async listPlatforms(): Promise<LtiPlatform[]> {
    return (await this.db.selectFrom('lti_platforms').selectAll().orderBy('created').execute()).map(toPlatform);
  }

  async removePlatform(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('lti_deployments').where('platform_id', '=', id).execute();
      const result = await tx.deleteFrom('lti_platforms').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async addDeployment(d: LtiDeployment): Promise<void> {
    await this.db
      .insertInto('lti_deployments')
      .values({ platform_id: d.platformId, deployment_id: d.deploymentId, org: d.org, created: d.created })
      .onConflict((oc) => oc.columns(['platform_id', 'deployment_id']).doUpdateSet({ org: d.org }))
      .execute();
  }

  async deployment(platformId: string, deploymentId: string): Promise<LtiDeployment | undefined> {
    const row = await this.db.selectFrom('lti_deployments').selectAll().where('platform_id', '=', platformId).where('deployment_id', '=', deploymentId).executeTakeFirst();
    return row && toDeployment(row);
  }

  async listDeployments(): Promise<LtiDeployment[]> {
    return (await this.db.selectFrom('lti_deployments').selectAll().orderBy('created').execute()).map(toDeployment);
  }

  async saveLoginState(s: LtiLoginState): Promise<void> {
    // Old states go as new ones come: they are never used after they expire.
    await this.db.deleteFrom('lti_login_states').where('expires', '<', new Date().toISOString()).execute();
    await this.db.insertInto('lti_login_states').values({ state: s.state, nonce: s.nonce, platform_id: s.platformId, expires: s.expires }).execute();
  }

  async takeLoginState(state: string): Promise<LtiLoginState | undefined> {
    // DELETE … RETURNING: of two requests racing with one state, only one gets the row.
    const row = await this.db.deleteFrom('lti_login_states').where('state', '=', state).returningAll().executeTakeFirst();
    return row && { state: row.state, nonce: row.nonce, platformId: row.platform_id, expires: row.expires };
  }

  async saveLaunch(l: LtiLaunchRecord): Promise<void> {
    await this.db
      .insertInto('lti_launches')
      .values({ id_hash: l.idHash, kind: l.kind, org: l.org, platform_id: l.platformId, deployment_id: l.deploymentId, credential_key: l.credentialKey, claims: l.claims, created: l.created, expires: l.expires })
      .execute();
  }

  async launch(idHash: string): Promise<LtiLaunchRecord | undefined> {
    const row = await this.db.selectFrom('lti_launches').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return row && toLaunch(row);
  }

  async launchByCredential(credentialKey: string): Promise<LtiLaunchRecord | undefined> {
    const row = await this.db.selectFrom('lti_launches').selectAll().where('credential_key', '=', credentialKey).executeTakeFirst();
    return row && toLaunch(row);
  }

  async queueScore(s: Omit<LtiScore, 'id' | 'attempts' | 'lastError' | 'delivered'>): Promise<void> {
    await this.db
      .insertInto('lti_scores')
      .values({ org: s.org, platform_id: s.platformId, target: s.target, score: s.score, attempts: 0, next_attempt: s.nextAttempt, last_error: null, created: s.created, delivered: null })
      .execute();
  }

  async dueScores(now: string, limit: number): Promise<LtiScore[]> {
    const rows = await this.db.selectFrom('lti_scores').selectAll().where('delivered', 'is', null).where('next_attempt', '<=', now).orderBy('id').limit(limit).execute();
    return rows.map(toScore);
  }

  async scoreDelivered(id: number, at: string): Promise<void> {
    await this.db.updateTable('lti_scores').set((eb) => ({ delivered: at, last_error: null, attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();
  }

  async scoreFailed(id: number, error: string, nextAttempt: string): Promise<void> {
    await this.db
      .updateTable('lti_scores')
      .set((eb) => ({ last_error: error.slice(0, 2000), next_attempt: nextAttempt, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async pendingScores(): Promise<LtiScore[]> {
    return (await this.db.selectFrom('lti_scores').selectAll().where('delivered', 'is', null).orderBy('id').execute()).map(toScore);
  }

  async saveRegistrationLink(l: LtiRegistrationLink): Promise<void> {
    await this.db.insertInto('lti_registration_links').values({ token_hash: l.tokenHash, org: l.org, label: l.label, created: l.created, expires: l.expires, used: l.used }).execute();
  }

  async registrationLink(tokenHash: string): Promise<LtiRegistrationLink | undefined> {
    const row = await this.db.selectFrom('lti_registration_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && { tokenHash: row.token_hash, org: row.org, label: row.label, created: row.created, expires: row.expires, used: row.used };
  }

  async useRegistrationLink(tokenHash: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('lti_registration_links').set({ used: at }).where('token_hash', '=', tokenHash).where('used', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toPlatform(row: Database['lti_platforms']): LtiPlatform {
  return { id: row.id, org: row.org, issuer: row.issuer, clientId: row.client_id, authLoginUrl: row.auth_login_url, tokenUrl: row.token_url, jwksUrl: row.jwks_url, label: row.label, created: row.created };
}

function toDeployment(row: Database['lti_deployments']): LtiDeployment {
  return { platformId: row.platform_id, deploymentId: row.deployment_id, org: row.org, created: row.created };
}

function toLaunch(row: Database['lti_launches']): LtiLaunchRecord {
  return {
    idHash: row.id_hash,
    kind: row.kind as LtiLaunchRecord['kind'],
    org: row.org,
    platformId: row.platform_id,
    deploymentId: row.deployment_id,
    credentialKey: row.credential_key,
    claims: row.claims,
    created: row.created,
    expires: row.expires,
  };
}

function toScore(row: { id: number } & Omit<Database['lti_scores'], 'id'>): LtiScore {
  return {
    id: Number(row.id),
    org: row.org,
    platformId: row.platform_id,
    target: row.target,
    score: row.score,
    attempts: Number(row.attempts),
    nextAttempt: row.next_attempt,
    lastError: row.last_error,
    created: row.created,
    delivered: row.delivered,
  };
}

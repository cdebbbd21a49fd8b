/**
 * The schema's versioned migrations, in order. Append, never edit a released one: an LRS that
 * has run a migration never runs it again.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { learningFact } from '../../core/xapi/learning-facts.ts';
import { mergeDefinitions } from '../../core/xapi/definitions.ts';
import { factValues, type Database, type EngineTypes } from './schema.ts';

export function migrations(types: EngineTypes): Record<string, Migration> {
  return {
    '0001-initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('statements')
          .addColumn('seq', types.serialPrimaryKey, (c) => (types.serialPrimaryKey === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('stored', 'text', (c) => c.notNull())
          .addColumn('verb_id', 'text', (c) => c.notNull())
          .addColumn('object_activity_id', 'text')
          .addColumn('object_statement_id', 'text')
          .addColumn('registration', 'text')
          .addColumn('voided', 'smallint', (c) => c.notNull().defaultTo(0))
          .addColumn('voiding', 'smallint', (c) => c.notNull().defaultTo(0))
          .addColumn('org', 'text', (c) => c.notNull())
          .addColumn('credential_key', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('statements_stored').on('statements').columns(['stored']).execute();
        await db.schema.createIndex('statements_verb').on('statements').columns(['verb_id', 'seq']).execute();
        await db.schema.createIndex('statements_registration').on('statements').columns(['registration', 'seq']).execute();
        await db.schema.createIndex('statements_object_statement').on('statements').columns(['object_statement_id']).execute();
        await db.schema
          .createTable('statement_agents')
          .addColumn('seq', 'bigint', (c) => c.notNull())
          .addColumn('agent_key', 'text', (c) => c.notNull())
          .addColumn('relation', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('statement_agents_key').on('statement_agents').columns(['agent_key', 'seq']).execute();
        await db.schema
          .createTable('statement_activities')
          .addColumn('seq', 'bigint', (c) => c.notNull())
          .addColumn('activity_id', 'text', (c) => c.notNull())
          .addColumn('relation', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('statement_activities_id').on('statement_activities').columns(['activity_id', 'seq']).execute();
        await db.schema
          .createTable('activities')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('definition', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('documents')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('activity_id', 'text', (c) => c.notNull())
          .addColumn('agent_key', 'text', (c) => c.notNull())
          .addColumn('registration', 'text', (c) => c.notNull())
          .addColumn('document_id', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('content', types.blob, (c) => c.notNull())
          .addColumn('etag', 'text', (c) => c.notNull())
          .addColumn('updated', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('documents_pk', ['kind', 'activity_id', 'agent_key', 'registration', 'document_id'])
          .execute();
        await db.schema
          .createTable('credentials')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('secret_hash', 'text', (c) => c.notNull())
          .addColumn('org', 'text', (c) => c.notNull())
          .addColumn('scopes', 'text', (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('revoked', 'smallint', (c) => c.notNull().defaultTo(0))
          .execute();
      },
    },
    '0002-attachments': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('attachments')
          .addColumn('sha2', 'text', (c) => c.primaryKey())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('content', types.blob, (c) => c.notNull())
          .execute();
      },
    },
    '0003-reference-index': {
      // Statements that target another statement are few: this index finds them in order
      // without scanning the table, for the StatementRef part of filtered queries.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('statements_references')
          .on('statements')
          .column('seq')
          .where(sql.ref('object_statement_id'), 'is not', null)
          .execute();
      },
    },
    '0004-dashboard-accounts': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('accounts')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('org', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('disabled', 'smallint', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('expires', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0005-learning-facts': {
      // Reports aggregate these narrow rows (one per project statement) instead of statement JSON.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('learning_facts')
          .addColumn('seq', 'bigint', (c) => c.primaryKey())
          .addColumn('statement_id', 'text', (c) => c.notNull())
          .addColumn('org', 'text', (c) => c.notNull())
          .addColumn('learner', 'text', (c) => c.notNull())
          .addColumn('learner_name', 'text')
          .addColumn('module_id', 'text', (c) => c.notNull())
          .addColumn('verb', 'text', (c) => c.notNull())
          .addColumn('activity_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('success', 'smallint')
          .addColumn('score', types.float)
          .addColumn('response', 'text')
          .addColumn('duration_ms', types.float)
          .addColumn('points', types.float)
          .addColumn('attempt', 'integer')
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('language', 'text')
          .addColumn('registration', 'text')
          .execute();
        // Module-level outcomes (overview, funnel ends): a partial index holding every column they
        // read, so they never touch the table; it is in (module, org, learner) order, as they group.
        await db.schema
          .createIndex('learning_facts_module_outcomes')
          .on('learning_facts')
          .columns(['module_id', 'org', 'learner', 'verb', 'at', 'score', 'duration_ms', 'language', 'learner_name'])
          .where(sql<boolean>`kind = 'module'`)
          .execute();
        // Lessons seen per learner, for the learner table (by organisation, as trainers look).
        await db.schema
          .createIndex('learning_facts_lessons')
          .on('learning_facts')
          .columns(['org', 'module_id', 'learner', 'activity_id', 'at', 'language'])
          .where(sql<boolean>`kind = 'lesson'`)
          .execute();
        // Per-activity reports (lessons reached, item analysis, case decisions, survey). Not the
        // response: free text can exceed what a PostgreSQL index entry may hold.
        await db.schema.createIndex('learning_facts_module_activity').on('learning_facts').columns(['module_id', 'kind', 'activity_id', 'learner', 'attempt', 'success']).execute();
        // Statements stored before this migration get their facts now, a page at a time.
        const typed = db as unknown as Kysely<Database>;
        for (let after = 0; ; ) {
          const page = await typed
            .selectFrom('statements')
            .select(['seq', 'org', 'body'])
            .where('seq', '>', after)
            .where('voided', '=', 0)
            .where('body', 'like', '%inprocap.eu/xapi/profile%')
            .orderBy('seq')
            .limit(1000)
            .execute();
          if (!page.length) break;
          after = Number(page[page.length - 1]!.seq);
          const facts = page.flatMap((r) => {
            const fact = learningFact(JSON.parse(r.body), r.org);
            return fact ? [factValues(Number(r.seq), fact)] : [];
          });
          for (let i = 0; i < facts.length; i += 100) await typed.insertInto('learning_facts').values(facts.slice(i, i + 100)).execute();
        }
      },
    },
    '0006-tenancy': {
      // Every record belongs to an organisation (see backend.ts): statement ids are unique per
      // organisation, the index tables carry the organisation so that every filter starts with
      // it, and activity definitions, documents and attachments are kept per organisation.
      async up(db: Kysely<unknown>) {
        await tenancy(db as Kysely<Database>, types);
      },
    },
  };
}

/** Rows read or written per round trip while migrating. */
const PAGE = 1000;

async function tenancy(db: Kysely<Database>, types: EngineTypes): Promise<void> {
  const sqlite = types.serialPrimaryKey === 'integer';
  // 1. Statements: unique (org, id) instead of id; indexes led by the organisation.
  if (sqlite) {
    // SQLite cannot drop a column's UNIQUE constraint: the table is rebuilt, keeping every seq.
    await sql`create table statements_tenancy (
      seq integer primary key autoincrement, id text not null, stored text not null, verb_id text not null,
      object_activity_id text, object_statement_id text, registration text,
      voided smallint not null default 0, voiding smallint not null default 0,
      org text not null, credential_key text not null, body text not null)`.execute(db);
    await sql`insert into statements_tenancy select seq, id, stored, verb_id, object_activity_id, object_statement_id, registration, voided, voiding, org, credential_key, body from statements`.execute(db);
    await sql`drop table statements`.execute(db);
    await sql`alter table statements_tenancy rename to statements`.execute(db);
  } else {
    await sql`alter table statements drop constraint if exists statements_id_key`.execute(db);
    for (const index of ['statements_stored', 'statements_verb', 'statements_registration', 'statements_object_statement', 'statements_references']) {
      await sql`drop index if exists ${sql.ref(index)}`.execute(db);
    }
  }
  await db.schema.createIndex('statements_org_id').unique().on('statements').columns(['org', 'id']).execute();
  // For the one question asked across organisations (is a voiding target another's?).
  await db.schema.createIndex('statements_id').on('statements').column('id').execute();
  await db.schema.createIndex('statements_org_seq').on('statements').columns(['org', 'seq']).execute();
  await db.schema.createIndex('statements_org_stored').on('statements').columns(['org', 'stored']).execute();
  await db.schema.createIndex('statements_org_verb').on('statements').columns(['org', 'verb_id', 'seq']).execute();
  await db.schema.createIndex('statements_org_registration').on('statements').columns(['org', 'registration', 'seq']).execute();
  await db.schema.createIndex('statements_org_object_statement').on('statements').columns(['org', 'object_statement_id']).execute();
  // Statements that target another statement are few: this index finds them in order.
  await db.schema.createIndex('statements_org_references').on('statements').columns(['org', 'seq']).where(sql.ref('object_statement_id'), 'is not', null).execute();

  // 2. The agent and activity index rows carry their statement's organisation.
  for (const table of ['statement_agents', 'statement_activities'] as const) {
    await sql`alter table ${sql.table(table)} add column org text not null default ''`.execute(db);
    await sql`update ${sql.table(table)} set org = (select s.org from statements s where s.seq = ${sql.ref(`${table}.seq`)})`.execute(db);
  }
  await sql`drop index if exists statement_agents_key`.execute(db);
  await sql`drop index if exists statement_activities_id`.execute(db);
  await db.schema.createIndex('statement_agents_org_key').on('statement_agents').columns(['org', 'agent_key', 'seq']).execute();
  await db.schema.createIndex('statement_activities_org_id').on('statement_activities').columns(['org', 'activity_id', 'seq']).execute();

  // 3. Activity definitions per organisation, merged again from each organisation's own
  // statements: a definition merged across organisations would show one's names to another.
  await sql`drop table activities`.execute(db);
  await db.schema
    .createTable('activities')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('activities_pk', ['org', 'id'])
    .execute();
  const definitions = new Map<string, { org: string; id: string; definition: Record<string, unknown> }>();
  const attachmentsOf = new Map<string, Set<string>>(); // org -> sha2s its statements declare
  for (let after = 0; ; ) {
    const page = await db.selectFrom('statements').select(['seq', 'org', 'body']).where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
    if (!page.length) break;
    after = Number(page[page.length - 1]!.seq);
    for (const row of page) {
      if (!row.body.includes('"definition"') && !row.body.includes('"sha2"')) continue;
      const body = JSON.parse(row.body) as Record<string, any>;
      const object = body.object ?? {};
      if ((object.objectType ?? 'Activity') === 'Activity' && object.definition) {
        const key = `${row.org}\u0000${object.id}`;
        definitions.set(key, { org: row.org, id: object.id, definition: mergeDefinitions(definitions.get(key)?.definition, object.definition) });
      }
      for (const a of [...(body.attachments ?? []), ...(object.attachments ?? [])]) {
        if (typeof a?.sha2 === 'string') (attachmentsOf.get(row.org) ?? attachmentsOf.set(row.org, new Set()).get(row.org)!).add(a.sha2.toLowerCase());
      }
    }
  }
  const rows = [...definitions.values()].map((d) => ({ org: d.org, id: d.id, definition: JSON.stringify({ objectType: 'Activity', id: d.id, definition: d.definition }) }));
  for (let i = 0; i < rows.length; i += PAGE) await db.insertInto('activities').values(rows.slice(i, i + PAGE)).execute();

  // 4. Attachments per organisation: each organisation keeps the contents its statements declare.
  await db.schema
    .createTable('attachments_tenancy')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('sha2', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', types.blob, (c) => c.notNull())
    .addPrimaryKeyConstraint('attachments_org_pk', ['org', 'sha2'])
    .execute();
  for (const [org, hashes] of attachmentsOf) {
    for (const sha2 of hashes) {
      await sql`insert into attachments_tenancy (org, sha2, content_type, content)
                select ${org}, sha2, content_type, content from attachments where sha2 = ${sha2}`.execute(db);
    }
  }
  await sql`drop table attachments`.execute(db);
  await sql`alter table attachments_tenancy rename to attachments`.execute(db);

  // 5. Documents per organisation. Documents did not record who wrote them: each goes to the
  // organisation whose statements name its agent (state, agent profiles) or its activity
  // (activity profiles), the most recent first; failing that, to the one organisation there is.
  // A document no rule places is kept for no organisation (org ''), where no credential reads it.
  await db.schema
    .createTable('documents_tenancy')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('agent_key', 'text', (c) => c.notNull())
    .addColumn('registration', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', types.blob, (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('updated', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('documents_org_pk', ['org', 'kind', 'activity_id', 'agent_key', 'registration', 'document_id'])
    .execute();
  const orgs = new Set([
    ...(await db.selectFrom('statements').select('org').distinct().execute()).map((r) => r.org),
    ...(await db.selectFrom('credentials').select('org').distinct().execute()).map((r) => r.org),
  ]);
  const onlyOrg = orgs.size === 1 ? [...orgs][0]! : '';
  const owners = new Map<string, string>();
  const ownerOf = async (kind: 'agent' | 'activity', key: string): Promise<string> => {
    const cached = owners.get(`${kind}:${key}`);
    if (cached !== undefined) return cached;
    const row =
      kind === 'agent'
        ? await db.selectFrom('statement_agents').select('org').where('agent_key', '=', key).orderBy('seq', 'desc').limit(1).executeTakeFirst()
        : await db.selectFrom('statement_activities').select('org').where('activity_id', '=', key).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const org = row?.org ?? onlyOrg;
    owners.set(`${kind}:${key}`, org);
    return org;
  };
  const documents = await db.selectFrom('documents').select(['kind', 'activity_id', 'agent_key', 'registration', 'document_id']).execute();
  for (const d of documents) {
    const org = d.agent_key ? await ownerOf('agent', d.agent_key) : await ownerOf('activity', d.activity_id);
    await sql`insert into documents_tenancy (org, kind, activity_id, agent_key, registration, document_id, content_type, content, etag, updated)
              select ${org}, kind, activity_id, agent_key, registration, document_id, content_type, content, etag, updated from documents
              where kind = ${d.kind} and activity_id = ${d.activity_id} and agent_key = ${d.agent_key} and registration = ${d.registration} and document_id = ${d.document_id}`.execute(db);
  }
  await sql`drop table documents`.execute(db);
  await sql`alter table documents_tenancy rename to documents`.execute(db);
}

/** Migration 0006: tenancy. Released: never edit it; add a new one. */
import { sql, type Migration, type Kysely } from 'kysely';
import { mergeDefinitions } from '../../../core/xapi/definitions.ts';
import { type Database, type EngineTypes } from '../schema.ts';

export const migration = (types: EngineTypes): Migration => ({
  // Every record belongs to an organisation (see backend.ts): statement ids are unique per
  // organisation, the index tables carry the organisation so that every filter starts with
  // it, and activity definitions, documents and attachments are kept per organisation.
  async up(db: Kysely<unknown>) {
    await tenancy(db as Kysely<Database>, types);
  },
});


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

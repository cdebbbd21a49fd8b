/**
 * The SQL behind the LRS, written once with kysely; SQLite and PostgreSQL differ only in their
 * dialect and a few column types, given by each subclass.
 */
import { Kysely, Migrator, sql, type Migration, type MigrationProvider, type Transaction } from 'kysely';
import { learningFact, type LearningFact } from '../reports/facts.ts';
import type { ReportStore } from '../reports/report-store.ts';
import { SqlReports } from './sql-reports.ts';
import type {
  Account,
  Credential,
  Session,
  DocumentKey,
  LrsBackend,
  StatementQuery,
  StatementRow,
  StoredDocument,
  StoredStatement,
} from './backend.ts';

export interface Database {
  statements: {
    seq: number;
    id: string;
    stored: string;
    verb_id: string;
    object_activity_id: string | null;
    object_statement_id: string | null;
    registration: string | null;
    voided: number;
    voiding: number;
    org: string;
    credential_key: string;
    body: string;
  };
  statement_agents: { seq: number; agent_key: string; relation: string };
  statement_activities: { seq: number; activity_id: string; relation: string };
  activities: { id: string; definition: string };
  documents: {
    kind: string;
    activity_id: string;
    agent_key: string;
    registration: string;
    document_id: string;
    content_type: string;
    content: Buffer;
    etag: string;
    updated: string;
  };
  attachments: { sha2: string; content_type: string; content: Buffer };
  learning_facts: {
    seq: number;
    statement_id: string;
    org: string;
    learner: string;
    learner_name: string | null;
    module_id: string;
    verb: string;
    activity_id: string;
    kind: string;
    success: number | null;
    score: number | null;
    response: string | null;
    duration_ms: number | null;
    points: number | null;
    attempt: number | null;
    at: string;
    language: string | null;
    registration: string | null;
  };
  accounts: { username: string; password_hash: string; role: string; org: string | null; created: string; disabled: number };
  sessions: { id_hash: string; username: string; csrf_token: string; expires: string };
  credentials: {
    key: string;
    secret_hash: string;
    org: string;
    scopes: string;
    label: string;
    created: string;
    revoked: number;
  };
}

/** Column types that differ between engines. */
export interface EngineTypes {
  serialPrimaryKey: 'integer' | 'bigserial';
  blob: 'blob' | 'bytea';
  float: 'real' | 'double precision';
}

/** The learning_facts row of a fact (see reports/facts.ts). */
export function factValues(seq: number, f: LearningFact): Database['learning_facts'] {
  return {
    seq,
    statement_id: f.statementId,
    org: f.org,
    learner: f.learner,
    learner_name: f.learnerName,
    module_id: f.moduleId,
    verb: f.verb,
    activity_id: f.activityId,
    kind: f.kind,
    success: f.success === null ? null : f.success ? 1 : 0,
    score: f.scoreScaled,
    response: f.response,
    duration_ms: f.durationMs,
    points: f.points,
    attempt: f.attempt,
    at: f.timestamp,
    language: f.language,
    registration: f.registration,
  };
}

export const FACT_COLUMNS = [
  'seq', 'statement_id', 'org', 'learner', 'learner_name', 'module_id', 'verb', 'activity_id', 'kind', 'success', 'score',
  'response', 'duration_ms', 'points', 'attempt', 'at', 'language', 'registration',
] as const;

/** Versioned migrations: append, never edit a released one. */
function migrations(types: EngineTypes): Record<string, Migration> {
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
  };
}

/** Rows per multi-row INSERT: within SQLite's bound-parameter limit with room to spare. */
const INSERT_CHUNK = 200;

const STATEMENT_COLUMNS = ['seq', 'id', 'stored', 'voided', 'voiding', 'object_statement_id', 'credential_key', 'body'] as const;

const toStored = (r: Pick<Database['statements'], (typeof STATEMENT_COLUMNS)[number]>): StoredStatement => ({
  seq: Number(r.seq),
  id: r.id,
  stored: r.stored,
  voided: Number(r.voided) === 1,
  voiding: Number(r.voiding) === 1,
  objectStatementId: r.object_statement_id,
  credentialKey: r.credential_key,
  body: r.body,
});


export abstract class SqlBackend implements LrsBackend {
  abstract readonly engine: 'sqlite' | 'postgres';

  constructor(
    protected readonly db: Kysely<Database>,
    private readonly types: EngineTypes,
    private readonly inTransaction = false,
  ) {}

  protected abstract withTransaction(db: Transaction<Database>): SqlBackend;

  get reports(): ReportStore {
    return new SqlReports(this.db);
  }

  async migrate(): Promise<void> {
    const all = migrations(this.types);
    const provider: MigrationProvider = { getMigrations: async () => all };
    // Several processes may start at once on one PostgreSQL: the migrator's lock serialises them,
    // but creating its bookkeeping tables can race on a fresh database, so a failed first try is retried.
    for (let attempt = 1; ; attempt++) {
      const schema = await this.migrationSchema();
      const { error, results } = await new Migrator({ db: this.db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
      const failed = results?.find((r) => r.status === 'Error');
      if (!error && !failed) return;
      if (attempt >= 5) throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }

  /**
   * Where the migrator keeps its bookkeeping tables. Named explicitly on PostgreSQL: otherwise it
   * looks for them in every schema and is fooled by another LRS's tables in a neighbouring schema.
   */
  protected async migrationSchema(): Promise<string | undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    if (!this.inTransaction) await this.db.destroy();
  }

  async transaction<T>(work: (tx: LrsBackend) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.transaction().execute((trx) => work(this.withTransaction(trx)));
  }

  async findStatements(ids: string[]): Promise<StoredStatement[]> {
    if (!ids.length) return [];
    const rows = await this.db.selectFrom('statements').select(STATEMENT_COLUMNS).where('id', 'in', ids).execute();
    return rows.map(toStored);
  }

  async insertStatements(rows: StatementRow[]): Promise<void> {
    // Multi-row inserts: one statement per row would cost a round trip each.
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const inserted = await this.db
        .insertInto('statements')
        .values(
          chunk.map((row) => ({
            id: row.id,
            stored: row.stored,
            verb_id: row.verbId,
            object_activity_id: row.objectActivityId,
            object_statement_id: row.objectStatementId,
            registration: row.registration,
            voided: 0,
            voiding: row.voiding ? 1 : 0,
            org: row.org,
            credential_key: row.credentialKey,
            body: row.body,
          })) as never,
        )
        .returning(['seq', 'id'])
        .execute();
      const seqOf = new Map(inserted.map((r) => [r.id, Number(r.seq)]));
      const agents = chunk.flatMap((row) => row.agents.map((a) => ({ seq: seqOf.get(row.id)!, agent_key: a.key, relation: a.relation })));
      const activities = chunk.flatMap((row) => row.activities.map((a) => ({ seq: seqOf.get(row.id)!, activity_id: a.id, relation: a.relation })));
      for (let j = 0; j < agents.length; j += INSERT_CHUNK * 2) await this.db.insertInto('statement_agents').values(agents.slice(j, j + INSERT_CHUNK * 2)).execute();
      for (let j = 0; j < activities.length; j += INSERT_CHUNK * 2) await this.db.insertInto('statement_activities').values(activities.slice(j, j + INSERT_CHUNK * 2)).execute();
      const facts = chunk.flatMap((row) => (row.fact ? [factValues(seqOf.get(row.id)!, row.fact)] : []));
      if (facts.length) await this.db.insertInto('learning_facts').values(facts).execute();
    }
  }

  async markVoided(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.updateTable('statements').set({ voided: 1 }).where('id', 'in', ids).execute();
    // A voided statement no longer counts in any report.
    await this.db.deleteFrom('learning_facts').where('seq', 'in', this.db.selectFrom('statements').select('seq').where('id', 'in', ids)).execute();
  }

  async queryStatements(q: StatementQuery): Promise<StoredStatement[]> {
    const page = (query: ReturnType<typeof this.statementsPage>) =>
      query.orderBy('seq', q.ascending ? 'asc' : 'desc').limit(q.limit).execute();
    const direct = await page(this.statementsPage(q).where((eb) => eb.and(this.directFilters(eb, q, 'statements'))));
    if (!(q.agentKey || q.verbId || q.activityId || q.registration)) return direct.map(toStored);
    // A statement also matches when it targets (StatementRef, voiding included) a statement that
    // matches, even a voided one; two levels of reference are followed. Few statements are
    // references, so they are looked up apart, from their own index, and merged in order.
    const referring = await page(
      this.statementsPage(q)
        .where('object_statement_id', 'is not', null)
        .where((eb) =>
          eb.or([
            eb.exists(eb.selectFrom('statements as t').select('t.seq').whereRef('t.id', '=', 'statements.object_statement_id').where((e) => e.and(this.directFilters(e, q, 't')))),
            eb.exists(
              eb
                .selectFrom('statements as t1')
                .innerJoin('statements as t2', 't2.id', 't1.object_statement_id')
                .select('t1.seq')
                .whereRef('t1.id', '=', 'statements.object_statement_id')
                .where((e) => e.and(this.directFilters(e, q, 't2'))),
            ),
          ]),
        ),
    );
    const merged = new Map([...direct, ...referring].map((r) => [Number(r.seq), r]));
    return [...merged.values()]
      .sort((a, b) => (q.ascending ? Number(a.seq) - Number(b.seq) : Number(b.seq) - Number(a.seq)))
      .slice(0, q.limit)
      .map(toStored);
  }

  /** Unvoided statements within the query's time and paging bounds. */
  private statementsPage(q: StatementQuery) {
    let query = this.db.selectFrom('statements').select(STATEMENT_COLUMNS).where('voided', '=', 0);
    if (q.since) query = query.where('stored', '>', q.since);
    if (q.until) query = query.where('stored', '<=', q.until);
    if (q.credentialKey) query = query.where('credential_key', '=', q.credentialKey);
    if (q.maxSeq !== undefined) query = query.where('seq', '<=', q.maxSeq);
    if (q.afterSeq !== undefined) query = query.where('seq', q.ascending ? '>' : '<', q.afterSeq);
    return query;
  }

  /** The agent, verb, activity and registration filters on the statements table seen as `table`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private directFilters(eb: any, q: StatementQuery, table: 'statements' | 't' | 't2') {
    const conditions = [];
    if (q.verbId) conditions.push(eb(`${table}.verb_id`, '=', q.verbId));
    if (q.registration) conditions.push(eb(`${table}.registration`, '=', q.registration));
    if (q.activityId) {
      const relations = q.relatedActivities ? ['object', 'related'] : ['object'];
      conditions.push(
        eb(`${table}.seq`, 'in', this.db.selectFrom('statement_activities').select('seq').where('activity_id', '=', q.activityId).where('relation', 'in', relations)),
      );
    }
    if (q.agentKey) {
      const relations = q.relatedAgents ? ['actor', 'object', 'related'] : ['actor', 'object'];
      conditions.push(
        eb(`${table}.seq`, 'in', this.db.selectFrom('statement_agents').select('seq').where('agent_key', '=', q.agentKey).where('relation', 'in', relations)),
      );
    }
    return conditions;
  }

  async statementsReferring(ids: string[]): Promise<StoredStatement[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('statements')
      .select(STATEMENT_COLUMNS)
      .where('object_statement_id', 'in', ids)
      .where('voided', '=', 0)
      .where('voiding', '=', 0)
      .execute();
    return rows.map(toStored);
  }

  async lastSeq(): Promise<number> {
    const row = await this.db.selectFrom('statements').select(sql<number>`coalesce(max(seq), 0)`.as('max')).executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  async getActivities(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.selectFrom('activities').select(['id', 'definition']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.definition]));
  }

  async upsertActivity(id: string, definition: string): Promise<void> {
    await this.db
      .insertInto('activities')
      .values({ id, definition })
      .onConflict((oc) => oc.column('id').doUpdateSet({ definition }))
      .execute();
  }

  async getActivity(id: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('activities').select('definition').where('id', '=', id).executeTakeFirst();
    return row?.definition;
  }

  async getDocument(key: DocumentKey): Promise<StoredDocument | undefined> {
    const row = await this.db
      .selectFrom('documents')
      .select(['content_type', 'content', 'etag', 'updated'])
      .where('kind', '=', key.kind)
      .where('activity_id', '=', key.activityId)
      .where('agent_key', '=', key.agentKey)
      .where('registration', '=', key.registration)
      .where('document_id', '=', key.documentId)
      .executeTakeFirst();
    return row && { contentType: row.content_type, content: Buffer.from(row.content), etag: row.etag, updated: row.updated };
  }

  async putDocument(key: DocumentKey, doc: StoredDocument): Promise<void> {
    const values = {
      kind: key.kind,
      activity_id: key.activityId,
      agent_key: key.agentKey,
      registration: key.registration,
      document_id: key.documentId,
      content_type: doc.contentType,
      content: doc.content,
      etag: doc.etag,
      updated: doc.updated,
    };
    await this.db
      .insertInto('documents')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['kind', 'activity_id', 'agent_key', 'registration', 'document_id'])
          .doUpdateSet({ content_type: doc.contentType, content: doc.content, etag: doc.etag, updated: doc.updated }),
      )
      .execute();
  }

  async deleteDocuments(key: Omit<DocumentKey, 'documentId'> & { documentId?: string }): Promise<void> {
    let query = this.db
      .deleteFrom('documents')
      .where('kind', '=', key.kind)
      .where('activity_id', '=', key.activityId)
      .where('agent_key', '=', key.agentKey)
      .where('registration', '=', key.registration);
    if (key.documentId !== undefined) query = query.where('document_id', '=', key.documentId);
    await query.execute();
  }

  async listDocumentIds(key: Omit<DocumentKey, 'documentId'>, since?: string): Promise<string[]> {
    let query = this.db
      .selectFrom('documents')
      .select('document_id')
      .where('kind', '=', key.kind)
      .where('activity_id', '=', key.activityId)
      .where('agent_key', '=', key.agentKey)
      .where('registration', '=', key.registration);
    if (since) query = query.where('updated', '>', since);
    const rows = await query.orderBy('document_id').execute();
    return rows.map((r) => r.document_id);
  }

  async saveAttachments(attachments: { sha2: string; contentType: string; content: Buffer }[]): Promise<void> {
    for (const a of attachments) {
      await this.db
        .insertInto('attachments')
        .values({ sha2: a.sha2, content_type: a.contentType, content: a.content })
        .onConflict((oc) => oc.column('sha2').doNothing())
        .execute();
    }
  }

  async getAttachments(sha2s: string[]): Promise<{ sha2: string; contentType: string; content: Buffer }[]> {
    if (!sha2s.length) return [];
    const rows = await this.db.selectFrom('attachments').selectAll().where('sha2', 'in', sha2s).execute();
    return rows.map((r) => ({ sha2: r.sha2, contentType: r.content_type, content: Buffer.from(r.content) }));
  }

  async saveAccount(a: Account): Promise<void> {
    const values = { username: a.username, password_hash: a.passwordHash, role: a.role, org: a.org, created: a.created, disabled: a.disabled ? 1 : 0 };
    await this.db
      .insertInto('accounts')
      .values(values)
      .onConflict((oc) => oc.column('username').doUpdateSet({ password_hash: values.password_hash, role: values.role, org: values.org, disabled: values.disabled }))
      .execute();
  }

  async getAccount(username: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
    return row && toAccount(row);
  }

  async listAccounts(): Promise<Account[]> {
    return (await this.db.selectFrom('accounts').selectAll().orderBy('username').execute()).map(toAccount);
  }

  async saveSession(session: Session): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id_hash: session.idHash, username: session.username, csrf_token: session.csrfToken, expires: session.expires })
      .execute();
  }

  async getSession(idHash: string): Promise<Session | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return row && { idHash: row.id_hash, username: row.username, csrfToken: row.csrf_token, expires: row.expires };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async saveCredential(c: Credential): Promise<void> {
    await this.db
      .insertInto('credentials')
      .values({ key: c.key, secret_hash: c.secretHash, org: c.org, scopes: JSON.stringify(c.scopes), label: c.label, created: c.created, revoked: c.revoked ? 1 : 0 })
      .execute();
  }

  async getCredential(key: string): Promise<Credential | undefined> {
    const row = await this.db.selectFrom('credentials').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toCredential(row);
  }

  async listCredentials(): Promise<Credential[]> {
    const rows = await this.db.selectFrom('credentials').selectAll().orderBy('created').execute();
    return rows.map(toCredential);
  }

  async revokeCredential(key: string): Promise<boolean> {
    const result = await this.db.updateTable('credentials').set({ revoked: 1 }).where('key', '=', key).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toAccount(row: Database['accounts']): Account {
  return {
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role as Account['role'],
    org: row.org,
    created: row.created,
    disabled: Number(row.disabled) === 1,
  };
}

function toCredential(row: Database['credentials']): Credential {
  return {
    key: row.key,
    secretHash: row.secret_hash,
    org: row.org,
    scopes: JSON.parse(row.scopes) as string[],
    label: row.label,
    created: row.created,
    revoked: Number(row.revoked) === 1,
  };
}

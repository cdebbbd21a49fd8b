/**
 * One organisation's xAPI records in SQL (see TenantStore in backend.ts): statements, activity
 * definitions, documents and attachments. The organisation is fixed when the store is made and
 * every query below names it, so no caller can read or change another organisation's records.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Certificate, DocumentKey, StatementQuery, StatementRow, StoredDocument, StoredStatement, TenantStore, TrainingSession } from './backend.ts';
import { followed, recomputeProgress, trackProgress } from './learner-progress.ts';
import { factValues, type Database } from './schema.ts';

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

export class SqlTenantStore implements TenantStore {
  constructor(
    protected readonly db: Kysely<Database>,
    readonly org: string,
    protected readonly inTransaction = false,
  ) {}

  /** The same organisation's store on a transaction (engines add what they keep per connection). */
  protected withTransaction(trx: Kysely<Database>): SqlTenantStore {
    return new SqlTenantStore(trx, this.org, true);
  }

  async transaction<T>(work: (tx: TenantStore) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.transaction().execute((trx) => work(this.withTransaction(trx)));
  }

  /** The statements table, this organisation's rows only. */
  private statements() {
    return this.db.selectFrom('statements').where('statements.org', '=', this.org);
  }

  async findStatements(ids: string[]): Promise<StoredStatement[]> {
    if (!ids.length) return [];
    const rows = await this.statements().select(STATEMENT_COLUMNS).where('id', 'in', ids).execute();
    return rows.map(toStored);
  }

  async heldElsewhere(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('statements')
      .select('id')
      .where('id', 'in', ids)
      .where('org', '!=', this.org)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('statements as mine').select('mine.seq').whereRef('mine.id', '=', 'statements.id').where('mine.org', '=', this.org))))
      .execute();
    return [...new Set(rows.map((r) => r.id))];
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
            org: this.org,
            credential_key: row.credentialKey,
            body: row.body,
          })) as never,
        )
        .returning(['seq', 'id'])
        .execute();
      const seqOf = new Map(inserted.map((r) => [r.id, Number(r.seq)]));
      const agents = chunk.flatMap((row) => row.agents.map((a) => ({ seq: seqOf.get(row.id)!, org: this.org, agent_key: a.key, relation: a.relation })));
      const activities = chunk.flatMap((row) => row.activities.map((a) => ({ seq: seqOf.get(row.id)!, org: this.org, activity_id: a.id, relation: a.relation })));
      for (let j = 0; j < agents.length; j += INSERT_CHUNK) await this.db.insertInto('statement_agents').values(agents.slice(j, j + INSERT_CHUNK)).execute();
      for (let j = 0; j < activities.length; j += INSERT_CHUNK) await this.db.insertInto('statement_activities').values(activities.slice(j, j + INSERT_CHUNK)).execute();
      const facts = chunk.flatMap((row) => (row.fact ? [factValues(seqOf.get(row.id)!, { ...row.fact, org: this.org })] : []));
      if (facts.length) await this.db.insertInto('learning_facts').values(facts).execute();
      await trackProgress(this.db, facts);
    }
  }

  async markVoided(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const targets = this.statements().select('seq').where('id', 'in', ids);
    await this.db.updateTable('statements').set({ voided: 1 }).where('org', '=', this.org).where('id', 'in', ids).execute();
    // A voided statement no longer counts in any report: its fact goes, and the progress of the
    // learners it touched is computed again from what remains.
    const touched = await this.db.selectFrom('learning_facts').select(['org', 'module_id', 'learner', 'kind', 'verb']).where('seq', 'in', targets).execute();
    const followedFacts = touched.filter((fact) => followed(fact));
    await this.db.deleteFrom('learning_facts').where('seq', 'in', targets).execute();
    if (followedFacts.length) await recomputeProgress(this.db, followedFacts);
  }

  async queryStatements(q: StatementQuery): Promise<StoredStatement[]> {
    const page = (query: ReturnType<typeof this.statementsPage>) => query.orderBy('seq', q.ascending ? 'asc' : 'desc').limit(q.limit).execute();
    const direct = await page(this.statementsPage(q).where((eb) => eb.and(this.directFilters(eb, q, 'statements'))));
    if (!(q.agentKey || q.verbId || q.activityId || q.registration)) return direct.map(toStored);
    // A statement also matches when it targets (StatementRef, voiding included) a statement that
    // matches, even a voided one; two levels of reference are followed, within the organisation.
    // Few statements are references, so they are looked up apart, from their own index, and
    // merged in order.
    const referring = await page(
      this.statementsPage(q)
        .where('object_statement_id', 'is not', null)
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('statements as t')
                .select('t.seq')
                .where('t.org', '=', this.org)
                .whereRef('t.id', '=', 'statements.object_statement_id')
                .where((e) => e.and(this.directFilters(e, q, 't'))),
            ),
            eb.exists(
              eb
                .selectFrom('statements as t1')
                .innerJoin('statements as t2', (join) => join.onRef('t2.id', '=', 't1.object_statement_id').on('t2.org', '=', this.org))
                .select('t1.seq')
                .where('t1.org', '=', this.org)
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

  /** Unvoided statements of this organisation within the query's time and paging bounds. */
  private statementsPage(q: StatementQuery) {
    let query = this.statements().select(STATEMENT_COLUMNS).where('voided', '=', 0);
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
        eb(
          `${table}.seq`,
          'in',
          this.db.selectFrom('statement_activities').select('seq').where('org', '=', this.org).where('activity_id', '=', q.activityId).where('relation', 'in', relations),
        ),
      );
    }
    if (q.agentKey) {
      const relations = q.relatedAgents ? ['actor', 'object', 'related'] : ['actor', 'object'];
      conditions.push(
        eb(`${table}.seq`, 'in', this.db.selectFrom('statement_agents').select('seq').where('org', '=', this.org).where('agent_key', '=', q.agentKey).where('relation', 'in', relations)),
      );
    }
    return conditions;
  }

  async statementsReferring(ids: string[]): Promise<StoredStatement[]> {
    if (!ids.length) return [];
    const rows = await this.statements().select(STATEMENT_COLUMNS).where('object_statement_id', 'in', ids).where('voided', '=', 0).where('voiding', '=', 0).execute();
    return rows.map(toStored);
  }

  async lastSeq(): Promise<number> {
    const row = await this.db.selectFrom('statements').select(sql<number>`coalesce(max(seq), 0)`.as('max')).executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  async getActivities(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.selectFrom('activities').select(['id', 'definition']).where('org', '=', this.org).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.definition]));
  }

  async upsertActivity(id: string, definition: string): Promise<void> {
    await this.db
      .insertInto('activities')
      .values({ org: this.org, id, definition })
      .onConflict((oc) => oc.columns(['org', 'id']).doUpdateSet({ definition }))
      .execute();
  }

  async getActivity(id: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('activities').select('definition').where('org', '=', this.org).where('id', '=', id).executeTakeFirst();
    return row?.definition;
  }

  /** This organisation's documents of one kind, activity, agent and registration. */
  private documentsOf(key: Omit<DocumentKey, 'documentId'>) {
    return (eb: ExpressionBuilder<Database, 'documents'>) =>
      eb.and([
        eb('org', '=', this.org),
        eb('kind', '=', key.kind),
        eb('activity_id', '=', key.activityId),
        eb('agent_key', '=', key.agentKey),
        eb('registration', '=', key.registration),
      ]);
  }

  async getDocument(key: DocumentKey): Promise<StoredDocument | undefined> {
    const row = await this.db
      .selectFrom('documents')
      .select(['content_type', 'content', 'etag', 'updated'])
      .where(this.documentsOf(key))
      .where('document_id', '=', key.documentId)
      .executeTakeFirst();
    return row && { contentType: row.content_type, content: Buffer.from(row.content), etag: row.etag, updated: row.updated };
  }

  async putDocument(key: DocumentKey, doc: StoredDocument): Promise<void> {
    await this.db
      .insertInto('documents')
      .values({
        org: this.org,
        kind: key.kind,
        activity_id: key.activityId,
        agent_key: key.agentKey,
        registration: key.registration,
        document_id: key.documentId,
        content_type: doc.contentType,
        content: doc.content,
        etag: doc.etag,
        updated: doc.updated,
      })
      .onConflict((oc) =>
        oc
          .columns(['org', 'kind', 'activity_id', 'agent_key', 'registration', 'document_id'])
          .doUpdateSet({ content_type: doc.contentType, content: doc.content, etag: doc.etag, updated: doc.updated }),
      )
      .execute();
  }

  async deleteDocuments(key: Omit<DocumentKey, 'documentId'> & { documentId?: string }): Promise<void> {
    let query = this.db.deleteFrom('documents').where(this.documentsOf(key));
    if (key.documentId !== undefined) query = query.where('document_id', '=', key.documentId);
    await query.execute();
  }

  async listDocumentIds(key: Omit<DocumentKey, 'documentId'>, since?: string): Promise<string[]> {
    let query = this.db.selectFrom('documents').select('document_id').where(this.documentsOf(key));
    if (since) query = query.where('updated', '>', since);
    const rows = await query.orderBy('document_id').execute();
    return rows.map((r) => r.document_id);
  }

  async saveAttachments(attachments: { sha2: string; contentType: string; content: Buffer }[]): Promise<void> {
    for (const a of attachments) {
      await this.db
        .insertInto('attachments')
        .values({ org: this.org, sha2: a.sha2, content_type: a.contentType, content: a.content })
        .onConflict((oc) => oc.columns(['org', 'sha2']).doNothing())
        .execute();
    }
  }

  async getAttachments(sha2s: string[]): Promise<{ sha2: string; contentType: string; content: Buffer }[]> {
    if (!sha2s.length) return [];
    const rows = await this.db.selectFrom('attachments').selectAll().where('org', '=', this.org).where('sha2', 'in', sha2s).execute();
    return rows.map((r) => ({ sha2: r.sha2, contentType: r.content_type, content: Buffer.from(r.content) }));
  }

  async saveTrainingSession(session: Omit<TrainingSession, 'org'>): Promise<void> {
    await this.db
      .insertInto('training_sessions')
      .values({ id: session.id, org: this.org, module_id: session.moduleId, date: session.date, place: session.place, created_by: session.createdBy, created: session.created })
      .execute();
  }

  async trainingSession(id: string): Promise<TrainingSession | undefined> {
    const row = await this.db.selectFrom('training_sessions').selectAll().where('org', '=', this.org).where('id', '=', id).executeTakeFirst();
    return row ? toTrainingSession(row) : undefined;
  }

  async trainingSessions(): Promise<TrainingSession[]> {
    const rows = await this.db.selectFrom('training_sessions').selectAll().where('org', '=', this.org).orderBy('date', 'desc').orderBy('created', 'desc').execute();
    return rows.map(toTrainingSession);
  }

  async saveCertificate(c: Omit<Certificate, 'org'>): Promise<void> {
    await this.db.insertInto('certificates').values({ code_hash: c.codeHash, org: this.org, learner: c.learner, issued: c.issued, modules: c.modules, sessions: c.sessions }).execute();
  }
}

export const toTrainingSession = (r: Database['training_sessions']): TrainingSession => ({
  id: r.id,
  org: r.org,
  moduleId: r.module_id,
  date: r.date,
  place: r.place,
  createdBy: r.created_by,
  created: r.created,
});

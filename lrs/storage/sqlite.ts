/** SQLite storage (better-sqlite3): the default, a file under ./data/. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, sql, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { StatementRow, TenantStore } from './backend.ts';
import { FACT_COLUMNS, factValues, type Database as Schema } from './schema.ts';
import { SqlBackend } from './sql-backend.ts';
import { SqlTenantStore } from './sql-tenant.ts';
import { insertLesson, progressValues, upsertProgress } from './learner-progress.ts';

interface Prepared {
  statement: Database.Statement;
  agent: Database.Statement;
  activity: Database.Statement;
  definition: Database.Statement;
  fact: Database.Statement;
  lesson: Database.Statement;
  progress: Database.Statement;
}

/** Prepared once per connection, shared by every store and transaction on it. */
const prepared = new WeakMap<Database.Database, Prepared>();

/** How many of the query builder's statements stay prepared (its SQL varies little: ~100 shapes). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, preparing each SQL text once: Kysely prepares every query
 * anew, which profiled at 6.5% of a single-statement POST. Statements are kept by SQL text, the
 * least recently used dropped beyond {@link STATEMENT_CACHE_SIZE}; one still being iterated (a
 * streamed query) is busy, so the same SQL run meanwhile gets a statement of its own.
 */
export function reusingStatements(database: Database.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase & { prepared: () => number } {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepared: () => cache.size,
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        // Most recently used last: Map keeps insertion order.
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = database.prepare(text);
      if (cached) return statement;
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

export class SqliteBackend extends SqlBackend {
  readonly engine = 'sqlite' as const;

  static open(file: string): SqliteBackend {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const database = new Database(file);
    // WAL lets readers work while a writer commits; NORMAL sync is durable against process crashes.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    return new SqliteBackend(new Kysely<Schema>({ dialect: new SqliteDialect({ database: reusingStatements(database) }) }), database);
  }

  constructor(
    db: Kysely<Schema>,
    private readonly database: Database.Database,
  ) {
    super(db, { engine: 'sqlite', serialPrimaryKey: 'integer', blob: 'blob', float: 'real' });
  }

  protected override makeTenant(org: string): SqlTenantStore {
    return new SqliteTenantStore(this.db, org, this.database);
  }
}

/**
 * The ingest hot path on prepared statements: better-sqlite3 runs them synchronously on the one
 * connection kysely also uses, so inside a transaction they are part of it.
 */
class SqliteTenantStore extends SqlTenantStore {
  constructor(
    db: Kysely<Schema>,
    org: string,
    private readonly database: Database.Database,
    inTransaction = false,
  ) {
    super(db, org, inTransaction);
  }

  protected override withTransaction(trx: Kysely<Schema>): SqlTenantStore {
    return new SqliteTenantStore(trx, this.org, this.database, true);
  }

  /**
   * Begin, commit and roll back by hand rather than with kysely's transaction: on SQLITE_FULL,
   * SQLITE_IOERR and the like SQLite rolls the transaction back itself, and kysely's own rollback
   * then fails ("no transaction is active") and hides the error that says why (a 500 instead of
   * a 503).
   */
  override async transaction<T>(work: (tx: TenantStore) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.connection().execute(async (connection) => {
      await sql`begin`.execute(connection);
      try {
        const result = await work(this.withTransaction(connection));
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        if (this.database.inTransaction) this.database.exec('rollback');
        throw error;
      }
    });
  }

  override async insertStatements(rows: StatementRow[]): Promise<void> {
    const { statement, agent, activity, fact, lesson, progress } = this.prepared();
    for (const row of rows) {
      const { lastInsertRowid } = statement.run(
        row.id, row.stored, row.verbId, row.objectActivityId, row.objectStatementId, row.registration,
        row.voiding ? 1 : 0, this.org, row.credentialKey, row.body,
      );
      for (const a of row.agents) agent.run(lastInsertRowid, this.org, a.key, a.relation);
      for (const a of row.activities) activity.run(lastInsertRowid, this.org, a.id, a.relation);
      if (row.fact) {
        const values = factValues(Number(lastInsertRowid), { ...row.fact, org: this.org });
        fact.run(Object.values(values));
        // The learner's progress, as the generic path keeps it (learner-progress.ts), on the same statements.
        const newLesson = values.kind === 'lesson' && lesson.run(values.org, values.module_id, values.learner, values.activity_id).changes > 0;
        const tracked = progressValues(values, newLesson);
        if (tracked) progress.run(tracked);
      }
    }
  }

  override async upsertActivity(id: string, definition: string): Promise<void> {
    this.prepared().definition.run(this.org, id, definition);
  }

  private prepared(): Prepared {
    let statements = prepared.get(this.database);
    if (statements) return statements;
    statements = {
      statement: this.database.prepare(
        `insert into statements (id, stored, verb_id, object_activity_id, object_statement_id, registration, voided, voiding, org, credential_key, body)
         values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
      ),
      agent: this.database.prepare('insert into statement_agents (seq, org, agent_key, relation) values (?, ?, ?, ?)'),
      activity: this.database.prepare('insert into statement_activities (seq, org, activity_id, relation) values (?, ?, ?, ?)'),
      definition: this.database.prepare('insert into activities (org, id, definition) values (?, ?, ?) on conflict (org, id) do update set definition = excluded.definition'),
      fact: this.database.prepare(`insert into learning_facts (${FACT_COLUMNS.join(', ')}) values (${FACT_COLUMNS.map(() => '?').join(', ')})`),
      // The same SQL as the generic path's, compiled by kysely for SQLite with its placeholders.
      lesson: this.database.prepare(insertLesson({ org: '', module_id: '', learner: '', activity_id: '' } as never).compile(this.db).sql),
      progress: this.database.prepare(upsertProgress(new Array(13).fill(null)).compile(this.db).sql),
    };
    prepared.set(this.database, statements);
    return statements;
  }
}

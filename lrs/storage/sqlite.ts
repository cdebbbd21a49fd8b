/** SQLite storage (better-sqlite3): the default, a file under ./data/. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import { SqlBackend, type Database as Schema } from './sql-backend.ts';

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
    return new SqliteBackend(new Kysely<Schema>({ dialect: new SqliteDialect({ database }) }));
  }

  constructor(db: Kysely<Schema>, inTransaction = false) {
    super(db, { serialPrimaryKey: 'integer', blob: 'blob' }, inTransaction);
  }

  protected withTransaction(trx: Transaction<Schema>): SqlBackend {
    return new SqliteBackend(trx, true);
  }
}

/** PostgreSQL storage (pg): where a deployment grows, several LRS processes on one database. */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database as Schema } from './schema.ts';
import { SqlBackend } from './sql-backend.ts';

export class PostgresBackend extends SqlBackend {
  readonly engine = 'postgres' as const;

  static open(connectionString: string): PostgresBackend {
    // A database that does not answer fails a request in 5 s (a 503), not never.
    const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000 });
    // A connection the server dropped (a restart, a failover) is an 'error' on the pool when it is
    // idle and on the connection when it is in use: the pool replaces it, and the query running
    // on it fails (a 503). Left unheard, either event would end the process.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    return new PostgresBackend(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }));
  }

  constructor(db: Kysely<Schema>) {
    super(db, { engine: 'postgres', serialPrimaryKey: 'bigserial', blob: 'bytea', float: 'double precision' });
  }

  protected override async migrationSchema(): Promise<string | undefined> {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(this.db);
    return rows[0]?.schema;
  }
}

/** PostgreSQL storage (pg): where a deployment grows, several LRS processes on one database. */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database as Schema } from './schema.ts';
import { SqlBackend } from './sql-backend.ts';

export class PostgresBackend extends SqlBackend {
  readonly engine = 'postgres' as const;

  static open(connectionString: string): PostgresBackend {
    const pool = new pg.Pool({ connectionString, max: 10 });
    return new PostgresBackend(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }));
  }

  constructor(db: Kysely<Schema>) {
    super(db, { serialPrimaryKey: 'bigserial', blob: 'bytea', float: 'double precision' });
  }

  protected override async migrationSchema(): Promise<string | undefined> {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(this.db);
    return rows[0]?.schema;
  }
}

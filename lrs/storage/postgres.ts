/** PostgreSQL storage (pg): where a deployment grows, several LRS processes on one database. */
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { SqlBackend, type Database as Schema } from './sql-backend.ts';

export class PostgresBackend extends SqlBackend {
  readonly engine = 'postgres' as const;

  static open(connectionString: string): PostgresBackend {
    const pool = new pg.Pool({ connectionString, max: 10 });
    return new PostgresBackend(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }));
  }

  constructor(db: Kysely<Schema>, inTransaction = false) {
    super(db, { serialPrimaryKey: 'bigserial', blob: 'bytea', float: 'double precision' }, inTransaction);
  }

  protected override async migrationSchema(): Promise<string | undefined> {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(this.db);
    return rows[0]?.schema;
  }

  protected withTransaction(trx: Transaction<Schema>): SqlBackend {
    return new PostgresBackend(trx, true);
  }
}

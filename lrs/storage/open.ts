/** Opens the backend a database URL names: postgres://… for PostgreSQL, anything else a SQLite file. */
import type { LrsBackend } from './backend.ts';
import { PostgresBackend } from './postgres.ts';
import { SqliteBackend } from './sqlite.ts';

export async function openBackend(url: string, { migrateTo }: { migrateTo?: string } = {}): Promise<LrsBackend> {
  const backend = /^postgres(ql)?:\/\//.test(url)
    ? PostgresBackend.open(url)
    : SqliteBackend.open(url.replace(/^sqlite:(\/\/)?/, '') || ':memory:');
  await backend.migrate(migrateTo);
  return backend;
}

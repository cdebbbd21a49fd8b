/** The dispatch keys (dispatch-store.ts) in SQL, one implementation for SQLite and PostgreSQL. */
import type { Kysely } from 'kysely';
import type { DispatchKey, DispatchStore } from './dispatch-store.ts';
import type { Database } from './schema.ts';

const toKey = (row: Database['dispatch_keys']): DispatchKey => ({
  id: row.id,
  org: row.org,
  label: row.label,
  credentialKey: row.credential_key,
  created: row.created,
  revoked: row.revoked,
});

export class SqlDispatchStore implements DispatchStore {
  constructor(private readonly db: Kysely<Database>) {}

  async saveKey(k: DispatchKey): Promise<void> {
    await this.db.insertInto('dispatch_keys').values({ id: k.id, org: k.org, label: k.label, credential_key: k.credentialKey, created: k.created, revoked: k.revoked }).execute();
  }

  async key(id: string): Promise<DispatchKey | undefined> {
    const row = await this.db.selectFrom('dispatch_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toKey(row);
  }

  async listKeys(): Promise<DispatchKey[]> {
    return (await this.db.selectFrom('dispatch_keys').selectAll().orderBy('created').execute()).map(toKey);
  }

  async revokeKey(id: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('dispatch_keys').set({ revoked: at }).where('id', '=', id).where('revoked', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

/**
 * The SQLite connection Kysely uses prepares each SQL text once and reuses it, keeps a bounded
 * number, and never hands out a statement that is still being iterated.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { reusingStatements } from '../../lrs/storage/sqlite.ts';

function open(size?: number) {
  const database = new Database(':memory:');
  const reusing = reusingStatements(database, size);
  const prepares: string[] = [];
  const prepare = database.prepare.bind(database);
  database.prepare = ((text: string) => (prepares.push(text), prepare(text))) as typeof database.prepare;
  const db = new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: reusing }) });
  return { db, reusing, prepares };
}

describe('reusing prepared statements on SQLite', () => {
  it('prepares a query once however often it runs, with its own parameters each time', async () => {
    const { db, reusing, prepares } = open();
    await sql`create table t (n integer)`.execute(db);
    for (let n = 0; n < 20; n++) await db.insertInto('t').values({ n }).execute();
    const sums = [];
    for (let min = 0; min < 5; min++) sums.push(Number((await db.selectFrom('t').select((e) => e.fn.sum<number>('n').as('s')).where('n', '>=', min).executeTakeFirst())!.s));
    expect(sums).toEqual([190, 190, 189, 187, 184]);
    expect(prepares.filter((p) => p.startsWith('insert'))).toHaveLength(1);
    expect(prepares.filter((p) => p.startsWith('select'))).toHaveLength(1);
    expect(reusing.prepared()).toBe(3);
    await db.destroy();
  });

  it('keeps the most recently used, up to its size', async () => {
    const { db, reusing, prepares } = open(2);
    await sql`create table t (n integer)`.execute(db);
    const query = (k: number) => sql`select ${sql.lit(k)} as k`.execute(db);
    await query(1);
    await query(2);
    await query(1);
    await query(3); // drops 2, the least recently used
    await query(1);
    await query(2);
    expect(reusing.prepared()).toBe(2);
    expect(prepares.filter((p) => p === 'select 2 as k')).toHaveLength(2);
    expect(prepares.filter((p) => p === 'select 1 as k')).toHaveLength(1);
    await db.destroy();
  });

  it('gives a statement of its own to the same SQL run while another iterates it', async () => {
    // Kysely itself waits for the connection a stream holds; the storage's own code may not.
    const { db, reusing } = open();
    await sql`create table t (n integer)`.execute(db);
    for (let n = 0; n < 5; n++) await db.insertInto('t').values({ n }).execute();
    const text = 'select n from t order by n';
    const streaming = reusing.prepare(text);
    const seen: number[][] = [];
    for (const row of streaming.iterate([]) as IterableIterator<{ n: number }>) {
      const again = reusing.prepare(text);
      expect(again).not.toBe(streaming);
      seen.push([row.n, again.all([]).length]);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4].map((n) => [n, 5]));
    expect(reusing.prepare(text), 'reused once the stream is done').toBe(streaming);
    await db.destroy();
  });
});

/**
 * The databases the LRS tests run on: SQLite in a temporary file, and PostgreSQL from
 * TEST_DATABASE_URL (set by .ci/run) in a schema of its own that is dropped afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import { openBackend } from '../../lrs/storage/open.ts';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /**
   * A fresh database, migrated to the latest schema or to the migration named; `via` rewrites the
   * URL the LRS connects with (a proxy between it and the server, for fault tests).
   */
  open(options?: { migrateTo?: string; via?: (url: string) => string }): Promise<{ backend: LrsBackend; url: string; drop(): Promise<void> }>;
}

export const TEST_DATABASES: TestDatabase[] = [
  {
    name: 'sqlite',
    async open(options = {}) {
      const url = join(mkdtempSync(join(tmpdir(), 'inprocap-lrs-')), 'lrs.db');
      const backend = await openBackend(url, options);
      return { backend, url, drop: async () => backend.close() };
    },
  },
  {
    name: 'postgres',
    async open(options = {}) {
      const schema = `lrs_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const url = `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const backend = await openBackend(options.via ? options.via(url) : url, options);
      return {
        backend,
        url,
        drop: async () => {
          await backend.close();
          const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
          await cleanup.connect();
          await cleanup.query(`drop schema ${schema} cascade`);
          await cleanup.end();
        },
      };
    },
  },
];

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/inprocap.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

// Each test starts the CLI as a process (tsx compiles on start): seconds on a busy 2-core machine.
describe('inprocap CLI', { timeout: 60_000 }, () => {
  it('validate exits non-zero on a broken package and says why', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'inprocap-cli-')), 'broken.zip');
    writeFileSync(file, 'not a zip');
    const run = cli('validate', file);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('error    not a readable zip file');
    expect(run.stdout).toContain('INVALID: 1 error');
  });

  it('lrs backup copies a SQLite LRS that the LRS opens again, records intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inprocap-backup-'));
    const { openBackend } = await import('../../lrs/storage/open.ts');
    const { createCredential } = await import('../../lrs/auth/credentials.ts');
    const live = await openBackend(join(dir, 'lrs.db'));
    const { credential } = await createCredential(live, 'DTI', ['statements/write'], 'kept');
    const run = cli('lrs', 'backup', join(dir, 'copy.db'), '--database', join(dir, 'lrs.db'));
    await live.close();
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Backed up .* pages/);
    const copy = await openBackend(join(dir, 'copy.db'));
    expect((await copy.getCredential(credential.key))?.label).toBe('kept');
    await copy.close();
    expect(cli('lrs', 'backup', join(dir, 'x.db'), '--database', 'postgres://x@127.0.0.1/none').stderr).toMatch(/pg_dump/);
  });

  it('refuses an unknown package format before building anything', () => {
    const run = cli('build', '--format', 'scorm12,scorm3000');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknown format scorm3000: choose from scorm12, scorm2004');
  });

  it('translations is a report: exit 0, or 1 with --strict when something is missing', () => {
    const italian = cli('translations', '--language', 'it', '--module', 'fundamentals');
    expect(italian.status).toBe(0);
    expect(italian.stdout).toMatch(/it\s+no XLIFF\s+no XLIFF\s+2 missing\s+\d+ missing/);
    expect(italian.stdout).toContain('modules/fundamentals/quiz.it.yaml: missing (the translation of quiz.yaml)');
    expect(cli('translations', '--language', 'it', '--module', 'fundamentals', '--strict').status).toBe(1);
    const english = cli('translations', '--language', 'en', '--module', 'fundamentals', '--strict');
    expect(english.stdout).toMatch(/en English\s+source\s+source\s+complete\s+complete/);
    expect(english.status).toBe(0);
  }, 30_000);

  it('reports content problems with file, line and column and exits non-zero', () => {
    const run = cli('check', '--module', 'no-such-module');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('modules/no-such-module:1:1: no module folder "no-such-module"');
  });
});

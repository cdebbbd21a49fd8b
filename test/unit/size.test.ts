import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatSizeReport, localeOfChunk, measureRuntime, RUNTIME_BUDGET_BYTES } from '../../packaging/size.ts';

/** A runtime folder whose files have known, distinct gzip sizes (random text barely compresses). */
function runtime(files: Record<string, number>): { dir: string; gzip: (file: string) => number; raw: (file: string) => number } {
  const dir = mkdtempSync(join(tmpdir(), 'inprocap-size-'));
  for (const [file, size] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), randomBytes(size).toString('base64'));
  }
  return {
    dir,
    gzip: (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length,
    raw: (file) => readFileSync(join(dir, file)).length,
  };
}

describe('runtime size', () => {
  it('counts every non-locale file and the largest locale chunk for one session, and lists every file', () => {
    const { dir, gzip, raw } = runtime({
      'index.html': 9000, // not JS or CSS: not measured
      'assets/index-D9AXjf7U.js': 20000,
      'assets/style-a1b2c3d4.css': 3000,
      'assets/fr-a4qw4APb.js': 2000,
      'assets/de-0roi_0tz.js': 2600,
      'assets/pl-Dj51I-ic.js': 2300,
      'assets/pt-BR-x1y2z3w4.js': 1000,
    });
    const report = measureRuntime(dir, ['de', 'fr', 'pl', 'pt-BR']);
    expect(report.files.map((f) => [f.file, f.locale ?? null])).toEqual([
      ['assets/index-D9AXjf7U.js', null],
      ['assets/style-a1b2c3d4.css', null],
      ['assets/de-0roi_0tz.js', 'de'],
      ['assets/pl-Dj51I-ic.js', 'pl'],
      ['assets/fr-a4qw4APb.js', 'fr'],
      ['assets/pt-BR-x1y2z3w4.js', 'pt-BR'],
    ]);
    const all = report.files.map((f) => f.file);
    expect(report.totalGzipBytes).toBe(all.reduce((s, f) => s + gzip(f), 0));
    expect(report.totalBytes).toBe(all.reduce((s, f) => s + raw(f), 0));
    expect(report.largestLocale?.file).toBe('assets/de-0roi_0tz.js');
    const session = ['assets/index-D9AXjf7U.js', 'assets/style-a1b2c3d4.css', 'assets/de-0roi_0tz.js'];
    expect(report.sessionGzipBytes).toBe(session.reduce((s, f) => s + gzip(f), 0));
    expect(report.sessionBytes).toBe(session.reduce((s, f) => s + raw(f), 0));
    expect(report.sessionGzipBytes).toBeLessThan(report.totalGzipBytes);
    expect(report.budgetBytes).toBe(RUNTIME_BUDGET_BYTES);

    const text = formatSizeReport(report);
    for (const file of all) expect(text).toContain(file);
    expect(text).toMatch(/assets\/fr-a4qw4APb\.js .* only in fr/);
    expect(text).toMatch(/one session: always \+ largest locale \(de\) .* budget 40\.0 KB/);
  });

  it('counts a chunk it does not recognise as loaded in every session', () => {
    const { dir, gzip } = runtime({ 'assets/index-abcdefgh.js': 5000, 'assets/it-abcdefgh.js': 1500, 'assets/fr-abcdefgh.js': 1000 });
    const report = measureRuntime(dir, ['fr']);
    expect(report.sessionGzipBytes).toBe(gzip('assets/index-abcdefgh.js') + gzip('assets/it-abcdefgh.js') + gzip('assets/fr-abcdefgh.js'));
  });

  it('with no locale chunk, one session is the whole runtime', () => {
    const { dir } = runtime({ 'assets/index-abcdefgh.js': 5000 });
    const report = measureRuntime(dir, ['fr']);
    expect(report.largestLocale).toBeUndefined();
    expect(report.sessionGzipBytes).toBe(report.totalGzipBytes);
  });

  it('recognises locale chunks by name only', () => {
    expect(localeOfChunk('assets/sk-Dd9riMOd.js', ['sk'])).toBe('sk');
    expect(localeOfChunk('assets/sk-Dd9riMOd.css', ['sk'])).toBeUndefined();
    expect(localeOfChunk('assets/desk-Dd9riMOd.js', ['sk', 'de'])).toBeUndefined();
    expect(localeOfChunk('assets/index-Dd9riMOd.js', ['sk'])).toBeUndefined();
    expect(localeOfChunk('assets/pt-BR-Dd9riMOd.js', ['pt', 'pt-BR'])).toBe('pt-BR');
  });
});

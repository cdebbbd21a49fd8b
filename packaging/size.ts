/**
 * Measures what the runtime weighs in every package: all JS and CSS, minified, gzip level 9.
 * The budget is 40 KB; the build fails above it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const RUNTIME_BUDGET_BYTES = 40 * 1024;

export interface SizeReport {
  files: { file: string; bytes: number; gzipBytes: number }[];
  totalBytes: number;
  totalGzipBytes: number;
  budgetBytes: number;
}

export function measureRuntime(runtimeDir: string): SizeReport {
  const files: SizeReport['files'] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(m?js|css)$/.test(name)) {
        const content = readFileSync(path);
        files.push({ file: relative(runtimeDir, path), bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
      }
    }
  };
  walk(runtimeDir);
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    files,
    totalBytes: files.reduce((s, f) => s + f.bytes, 0),
    totalGzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
    budgetBytes: RUNTIME_BUDGET_BYTES,
  };
}

export function formatSizeReport(report: SizeReport): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const rows = report.files.map((f) => `  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(9)} ${kb(f.gzipBytes).padStart(9)}`);
  return [
    `  ${'file'.padEnd(40)} ${'minified'.padStart(9)} ${'gzip -9'.padStart(9)}`,
    ...rows,
    `  ${'total'.padEnd(40)} ${kb(report.totalBytes).padStart(9)} ${kb(report.totalGzipBytes).padStart(9)}  (budget ${kb(report.budgetBytes)})`,
  ].join('\n');
}

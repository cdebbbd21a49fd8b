/**
 * The `engines` field is a promise to whoever installs the bundle: every Node.js it admits must
 * be one that every installed package declares it supports. Packages that move to a newer Node
 * (cookie 2, content-disposition 3, sanitize-html 2.17) are held back in package.json
 * (`overrides`, a pinned range) rather than left to warn at install.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(resolve(ROOT, 'package-lock.json'), 'utf8'));

describe('engines', () => {
  it('admits only Node versions that every locked package supports', () => {
    const ours: string = pkg.engines.node;
    const unsupported = Object.entries<{ version: string; engines?: { node?: string } | string[] }>(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.subset(ours, (entry.engines as { node: string }).node))
      .map(([path, entry]) => `${path}@${entry.version} needs node ${(entry.engines as { node: string }).node}`);
    expect(unsupported, `engines.node is ${ours}`).toEqual([]);
  });

  it('runs on a Node the engines field admits', () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });
});

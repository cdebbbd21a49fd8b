/**
 * The source indexes of the modules this server was built with (`<modulesDir>/review/*.sources.json`,
 * written by the build with the reviewer's pages): read again whenever a rebuild changes them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceIndex } from '../../core/content/source-index.ts';

export class ModuleSources {
  private cache = { stamp: '', byModule: new Map<string, SourceIndex>() };

  /** @param dir the reviewer's pages' folder; undefined: none (no links, no reviews to mark). */
  constructor(readonly dir: string | undefined) {}

  /** The index of a module (by its IRI), if the build made one. */
  of(moduleId: string): SourceIndex | undefined {
    return this.indexes().get(moduleId);
  }

  private indexes(): Map<string, SourceIndex> {
    if (!this.dir) return new Map();
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => f.endsWith('.sources.json')).sort();
    } catch {
      return new Map();
    }
    const stamp = files.map((f) => `${f}@${statSync(join(this.dir!, f)).mtimeMs}`).join('|');
    if (stamp !== this.cache.stamp) {
      const byModule = new Map<string, SourceIndex>();
      for (const file of files) {
        const index = JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as SourceIndex;
        byModule.set(index.moduleId, index);
      }
      this.cache = { stamp, byModule };
    }
    return this.cache.byModule;
  }
}

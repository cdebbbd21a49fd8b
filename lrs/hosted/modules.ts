/**
 * The modules the server plays at a launch: the compiled courses and the runtime that
 * `npm run build` writes (dist/courses/<slug>.json, dist/runtime/). They are read when a launch
 * asks for them, so a rebuilt module is what the next launch plays: no LMS re-imports anything.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Course } from '../../core/content/schema.ts';

export interface HostedModule {
  slug: string;
  id: string;
  version: string;
  /** Title by language. */
  titles: Record<string, string>;
  languages: string[];
  defaultLanguage: string;
}

export class HostedModules {
  private readonly cache = new Map<string, { mtimeMs: number; value: unknown }>();

  constructor(readonly dir: string | undefined) {}

  private read<T>(file: string, parse: (text: string) => T): T | undefined {
    if (!existsSync(file)) return undefined;
    const { mtimeMs } = statSync(file);
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached.value as T;
    const value = parse(readFileSync(file, 'utf8'));
    this.cache.set(file, { mtimeMs, value });
    return value;
  }

  /** The compiled course, as the build wrote it last. */
  course(slug: string): Course | undefined {
    if (!this.dir || !/^[a-z0-9-]+$/.test(slug)) return undefined;
    return this.read(join(this.dir, 'courses', `${slug}.json`), (text) => JSON.parse(text) as Course);
  }

  /** The runtime's page (its scripts are at runtime/assets/). */
  runtimeHtml(): string | undefined {
    return this.dir ? this.read(join(this.dir, 'runtime', 'index.html'), (text) => text) : undefined;
  }

  get assetsDir(): string | undefined {
    return this.dir && join(this.dir, 'runtime', 'assets');
  }

  /** Every module there is to launch, by slug. */
  list(): HostedModule[] {
    const dir = this.dir && join(this.dir, 'courses');
    if (!dir || !existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => this.course(f.slice(0, -5)))
      .filter((c): c is Course => !!c)
      .map((c) => ({
        slug: c.slug,
        id: c.id,
        version: c.version,
        titles: Object.fromEntries(Object.entries(c.content).map(([language, content]) => [language, content!.title])),
        languages: c.languages,
        defaultLanguage: c.defaultLanguage,
      }));
  }
}

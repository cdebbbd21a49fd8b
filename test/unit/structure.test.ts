/**
 * The structure check (.dependency-cruiser.cjs): `npm run check:structure` in `npm test` holds the
 * tree to it; this shows the rules do catch what they forbid, on a small tree made to break them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const rules = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs'));

async function violations(baseDir: string, folders: string[]): Promise<string[]> {
  const result = await cruise(folders, { ...rules.options, validate: true, ruleSet: { forbidden: rules.forbidden }, baseDir });
  const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe('structure', () => {
  const broken = mkdtempSync(join(tmpdir(), 'inprocap-structure-'));
  afterAll(() => rmSync(broken, { recursive: true, force: true }));

  it('catches a cycle, Node in core, the LRS in the runtime and storage importing a route', async () => {
    const files: Record<string, string> = {
      'core/a.ts': "import { b } from './b.ts';\nimport { readFileSync } from 'node:fs';\nexport const a = () => [b, readFileSync];\n",
      'core/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'src/main.ts': "import { lrs } from '../lrs/server.ts';\nexport const main = lrs;\n",
      'lrs/server.ts': 'export const lrs = 1;\n',
      'lrs/storage/open.ts': "import { route } from '../xapi/routes/statements.ts';\nexport const open = route;\n",
      'lrs/xapi/routes/statements.ts': 'export const route = 1;\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(broken, path)), { recursive: true });
      writeFileSync(join(broken, path), text);
    }
    expect(await violations(broken, ['core', 'src', 'lrs'])).toEqual([
      'core-is-shared: core/a.ts -> fs',
      'no-circular: core/a.ts -> core/b.ts',
      'runtime-is-browser-only: src/main.ts -> lrs/server.ts',
      'storage-below-everything: lrs/storage/open.ts -> lrs/xapi/routes/statements.ts',
    ]);
  }, 60_000);
});

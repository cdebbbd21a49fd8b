/**
 * Adding a question type is one folder and one line in core/question-types/registry.ts. Shown on
 * a copy of core/: an example type ("percent": a share estimated within a tolerance) is written
 * as a folder (its runtime definition, its build-time half and its view), its line is added, and
 * nothing else is touched; then the copy type-checks (the definition without DOM or Node, the
 * view with the DOM), and the content schema and checks, scoring, learner state and the SCORM/xAPI
 * interaction records all know it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

const PERCENT_TYPE = `/** Percent: a share estimated within a tolerance. Response: the percentage chosen, 0..100. */
import { defineQuestionType } from '../question-type.ts';
import type { PercentQuestion } from './percent.authoring.ts';

export const percent = defineQuestionType<PercentQuestion, number>({
  name: 'percent',
  score: (question, response) => (typeof response === 'number' ? { correct: Math.abs(response - question.answer) <= question.tolerance } : undefined),
  correctResponse: (question) => question.answer,
  wrongResponse: (question) => (question.answer > 50 ? 0 : 100),
  seedWrongResponse: (question) => (question.answer > 50 ? 10 : 90),
  encode: (_question, response) => response,
  decode: (_question, value) => (typeof value === 'number' && value >= 0 && value <= 100 ? value : undefined),
  longestResponse: () => 100,
  interaction: (question, response) => ({
    type: 'numeric',
    response: { kind: 'number', value: response },
    correct: [{ kind: 'range', min: question.answer - question.tolerance, max: question.answer + question.tolerance }],
  }),
});
`;

const PERCENT_AUTHORING = `import { defineQuestionAuthoring, type QuestionFrom, type SchemaKit } from '../question-type.ts';

export const authoring = defineQuestionAuthoring({
  title: 'Percentage',
  schema: ({ z, questionBase }: SchemaKit) =>
    z.strictObject({ ...questionBase, type: z.literal('percent'), answer: z.number().min(0).max(100), tolerance: z.number().min(0).max(50).default(5) }),
  check(question, checks) {
    if (question.tolerance >= 50) checks.add(['tolerance'], \`\${checks.name} accepts every answer\`);
  },
  describe: (question) => ({ kind: 'write', rows: [], key: \`\${question.answer}% (± \${question.tolerance})\` }),
});

export type PercentQuestion = QuestionFrom<typeof authoring.schema>;
`;

const PERCENT_VIEW = `import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { defineQuestionView } from '../question-type-view.ts';
import { percent } from './percent.ts';

export const view = defineQuestionView(percent, {
  render: ({ question, name, response, checked, lang, answer }) =>
    html\`<label class="prompt" for=\${name} lang=\${lang}>\${unsafeHTML(question.prompt)}</label>
      <input id=\${name} type="range" min="0" max="100" step="1" .value=\${String(response ?? 50)} ?disabled=\${checked}
        @change=\${(e: Event) => answer(Number((e.target as HTMLInputElement).value))} />\`,
});
`;

const SCRIPT = `
import { questionSchema } from './core/content/schema.ts';
import { scoreQuestion, correctResponse } from './core/quiz/scoring.ts';
import { questionType } from './core/question-types/registry.ts';
import { authoringOf } from './core/question-types/authoring.ts';
import { interactionParts, formatDelimited, formatDelimitedPattern } from './core/interactions/interactions.ts';
const question = questionSchema.parse({ id: 'share', type: 'percent', prompt: 'What share of the budget may the R&D phase take?', answer: 30 });
let refused = '';
try { questionSchema.parse({ id: 'bad', type: 'percent', prompt: 'x', answer: 130 }); } catch (error) { refused = error.issues[0].path.join('.') + ': ' + error.issues[0].code; }
const parts = interactionParts({ kind: 'question', question, response: 33, result: scoreQuestion(question, 33), latencyMs: 1000, attempt: 1, timestamp: new Date(0) });
const type = questionType(question);
const checked = [];
authoringOf(question).check(questionSchema.parse({ id: 'wide', type: 'percent', prompt: 'x', answer: 10, tolerance: 50 }), { name: "question 'wide'", add: (path, message) => checked.push(path.join('.') + ': ' + message), duplicates: () => {} });
console.log(JSON.stringify({
  tolerance: question.tolerance,
  refused,
  right: scoreQuestion(question, 33),
  wrong: scoreQuestion(question, 80),
  unanswered: scoreQuestion(question, undefined),
  correct: correctResponse(question),
  state: type.decode(question, type.encode(question, 42)),
  checked,
  interaction: { type: parts.type, response: formatDelimited(parts.response), pattern: formatDelimitedPattern(parts.correct[0]) },
}));
`;

describe('a question type is one folder and one line', () => {
  const copy = mkdtempSync(join(tmpdir(), 'inprocap-question-type-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('adds "percent" to a copy of core/ and every part of the bundle in core/ takes it', () => {
    cpSync(join(ROOT, 'core'), join(copy, 'core'), { recursive: true });
    for (const file of ['package.json', 'tsconfig.json', 'tsconfig.core.json']) cpSync(join(ROOT, file), join(copy, file));
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');

    // The folder...
    mkdirSync(join(copy, 'core/question-types/percent'));
    writeFileSync(join(copy, 'core/question-types/percent/percent.ts'), PERCENT_TYPE);
    writeFileSync(join(copy, 'core/question-types/percent/percent.authoring.ts'), PERCENT_AUTHORING);
    writeFileSync(join(copy, 'core/question-types/percent/percent-view.ts'), PERCENT_VIEW);
    // ...and the line (with its import).
    const registry = join(copy, 'core/question-types/registry.ts');
    const before = readFileSync(registry, 'utf8');
    const after = before
      .replace("import { single } from './single/single.ts';", "import { single } from './single/single.ts';\nimport { percent } from './percent/percent.ts';")
      .replace('fillin, numeric] as const;', 'fillin, numeric, percent] as const;');
    expect(after).not.toBe(before);
    writeFileSync(registry, after);

    // Types flow from the new folder: the copy type-checks (no DOM, no Node) with the new member of Question.
    execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.core.json'], { cwd: copy, stdio: 'pipe' });
    // Its view (browser code, found by its file name) type-checks against the view contract, with the DOM.
    writeFileSync(join(copy, 'tsconfig.views.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { lib: ['ES2023', 'DOM'], types: [] }, include: ['core/question-types'], exclude: [] }));
    execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.views.json'], { cwd: copy, stdio: 'pipe' });

    writeFileSync(join(copy, 'try.mts'), SCRIPT);
    const out = JSON.parse(execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['try.mts'], { cwd: copy, encoding: 'utf8' }));
    expect(out).toEqual({
      tolerance: 5,
      refused: 'answer: too_big',
      right: { answered: true, correct: true, credit: 1 },
      wrong: { answered: true, correct: false, credit: 0 },
      unanswered: { answered: false, correct: false, credit: 0 },
      correct: 30,
      state: 42,
      checked: ["tolerance: question 'wide' accepts every answer"],
      interaction: { type: 'numeric', response: '33', pattern: '25[:]35' },
    });
  }, 60_000);
});

/** The reviewer's page: every item with its key, feedback and source line, findings beside their item, nothing unescaped. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALID_FILES, writeContent } from '../../test/unit/fixture.ts';
import { writeReviewPages } from './review.ts';

const silent = { info: () => {}, warn: () => {} };
const QUIZ = 'modules/demo/quiz.yaml';

/** The fixture, with a fill-in that gives its answer away and markup in a prompt. */
function reviewed(overrides: Record<string, string> = {}) {
  const root = writeContent({
    [QUIZ]:
      VALID_FILES[QUIZ]! +
      `  - id: q3
    type: fillin
    prompt: "The <script>alert(1)</script> award basis is the most economically advantageous tender, or ____."
    answers: [MEAT]
    feedback: { correct: "Yes: [[MEAT]] (Art. 67).", incorrect: "It is MEAT." }
`,
    ...overrides,
  });
  const [page] = writeReviewPages(root, {}, silent);
  return { root, page: page!, html: readFileSync(page!.file, 'utf8') };
}

const text = (html: string) =>
  html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');

describe("inprocap review: the reviewer's page", () => {
  it('shows every question and decision in order, with its key, feedback and source line', () => {
    const { html, page } = reviewed();
    expect(page).toMatchObject({ slug: 'demo', language: 'en' });
    const anchors = [...html.matchAll(/<article id="([^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toEqual(['question-q1', 'question-q2', 'question-q3', 'decision-d1', 'ending-good', 'ending-bad']);
    const q1 = html.slice(html.indexOf('id="question-q1"'), html.indexOf('id="question-q2"'));
    // the correct option is the key row, with its own feedback; the wrong one is not
    expect(q1).toMatch(/<tr class="key"><th scope="row">a<\/th><td>MEAT<\/td><td>✔ key<\/td>/);
    expect(q1).toMatch(/<tr><th scope="row">b<\/th><td>Lowest price only<\/td><td><\/td><td>17 <span class="tag">longest<\/span><\/td><td>No\.<\/td>/);
    expect(q1).toContain('Source: <code>modules/demo/quiz.yaml:5</code>');
    expect(text(html.slice(html.indexOf('id="question-q2"'), html.indexOf('id="question-q3"')))).toContain('Key: False');
    const d1 = html.slice(html.indexOf('id="decision-d1"'), html.indexOf('id="ending-good"'));
    expect(d1).toContain('decision on the best path: First decision');
    expect(d1).toMatch(/<tr class="key"><th scope="row">a<\/th><td>Good<\/td><td>✔ best<\/td><td>10<\/td>/);
    expect(d1).toContain('<a href="#ending-good">good</a>');
    expect(d1).toContain('Source: <code>modules/demo/case.yaml:6</code>');
  });

  it("puts each finding beside its item, and the quiz-wide ones at the top, with file and line", () => {
    const { html } = reviewed();
    const q3 = html.slice(html.indexOf('id="question-q3"'), html.indexOf('id="case"'));
    expect(text(q3)).toContain("question 'q3' gives its answer away: the accepted answer stands in the prompt modules/demo/quiz.yaml:24:13");
    const checks = html.slice(html.indexOf('id="checks"'), html.indexOf('id="quiz"'));
    expect(text(checks)).toContain('Answer stands in its prompt 1 none');
    // the key is not the longest option here, so no quiz-wide warning; one finding in all
    expect(text(checks)).toContain('1 finding of the content check');
    expect(html.match(/class="tag warning"/g)).toHaveLength(1);
  });

  it('escapes what authors write and links glossary terms to the glossary it lists', () => {
    const { html } = reviewed();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('alert(1)</script>');
    const links = [...html.matchAll(/href="#(term-[^"]+)"/g)].map((m) => m[1]!);
    expect(links).toContain('term-meat');
    for (const id of links) expect(html).toContain(`id="${id}"`);
  });

  it('refuses a module that does not exist, naming the ones that do, and one that has errors', () => {
    const root = writeContent();
    expect(() => writeReviewPages(root, { only: ['nope'] }, silent)).toThrow('no module "nope" in modules/ (there are: demo)');
    const broken = writeContent({ [QUIZ]: VALID_FILES[QUIZ]!.replace('correct: true', 'correct: false') });
    expect(() => writeReviewPages(broken, {}, silent)).toThrow(/modules\/demo\/quiz\.yaml:\d+:\d+: question 'q1' has no correct answer/);
  });

  it('writes another language on request, and an index of every module', () => {
    const root = writeContent();
    writeReviewPages(root, {}, silent);
    const index = readFileSync(join(root, 'dist/review/index.html'), 'utf8');
    expect(index).toContain('<a href="./demo.html">Demo module</a> (en): 0 findings');
    expect(() => writeReviewPages(root, { language: 'fr' }, silent)).not.toThrow();
  });
});

/** The item-writing checks, each shown failing on a fixture made to break it, with its file and line. */
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../packaging/content/check.ts';
import { formatIssue } from '../../packaging/content/issues.ts';
import { loadContent } from '../../packaging/content/load.ts';
import { VALID_FILES, writeContent } from './fixture.ts';

function findings(overrides: Record<string, string> = {}) {
  const content = loadContent(writeContent(overrides));
  const [checked] = checkContent(content);
  return { warnings: content.issues.warnings.filter((w) => w.rule === 'item-writing').map(formatIssue), errors: content.issues.errors.map(formatIssue), figures: checked!.itemWriting! };
}

const QUIZ = 'modules/demo/quiz.yaml';
const quizWith = (extra: string) => ({ [QUIZ]: VALID_FILES[QUIZ]! + extra });
const replace = (file: string, from: string, to: string) => {
  if (!VALID_FILES[file]!.includes(from)) throw new Error(`fixture ${file} has no "${from}"`);
  return { [file]: VALID_FILES[file]!.replace(from, to) };
};

describe('item-writing checks', () => {
  it('finds nothing in the valid fixture, and counts what it looked at', () => {
    const { warnings, figures } = findings();
    expect(warnings).toEqual([]);
    expect(figures).toMatchObject({ correctLongest: { count: 0, of: 1 }, bestLongest: { count: 0, of: 1 }, keyedTrue: { count: 0, of: 1 }, answerInPrompt: 0, warnings: 0 });
  });

  it('warns when the correct option is the longest in more than 40% of single-choice questions', () => {
    const { warnings, errors } = findings(replace(QUIZ, 'text: Lowest price only', 'text: Low'));
    expect(errors).toEqual([]);
    expect(warnings).toEqual([`${QUIZ}:5:3: warning: the correct option is the longest in 1 of 1 single-choice questions (q1): at most 0 (40%), or length gives the answer away`]);
  });

  it('warns when true/false keys are lopsided, as near to 35-65% as the count allows', () => {
    const falseItem = (id: string) => `  - id: ${id}\n    type: truefalse\n    prompt: Statement ${id}.\n    answer: false\n    feedback: { correct: Right., incorrect: Wrong. }\n`;
    expect(findings(quizWith(falseItem('q3') + falseItem('q4'))).warnings).toEqual([
      `${QUIZ}:5:3: warning: 0 of 3 true/false questions are keyed true (q2 false, q3 false, q4 false): key 1 to 2 of them true (35-65%), or one answer is a safe guess`,
    ]);
    expect(findings(quizWith(falseItem('q3') + falseItem('q4').replace('answer: false', 'answer: true'))).warnings).toEqual([]);
  });

  it('warns when a fill-in or numeric answer stands in its own prompt: whole, by a word, or as an acronym written out', () => {
    const fillin = (id: string, prompt: string, answers: string) => `  - id: ${id}\n    type: fillin\n    prompt: "${prompt}"\n    answers: ${answers}\n    feedback: { correct: Right., incorrect: Wrong. }\n`;
    const numeric = (id: string, prompt: string, answer: number) => `  - id: ${id}\n    type: numeric\n    prompt: "${prompt}"\n    answer: ${answer}\n    feedback: { correct: Right., incorrect: Wrong. }\n`;
    const { warnings, figures } = findings(
      quizWith(
        fillin('f1', 'Contracts go to the most economically advantageous tender, abbreviated ____.', '[MEAT]') +
          fillin('f2', 'Costing a product over its whole life is ____ costing.', '[life-cycle, life cycle]') +
          fillin('f3', 'Disputes are settled by international ____.', '[arbitration]') +
          numeric('n1', 'The threshold is EUR 140 000. What is the threshold?', 140000) +
          numeric('n2', 'How many days does the open procedure take at least?', 35),
      ),
    );
    expect(warnings).toEqual([
      `${QUIZ}:24:13: warning: question 'f1' gives its answer away: the accepted answer stands in the prompt`,
      `${QUIZ}:29:13: warning: question 'f2' gives its answer away: the accepted answer stands in the prompt`,
      `${QUIZ}:39:13: warning: question 'n1' gives its answer away: the accepted answer stands in the prompt`,
    ]);
    expect(figures.answerInPrompt).toBe(3);
  });

  it('warns of a matching question with fewer than two distractors', () => {
    const matching = `  - id: m1\n    type: matching\n    prompt: Match them.\n    pairs:\n      - { id: p1, prompt: A, match: One }\n      - { id: p2, prompt: B, match: Two }\n    distractors:\n      - { id: d1, text: Three }\n    feedback: { correct: Right., incorrect: Wrong. }\n`;
    expect(findings(quizWith(matching)).warnings).toEqual([`${QUIZ}:29:7: warning: question 'm1' has 1 distractor: give at least 2, so the last pair is not found by elimination`]);
  });

  it('warns when the best case choice has the longest label in more than 40% of decisions', () => {
    expect(findings(replace('modules/demo/case.yaml', 'label: Bad idea', 'label: Bad')).warnings).toEqual([
      'modules/demo/case.yaml:6:3: warning: the best choice has the longest label in 1 of 1 decisions (d1): at most 0 (40%)',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkContent } from '../../packaging/content/check.ts';
import { formatIssue } from '../../packaging/content/issues.ts';
import { loadContent } from '../../packaging/content/load.ts';
import { VALID_FILES, writeContent } from './fixture.ts';

/** Loads and checks a content tree; returns every error as "file:line:column: message". */
function problems(overrides: Record<string, string | undefined> = {}): string[] {
  const content = loadContent(writeContent(overrides));
  checkContent(content);
  return content.issues.errors.map(formatIssue);
}

const replace = (file: string, from: string, to: string) => {
  const text = VALID_FILES[file]!;
  if (!text.includes(from)) throw new Error(`fixture ${file} has no "${from}"`);
  return { [file]: text.replace(from, to) };
};

describe('content loader and check', () => {
  it('accepts the valid fixture and compiles it', () => {
    const content = loadContent(writeContent());
    const [checked] = checkContent(content);
    expect(content.issues.items).toEqual([]);
    expect(checked!.course!.sections.map((s) => s.kind)).toEqual(['lesson', 'quiz', 'case', 'survey']);
    const lesson = checked!.course!.content.en!.lessons[0]!;
    expect(lesson.html).toContain('<inp-term term="meat">MEAT</inp-term>');
    expect(lesson.html).toContain('<h3>Variants</h3>');
  });

  it('reports YAML syntax errors with their line', () => {
    const errors = problems(replace('modules/demo/quiz.yaml', 'title: Quiz', 'title: [Quiz'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^modules\/demo\/quiz\.yaml:\d+:\d+: YAML syntax:/);
  });

  it('names the question and the line of a question without a correct answer', () => {
    const errors = problems(replace('modules/demo/quiz.yaml', '        correct: true\n', ''));
    expect(errors).toEqual(["modules/demo/quiz.yaml:9:7: question 'q1' has no correct answer"]);
  });

  it('reports unknown fields at the key, with the place named by ids', () => {
    const errors = problems(replace('modules/demo/quiz.yaml', '    answer: false', '    answer: false\n    anwser: true'));
    expect(errors).toEqual(["modules/demo/quiz.yaml:21:5: question 'q2': unknown field \"anwser\""]);
  });

  it('reports wrong types and unknown question types in plain words', () => {
    expect(problems(replace('modules/demo/module.yaml', 'masteryScore: 50', 'masteryScore: high'))).toEqual([
      'modules/demo/module.yaml:10:15: masteryScore: must be a number, not string "high"',
    ]);
    expect(problems(replace('modules/demo/quiz.yaml', 'answer: false', 'answer: "no"'))).toContain("modules/demo/quiz.yaml:20:13: question 'q2', answer: must be a boolean, not string \"no\"");
    const unknownType = problems(replace('modules/demo/quiz.yaml', 'type: truefalse', 'type: yesno'));
    expect(unknownType).toEqual(["modules/demo/quiz.yaml:18:11: question 'q2', type: has an unknown or missing \"type\""]);
  });

  it('reports unknown glossary terms in lessons at their line and column', () => {
    const errors = problems(replace('modules/demo/lessons/01-intro.md', 'A [[variant|variant]]', 'A [[lot|lots]] and [[PCP]]'));
    expect(errors).toEqual([
      'modules/demo/lessons/01-intro.md:9:3: unknown glossary term id "lots" (marked as [[lot|lots]])',
      'modules/demo/lessons/01-intro.md:9:20: unknown glossary term "PCP": add it to modules/glossary.yaml or mark it as [[PCP|term-id]]',
    ]);
  });

  it('reports unknown glossary terms inside quiz text', () => {
    const errors = problems(replace('modules/demo/quiz.yaml', 'prompt: Which is the award basis?', 'prompt: Which is the [[BPQR]]?'));
    expect(errors).toEqual(['modules/demo/quiz.yaml:7:13: unknown glossary term "BPQR": add it to modules/glossary.yaml or mark it as [[BPQR|term-id]]']);
  });

  it('reports front-matter problems at the line in the lesson file', () => {
    const errors = problems(replace('modules/demo/lessons/01-intro.md', 'title: Introduction', 'title: Introduction\ncolour: blue'));
    expect(errors).toEqual(['modules/demo/lessons/01-intro.md:4:1: unknown field "colour"']);
  });

  it('reports duplicate ids with the first use', () => {
    const errors = problems(replace('modules/demo/quiz.yaml', '  - id: q2', '  - id: q1'));
    expect(errors).toEqual(['modules/demo/quiz.yaml:17:9: duplicate question id "q1" (first used at line 5)']);
  });

  it('finds case nodes that lead nowhere, cannot be reached, or loop', () => {
    expect(problems(replace('modules/demo/case.yaml', 'next: bad }', 'next: worse }'))).toEqual([
      "modules/demo/case.yaml:12:93: node 'd1', choice 'b' leads nowhere: no node \"worse\"",
      "modules/demo/case.yaml:14:5: node 'bad' cannot be reached from the start node \"d1\"",
    ]);
    const loop = problems(replace('modules/demo/case.yaml', 'next: bad }', 'next: d1 }'));
    expect(loop).toContain("modules/demo/case.yaml:6:5: node 'd1' is on a loop: every path must end at an ending");
  });

  it('requires exactly one best choice with the most points', () => {
    expect(problems(replace('modules/demo/case.yaml', 'points: 0, next: bad', 'points: 20, next: bad'))).toEqual([
      "modules/demo/case.yaml:11:7: node 'd1': the best choice 'a' does not have the most points",
    ]);
  });

  it('reports questions and options without feedback', () => {
    const errors = problems({
      ...replace('modules/demo/quiz.yaml', '        feedback: No.\n', ''),
    });
    expect(errors).toEqual(["modules/demo/quiz.yaml:13:9: question 'q1', option 'b' has no feedback"]);
    const noFeedback = problems(replace('modules/demo/quiz.yaml', '    answer: false\n    feedback: { correct: Right., incorrect: Wrong. }', '    answer: false'));
    expect(noFeedback).toEqual(["modules/demo/quiz.yaml:17:5: question 'q2' has no feedback for a correct answer (feedback.correct)"]);
  });

  it('reports missing translations for declared languages', () => {
    const errors = problems(replace('modules/demo/module.yaml', 'languages: [en]', 'languages: [en, fr]'));
    expect(errors).toEqual([
      'modules/demo/lessons/01-intro.fr.md:1:1: missing French translation of lessons/01-intro.md (module declares "fr")',
      'modules/demo/quiz.fr.yaml:1:1: missing French translation of quiz.yaml (module declares "fr")',
      'modules/demo/case.fr.yaml:1:1: missing French translation of case.yaml (module declares "fr")',
      'modules/glossary.fr.yaml:1:1: missing French translation of glossary.yaml (a module declares "fr")',
      'modules/survey.fr.yaml:1:1: missing French translation of survey.yaml (a module declares "fr")',
    ]);
  });

  it('accepts a complete translation and rejects one whose structure drifted', () => {
    const fr = {
      ...replace('modules/demo/module.yaml', 'languages: [en]', 'languages: [en, fr]'),
      'modules/demo/lessons/01-intro.fr.md': VALID_FILES['modules/demo/lessons/01-intro.md']!.replace('title: Introduction', 'title: Introduction (fr)'),
      'modules/demo/quiz.fr.yaml': VALID_FILES['modules/demo/quiz.yaml']!.replace('prompt: Which is the award basis?', 'prompt: Quel est le critère ?'),
      'modules/demo/case.fr.yaml': VALID_FILES['modules/demo/case.yaml']!,
      'modules/glossary.fr.yaml': VALID_FILES['modules/glossary.yaml']!,
      'modules/survey.fr.yaml': VALID_FILES['modules/survey.yaml']!,
    };
    expect(problems(fr)).toEqual([]);
    const drifted = problems({ ...fr, 'modules/demo/quiz.fr.yaml': fr['modules/demo/quiz.fr.yaml']!.replace('answer: false', 'answer: true') });
    expect(drifted).toEqual([
      "modules/demo/quiz.fr.yaml:20:13: differs in structure from modules/demo/quiz.yaml at question 'q2', answer: translations may change text only",
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    const errors = problems({
      ...replace('modules/demo/quiz.yaml', '        correct: true\n', ''),
      ...replace('modules/demo/case.yaml', 'next: bad }', 'next: worse }'),
      ...replace('modules/demo/lessons/01-intro.md', '[[MEAT]]', '[[XYZ]]'),
    });
    expect(errors.length).toBe(4);
  });

  it('rejects a state that could overflow SCORM 1.2 suspend_data', () => {
    const errors = problems(replace('modules/survey.yaml', 'maxLength: 200', 'maxLength: 1000'));
    expect(errors).toHaveLength(0); // 1000 characters of free text still fit
    const many = Array.from({ length: 5 }, (_, i) => `  - { id: t${i}, type: text, prompt: Comment ${i}, maxLength: 1000 }`).join('\n');
    const overflow = problems({ 'modules/survey.yaml': VALID_FILES['modules/survey.yaml']!.replace(/  - \{ id: improve.*\n/, `${many}\n`) });
    expect(overflow).toHaveLength(1);
    expect(overflow[0]).toMatch(/^modules\/demo\/module\.yaml:1:1: the largest learner state of this module is \d+ characters, over SCORM 1\.2's 4096/);
  });

  it('sanitises HTML in Markdown', () => {
    const root = writeContent(replace('modules/demo/lessons/01-intro.md', 'Tenders are judged', '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> [x](javascript:alert(1)) <b onclick="x()">b</b>\n\nTenders are judged'));
    const content = loadContent(root);
    const [checked] = checkContent(content);
    const html = checked!.course!.content.en!.lessons[0]!.html;
    expect(html).not.toMatch(/<script|onerror|onclick|href="javascript:/);
    expect(html).toContain('<inp-term term="meat">MEAT</inp-term>');
  });
});

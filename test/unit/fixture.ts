/** A small, valid content tree written to a temporary folder; tests change one file to break it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const VALID_FILES: Record<string, string> = {
  'modules/glossary.yaml': `terms:
  - id: meat
    term: MEAT
    aliases: [most economically advantageous tender]
    definition: The award basis of the Directive (Art. 67).
  - id: variant
    term: Variant
    definition: An alternative tender, admitted only if the buyer allows it (Art. 45).
`,
  'modules/survey.yaml': `id: feedback
title: Your feedback
scale: [Disagree, Neutral, Agree]
items:
  - { id: useful, type: likert, statement: The module was useful. }
  - { id: improve, type: text, prompt: What should we improve?, maxLength: 200 }
`,
  'modules/demo/module.yaml': `id: https://example.org/modules/demo
slug: demo
version: 1.0.0
defaultLanguage: en
languages: [en]
title: { en: Demo module }
description: { en: A module for tests. }
objectives: { en: [Learn things] }
durationMinutes: 10
masteryScore: 50
sections:
  - lesson: lessons/01-intro.md
  - quiz: quiz.yaml
  - case: case.yaml
  - survey: true
`,
  'modules/demo/lessons/01-intro.md': `---
id: intro
title: Introduction
---
Tenders are judged on [[MEAT]].

## Variants

A [[variant|variant]] is possible only if allowed.
`,
  'modules/demo/quiz.yaml': `id: quiz
title: Quiz
attempts: 2
questions:
  - id: q1
    type: single
    prompt: Which is the award basis?
    options:
      - id: a
        text: MEAT
        correct: true
        feedback: Yes.
      - id: b
        text: Lowest price only
        feedback: No.
    feedback: { correct: Right., incorrect: Wrong. }
  - id: q2
    type: truefalse
    prompt: Variants are always allowed.
    answer: false
    feedback: { correct: Right., incorrect: Wrong. }
`,
  'modules/demo/case.yaml': `id: case
title: A case
intro: You are a buyer.
start: d1
nodes:
  - id: d1
    type: decision
    title: First decision
    text: What do you do?
    choices:
      - { id: a, label: Good, consequence: Fine., feedback: Best., points: 10, best: true, next: good }
      - { id: b, label: Bad idea, consequence: Oops., feedback: Not best., points: 0, next: bad }
  - { id: good, type: ending, title: Good end, text: Well done., outcome: good }
  - { id: bad, type: ending, title: Bad end, text: Not so good., outcome: poor }
debrief: Here is why.
`,
};

export function writeContent(overrides: Record<string, string | undefined> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'inprocap-content-'));
  const files = { ...VALID_FILES, ...overrides };
  for (const [path, text] of Object.entries(files)) {
    if (text === undefined) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

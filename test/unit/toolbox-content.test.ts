/** Templates and checklists as content: loaded, checked against the lessons that use them, with file and line. */
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../packaging/content/check.ts';
import { formatIssue } from '../../packaging/content/issues.ts';
import { loadContent } from '../../packaging/content/load.ts';
import { compileTools } from '../../packaging/toolbox/tools/compile-tools.ts';
import { VALID_FILES, writeContent } from './fixture.ts';

const LESSON = 'modules/demo/lessons/01-intro.md';
const TOOL = 'modules/demo/toolbox/plan.md';
const tool = (id = 'plan') => `---
id: ${id}
title: A plan
kind: checklist
description: What to check before the tender.
---
## Checks

- [ ] The need is described (Art. 40)
- [x] A [[MEAT]] weighting is chosen
`;
const withLink = (text: string) => ({ [LESSON]: `${VALID_FILES[LESSON]!}\n${text}\n` });

function problems(overrides: Record<string, string | undefined>) {
  const content = loadContent(writeContent(overrides));
  checkContent(content);
  return { errors: content.issues.errors.map(formatIssue), content };
}

describe('toolbox content', () => {
  it('loads a tool a lesson refers to, with no problem, and compiles its boxes and marks', () => {
    const { errors, content } = problems({ [TOOL]: tool(), ...withLink('Use the [plan](toolbox:plan).') });
    expect(errors).toEqual([]);
    const [compiled] = compileTools(content, content.modules[0]!, 'en');
    expect(compiled).toMatchObject({ id: 'plan', kind: 'checklist', title: 'A plan', file: TOOL });
    expect(compiled!.html).toContain('<li class="task">☐ The need is described (Art. 40)</li>');
    expect(compiled!.html).toContain('☒ A <inp-term term="meat">MEAT</inp-term> weighting is chosen');
  });

  it('refuses a tool no lesson refers to, and a link to a tool that does not exist, at file and line', () => {
    expect(problems({ [TOOL]: tool() }).errors).toEqual([`${TOOL}:1:1: no lesson refers to tool "plan": link it where a learner needs it, as [text](toolbox:plan)`]);
    expect(problems({ [TOOL]: tool(), ...withLink('Use the [plan](toolbox:plan) and the [list](toolbox:lists).') }).errors).toEqual([
      `${LESSON}:11:38: unknown tool "toolbox:lists": add modules/<module>/toolbox/lists.md or link one of: plan`,
    ]);
  });

  it("refuses a tool whose id is not its file name, or without front matter", () => {
    expect(problems({ [TOOL]: tool('other'), ...withLink('[x](toolbox:other)') }).errors).toContain(`${TOOL}:2:5: tool id "other" must equal its file name "plan"`);
    expect(problems({ [TOOL]: '## No front matter\n', ...withLink('[x](toolbox:plan)') }).errors).toEqual([
      `${TOOL}:1:1: tool must start with front matter: a "---" line, id and title, then "---"`,
      `${LESSON}:11:1: unknown tool "toolbox:plan": add modules/<module>/toolbox/plan.md or link one of: none (this module has no tools)`,
    ]);
  });

  it('wants every tool in every language the module declares', () => {
    const french = {
      'modules/demo/module.yaml': VALID_FILES['modules/demo/module.yaml']!.replace('languages: [en]', 'languages: [en, fr]').replace(/(\w+): \{ en: ([^}]+) \}/g, '$1: { en: $2, fr: $2 }'),
      'modules/glossary.fr.yaml': VALID_FILES['modules/glossary.yaml']!,
      'modules/survey.fr.yaml': VALID_FILES['modules/survey.yaml']!,
      'modules/demo/lessons/01-intro.fr.md': `${VALID_FILES[LESSON]!}\n[plan](toolbox:plan)\n`,
      'modules/demo/quiz.fr.yaml': VALID_FILES['modules/demo/quiz.yaml']!,
      'modules/demo/case.fr.yaml': VALID_FILES['modules/demo/case.yaml']!,
      [TOOL]: tool(),
      ...withLink('[plan](toolbox:plan)'),
    };
    expect(problems(french).errors).toEqual(['modules/demo/toolbox/plan.fr.md:1:1: missing French translation of toolbox/plan.md (module declares "fr")']);
    expect(problems({ ...french, 'modules/demo/toolbox/plan.fr.md': tool() }).errors).toEqual([]);
  });

  it('shows a tool reference as its text in the module (the runtime), marked for static pages', () => {
    const { content } = problems({ [TOOL]: tool(), ...withLink('Use the [plan](toolbox:plan).') });
    const [checked] = checkContent(content);
    expect(checked!.course!.content.en!.lessons[0]!.html).toContain('<p>Use the <inp-tool tool="plan">plan</inp-tool>.</p>');
  });
});

/**
 * The content check: what a schema cannot see. Unknown glossary terms, duplicate ids, case
 * nodes that cannot be reached or lead nowhere, questions without a correct answer or without
 * feedback, translations whose structure drifted from the source, and state too large for
 * SCORM 1.2. Every finding names its file and position.
 */
import { analyseCase } from '../../core/case/case-graph.ts';
import { authoringOf } from '../../core/question-types/authoring.ts';
import type { CaseExercise, Course, Quiz } from '../../core/content/schema.ts';
import { serialiseState, SCORM12_SUSPEND_DATA_LIMIT, worstCaseState } from '../../core/state/learner-state.ts';
import { compileCourse, glossaryFor } from './compile.ts';
import { checkItemWriting, type ItemWritingFigures } from './item-writing.ts';
import type { IssueList } from './issues.ts';
import type { LanguageFiles, Loaded, LoadedContent, LoadedModule } from './load.ts';
import { findGlossaryMarks, GlossaryIndex } from './markdown.ts';
import type { Path, YamlSource } from './source-file.ts';

export interface CheckedModule {
  loaded: LoadedModule;
  /** The item-writing figures of the module's default language (see item-writing.ts). */
  itemWriting?: ItemWritingFigures;
  course?: Course;
  /** Serialised length of the worst-case learner state. */
  worstStateLength?: number;
}

/** Runs every check; returns each module with its compiled course when it compiled. */
export function checkContent(content: LoadedContent): CheckedModule[] {
  const { issues } = content;
  checkGlossaries(content);
  const itemWritingWarnings = () => issues.warnings.filter((w) => w.rule === 'item-writing').length;
  return content.modules.map((loaded) => {
    const before = issues.errors.length;
    const warningsBefore = itemWritingWarnings();
    const { defaultLanguage } = loaded.module.data;
    for (const [language, files] of loaded.languages) {
      const index = new GlossaryIndex(glossaryFor(content, language));
      const defaults = loaded.languages.get(defaultLanguage)!;
      checkDuplicates(issues, loaded.module.source, files.lessons.map((l) => l.frontMatter.data.id), (i) => {
        const lesson = files.lessons[i]!;
        return { file: lesson.file, position: lesson.frontMatter.source.positionOf(['id']) };
      }, 'lesson id');
      // A file missing in this language falls back to the source language's (reported as missing): its marks were checked there.
      const own = (file: string) => language === defaultLanguage || file.includes(`.${language}.`);
      for (const file of [...files.lessons, ...files.tools]) {
        if (own(file.file)) checkMarksInText(issues, index, file.file, file.body, file.bodyLine);
      }
      checkTools(issues, files, language === defaultLanguage);
      if (files.quiz) {
        checkQuiz(issues, files.quiz, language === defaultLanguage);
        checkMarksInYaml(issues, index, files.quiz.source);
        if (language !== defaultLanguage && defaults.quiz) checkSameStructure(issues, defaults.quiz, files.quiz);
      }
      if (files.case) {
        checkCase(issues, files.case);
        checkMarksInYaml(issues, index, files.case.source);
        if (language !== defaultLanguage && defaults.case) checkSameStructure(issues, defaults.case, files.case);
      }
      if (language !== defaultLanguage) {
        files.lessons.forEach((lesson, i) => {
          const original = defaults.lessons[i];
          if (original && original.frontMatter.data.id !== lesson.frontMatter.data.id) {
            issues.add(lesson.file, lesson.frontMatter.source.positionOf(['id']), `id "${lesson.frontMatter.data.id}" differs from "${original.frontMatter.data.id}" in ${original.file}`);
          }
        });
      }
    }
    // Item writing is judged on the source language: translations keep its keys and order.
    const source = loaded.languages.get(defaultLanguage);
    const figures = checkItemWriting(issues, source?.quiz, source?.case);
    const itemWriting = { ...figures, warnings: itemWritingWarnings() - warningsBefore };
    if (issues.errors.length > before || !loaded.complete || !content.sharedComplete) return { loaded, itemWriting };
    const course = compileCourse(content, loaded);
    const worstStateLength = serialiseState(worstCaseState(course), course).length;
    if (worstStateLength > SCORM12_SUSPEND_DATA_LIMIT) {
      issues.add(loaded.module.source.file, { line: 1, column: 1 }, `the largest learner state of this module is ${worstStateLength} characters, over SCORM 1.2's ${SCORM12_SUSPEND_DATA_LIMIT}: shorten fill-in or survey text limits, or split the quiz`);
    }
    return { loaded, course, worstStateLength, itemWriting };
  });
}

function checkGlossaries(content: LoadedContent): void {
  const { issues } = content;
  const english = content.glossary.get('en');
  for (const [language, glossary] of content.glossary) {
    const terms = glossary.data.terms;
    checkDuplicates(issues, glossary.source, terms.map((t) => t.id), (i) => ({ position: glossary.source.positionOf(['terms', i, 'id']) }), 'glossary id');
    const names = terms.flatMap((t, i) => [t.term, ...t.aliases].map((name) => ({ name: name.toLowerCase(), i })));
    checkDuplicates(issues, glossary.source, names.map((n) => n.name), (k) => ({ position: glossary.source.positionOf(['terms', names[k]!.i, 'term']) }), 'glossary term or alias');
    if (english && language !== 'en') {
      const have = new Set(terms.map((t) => t.id));
      for (const [i, term] of english.data.terms.entries()) {
        if (!have.has(term.id)) issues.add(glossary.source.file, { line: 1, column: 1 }, `missing translation of glossary term "${term.id}" (${english.source.file}:${english.source.positionOf(['terms', i]).line})`);
      }
    }
  }
  const survey = content.survey.get('en');
  for (const [language, translated] of content.survey) {
    if (!survey || language === 'en') continue;
    checkSameStructure(issues, survey, translated);
  }
}

/** Reports each repeated value at its second and later occurrences. */
function checkDuplicates(
  issues: IssueList,
  source: YamlSource,
  values: string[],
  where: (index: number) => { file?: string; position: { line: number; column: number } },
  what: string,
): void {
  const first = new Map<string, number>();
  values.forEach((value, i) => {
    const earlier = first.get(value);
    if (earlier === undefined) {
      first.set(value, i);
      return;
    }
    const place = where(i);
    const firstPlace = where(earlier);
    issues.add(place.file ?? source.file, place.position, `duplicate ${what} "${value}" (first used at line ${firstPlace.position.line}${firstPlace.file && firstPlace.file !== place.file ? ` of ${firstPlace.file}` : ''})`);
  });
}

/** `itemWriting`: report the types' item-writing warnings too (for the source language: translations follow it). */
function checkQuiz(issues: IssueList, { source, data: quiz }: Loaded<Quiz>, itemWriting: boolean): void {
  const at = (path: Path) => source.positionOf(path);
  const add = (path: Path, message: string) => issues.add(source.file, at(path), message);
  checkDuplicates(issues, source, quiz.questions.map((q) => q.id), (i) => ({ position: at(['questions', i, 'id']) }), 'question id');
  quiz.questions.forEach((q, qi) => {
    const path = ['questions', qi];
    const name = `question '${q.id}'`;
    if (!q.feedback?.correct || !q.feedback?.incorrect) {
      add(path, `${name} has no feedback for a ${!q.feedback?.correct ? 'correct' : 'wrong'} answer (feedback.${!q.feedback?.correct ? 'correct' : 'incorrect'})`);
    }
    authoringOf(q).check?.(q, {
      name,
      add: (relative, message) => add([...path, ...relative], message),
      warn: (relative, message) => itemWriting && issues.add(source.file, at([...path, ...relative]), message, 'warning', 'item-writing'),
      duplicates: (values, pathOf, what) => checkDuplicates(issues, source, values, (i) => ({ position: at([...path, ...pathOf(i)]) }), what),
    });
  });
  if (quiz.precheck) checkPrecheck(issues, source, quiz);
}

/** A pre-check names questions of its quiz, each once, or brings its own with ids of their own. */
function checkPrecheck(issues: IssueList, source: YamlSource, quiz: Quiz): void {
  const ids = new Set(quiz.questions.map((q) => q.id));
  const entries = quiz.precheck!.questions;
  const idOf = (entry: (typeof entries)[number]) => (typeof entry === 'string' ? entry : entry.id);
  checkDuplicates(issues, source, entries.map(idOf), (i) => ({ position: source.positionOf(['precheck', 'questions', i]) }), 'pre-check question');
  entries.forEach((entry, i) => {
    const at = source.positionOf(['precheck', 'questions', i]);
    if (typeof entry === 'string') {
      if (!ids.has(entry)) issues.add(source.file, at, `pre-check question "${entry}" is not a question of this quiz (${[...ids].join(', ')})`);
    } else {
      if (ids.has(entry.id)) issues.add(source.file, at, `pre-check question '${entry.id}' has the id of a quiz question: name the quiz question ("- ${entry.id}") or give this one an id of its own`);
      authoringOf(entry).check?.(entry, {
        name: `pre-check question '${entry.id}'`,
        add: (relative, message) => issues.add(source.file, source.positionOf(['precheck', 'questions', i, ...relative]), message),
        warn: () => undefined,
        duplicates: (values, pathOf, what) => checkDuplicates(issues, source, values, (k) => ({ position: source.positionOf(['precheck', 'questions', i, ...pathOf(k)]) }), what),
      });
    }
  });
  if (!entries.some((entry) => typeof entry === 'string')) {
    issues.add(source.file, source.positionOf(['precheck', 'questions']), 'the pre-check names none of the quiz\'s questions, so no learning gain can be measured: list some quiz question ids');
  }
}

function checkCase(issues: IssueList, { source, data: exercise }: Loaded<CaseExercise>): void {
  const indexOf = new Map(exercise.nodes.map((n, i) => [n.id, i]));
  const at = (id: string, ...rest: PropertyKey[]) => source.positionOf(['nodes', indexOf.get(id) ?? 0, ...rest]);
  checkDuplicates(issues, source, exercise.nodes.map((n) => n.id), (i) => ({ position: source.positionOf(['nodes', i, 'id']) }), 'case node id');
  const analysis = analyseCase(exercise);
  if (analysis.startMissing) issues.add(source.file, source.positionOf(['start']), `start node "${exercise.start}" does not exist`);
  for (const [nodeId, choiceId, missing] of analysis.danglingChoices) {
    const node = exercise.nodes[indexOf.get(nodeId)!]!;
    const ci = node.type === 'decision' ? node.choices.findIndex((c) => c.id === choiceId) : 0;
    issues.add(source.file, at(nodeId, 'choices', ci, 'next'), `node '${nodeId}', choice '${choiceId}' leads nowhere: no node "${missing}"`);
  }
  for (const id of analysis.unreachable) issues.add(source.file, at(id), `node '${id}' cannot be reached from the start node "${exercise.start}"`);
  if (analysis.cycleAt) issues.add(source.file, at(analysis.cycleAt), `node '${analysis.cycleAt}' is on a loop: every path must end at an ending`);
  if (analysis.endings < 2) issues.add(source.file, source.positionOf(['nodes']), `the case has ${analysis.endings} ending(s); a branching case needs several`);
  for (const node of exercise.nodes) {
    if (node.type !== 'decision') continue;
    checkDuplicates(issues, source, node.choices.map((c) => c.id), (i) => ({ position: at(node.id, 'choices', i, 'id') }), `choice id in node '${node.id}'`);
    const best = node.choices.filter((c) => c.best);
    if (best.length !== 1) {
      issues.add(source.file, at(node.id, 'choices'), `node '${node.id}' must mark exactly one choice "best: true" (has ${best.length})`);
    } else if (node.choices.some((c) => c.points > best[0]!.points)) {
      issues.add(source.file, at(node.id, 'choices'), `node '${node.id}': the best choice '${best[0]!.id}' does not have the most points`);
    }
  }
}

/** Translations keep the source's structure: same ids, order, answers, points and branching. */
function checkSameStructure<T>(issues: IssueList, original: Loaded<T>, translated: Loaded<T>): void {
  const difference = firstDifference(structureOf(original.data), structureOf(translated.data), []);
  if (difference) {
    issues.add(translated.source.file, translated.source.positionOf(difference), `differs in structure from ${original.source.file} at ${translated.source.describe(difference) || 'top level'}: translations may change text only`);
  }
}

const STRUCTURAL_KEYS = new Set([
  'id', 'type', 'next', 'start', 'outcome', 'correct', 'best', 'points', 'answer', 'tolerance', 'attempts',
  'shuffle', 'caseSensitive', 'maxLength', 'partialCredit',
]);

function structureOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'object' && v !== null).map(structureOf);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v && typeof v === 'object') out[key] = structureOf(v);
      // `correct: true` on an option is structure; `feedback.correct: "…"` is text to translate.
      else if (STRUCTURAL_KEYS.has(key) && !(key === 'correct' && typeof v === 'string')) out[key] = v;
    }
    return out;
  }
  return value;
}

function firstDifference(a: unknown, b: unknown, path: PropertyKey[]): PropertyKey[] | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return path;
      const d = firstDifference(a[i], b[i], [...path, i]);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, key]);
      if (d) return d;
    }
    return undefined;
  }
  return a === b ? undefined : path;
}

/** A lesson's reference to a tool of its module's Toolbox: `[text](toolbox:<id>)`. */
export const TOOL_LINK = /\[[^\]]*\]\(toolbox:([^)\s]*)\)/g;

/** The place of `offset` in a text that starts at `firstLine` of its file. */
function placeIn(text: string, offset: number, firstLine: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: firstLine + (before.match(/\n/g)?.length ?? 0), column: offset - before.lastIndexOf('\n') };
}

/**
 * Tools and the lessons that refer to them: a tool's id is its file name, every `toolbox:` link
 * names a tool of the module, and (in the module's own language) every tool is referred to by a
 * lesson, so nothing in the Toolbox is orphaned and nothing a lesson promises is missing.
 */
function checkTools(issues: IssueList, files: LanguageFiles, sourceLanguage: boolean): void {
  const ids = new Set(files.tools.map((t) => t.frontMatter.data.id));
  for (const tool of files.tools) {
    const name = /([^/]+?)(?:\.[a-z]{2,3})?\.md$/.exec(tool.file)?.[1];
    if (name && tool.frontMatter.data.id !== name) issues.add(tool.file, tool.frontMatter.source.positionOf(['id']), `tool id "${tool.frontMatter.data.id}" must equal its file name "${name}"`);
  }
  const referenced = new Set<string>();
  for (const lesson of files.lessons) {
    for (const m of lesson.body.matchAll(TOOL_LINK)) {
      referenced.add(m[1]!);
      if (!ids.has(m[1]!)) {
        issues.add(lesson.file, placeIn(lesson.body, m.index, lesson.bodyLine), `unknown tool "toolbox:${m[1]}": add modules/<module>/toolbox/${m[1] || '<id>'}.md or link one of: ${[...ids].join(', ') || 'none (this module has no tools)'}`);
      }
    }
  }
  if (!sourceLanguage) return;
  for (const tool of files.tools) {
    if (!referenced.has(tool.frontMatter.data.id)) issues.add(tool.file, { line: 1, column: 1 }, `no lesson refers to tool "${tool.frontMatter.data.id}": link it where a learner needs it, as [text](toolbox:${tool.frontMatter.data.id})`);
  }
}

function checkMarksInText(issues: IssueList, index: GlossaryIndex, file: string, text: string, firstLine: number): void {
  for (const mark of findGlossaryMarks(text)) {
    if (!index.resolve(mark)) issues.add(file, placeIn(text, mark.offset, firstLine), unknownTermMessage(mark.shown, mark.termId));
  }
}

/** Looks for glossary marks in every string of a YAML file, reporting at the string's position. */
function checkMarksInYaml(issues: IssueList, index: GlossaryIndex, source: YamlSource): void {
  const walk = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string') {
      for (const mark of findGlossaryMarks(value)) {
        if (!index.resolve(mark)) issues.add(source.file, source.positionOf(path), unknownTermMessage(mark.shown, mark.termId));
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(source.data, []);
}

function unknownTermMessage(shown: string, termId?: string): string {
  return termId ? `unknown glossary term id "${termId}" (marked as [[${shown}|${termId}]])` : `unknown glossary term "${shown}": add it to modules/glossary.yaml or mark it as [[${shown}|term-id]]`;
}

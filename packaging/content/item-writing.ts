/**
 * Item-writing checks: what makes a quiz or a case answerable without the lesson. Each finding is
 * a warning (an error under `inprocap check --strict`) at the file and line an author must change:
 * - the correct option is the longest in at most 40% of a module's single-key questions, and the
 *   best case choice the longest label in at most 40% of its decisions;
 * - true/false keys are between 35% and 65% true (as near as the module's count allows);
 * - no answer stands in its own prompt (fill-in, numeric);
 * - per question type, what its authoring half warns of (matching: at least two distractors).
 * What each question contributes comes from its type (`itemWriting` in `<name>.authoring.ts`).
 */
import type { CaseExercise, Quiz } from '../../core/content/schema.ts';
import { authoringOf } from '../../core/question-types/authoring.ts';
import { isLongest } from '../../core/question-types/item-writing.authoring.ts';
import type { IssueList } from './issues.ts';
import type { Loaded } from './load.ts';

export const MAX_LONGEST_SHARE = 0.4;
export const TRUE_SHARE = { min: 0.35, max: 0.65 };

interface Share {
  count: number;
  of: number;
}

export interface ItemWritingFigures {
  /** Single-key questions whose correct option is the longest. */
  correctLongest: Share;
  /** Case decisions whose best choice has the longest label. */
  bestLongest: Share;
  /** True/false questions keyed true. */
  keyedTrue: Share;
  /** Questions whose answer stands in the prompt. */
  answerInPrompt: number;
  /** The module's item-writing warnings in all, the question types' own included (set by the content check). */
  warnings: number;
}

/** The most of `of` items that may have a property held to at most `share`. */
const atMost = (share: number, of: number) => Math.floor(share * of);

export function checkItemWriting(issues: IssueList, quiz: Loaded<Quiz> | undefined, exercise: Loaded<CaseExercise> | undefined): Omit<ItemWritingFigures, 'warnings'> {
  const figures = { correctLongest: { count: 0, of: 0 }, bestLongest: { count: 0, of: 0 }, keyedTrue: { count: 0, of: 0 }, answerInPrompt: 0 };
  if (quiz) {
    const { source, data } = quiz;
    const warn = (path: (string | number)[], message: string) => issues.add(source.file, source.positionOf(path), message, 'warning', 'item-writing');
    const longest: string[] = [];
    const keys: string[] = [];
    data.questions.forEach((q, qi) => {
      const facts = authoringOf(q).itemWriting?.(q) ?? {};
      if (facts.keyIsLongest !== undefined) {
        figures.correctLongest.of++;
        if (facts.keyIsLongest) {
          figures.correctLongest.count++;
          longest.push(q.id);
        }
      }
      if (facts.keyedTrue !== undefined) {
        figures.keyedTrue.of++;
        if (facts.keyedTrue) figures.keyedTrue.count++;
        keys.push(`${q.id} ${facts.keyedTrue}`);
      }
      if (facts.answerInPrompt) {
        figures.answerInPrompt++;
        warn(['questions', qi, 'prompt'], `question '${q.id}' gives its answer away: the accepted answer stands in the prompt`);
      }
    });
    const { count, of } = figures.correctLongest;
    if (of && count > atMost(MAX_LONGEST_SHARE, of)) {
      warn(['questions'], `the correct option is the longest in ${count} of ${of} single-choice questions (${longest.join(', ')}): at most ${atMost(MAX_LONGEST_SHARE, of)} (40%), or length gives the answer away`);
    }
    const t = figures.keyedTrue;
    const [low, high] = [Math.round(TRUE_SHARE.min * t.of), Math.round(TRUE_SHARE.max * t.of)];
    if (t.of && (t.count < low || t.count > high)) {
      warn(['questions'], `${t.count} of ${t.of} true/false questions are keyed true (${keys.join(', ')}): key ${low} to ${high} of them true (35-65%), or one answer is a safe guess`);
    }
  }
  if (exercise) {
    const { source, data } = exercise;
    const longest: string[] = [];
    for (const node of data.nodes) {
      if (node.type !== 'decision' || node.choices.length < 2) continue;
      figures.bestLongest.of++;
      const best = node.choices.findIndex((c) => c.best);
      if (best >= 0 && isLongest(node.choices.map((c) => c.label), best)) {
        figures.bestLongest.count++;
        longest.push(node.id);
      }
    }
    const { count, of } = figures.bestLongest;
    if (of && count > atMost(MAX_LONGEST_SHARE, of)) {
      issues.add(source.file, source.positionOf(['nodes']), `the best choice has the longest label in ${count} of ${of} decisions (${longest.join(', ')}): at most ${atMost(MAX_LONGEST_SHARE, of)} (40%)`, 'warning', 'item-writing');
    }
  }
  return figures;
}

/** One line of figures for the check's summary. */
export function formatFigures(f: ItemWritingFigures): string {
  const share = (c: Share) => `${c.count}/${c.of}`;
  return `item writing: correct option longest ${share(f.correctLongest)}, best choice longest ${share(f.bestLongest)}, keyed true ${share(f.keyedTrue)}, answers in prompts ${f.answerInPrompt}; ${f.warnings} warning${f.warnings === 1 ? '' : 's'}`;
}

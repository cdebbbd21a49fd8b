/**
 * Scoring for every question type, and for a whole quiz. Pure functions: the quiz component,
 * the trackers (interaction results) and the tests all use these.
 */
import type { Question, Quiz } from '../content/schema.ts';
import type { Response } from './responses.ts';

export interface QuestionResult {
  answered: boolean;
  correct: boolean;
  /** Share of the question's points earned, 0..1 (partial credit where the question allows it). */
  credit: number;
}

const UNANSWERED: QuestionResult = { answered: false, correct: false, credit: 0 };

export function scoreQuestion(question: Question, response: Response | undefined): QuestionResult {
  if (response === undefined || response === null) return UNANSWERED;
  const result = (correct: boolean, credit = correct ? 1 : 0): QuestionResult => ({ answered: true, correct, credit });
  switch (question.type) {
    case 'single': {
      if (typeof response !== 'number') return UNANSWERED;
      return result(question.options[response]?.correct === true);
    }
    case 'multiple': {
      if (!Array.isArray(response) || response.length === 0) return UNANSWERED;
      const chosen = new Set(response);
      return result(question.options.every((o, i) => o.correct === chosen.has(i)));
    }
    case 'truefalse':
      return typeof response === 'boolean' ? result(response === question.answer) : UNANSWERED;
    case 'matching': {
      if (!Array.isArray(response) || response.every((t) => t < 0)) return UNANSWERED;
      // Targets are numbered pairs first (target i matches pair i), then distractors.
      const right = question.pairs.filter((_, i) => response[i] === i).length;
      const correct = right === question.pairs.length;
      return result(correct, question.partialCredit ? right / question.pairs.length : correct ? 1 : 0);
    }
    case 'sequencing': {
      if (!Array.isArray(response) || response.length !== question.items.length) return UNANSWERED;
      return result(response.every((item, position) => item === position));
    }
    case 'fillin': {
      if (typeof response !== 'string' || !response.trim()) return UNANSWERED;
      const typed = normaliseText(response, question.caseSensitive);
      return result(question.answers.some((a) => normaliseText(a, question.caseSensitive) === typed));
    }
    case 'numeric': {
      if (typeof response !== 'string' || !response.trim()) return UNANSWERED;
      const value = parseNumber(response);
      // Text that is no number is not an answer yet: the learner is asked for a number.
      if (!Number.isFinite(value)) return UNANSWERED;
      return result(Math.abs(value - question.answer) <= question.tolerance + 1e-9);
    }
  }
}

export function normaliseText(text: string, caseSensitive: boolean): string {
  const collapsed = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  return caseSensitive ? collapsed : collapsed.toLocaleLowerCase();
}

/**
 * Reads a number as people type it: "140000", "140 000", "140,000", "€140,000", "1,5" (decimal comma).
 * Returns NaN when it is not a number.
 */
export function parseNumber(typed: string): number {
  let text = typed.trim().replace(/[\s\u00a0\u202f'’_]/g, '').replace(/^[€$£]|[€$£%]$/g, '');
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both present: the last one is the decimal separator.
    text = lastComma > lastDot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (lastComma >= 0) {
    text = /^-?\d{1,3}(,\d{3})+$/.test(text) ? text.replace(/,/g, '') : text.replace(',', '.');
  } else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(text)) {
    text = text.replace(/\./g, ''); // 1.000.000
  }
  return /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) : NaN;
}

export interface QuizScore {
  points: number;
  maxPoints: number;
  /** 0..1 */
  scaled: number;
  /** 0..100, rounded to one decimal */
  percent: number;
  correctCount: number;
}

export function scoreQuiz(quiz: Quiz, answers: readonly (Response | undefined)[]): QuizScore {
  let points = 0;
  let maxPoints = 0;
  let correctCount = 0;
  quiz.questions.forEach((question, i) => {
    const r = scoreQuestion(question, answers[i]);
    points += r.credit * question.points;
    maxPoints += question.points;
    if (r.correct) correctCount++;
  });
  const scaled = maxPoints ? points / maxPoints : 0;
  return { points, maxPoints, scaled, percent: Math.round(scaled * 1000) / 10, correctCount };
}

export function isPassed(percent: number, masteryScore: number): boolean {
  return percent + 1e-9 >= masteryScore;
}

/** The options of a matching question as targets: pairs' matches first, then distractors. */
export function matchingTargets(question: Extract<Question, { type: 'matching' }>): { id: string; text: string }[] {
  return [...question.pairs.map((p) => ({ id: p.id, text: p.match })), ...question.distractors];
}

/** The response that scores full marks: what trackers report as the correct response. */
export function correctResponse(question: Question): Response {
  switch (question.type) {
    case 'single':
      return question.options.findIndex((o) => o.correct);
    case 'multiple':
      return question.options.flatMap((o, i) => (o.correct ? [i] : []));
    case 'truefalse':
      return question.answer;
    case 'matching':
      return question.pairs.map((_, i) => i);
    case 'sequencing':
      return question.items.map((_, i) => i);
    case 'fillin':
      return question.answers[0]!;
    case 'numeric':
      return String(question.answer);
  }
}

/** A response that scores nothing, whatever the question's type: for tests and demo data. */
export function wrongResponse(question: Question): Response {
  switch (question.type) {
    case 'single':
      return question.options.findIndex((o) => !o.correct);
    case 'multiple': {
      const wrong = question.options.flatMap((o, i) => (o.correct ? [] : [i]));
      return wrong.length ? wrong : [question.options.findIndex((o) => !o.correct)];
    }
    case 'truefalse':
      return !question.answer;
    case 'matching':
      return question.pairs.map((_, i) => (i + 1) % question.pairs.length);
    case 'sequencing':
      return question.items.map((_, i) => question.items.length - 1 - i);
    case 'fillin':
      return 'not the answer';
    case 'numeric':
      return String(question.answer + question.tolerance + 1);
  }
}

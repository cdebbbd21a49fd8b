/**
 * Scoring for every question type, and for a whole quiz. Pure functions: the quiz component,
 * the trackers (interaction results) and the tests all use these.
 */
import type { Question, Quiz } from '../content/schema.ts';
import type { Response } from './responses.ts';
import type { QuestionResult } from '../question-types/question-type.ts';
import { questionType } from '../question-types/registry.ts';

const UNANSWERED: QuestionResult = { answered: false, correct: false, credit: 0 };

export function scoreQuestion(question: Question, response: Response | undefined): QuestionResult {
  if (response === undefined || response === null) return UNANSWERED;
  const result = questionType(question).score(question, response);
  return result ? { answered: true, correct: result.correct, credit: result.credit ?? (result.correct ? 1 : 0) } : UNANSWERED;
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

/** The response that scores full marks: what trackers report as the correct response. */
export function correctResponse(question: Question): Response {
  return questionType(question).correctResponse(question);
}

/** A response that scores nothing, whatever the question's type: for tests and demo data. */
export function wrongResponse(question: Question): Response {
  return questionType(question).wrongResponse(question);
}

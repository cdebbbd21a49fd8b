import { describe, expect, it } from 'vitest';
import { questionSchema, quizSchema, type Question } from '../../core/content/schema.ts';
import { isPassed, scoreQuestion, scoreQuiz } from '../../core/quiz/scoring.ts';
import { parseNumber } from '../../core/quiz/text.ts';

const q = (source: unknown): Question => questionSchema.parse(source);

const single = q({ id: 's', type: 'single', prompt: 'p', options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B' }] });
const multiple = q({
  id: 'm', type: 'multiple', prompt: 'p',
  options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B' }, { id: 'c', text: 'C', correct: true }],
});
const trueFalse = q({ id: 't', type: 'truefalse', prompt: 'p', answer: false });
const matching = q({
  id: 'x', type: 'matching', prompt: 'p',
  pairs: [{ id: 'a', prompt: 'Open', match: 'Art. 27' }, { id: 'b', prompt: 'Restricted', match: 'Art. 28' }, { id: 'c', prompt: 'CPN', match: 'Art. 29' }],
  distractors: [{ id: 'd', text: 'Art. 99' }],
});
const sequencing = q({ id: 'q', type: 'sequencing', prompt: 'p', items: [{ id: 'a', text: '1' }, { id: 'b', text: '2' }, { id: 'c', text: '3' }] });
const fillIn = q({ id: 'f', type: 'fillin', prompt: 'p', answers: ['MEAT', 'most economically advantageous tender'] });
const numeric = q({ id: 'n', type: 'numeric', prompt: 'p', answer: 140000, tolerance: 0 });

describe('scoring each question type', () => {
  it('single choice', () => {
    expect(scoreQuestion(single, 0)).toEqual({ answered: true, correct: true, credit: 1 });
    expect(scoreQuestion(single, 1)).toEqual({ answered: true, correct: false, credit: 0 });
    expect(scoreQuestion(single, undefined).answered).toBe(false);
  });

  it('multiple response needs exactly the correct set', () => {
    expect(scoreQuestion(multiple, [0, 2]).correct).toBe(true);
    expect(scoreQuestion(multiple, [0]).correct).toBe(false);
    expect(scoreQuestion(multiple, [0, 1, 2]).correct).toBe(false);
    expect(scoreQuestion(multiple, []).answered).toBe(false);
  });

  it('true/false', () => {
    expect(scoreQuestion(trueFalse, false).correct).toBe(true);
    expect(scoreQuestion(trueFalse, true).correct).toBe(false);
  });

  it('matching, all-or-nothing and with partial credit', () => {
    expect(scoreQuestion(matching, [0, 1, 2]).correct).toBe(true);
    expect(scoreQuestion(matching, [0, 2, 1])).toEqual({ answered: true, correct: false, credit: 0 });
    expect(scoreQuestion(matching, [0, 1, 3]).correct).toBe(false); // distractor chosen
    expect(scoreQuestion(matching, [-1, -1, -1]).answered).toBe(false);
    const partial = { ...matching, partialCredit: true } as Question;
    expect(scoreQuestion(partial, [0, 2, 1]).credit).toBeCloseTo(1 / 3);
  });

  it('sequencing', () => {
    expect(scoreQuestion(sequencing, [0, 1, 2]).correct).toBe(true);
    expect(scoreQuestion(sequencing, [1, 0, 2]).correct).toBe(false);
    expect(scoreQuestion(sequencing, [0, 1]).answered).toBe(false);
  });

  it('fill-in ignores case and spacing unless told otherwise', () => {
    expect(scoreQuestion(fillIn, '  meat ').correct).toBe(true);
    expect(scoreQuestion(fillIn, 'Most  economically advantageous   tender').correct).toBe(true);
    expect(scoreQuestion(fillIn, 'cheapest').correct).toBe(false);
    expect(scoreQuestion(fillIn, '   ').answered).toBe(false);
    const strict = { ...fillIn, caseSensitive: true } as Question;
    expect(scoreQuestion(strict, 'meat').correct).toBe(false);
    expect(scoreQuestion(strict, 'MEAT').correct).toBe(true);
  });

  it('numeric reads numbers as people type them, within tolerance', () => {
    for (const typed of ['140000', '140 000', '140,000', '€140,000', '140.000,00', '140000.0']) {
      expect(scoreQuestion(numeric, typed).correct, typed).toBe(true);
    }
    expect(scoreQuestion(numeric, '143000').correct).toBe(false);
    expect(scoreQuestion(numeric, 'about 140k').answered).toBe(false);
    const tolerant = { ...numeric, tolerance: 5000 } as Question;
    expect(scoreQuestion(tolerant, '144999').correct).toBe(true);
    expect(scoreQuestion(tolerant, '145001').correct).toBe(false);
    expect(parseNumber('1,5')).toBe(1.5);
    expect(parseNumber('1.000.000')).toBe(1_000_000);
    expect(parseNumber('abc')).toBeNaN();
  });
});

describe('quiz score and pass mark', () => {
  const quiz = quizSchema.parse({
    id: 'quiz', title: 'Quiz',
    questions: [
      { id: 's', type: 'single', prompt: 'p', points: 2, options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B' }] },
      { id: 't', type: 'truefalse', prompt: 'p', answer: true },
      { id: 'x', type: 'matching', prompt: 'p', partialCredit: true, pairs: [{ id: 'a', prompt: 'A', match: '1' }, { id: 'b', prompt: 'B', match: '2' }] },
    ],
  });

  it('weights questions by points and counts partial credit', () => {
    const score = scoreQuiz(quiz, [0, false, [0, -1]]);
    expect(score.points).toBe(2.5);
    expect(score.maxPoints).toBe(4);
    expect(score.scaled).toBe(0.625);
    expect(score.percent).toBe(62.5);
    expect(score.correctCount).toBe(1);
  });

  it('treats unanswered questions as wrong', () => {
    expect(scoreQuiz(quiz, []).percent).toBe(0);
  });

  it('passes at exactly the mastery score', () => {
    expect(isPassed(75, 75)).toBe(true);
    expect(isPassed(74.9, 75)).toBe(false);
  });
});

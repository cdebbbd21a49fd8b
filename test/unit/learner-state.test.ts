import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckedCourses } from '../../packaging/build.ts';
import type { Course } from '../../core/content/schema.ts';
import type { Response } from '../../core/quiz/responses.ts';
import {
  createState,
  deserialiseState,
  SCORM12_SUSPEND_DATA_LIMIT,
  serialiseState,
  worstCaseState,
} from '../../core/state/learner-state.ts';

const quiet = { info: () => {}, warn: () => {} };
const courses: Course[] = loadCheckedCourses(resolve(import.meta.dirname, '../..'), {}, quiet).map((c) => c.course!);

describe('learner state', () => {
  it('has at least one real module to check', () => {
    expect(courses.length).toBeGreaterThan(0);
  });

  describe.each(courses.map((c) => [c.slug, c] as const))('module %s', (_slug, course) => {
    it('fits the worst-case state in SCORM 1.2 suspend_data (4,096 characters)', () => {
      const worst = worstCaseState(course);
      const text = serialiseState(worst, course);
      expect(text.length).toBeLessThanOrEqual(SCORM12_SUSPEND_DATA_LIMIT);
      // The worst case really is full: every question answered, every text at its limit.
      const questions = course.content[course.defaultLanguage]!.quiz?.questions ?? [];
      expect(worst.quiz.answers.filter((a) => a !== undefined)).toHaveLength(questions.length);
      expect(deserialiseState(text, course)).toEqual(worst);
    });

    it('round-trips a state with an answer of every kind', () => {
      const state = createState(course, 123456);
      const content = course.content[course.defaultLanguage]!;
      const questions = content.quiz?.questions ?? [];
      state.section = Math.min(3, course.sections.length - 1);
      state.step = 2;
      state.language = 'fr';
      state.visited = course.sections.map((_, i) => i % 2 === 0);
      state.quiz = {
        attempt: 2,
        seed: 123456,
        submitted: false,
        bestPercent: 61.9,
        lastPercent: 47.6,
        checked: questions.map((_, i) => i % 3 === 0),
        answers: questions.map((q, i): Response | undefined => {
          if (i % 4 === 3) return undefined;
          switch (q.type) {
            case 'single': return 1;
            case 'multiple': return [0, 2];
            case 'truefalse': return i % 2 === 0;
            case 'matching': return q.pairs.map((_, k) => (k === 0 ? -1 : k));
            case 'sequencing': return q.items.map((_, k) => q.items.length - 1 - k);
            case 'fillin': return 'He said "MEAT" \\ twice';
            case 'numeric': return '140 000';
          }
        }),
      };
      // The pre-check's answers: its questions answered as the quiz's, the last one not.
      const precheck = content.precheck?.questions ?? [];
      state.precheck = {
        answers: precheck.map((q, i) => (i === precheck.length - 1 ? undefined : state.quiz.answers[questions.findIndex((x) => x.id === q.id)] ?? undefined)),
        ...(precheck.length ? { outcome: 'sent' as const } : {}),
      };
      state.case = { path: [1, 0], consequenceSeen: true, finished: false };
      const items = content.survey?.items ?? [];
      state.survey = {
        submitted: true,
        ratings: items.map((item, i) => (item.type === 'likert' ? (i % 5) + 1 : undefined)),
        texts: items.map((item) => (item.type === 'text' ? 'Less theory, more cases: <b>please</b> — ça va' : undefined)),
      };
      const back = deserialiseState(serialiseState(state, course), course);
      expect(back).toEqual(state);
    });
  });

  it('refuses state from another module version and unreadable text', () => {
    const course = courses[0]!;
    const text = serialiseState(createState(course, 1), course);
    expect(deserialiseState(text, { ...course, version: '9.9.9' })).toBeUndefined();
    expect(deserialiseState('not json', course)).toBeUndefined();
    expect(deserialiseState('{"a":1}', course)).toBeUndefined();
    expect(deserialiseState('', course)).toBeUndefined();
  });

  it('clamps a bookmark that points past the module', () => {
    const course = courses[0]!;
    const state = { ...createState(course, 1), section: 999 };
    expect(deserialiseState(serialiseState(state, course), course)?.section).toBe(0);
  });
});

/**
 * The pre-check: declared in a quiz file, compiled before the first lesson, answered without
 * feedback or grade, sent to the LRS only, kept across sessions, and told apart from the quiz's
 * answers by the LRS's learning facts while sharing their activities.
 */
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCheckedCourses } from '../../packaging/build.ts';
import { checkContent } from '../../packaging/content/check.ts';
import { sourceIndex } from '../../packaging/review/sources.ts';
import { formatIssue } from '../../packaging/content/issues.ts';
import { loadContent } from '../../packaging/content/load.ts';
import type { Course } from '../../core/content/schema.ts';
import type { InteractionRecord } from '../../core/records.ts';
import { correctResponse, scoreQuestion, wrongResponse } from '../../core/quiz/scoring.ts';
import { deserialiseState, serialiseState } from '../../core/state/learner-state.ts';
import { learningFact } from '../../core/xapi/learning-facts.ts';
import { StatementFactory } from '../../core/xapi/statement-factory.ts';
import { validateStatement } from '../../lrs/xapi/validate-statement.ts';
import { CoursePlayer } from '../../src/player/course-player.ts';
import type { Tracker } from '../../src/tracker/tracker.ts';
import { VALID_FILES, writeContent } from './fixture.ts';

const quiet = { info: () => {}, warn: () => {} };
const checked = loadCheckedCourses(resolve(import.meta.dirname, '../..'), {}, quiet);
const course = (slug: string): Course => checked.find((c) => c.course?.slug === slug)!.course!;
const pcp = course('pcp');

/** A tracker that keeps what it was given: enough to see what the player reports. */
class RecordingTracker implements Tracker {
  readonly label = 'test';
  interactions: InteractionRecord[] = [];
  scores: number[] = [];
  saved: string | null = null;
  constructor(private readonly previous: string | null = null) {}
  async start() {
    return { learner: {}, savedState: this.previous, bookmark: null };
  }
  async saveState(state: string) {
    this.saved = state;
  }
  async recordInteraction(interaction: InteractionRecord) {
    this.interactions.push(interaction);
  }
  async setScore(score: { raw: number }) {
    this.scores.push(score.raw);
  }
  async setStatus() {}
  async finish() {}
}

describe('the pre-check in the modules', () => {
  it('is enabled in PCP, PPI and the innovation partnership, and in competitive dialogue, before the first lesson', () => {
    for (const slug of ['pcp', 'ppi', 'dialogue-negotiation']) {
      const c = course(slug);
      const kinds = c.sections.map((s) => s.kind);
      expect(kinds.indexOf('precheck'), slug).toBe(kinds.indexOf('lesson') - 1);
      for (const [language, content] of Object.entries(c.content)) {
        const precheck = content.precheck!;
        expect(precheck.questions.length, `${slug} ${language}`).toBeGreaterThanOrEqual(3);
        // Quiz items, in the content's language: the same questions the quiz asks later.
        for (const q of precheck.questions) expect(content.quiz!.questions.find((x) => x.id === q.id)).toEqual(q);
      }
    }
    expect(course('fundamentals').sections.some((s) => s.kind === 'precheck')).toBe(false);
  });
});

describe('the course player and the pre-check', () => {
  let tracker: RecordingTracker;
  let player: CoursePlayer;
  const precheck = pcp.content.en!.precheck!;

  beforeEach(async () => {
    tracker = new RecordingTracker();
    player = new CoursePlayer(pcp, tracker);
    await player.start();
    await player.settled();
  });

  it('opens on the pre-check, which is optional for completion', () => {
    expect(player.currentSection?.kind).toBe('precheck');
    expect(player.precheckOpen).toBe(true);
    expect(player.requiredSections).not.toContain(0);
  });

  it('sends nothing until every question has an answer, then each answer once, unscored, and closes', async () => {
    precheck.questions.slice(1).forEach((q, i) => player.setPrecheckAnswer(i + 1, wrongResponse(q)));
    expect(player.precheckUnanswered).toEqual([0]);
    expect(player.sendPrecheck()).toBe(false);
    await player.settled();
    expect(tracker.interactions).toEqual([]);
    player.setPrecheckAnswer(0, correctResponse(precheck.questions[0]!));
    expect(player.sendPrecheck()).toBe(true);
    await player.settled();
    const sent = tracker.interactions.filter((i) => i.kind === 'precheck');
    expect(sent.map((i) => i.kind === 'precheck' && [i.question.id, i.result.correct, i.inQuiz])).toEqual(
      precheck.questions.map((q, i) => [q.id, i === 0, true]),
    );
    expect(tracker.scores, 'no score for the module from the pre-check').toEqual([]);
    expect(player.precheckOpen).toBe(false);
    expect(player.sectionStatus(0)).toBe('done');
    // Closed: a second send or a change of answer does nothing.
    player.setPrecheckAnswer(1, correctResponse(precheck.questions[1]!));
    expect(player.sendPrecheck()).toBe(false);
    await player.settled();
    expect(tracker.interactions.filter((i) => i.kind === 'precheck')).toHaveLength(precheck.questions.length);
  });

  it('may be skipped: nothing is sent, and it is done', async () => {
    player.skipPrecheck();
    await player.settled();
    expect(tracker.interactions).toEqual([]);
    expect(player.state.precheck.outcome).toBe('skipped');
    expect(player.sectionStatus(0)).toBe('done');
  });

  it('closes once the quiz has started: after it, it would measure nothing', () => {
    player.goTo(pcp.sections.findIndex((s) => s.kind === 'quiz'));
    player.startQuiz();
    expect(player.precheckOpen).toBe(false);
    precheck.questions.forEach((q, i) => player.setPrecheckAnswer(i, correctResponse(q)));
    expect(player.sendPrecheck()).toBe(false);
  });

  it('keeps its answers and outcome in the saved state, across sessions', async () => {
    player.setPrecheckAnswer(0, correctResponse(precheck.questions[0]!));
    await player.settled();
    const again = new CoursePlayer(pcp, new RecordingTracker(tracker.saved));
    await again.start();
    expect(again.precheckResponseFor(0)).toEqual(correctResponse(precheck.questions[0]!));
    expect(again.precheckOpen).toBe(true);
    player.skipPrecheck();
    await player.settled();
    const restored = deserialiseState(tracker.saved, pcp)!;
    expect(restored.precheck.outcome).toBe('skipped');
    // A state saved before the pre-check existed (no tenth element) still reads, with it open.
    const older = JSON.parse(serialiseState(restored, pcp)) as unknown[];
    expect(deserialiseState(JSON.stringify(older.slice(0, 10)), pcp)!.precheck).toEqual({ answers: precheck.questions.map(() => undefined) });
  });
});

describe('pre-check statements and learning facts', () => {
  const actor = { objectType: 'Agent', account: { homePage: 'https://dti.dk', name: 'a1b2c3' } };
  const factory = new StatementFactory(pcp, { actor, language: 'en', packageFormat: 'xapi', organisation: 'DTI' });
  const q = pcp.content.en!.precheck!.questions[0]!;
  const record = (kind: 'precheck' | 'question', inQuiz = true): InteractionRecord => {
    const response = correctResponse(q);
    const result = scoreQuestion(q, response);
    return kind === 'precheck'
      ? { kind, question: q, response, result, latencyMs: 1000, inQuiz, timestamp: new Date() }
      : { kind, question: q, response, result, latencyMs: 1000, attempt: 1, timestamp: new Date() };
  };

  it('answers the quiz item itself, grouped under the pre-check; the facts tell the two apart', () => {
    const pre = factory.interaction(record('precheck'))!;
    const post = factory.interaction(record('question'))!;
    expect(() => validateStatement(pre, '2.0')).not.toThrow();
    expect((pre.object as { id: string }).id).toBe((post.object as { id: string }).id);
    expect((pre.context as any).contextActivities.grouping.map((a: { id: string }) => a.id)).toContain(`${pcp.id}/precheck`);
    expect((pre.result as any).score, 'not scored').toBeUndefined();
    expect(learningFact(pre, 'DTI')).toMatchObject({ kind: 'precheck', activityId: `${pcp.id}/questions/${q.id}`, success: true, attempt: null });
    expect(learningFact(post, 'DTI')).toMatchObject({ kind: 'question', attempt: 1 });
  });

  it("a pre-check question of its own has an activity of the pre-check's", () => {
    const own = factory.interaction(record('precheck', false))!;
    expect((own.object as { id: string }).id).toBe(`${pcp.id}/precheck/${q.id}`);
    expect(learningFact(own, 'DTI')!.kind).toBe('precheck');
  });
});

describe('checking a pre-check', () => {
  const quiz = VALID_FILES['modules/demo/quiz.yaml']!;
  const problems = (precheck: string): string[] => {
    const content = loadContent(writeContent({ 'modules/demo/quiz.yaml': quiz.replace('questions:\n', `${precheck}questions:\n`) }));
    const [result] = checkContent(content);
    return content.issues.errors.map(formatIssue).concat(result?.course ? [`sections: ${result.course.sections.map((s) => s.kind).join(' ')}`] : []);
  };

  it('compiles one before the first lesson', () => {
    expect(problems('precheck:\n  title: Before\n  questions: [q2, q1]\n')).toEqual(['sections: precheck lesson quiz case survey']);
  });

  it('names the file and line of a question the quiz does not have, and of one named twice', () => {
    expect(problems('precheck:\n  title: Before\n  questions: [q1, q9, q1]\n')).toEqual([
      'modules/demo/quiz.yaml:6:23: duplicate pre-check question "q1" (first used at line 6)',
      'modules/demo/quiz.yaml:6:19: pre-check question "q9" is not a question of this quiz (q1, q2)',
    ]);
  });

  it('refuses a pre-check that measures nothing: no quiz item in it', () => {
    const own = 'precheck:\n  title: Before\n  questions:\n    - id: p1\n      type: truefalse\n      prompt: True?\n      answer: true\n';
    expect(problems(own)).toEqual([
      "modules/demo/quiz.yaml:7:5: the pre-check names none of the quiz's questions, so no learning gain can be measured: list some quiz question ids",
    ]);
  });
});

describe("a pre-check's questions in the source index", () => {
  it('finds a question of its own at its line, and a quiz item at the quiz question', () => {
    const quiz = VALID_FILES['modules/demo/quiz.yaml']!.replace(
      'questions:\n',
      'precheck:\n  title: Before\n  questions:\n    - q2\n    - id: p1\n      type: truefalse\n      prompt: True?\n      answer: true\nquestions:\n',
    );
    const root = writeContent({ 'modules/demo/quiz.yaml': quiz });
    const content = loadContent(root);
    const [result] = checkContent(content);
    expect(content.issues.errors.map(formatIssue)).toEqual([]);
    const index = sourceIndex(root, content, result!.loaded, result!.course!);
    const id = result!.course!.id;
    expect(index.items[`${id}/precheck/p1`]).toEqual({ file: 'modules/demo/quiz.yaml', line: 8 });
    expect(index.items[`${id}/questions/q2`]?.anchor).toBe('question-q2');
  });
});

/**
 * Every value the SCORM trackers send, for every module and every kind of answer a learner can
 * give (right, wrong, and the awkward: line breaks, braces, delimiters, emoji, lone surrogates,
 * control characters, numbers too large or too small for a decimal), checked against the
 * strictest player rules met so far: the standard's and Moodle 4.3's own patterns
 * (mod/scorm/datamodels/scorm_12.js and scorm_13.js, restated here). And the order in which the
 * trackers commit: the score only after the final status, in a commit of its own.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckedCourses } from '../../packaging/build.ts';
import type { Course, Question } from '../../core/content/schema.ts';
import { correctResponse, scoreQuestion, wrongResponse } from '../../core/quiz/scoring.ts';
import type { Response } from '../../core/quiz/responses.ts';
import { characterString, decimal, shortIdentifier } from '../../src/tracker/scorm/data-types.ts';
import type { InteractionLike } from '../../core/interactions/interactions.ts';
import { createScorm12Tracker, scorm12Model, type Scorm12Api } from '../../src/tracker/scorm/scorm12.ts';
import { scorm2004Model } from '../../src/tracker/scorm/scorm2004.ts';
import { MemoryStorage } from '../support/memory-storage.ts';
import { ScormTracker } from '../../src/tracker/scorm/scorm-tracker.ts';
import { scorm2004Adapter, type Scorm2004Api } from '../../src/tracker/scorm/scorm2004.ts';

const quiet = { info: () => {}, warn: () => {} };
const courses: Course[] = loadCheckedCourses(resolve(import.meta.dirname, '../..'), {}, quiet).map((c) => c.course!);

// ---------------------------------------------------------------------------------------------
// The strictest rules: Moodle 4.3's patterns where they are stricter than the standard

const M12 = {
  identifier: /^[\u0021-\u007E]{0,255}$/,
  string255: /^[\s\S]{0,255}$/,
  decimal: /^-?([0-9]{0,3})(\.[0-9]*)?$/,
  time: /^([0-2]{1}[0-9]{1}):([0-5]{1}[0-9]{1}):([0-5]{1}[0-9]{1})(\.[0-9]{1,2})?$/,
  timespan: /^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$/,
  type: /^true-false$|^choice$|^fill-in$|^matching$|^performance$|^sequencing$|^likert$|^numeric$/,
  result: /^correct$|^wrong$|^unanticipated$|^neutral$/,
};
const M2004 = {
  longIdentifier: /^(?:(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000})$/,
  shortIdentifier: /^[\w.]{1,250}$/,
  decimal: /^-?([0-9]{1,5})(\.[0-9]{1,18})?$/,
  time: /^(19[7-9]{1}[0-9]{1}|20[0-2]{1}[0-9]{1}|203[0-8]{1})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{1,2}Z$/,
  timespan: /^P(\d+Y)?(\d+M)?(\d+D)?(T(((\d+H)(\d+M)?(\d+(\.\d{1,2})?S)?)|((\d+M)(\d+(\.\d{1,2})?S)?)|((\d+(\.\d{1,2})?S))))?$/,
  type: /^true-false$|^choice$|^(long-)?fill-in$|^matching$|^performance$|^sequencing$|^likert$|^numeric$|^other$/,
  result: /^correct$|^incorrect$|^unanticipated$|^neutral$/,
  /** Moodle first matches every interaction value against ^.*$: no line breaks. */
  oneLine: /^.*$/,
};

/** Lone surrogates make encodeURIComponent throw inside the player's Commit; C0 controls break storage. */
function wellFormed(value: string): boolean {
  try {
    encodeURIComponent(value);
  } catch {
    return false;
  }
  // Line breaks and tabs aside (SCORM 1.2 players take them; the 2004 rules below do not).
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
}

/** The problems of one interaction's SCORM 1.2 values, as strings naming element and value. */
function problems12(values: [string, string][]): string[] {
  const found: string[] = [];
  const bad = (element: string, value: string, rule: string) => found.push(`${element} = ${JSON.stringify(value)}: ${rule}`);
  for (const [element, value] of values) {
    const field = element.replace(/^cmi\.interactions\.\d+\./, '').replace(/\.\d+\./, '.n.');
    if (!wellFormed(value)) bad(element, value, 'not well-formed or has control characters');
    if (field === 'id' && !M12.identifier.test(value)) bad(element, value, 'CMIIdentifier');
    if (field === 'type' && !M12.type.test(value)) bad(element, value, 'CMIType');
    if (field === 'time' && !M12.time.test(value)) bad(element, value, 'CMITime');
    if (field === 'latency' && !M12.timespan.test(value)) bad(element, value, 'CMITimespan');
    if (field === 'result' && !M12.result.test(value)) bad(element, value, 'CMIResult');
    if (field === 'weighting' && (!M12.decimal.test(value) || Math.abs(Number(value)) > 100)) bad(element, value, 'CMIDecimal -100..100');
    if ((field === 'student_response' || field === 'correct_responses.n.pattern') && !M12.string255.test(value)) bad(element, value, 'CMIFeedback (255)');
  }
  return found;
}

function problems2004(values: [string, string][]): string[] {
  const found: string[] = [];
  const bad = (element: string, value: string, rule: string) => found.push(`${element} = ${JSON.stringify(value)}: ${rule}`);
  const type = values.find(([e]) => e.endsWith('.type'))?.[1] ?? '';
  for (const [element, value] of values) {
    const field = element.replace(/^cmi\.interactions\.\d+\./, '').replace(/\.\d+\./, '.n.');
    if (!wellFormed(value)) bad(element, value, 'not well-formed or has control characters');
    if (!M2004.oneLine.test(value)) bad(element, value, 'a line break');
    if (field === 'id' && !M2004.longIdentifier.test(value)) bad(element, value, 'long_identifier_type');
    if (field === 'type' && !M2004.type.test(value)) bad(element, value, 'interaction type');
    if (field === 'timestamp' && !M2004.time.test(value)) bad(element, value, 'time(second,10,0)');
    if (field === 'latency' && !M2004.timespan.test(value)) bad(element, value, 'timeinterval');
    if (field === 'result' && !M2004.result.test(value)) bad(element, value, 'result');
    if (field === 'weighting' && !M2004.decimal.test(value)) bad(element, value, 'real (Moodle: 5 integer digits)');
    if (field === 'description' && (value.length > 250 || value.startsWith('{'))) bad(element, value, 'localized_string_type(250) without a {lang} delimiter');
    if (field === 'learner_response' || field === 'correct_responses.n.pattern') {
      const pattern = field !== 'learner_response';
      const nodes = (text: string, delimiter: string) => (delimiter ? text.split(delimiter) : [text]);
      const ids = (text: string) => nodes(text, '[,]').every((id) => M2004.shortIdentifier.test(id));
      const ok =
        type === 'true-false' ? /^(true|false)$/.test(value)
        : type === 'choice' || type === 'sequencing' ? ids(value)
        : type === 'likert' ? M2004.shortIdentifier.test(value)
        : type === 'matching' ? nodes(value, '[,]').every((pair) => pair.split('[.]').length === 2 && pair.split('[.]').every((id) => M2004.shortIdentifier.test(id)))
        : type === 'numeric' ? (pattern ? nodes(value, '[:]').length <= 2 && nodes(value, '[:]').every((n) => M2004.decimal.test(n)) : M2004.decimal.test(value))
        : type === 'fill-in' ? nodes(value.replace(/^\{case_matters=(true|false)\}/, ''), '[,]').length <= 10 && nodes(value.replace(/^\{case_matters=(true|false)\}/, ''), '[,]').every((n) => n.length <= 250 && !n.startsWith('{'))
        : type === 'long-fill-in' ? value.length <= 4000 && !value.startsWith('{')
        : type === 'other' ? value.length <= 4000
        : false;
      if (!ok) bad(element, value, `${type} ${pattern ? 'pattern' : 'response'}`);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Every record a learner can produce

const AWKWARD_TEXT = ['line one\nline two\r\nthree', '{lang=xx}braces first', 'a[,]b[,]c', 'emoji 🎓 ok', 'lone \ud83d surrogate', 'nul\u0000and\u0007bell', '{', 'ä'.repeat(300), '🎓'.repeat(200)];
const AWKWARD_NUMBERS = ['140000', '1e30', '-0.5', '123456.789', '0.000000001', '99999', '100000'];

function records(course: Course): InteractionLike[] {
  const content = course.content[course.defaultLanguage]!;
  const now = new Date(Date.UTC(2026, 11, 3, 9, 30, 15, 987));
  const out: InteractionLike[] = [];
  const answer = (question: Question, response: Response) => {
    const result = scoreQuestion(question, response);
    if (result.answered) out.push({ kind: 'question', question, response, result, latencyMs: 61_234, attempt: 1, timestamp: now });
  };
  for (const question of content.quiz?.questions ?? []) {
    answer(question, correctResponse(question));
    answer(question, wrongResponse(question));
    if (question.type === 'fillin') for (const text of AWKWARD_TEXT) answer(question, text);
    if (question.type === 'numeric') for (const text of AWKWARD_NUMBERS) answer(question, text);
  }
  for (const node of content.case?.nodes ?? []) {
    if (node.type !== 'decision') continue;
    node.choices.forEach((choice, step) => out.push({ kind: 'case-decision', caseId: content.case!.id, node, choice, step: step + 1, latencyMs: 5_000, timestamp: now }));
  }
  for (const item of content.survey?.items ?? []) {
    if (item.type === 'likert') item && content.survey!.scale.forEach((_, i) => out.push({ kind: 'survey', surveyId: content.survey!.id, item, value: i + 1, timestamp: now }));
    else for (const text of AWKWARD_TEXT) out.push({ kind: 'survey', surveyId: content.survey!.id, item, value: text.repeat(20), timestamp: now });
  }
  return out;
}

describe('every interaction value the trackers send passes the strictest player rules', () => {
  it('has modules and awkward answers to check', () => {
    expect(courses.length).toBeGreaterThanOrEqual(7);
    expect(records(courses[0]!).length).toBeGreaterThan(50);
  });

  for (const course of courses) {
    it(`${course.slug}: SCORM 1.2 and SCORM 2004`, () => {
      const found: string[] = [];
      for (const record of records(course)) {
        found.push(...problems12(scorm12Model.interaction(0, record)));
        found.push(...problems2004(scorm2004Model.interaction(0, record)));
      }
      expect(found).toEqual([]);
    });
  }

  it('the checks themselves catch what Moodle refuses (they can fail)', () => {
    expect(problems2004([['cmi.interactions.0.type', 'numeric'], ['cmi.interactions.0.learner_response', '140000']])).toHaveLength(1);
    expect(problems2004([['cmi.interactions.0.type', 'choice'], ['cmi.interactions.0.learner_response', 'opt-a']])).toHaveLength(1);
    expect(problems2004([['cmi.interactions.0.type', 'long-fill-in'], ['cmi.interactions.0.learner_response', 'a\nb']])).toHaveLength(1);
    expect(problems2004([['cmi.interactions.0.description', '{x} y']])).toHaveLength(1);
    expect(problems12([['cmi.interactions.0.weighting', '1000']])).toHaveLength(1);
    expect(problems12([['cmi.interactions.0.student_response', 'lone \ud800']])).toHaveLength(1);
  });

  it('keeps numbers exact: a number too large for a decimal goes in as type "other", written out in full', () => {
    type Numeric = Extract<Question, { type: 'numeric' }>;
    const numerics = courses.flatMap((c) => c.content[c.defaultLanguage]!.quiz!.questions).filter((q): q is Numeric => q.type === 'numeric');
    const question = numerics.find((q) => q.answer >= 100_000)!;
    expect(question, 'a module asks for a number of six digits or more').toBeDefined();
    const record: InteractionLike = { kind: 'question', question, response: String(question.answer), result: scoreQuestion(question, String(question.answer)), latencyMs: 1, attempt: 1, timestamp: new Date() };
    const values = Object.fromEntries(scorm2004Model.interaction(3, record));
    expect(values['cmi.interactions.3.type']).toBe('other');
    expect(values['cmi.interactions.3.learner_response']).toBe(String(question.answer));
    expect(values['cmi.interactions.3.correct_responses.0.pattern']).toBe(`${question.answer - question.tolerance}[:]${question.answer + question.tolerance}`);
    const small = numerics.find((q) => q.answer < 1000)!;
    const smallRecord: InteractionLike = { ...record, question: small, response: String(small.answer), result: scoreQuestion(small, String(small.answer)) };
    expect(Object.fromEntries(scorm2004Model.interaction(0, smallRecord))['cmi.interactions.0.type']).toBe('numeric');
    // SCORM 1.2 players take responses as text: the number as it is.
    expect(Object.fromEntries(scorm12Model.interaction(0, record))['cmi.interactions.0.student_response']).toBe(String(question.answer));
  });
});

describe('SCORM data types', () => {
  it('writes decimals in plain notation, or not at all when they cannot fit', () => {
    expect(decimal(140000, 5)).toBeUndefined();
    expect(decimal(99999.5, 5)).toBe('99999.5');
    expect(decimal(1e30, Infinity)).toBeUndefined(); // toFixed gives exponent notation from 1e21
    expect(decimal(1e20, Infinity)).toBe('100000000000000000000');
    expect(decimal(66.66666666666667, 3)).toBe('66.6666667');
    expect(decimal(0.000000001, 5)).toBe('0');
    expect(decimal(-0.5, 5)).toBe('-0.5');
    expect(decimal(-0.00000001, 5)).toBe('0');
    expect(decimal(Number.NaN, 5)).toBeUndefined();
  });

  it('keeps text well-formed, one line and within length without cutting a character in two', () => {
    expect(characterString('a\nb\r\nc\td', 100)).toBe('a b  c d');
    expect(characterString('a\nb\u0000', 100, { multiline: true })).toBe('a\nb');
    expect(characterString('x\ud800y\udc00z', 100)).toBe('x\ufffdy\ufffdz');
    expect(characterString('ab🎓', 3)).toBe('ab');
    expect(characterString('ab🎓', 4)).toBe('ab🎓');
  });

  it('maps content ids to short identifiers without making two ids one', () => {
    expect(shortIdentifier('opt-a')).toBe('opt_a');
    expect(shortIdentifier('a1')).toBe('a1');
    const ids = ['a-b', 'ab', 'a-b-c', 'abc', 'a--b'];
    expect(new Set(ids.map(shortIdentifier)).size).toBe(ids.length);
  });
});

// ---------------------------------------------------------------------------------------------
// The order of commits

/** An LMS API that records what each commit carried, and can refuse commits. */
function recordingApi() {
  const commits: Record<string, string>[] = [];
  let batch: Record<string, string> = {};
  let failCommits = 0;
  const api: Scorm12Api & Scorm2004Api = {
    LMSInitialize: () => 'true',
    Initialize: () => 'true',
    LMSFinish: () => 'true',
    Terminate: () => 'true',
    LMSGetValue: () => '',
    GetValue: () => '',
    LMSSetValue: (element, value) => ((batch[element] = value), 'true'),
    SetValue: (element, value) => ((batch[element] = value), 'true'),
    LMSCommit: () => commit(),
    Commit: () => commit(),
    LMSGetLastError: () => '0',
    GetLastError: () => '0',
    LMSGetErrorString: () => '',
    GetErrorString: () => '',
  };
  function commit(): string {
    if (failCommits > 0) {
      failCommits--;
      return 'false';
    }
    commits.push(batch);
    batch = {};
    return 'true';
  }
  return { api, commits, failNext: (n: number) => (failCommits = n) };
}

describe('the score reaches the LMS only after the final status, in a later commit', () => {
  const course = courses.find((c) => c.slug === 'fundamentals')!;
  const score = { raw: 80, min: 0, max: 100, scaled: 0.8 };
  const trackers = {
    'SCORM 1.2': (api: Scorm12Api & Scorm2004Api) => createScorm12Tracker(api, course),
    'SCORM 2004': (api: Scorm12Api & Scorm2004Api) => new ScormTracker(scorm2004Adapter(api), scorm2004Model, course, new MemoryStorage()),
  };
  const statusOf = (c: Record<string, string>) => c['cmi.core.lesson_status'] ?? c['cmi.completion_status'];
  const scoreOf = (c: Record<string, string>) => c['cmi.core.score.raw'] ?? c['cmi.score.raw'];

  for (const [standard, make] of Object.entries(trackers)) {
    it(`${standard}: held while incomplete, sent after the commit that carried the final status`, async () => {
      const { api, commits } = recordingApi();
      const tracker = make(api);
      await tracker.start();
      await tracker.setStatus('incomplete', 'unknown');
      await tracker.setScore(score); // the quiz is done, the case is not
      await tracker.flush();
      expect(commits.some((c) => scoreOf(c) !== undefined), 'no score while incomplete').toBe(false);
      if (standard === 'SCORM 2004') expect(commits.at(-1)!['cmi.success_status'] ?? 'unknown').toBe('unknown');
      await tracker.setStatus('completed', 'passed');
      const statusCommit = commits.findIndex((c) => statusOf(c) === (standard === 'SCORM 1.2' ? 'passed' : 'completed'));
      const scoreCommit = commits.findIndex((c) => scoreOf(c) === '80');
      expect(statusCommit).toBeGreaterThanOrEqual(0);
      expect(scoreOf(commits[statusCommit]!), 'the status commit carries no score').toBeUndefined();
      expect(scoreCommit, 'the score follows in a later commit').toBeGreaterThan(statusCommit);
      if (standard === 'SCORM 2004') expect(commits[statusCommit]!['cmi.success_status']).toBe('passed');
      await tracker.finish();
    });

    it(`${standard}: a better score after completion waits for its own status too`, async () => {
      const { api, commits } = recordingApi();
      const tracker = make(api);
      await tracker.start();
      await tracker.setScore({ raw: 40, min: 0, max: 100, scaled: 0.4 });
      await tracker.setStatus('completed', 'failed');
      const failedScore = commits.findIndex((c) => scoreOf(c) === '40');
      expect(failedScore).toBeGreaterThan(0);
      // A retake passes: the player reports the new score, then the new status.
      await tracker.setScore(score);
      await tracker.setStatus('completed', 'passed');
      const passed = commits.findIndex((c) => statusOf(c) === 'passed' || c['cmi.success_status'] === 'passed');
      const newScore = commits.findIndex((c) => scoreOf(c) === '80');
      expect(passed).toBeGreaterThan(failedScore);
      expect(newScore).toBeGreaterThan(passed);
      await tracker.finish();
    });

    it(`${standard}: when the status commit fails, the score still waits until the status is in`, async () => {
      const { api, commits, failNext } = recordingApi();
      const tracker = make(api);
      await tracker.start();
      await tracker.setScore(score);
      failNext(1);
      await tracker.setStatus('completed', 'passed');
      expect(commits.some((c) => scoreOf(c) !== undefined)).toBe(false);
      await tracker.flush(); // the retry
      const statusCommit = commits.findIndex((c) => statusOf(c) !== undefined && statusOf(c) !== 'incomplete');
      const scoreCommit = commits.findIndex((c) => scoreOf(c) === '80');
      expect(statusCommit).toBeGreaterThanOrEqual(0);
      expect(scoreCommit).toBeGreaterThan(statusCommit);
      await tracker.finish();
    });
  }
});

describe('the pre-check never reaches the LMS', () => {
  const course = courses.find((c) => c.slug === 'pcp')!;
  const trackers = {
    'SCORM 1.2': (api: Scorm12Api & Scorm2004Api) => createScorm12Tracker(api, course),
    'SCORM 2004': (api: Scorm12Api & Scorm2004Api) => new ScormTracker(scorm2004Adapter(api), scorm2004Model, course, new MemoryStorage()),
  };
  for (const [standard, make] of Object.entries(trackers)) {
    it(`${standard}: its answers write no interaction; the quiz's answer to the same question does`, async () => {
      const { api, commits } = recordingApi();
      const tracker = make(api);
      await tracker.start();
      const question = course.content.en!.precheck!.questions[0]!;
      const response = correctResponse(question);
      const result = scoreQuestion(question, response);
      await tracker.recordInteraction({ kind: 'precheck', question, response, result, latencyMs: 900, inQuiz: true, timestamp: new Date() });
      await tracker.flush?.();
      const interactionKeys = () => commits.flatMap((c) => Object.keys(c)).filter((k) => k.startsWith('cmi.interactions.'));
      expect(interactionKeys()).toEqual([]);
      await tracker.recordInteraction({ kind: 'question', question, response, result, latencyMs: 900, attempt: 1, timestamp: new Date() });
      await tracker.flush?.();
      expect(interactionKeys().length, 'the quiz answer is written, so the check above can fail').toBeGreaterThan(0);
      await tracker.finish();
    });
  }
});

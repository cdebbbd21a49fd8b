/**
 * Demo and test data: learners of several partner organisations taking the real modules, as
 * statements built by the runtime's own statement factory and sent through the LRS's statement
 * API. Seeded, so the same options give the same learners, answers and timestamps, and with
 * known patterns the dashboard can be checked against:
 *
 * - question 1 is easy (about 95% correct), question 2 hard (about 10%), question 3
 *   discriminates negatively (stronger learners get it wrong more often), the rest follow ability;
 * - some learners stop after a lesson and some stall for weeks ("stuck");
 * - survey ratings lean positive; some comments contain markup, which must be shown as text;
 * - in modules with a pre-check, 85% of learners take it before the first lesson, and each
 *   learner's normalised learning gain on its quiz items is exactly their organisation's
 *   {@link seededGain} (0.75 for the first organisation, 0.5 for the others): the pre-check has
 *   k items right and the first quiz attempt k + g·(n − k) of the same items, so
 *   (post − pre) / (100 − pre) = g, k chosen so that this is near what the learner would have
 *   scored on them. Which items are right follows their patterns above (the easy question is
 *   mostly among them, the hard one mostly not). Some strong learners, likely to get them all
 *   right anyway, are at the ceiling: every item right before, no gain to measure.
 */
import type { Course, CourseContent, Question } from '../../core/content/schema.ts';
import { questionType } from '../../core/question-types/registry.ts';
import { seededRandom } from '../../core/quiz/shuffle.ts';
import { correctResponse, isPassed, scoreQuestion, scoreQuiz } from '../../core/quiz/scoring.ts';
import type { Response } from '../../core/quiz/responses.ts';
import { StatementFactory, type Statement } from '../../core/xapi/statement-factory.ts';
import { attendanceStatement, sessionIri } from '../../core/xapi/attendance.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import { createCredential, type NewCredential } from '../auth/credentials.ts';
import type { LrsBackend } from '../storage/backend.ts';

export const SEED_ORGS = ['DTI', 'NWO-I', 'CDTI', 'NCBJ', 'CERN', 'ESS', 'F4E', 'EISCAT'];
export const SEED_COMMENTS = [
  'Clear and practical, thank you.',
  'More BSO examples would help.',
  'The case exercise was the best part.',
  'A bit long for one sitting.',
  '<script>alert("x")</script> please fix',
  'Thresholds table: <b>very</b> useful',
];

export interface SeedOptions {
  learners: number;
  orgs: number;
  seed: number;
  /** Sessions happen between this date and `days` later. */
  from: Date;
  days: number;
}

export interface SeededLearner {
  index: number;
  org: string;
  account: { homePage: string; name: string };
  name?: string;
  ability: number;
}

export function orgIri(org: string): string {
  return `https://inprocap.eu/partners/${encodeURIComponent(org)}`;
}

export function seedLearners(options: SeedOptions): SeededLearner[] {
  const random = seededRandom(options.seed);
  const orgs = SEED_ORGS.slice(0, Math.max(1, Math.min(options.orgs, SEED_ORGS.length)));
  return Array.from({ length: options.learners }, (_, index) => {
    const org = orgs[index % orgs.length]!;
    // The first organisation reports identified learners (its trainers see names); the rest are pseudonymous.
    const identified = org === orgs[0];
    const ability = normal(random);
    return {
      index,
      org,
      account: { homePage: orgIri(org), name: identified ? `user${1000 + index}` : pseudonym(options.seed, index) },
      ...(identified ? { name: index === 0 ? '<b>Eve</b> Example' : `Learner ${index}` } : {}),
      ability,
    };
  });
}

function pseudonym(seed: number, index: number): string {
  let h = (seed * 2654435761) ^ index;
  let out = '';
  for (let i = 0; i < 4; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + i;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** A version-4-shaped UUID from the seeded generator, so registrations repeat with the seed. */
function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Probability that a learner of this ability answers question `index` right (the known patterns). */
export function chanceCorrect(index: number, count: number, ability: number): number {
  if (index === 0) return 0.95;
  if (index === 1) return 0.1;
  if (index === 2) return logistic(-1.5 * ability);
  // Difficulties from -2.5 to -0.5: a typical learner gets most of these right, so pass rates
  // (75% pass mark, with the three patterned questions) look like a real course's.
  const difficulty = -2.5 + (2 * index) / Math.max(1, count - 1);
  return logistic(1.2 * ability - difficulty);
}

function wrongResponse(question: Question, random: () => number): Response {
  return questionType(question).seedWrongResponse(question, random);
}

/** Share of learners who take a module's pre-check (the rest skip it). */
export const SEED_PRECHECK_SHARE = 0.85;

/**
 * The normalised learning gain every seeded learner of the organisation makes in a module with a
 * pre-check: 0.75 for the first organisation, 0.5 for the others.
 */
export function seededGain(org: string): number {
  return org === SEED_ORGS[0] ? 0.75 : 0.5;
}

/**
 * Which of `items` are right: `count` of them, drawn without replacement with weights the odds
 * of `chance` (so a likely item is more often among them: the answer patterns are kept).
 */
function pickRight(items: Question[], count: number, chance: (question: Question) => number, random: () => number): Set<string> {
  const keyed = items.map((question) => {
    const p = Math.min(0.99, Math.max(0.01, chance(question)));
    // Gumbel top-k: log-odds plus Gumbel noise, the largest `count` win.
    return { id: question.id, key: Math.log(p / (1 - p)) - Math.log(-Math.log(1 - random() * 0.999999)) };
  });
  return new Set(keyed.sort((a, b) => b.key - a.key).slice(0, count).map((k) => k.id));
}

/** A learner's pre-check in a module: the quiz items it asks, which are right before, which at the first quiz attempt. */
interface PrecheckPlan {
  /** Its questions in order, with whether the quiz asks them too. */
  questions: { question: Question; inQuiz: boolean }[];
  before: Set<string>;
  /** Undefined at the ceiling (every item right before): the quiz is answered as without a pre-check. */
  after?: Set<string>;
  random: () => number;
}

/**
 * The pre-check a learner takes (undefined when they skip it or the module has none), built so
 * that their normalised gain on its quiz items is exactly {@link seededGain}: with n items and
 * k right before, k + g·(n − k) right after, k chosen among those making that a whole number.
 */
function precheckPlan(course: Course, content: CourseContent, learner: SeededLearner, options: SeedOptions): PrecheckPlan | undefined {
  const precheck = content.precheck;
  const quiz = content.quiz;
  if (!precheck || !quiz) return undefined;
  // A stream of its own: the learner's other answers and times stay as they were without a pre-check.
  const random = seededRandom((options.seed * 7919 + learner.index * 104729 + course.id.length) ^ 0x5eed1);
  if (random() >= SEED_PRECHECK_SHARE) return undefined;
  const quizIndex = new Map(quiz.questions.map((q, i) => [q.id, i]));
  const questions = precheck.questions.map((question) => ({ question, inQuiz: quizIndex.has(question.id) }));
  const items = questions.filter((q) => q.inQuiz).map((q) => q.question);
  const n = items.length;
  const gain = seededGain(learner.org);
  const whole = (x: number) => Math.abs(x - Math.round(x)) < 1e-9;
  const chance = (question: Question) => chanceCorrect(quizIndex.get(question.id)!, quiz.questions.length, learner.ability);
  // A learner likely to get every item right in the quiz anyway may know them all already: at the
  // ceiling (every item right before, as often as the square of that likelihood), their quiz
  // answered as it would have been.
  if (random() < items.reduce((p, q) => p * chance(q), 1) ** 2) return { questions, before: new Set(items.map((q) => q.id)), random };
  // Otherwise k right before, chosen so that the first attempt's count is near what the learner
  // would have scored on these items (the module's pass rate stays as it was).
  const afterOf = (k: number) => k + Math.round((n - k) * gain);
  const expected = items.reduce((sum, q) => sum + chance(q), 0);
  const choices = Array.from({ length: n }, (_, k) => k).filter((k) => whole((n - k) * gain));
  if (!choices.length) return undefined;
  const nearest = Math.min(...choices.map((k) => Math.abs(afterOf(k) - expected)));
  const near = choices.filter((k) => Math.abs(afterOf(k) - expected) < nearest + 0.5);
  const k = near[Math.floor(random() * near.length)]!;
  const post = afterOf(k);
  // Before the lessons: fewer right, the same items' patterns.
  const before = pickRight(items, k, chance, random);
  // After: what was right stays right (a real learner may forget; this one does not), plus more.
  const rest = items.filter((q) => !before.has(q.id));
  const after = new Set([...before, ...pickRight(rest, post - k, chance, random)]);
  return { questions, before, after, random };
}

/** All statements of one learner in one module, in time order. */
export function learnerStatements(course: Course, learner: SeededLearner, options: SeedOptions): Statement[] {
  const random = seededRandom(options.seed * 7919 + learner.index * 104729 + course.id.length);
  const content = course.content[course.defaultLanguage]!;
  let clock = options.from.getTime() + random() * options.days * 86_400_000;
  const tick = (seconds: number) => {
    clock += seconds * 1000 * (0.5 + random());
  };
  const factory = new StatementFactory(course, {
    actor: { objectType: 'Agent', ...(learner.name ? { name: learner.name } : {}), account: learner.account },
    registration: seededUuid(random),
    language: course.defaultLanguage,
    packageFormat: (['scorm12', 'scorm2004', 'xapi', 'cmi5'] as const)[learner.index % 4]!,
    organisation: learner.org,
    now: () => new Date(clock),
  });
  const statements: Statement[] = [factory.initialized()];
  const started = clock;
  // The pre-check, before the first lesson: its answers 10 s apart, all before the first lesson
  // (at least two minutes on), leaving the clock where it was.
  const plan = precheckPlan(course, content, learner, options);
  if (plan) {
    for (const [i, { question, inQuiz }] of plan.questions.entries()) {
      const right = inQuiz ? plan.before.has(question.id) : plan.random() < 0.5;
      const response = right ? correctResponse(question) : wrongResponse(question, plan.random);
      const timestamp = new Date(started + (i + 1) * 10_000);
      clock = timestamp.getTime();
      statements.push(factory.interaction({ kind: 'precheck', question, response, result: scoreQuestion(question, response), latencyMs: 8_000, inQuiz, timestamp })!);
    }
    clock = started;
  }
  // Drop-off: 15% stop after some lessons, 10% more stall before the quiz (stuck learners).
  const leaveAfterLesson = random() < 0.15 ? Math.floor(random() * content.lessons.length) : undefined;
  const stallBeforeQuiz = leaveAfterLesson === undefined && random() < 0.1;
  for (const [i, lesson] of content.lessons.entries()) {
    tick(240);
    statements.push(factory.lessonExperienced(lesson.id, lesson.title));
    if (leaveAfterLesson === i) {
      tick(60);
      statements.push(factory.suspended(clock - started), factory.terminated(clock - started));
      return statements;
    }
  }
  if (stallBeforeQuiz || !content.quiz) {
    statements.push(factory.suspended(clock - started), factory.terminated(clock - started));
    return statements;
  }
  const quiz = content.quiz;
  const answers: Response[] = quiz.questions.map((question, i) => {
    tick(30);
    const drawn = random() < chanceCorrect(i, quiz.questions.length, learner.ability);
    // The wrong answer is drawn as before whenever the pattern says wrong, so the learner's
    // later answers stay the same; a pre-check item's first attempt is right as planned.
    const wrong = drawn ? undefined : wrongResponse(question, random);
    const planned = plan?.after && plan.questions.some((q) => q.inQuiz && q.question.id === question.id) ? plan.after.has(question.id) : undefined;
    const right = planned ?? drawn;
    const response = right ? correctResponse(question) : (wrong ?? wrongResponse(question, plan!.random));
    const statement = factory.interaction({ kind: 'question', question, response, result: scoreQuestion(question, response), latencyMs: 20_000 + random() * 40_000, attempt: 1, timestamp: new Date(clock) });
    statements.push(statement!);
    return response;
  });
  const score = scoreQuiz(quiz, answers);
  const passed = isPassed(score.percent, course.masteryScore);
  tick(10);
  statements.push(factory.scored(passed, { raw: score.percent, min: 0, max: 100, scaled: score.scaled }, clock - started));
  if (content.case) {
    const nodes = new Map(content.case.nodes.map((n) => [n.id, n]));
    let node = nodes.get(content.case.start);
    let step = 0;
    while (node?.type === 'decision') {
      tick(60);
      const best = node.choices.findIndex((c) => c.best);
      const index = random() < logistic(learner.ability + 0.5) ? best : (best + 1 + Math.floor(random() * (node.choices.length - 1))) % node.choices.length;
      const choice = node.choices[index]!;
      statements.push(factory.interaction({ kind: 'case-decision', caseId: content.case.id, node, choice, step: ++step, latencyMs: 30_000, timestamp: new Date(clock) })!);
      node = nodes.get(choice.next);
    }
  }
  tick(20);
  statements.push(factory.completed(clock - started));
  if (content.survey && random() < 0.7) {
    for (const item of content.survey.items) {
      tick(5);
      const value = item.type === 'likert' ? Math.min(5, Math.max(1, Math.round(3.8 + normal(random) * 0.9))) : SEED_COMMENTS[Math.floor(random() * SEED_COMMENTS.length)]!;
      statements.push(factory.interaction({ kind: 'survey', surveyId: content.survey.id, item, value, timestamp: new Date(clock) })!);
    }
  }
  tick(10);
  statements.push(factory.terminated(clock - started));
  return statements;
}

/** Sends the seed through the statement API in batches, reporting progress. */
/**
 * The Authorization header to send each organisation's statements with. Statements belong to
 * the organisation of the credential that writes them, so every seeded organisation writes with
 * its own.
 */
export type SeedAuthorization = (org: string) => string | Promise<string>;

/** Write credentials made for the seed, one per organisation, revoked by `revoke` when done. */
/**
 * In-person sessions for the demo: one per organisation, on the first module, about two weeks
 * before the end of the period, attended by the organisation's learners who passed that module
 * (and, so that some complete without passing, every fifth of the others). Saved through the
 * storage (the session rows) and the statement API (the attendance).
 */
export async function seedSessions(backend: LrsBackend, endpoint: string, authorization: SeedAuthorization, courses: Course[], options: SeedOptions): Promise<number> {
  const course = [...courses].sort((a, b) => (a.order ?? 100) - (b.order ?? 100))[0];
  if (!course) return 0;
  const date = new Date(options.from.getTime() + Math.max(0, options.days - 14) * 86_400_000).toISOString().slice(0, 10);
  const base = endpoint.replace(/\/xapi\/?$/, '');
  const learners = seedLearners(options);
  let sent = 0;
  for (const org of [...new Set(learners.map((l) => l.org))]) {
    const id = `5eed0000-0000-4000-8000-${String(SEED_ORGS.indexOf(org)).padStart(12, '0')}`;
    const session = { id, moduleId: course.id, date, place: `${org} training centre`, createdBy: 'seed', created: new Date(`${date}T09:00:00Z`).toISOString() };
    if (!(await backend.tenant(org).trainingSession(id))) await backend.tenant(org).saveTrainingSession(session);
    const present = learners.filter((l) => l.org === org && (learnerStatements(course, l, options).some((s) => (s as unknown as { verb: { id: string } }).verb.id === VERBS.passed) || l.index % 5 === 0));
    const ref = { iri: sessionIri(base, id), moduleId: course.id, date, place: session.place, title: `${course.content[course.defaultLanguage]!.title}, ${date}` };
    const instructor = { objectType: 'Agent', account: { homePage: `${base}/dashboard`, name: 'seed' } };
    const statements = present.map((l) => attendanceStatement({ objectType: 'Agent', ...(l.name ? { name: l.name } : {}), account: l.account }, ref, instructor));
    for (let i = 0; i < statements.length; i += 200) {
      const response = await fetch(`${endpoint.replace(/\/$/, '')}/statements`, {
        method: 'POST',
        headers: { Authorization: await authorization(org), 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
        body: JSON.stringify(statements.slice(i, i + 200)),
      });
      if (response.status !== 200) throw new Error(`the LRS refused the seed's attendance: ${response.status} ${await response.text()}`);
    }
    sent += statements.length;
  }
  return sent;
}

export function seedCredentials(backend: LrsBackend): { authorization: SeedAuthorization; revoke: () => Promise<void> } {
  const made = new Map<string, Promise<NewCredential>>();
  return {
    authorization: async (org) => {
      if (!made.has(org)) made.set(org, createCredential(backend, org, ['statements/write'], 'seed'));
      const { credential, secret } = await made.get(org)!;
      return `Basic ${Buffer.from(`${credential.key}:${secret}`).toString('base64')}`;
    },
    revoke: async () => {
      for (const pending of made.values()) await backend.revokeCredential((await pending).credential.key);
    },
  };
}

export async function postSeed(
  endpoint: string,
  authorization: SeedAuthorization,
  courses: Course[],
  options: SeedOptions,
  progress: (sent: number) => void = () => {},
): Promise<number> {
  let sent = 0;
  const batches = new Map<string, Statement[]>();
  const flush = async (org: string) => {
    const batch = batches.get(org) ?? [];
    if (!batch.length) return;
    const response = await fetch(`${endpoint.replace(/\/$/, '')}/statements`, {
      method: 'POST',
      headers: { Authorization: await authorization(org), 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      body: JSON.stringify(batch),
    });
    if (response.status !== 200) throw new Error(`the LRS refused the seed: ${response.status} ${await response.text()}`);
    sent += batch.length;
    batches.set(org, []);
    progress(sent);
  };
  for (const learner of seedLearners(options)) {
    for (const course of courses) {
      if (!batches.has(learner.org)) batches.set(learner.org, []);
      batches.get(learner.org)!.push(...learnerStatements(course, learner, options));
      if (batches.get(learner.org)!.length >= 200) await flush(learner.org);
    }
  }
  for (const org of batches.keys()) await flush(org);
  return sent;
}

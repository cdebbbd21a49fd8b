/**
 * Learning facts: the few fields reports need, taken from each of the project's statements when it
 * is stored, so that reports aggregate narrow, indexed rows in SQL instead of parsing statements.
 *
 * A statement is a learning fact when it carries the project's profile category (every statement
 * the runtime and the seed tool send does). Voided statements lose their fact.
 */
import { ACTIVITY_TYPES, CONTEXT, EXTENSIONS, VERBS, type VerbName } from './vocabulary.ts';
import { agentKey } from './identity.ts';
import { precheckActivityId } from '../quiz/precheck.ts';

type Json = Record<string, any>;

/** `precheck`: an answer before the lessons, to a question the quiz may ask again (see core/quiz/precheck.ts). */
export type FactKind = 'module' | 'lesson' | 'question' | 'precheck' | 'case-decision' | 'survey' | 'session' | 'other';

export interface LearningFact {
  statementId: string;
  /**
   * The partner organisation: always the writing credential's (tenancy). The statement's own
   * organisation extension is data, not a claim the LRS honours: one partner cannot put
   * records into another's reports.
   */
  org: string;
  /** The learner's agent key (mbox, account, ...): pseudonymous unless the partner sends names. */
  learner: string;
  /** The learner's name, only when the statement carries one (identified actors). */
  learnerName: string | null;
  moduleId: string;
  verb: VerbName;
  activityId: string;
  kind: FactKind;
  success: boolean | null;
  /** result.score.scaled, -1..1. */
  scoreScaled: number | null;
  response: string | null;
  durationMs: number | null;
  /** Case points, or the quiz attempt of an answer. */
  points: number | null;
  attempt: number | null;
  timestamp: string;
  language: string | null;
  registration: string | null;
  /** The module's version the statement was made by (the project's module-version extension). */
  moduleVersion: string | null;
}

/** Longest module, activity or learner identifier a fact keeps (characters). */
const MAX_KEY_LENGTH = 500;

const VERB_NAMES = new Map(Object.entries(VERBS).map(([name, iri]) => [iri as string, name as VerbName]));

const KINDS = new Map<string, FactKind>([
  [ACTIVITY_TYPES.module, 'module'],
  [ACTIVITY_TYPES.lesson, 'lesson'],
  [ACTIVITY_TYPES.interaction, 'question'],
  [ACTIVITY_TYPES.caseDecision, 'case-decision'],
  [ACTIVITY_TYPES.surveyItem, 'survey'],
  [ACTIVITY_TYPES.meeting, 'session'],
]);

const asList = (value: unknown): Json[] => (Array.isArray(value) ? value : value ? [value] : []) as Json[];

/** The fact a stored statement gives, or undefined when it is not one of the project's. */
export function learningFact(statement: Json, writerOrg: string): LearningFact | undefined {
  const context = statement.context as Json | undefined;
  const activities = context?.contextActivities as Json | undefined;
  if (!asList(activities?.category).some((a) => a?.id === CONTEXT.profile)) return undefined;
  const verb = VERB_NAMES.get(statement.verb?.id);
  const object = statement.object as Json;
  if (!verb || (object?.objectType ?? 'Activity') !== 'Activity' || typeof object.id !== 'string') return undefined;
  const learner = agentKey(statement.actor);
  if (!learner) return undefined;
  const typed = KINDS.get(object.definition?.type) ?? (isModuleVerb(verb) ? 'module' : 'other');
  const parent = asList(activities?.parent)[0]?.id;
  const moduleId = typed === 'module' ? object.id : typeof parent === 'string' ? parent : undefined;
  if (!moduleId) return undefined;
  const precheck = precheckActivityId(moduleId);
  const kind: FactKind = typed === 'question' && asList(activities?.grouping).some((a) => a?.id === precheck) ? 'precheck' : typed;
  // The project's identifiers are short; giant ones would only bloat the report indexes.
  if (moduleId.length > MAX_KEY_LENGTH || object.id.length > MAX_KEY_LENGTH || learner.length > MAX_KEY_LENGTH) return undefined;
  const result = (statement.result ?? {}) as Json;
  const points = result.extensions?.[EXTENSIONS.casePoints];
  const attempt = result.extensions?.[EXTENSIONS.attempt];
  return {
    statementId: statement.id,
    org: writerOrg,
    learner,
    learnerName: typeof statement.actor?.name === 'string' ? textColumn(statement.actor.name, 200) : null,
    moduleId,
    verb,
    activityId: object.id,
    kind,
    success: typeof result.success === 'boolean' ? result.success : null,
    scoreScaled: typeof result.score?.scaled === 'number' ? result.score.scaled : null,
    response: typeof result.response === 'string' ? textColumn(result.response, 2000) : null,
    durationMs: typeof result.duration === 'string' ? durationMs(result.duration) : null,
    points: typeof points === 'number' && Number.isFinite(points) ? points : null,
    attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : null,
    timestamp: new Date(statement.timestamp).toISOString(),
    language: typeof context?.language === 'string' ? context.language.toLowerCase().split('-')[0]! : null,
    registration: typeof context?.registration === 'string' ? context.registration.toLowerCase() : null,
    moduleVersion: typeof context?.extensions?.[EXTENSIONS.moduleVersion] === 'string' ? textColumn(context.extensions[EXTENSIONS.moduleVersion], 50) : null,
  };
}

/** Free text as a column may hold it: no NUL (PostgreSQL's text refuses it), at most `max` characters. */
function textColumn(text: string, max: number): string {
  return text.replaceAll('\u0000', '').slice(0, max);
}

function isModuleVerb(verb: VerbName): boolean {
  return ['launched', 'initialized', 'passed', 'failed', 'completed', 'suspended', 'resumed', 'terminated'].includes(verb);
}

/** ISO 8601 duration (PT1H2M3.5S, P1DT2H) in milliseconds; null when it is not one. */
export function durationMs(iso: string): number | null {
  const match = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) return null;
  const [, d, h, m, s] = match.map((v) => (v === undefined ? 0 : Number(v)));
  return Math.round(((((d! * 24 + h!) * 60 + m!) * 60) + s!) * 1000);
}

/**
 * Builds the xAPI statements a module sends: every statement gets its id and timestamp here, in
 * the browser, so that re-sending it is harmless (the LRS treats an identical id and content as
 * a no-op). Activities carry definitions; questions carry full interaction definitions.
 */
import { plainText } from '../content/plain-text.ts';
import type { Course, Question } from '../content/schema.ts';
import { isoDuration } from '../time.ts';
import { correctPatternXapi, formatXapiResponse, interactionParts, type InteractionLike } from '../interactions/interactions.ts';
import type { CompletionStatus, InteractionRecord, Score, SuccessStatus } from '../records.ts';
import { questionType } from '../question-types/registry.ts';
import { precheckActivityId } from '../quiz/precheck.ts';
import { ACTIVITY_TYPES, CONTEXT, EXTENSIONS, VERBS, verbDisplay, type VerbName } from './vocabulary.ts';

export type Statement = Record<string, unknown> & { id: string; timestamp: string };
export type Agent = Record<string, unknown>;

export interface StatementContext {
  actor: Agent;
  registration?: string;
  /** Content language shown to the learner. */
  language: string;
  packageFormat: 'xapi' | 'cmi5' | 'scorm12' | 'scorm2004';
  organisation?: string;
  /** Extra context to merge into every statement (cmi5's context template). */
  template?: Record<string, unknown>;
  /** The id the launcher gave the module's activity (cmi5 AU id, TinCan activity_id); default the course IRI. */
  moduleId?: string;
  /** Context categories by verb, e.g. cmi5's "cmi5" and "moveon" categories on its defined statements. */
  categories?: (verb: VerbName) => string[];
  /** The time statements are stamped with; the seed tool replays sessions in the past. */
  now?: () => Date;
}

/** A UUID v4 from the browser's crypto. */
export function uuid(): string {
  return crypto.randomUUID();
}

export class StatementFactory {
  constructor(
    private readonly course: Course,
    private readonly context: StatementContext,
  ) {}

  get moduleActivity(): Record<string, unknown> {
    const content = this.course.content[this.context.language] ?? this.course.content[this.course.defaultLanguage]!;
    return {
      objectType: 'Activity',
      id: this.moduleId,
      definition: {
        type: ACTIVITY_TYPES.module,
        name: { [this.lang]: content.title },
        description: { [this.lang]: content.description },
      },
    };
  }

  private get moduleId(): string {
    return this.context.moduleId ?? this.course.id;
  }

  private get lang(): string {
    return this.context.language;
  }

  private build(verb: VerbName, object: Record<string, unknown>, extra: { result?: Record<string, unknown>; parent?: boolean; grouping?: Record<string, unknown>[] } = {}): Statement {
    const template = (this.context.template ?? {}) as { contextActivities?: Record<string, unknown[]>; extensions?: Record<string, unknown> };
    const contextActivities: Record<string, unknown[]> = { ...(template.contextActivities ?? {}) };
    if (extra.parent) contextActivities.parent = [{ objectType: 'Activity', id: this.moduleId }];
    contextActivities.grouping = [...(contextActivities.grouping ?? []), { objectType: 'Activity', id: CONTEXT.curriculum }, ...(extra.grouping ?? [])];
    const categories = [CONTEXT.profile, ...(this.context.categories?.(verb) ?? [])];
    contextActivities.category = [...(contextActivities.category ?? []), ...categories.map((id) => ({ objectType: 'Activity', id }))];
    return {
      id: uuid(),
      timestamp: (this.context.now?.() ?? new Date()).toISOString(),
      actor: this.context.actor,
      verb: { id: VERBS[verb], display: verbDisplay(verb) },
      object,
      ...(extra.result ? { result: extra.result } : {}),
      context: {
        ...(this.context.registration ? { registration: this.context.registration } : {}),
        contextActivities,
        language: this.lang,
        platform: 'INPROCAP Learning Bundle',
        extensions: {
          ...(template.extensions ?? {}),
          [EXTENSIONS.packageFormat]: this.context.packageFormat,
          [EXTENSIONS.moduleVersion]: this.course.version,
          ...(this.context.organisation ? { [EXTENSIONS.organisation]: this.context.organisation } : {}),
        },
      },
    };
  }

  initialized(): Statement {
    return this.build('initialized', this.moduleActivity);
  }

  resumed(): Statement {
    return this.build('resumed', this.moduleActivity);
  }

  suspended(sessionMs: number): Statement {
    return this.build('suspended', this.moduleActivity, { result: { duration: isoDuration(sessionMs) } });
  }

  terminated(sessionMs: number): Statement {
    return this.build('terminated', this.moduleActivity, { result: { duration: isoDuration(sessionMs) } });
  }

  completed(sessionMs: number): Statement {
    return this.build('completed', this.moduleActivity, { result: { completion: true, duration: isoDuration(sessionMs) } });
  }

  /** passed or failed, with the score (percent and scaled). */
  scored(passed: boolean, score: Score, sessionMs: number): Statement {
    return this.build(passed ? 'passed' : 'failed', this.moduleActivity, {
      result: {
        success: passed,
        score: { scaled: score.scaled, raw: score.raw, min: score.min, max: score.max },
        duration: isoDuration(sessionMs),
      },
    });
  }

  lessonExperienced(lessonId: string, title: string): Statement {
    return this.build(
      'experienced',
      { objectType: 'Activity', id: `${this.course.id}/lessons/${lessonId}`, definition: { type: ACTIVITY_TYPES.lesson, name: { [this.lang]: title } } },
      { parent: true },
    );
  }

  /** answered (questions), decided (case decisions) or responded (survey), from a tracker record. */
  interaction(record: InteractionRecord): Statement | undefined {
    if (record.kind === 'lesson') return this.lessonExperienced(record.lessonId, record.title);
    const parts = interactionParts(record as InteractionLike);
    const asked = record.kind === 'question' || record.kind === 'precheck';
    const verb: VerbName = asked ? 'answered' : record.kind === 'case-decision' ? 'decided' : 'responded';
    const id =
      record.kind === 'question' || (record.kind === 'precheck' && record.inQuiz)
        ? `${this.course.id}/questions/${record.question.id}`
        : record.kind === 'precheck'
          ? `${precheckActivityId(this.course.id)}/${record.question.id}`
          : record.kind === 'case-decision'
          ? `${this.course.id}/case/${record.caseId}/${record.node.id}`
          : `${this.course.id}/survey/${record.surveyId}/${record.item.id}`;
    const definition: Record<string, unknown> = {
      type: asked ? ACTIVITY_TYPES.interaction : record.kind === 'case-decision' ? ACTIVITY_TYPES.caseDecision : ACTIVITY_TYPES.surveyItem,
      name: { [this.lang]: parts.description.slice(0, 250) || parts.id },
      interactionType: parts.type,
      ...(parts.correct.length ? { correctResponsesPattern: parts.correct.map(correctPatternXapi) } : {}),
      ...this.components(record),
    };
    const result: Record<string, unknown> = {
      ...(parts.response ? { response: formatXapiResponse(parts.response) } : {}),
      ...(parts.result !== 'neutral' ? { success: parts.result === 'correct' } : {}),
      ...(parts.latencyMs !== undefined ? { duration: isoDuration(parts.latencyMs) } : {}),
      ...(record.kind === 'case-decision' ? { extensions: { [EXTENSIONS.casePoints]: record.choice.points } } : {}),
      ...(record.kind === 'question' ? { extensions: { [EXTENSIONS.attempt]: record.attempt } } : {}),
    };
    if (record.kind === 'question') result.score = { raw: record.result.credit * record.question.points, min: 0, max: record.question.points };
    // A pre-check answer is grouped under the module's pre-check: that, not its activity, tells it from the quiz's.
    const grouping = record.kind === 'precheck' ? [{ objectType: 'Activity', id: precheckActivityId(this.moduleId), definition: { type: ACTIVITY_TYPES.assessment } }] : undefined;
    return this.build(verb, { objectType: 'Activity', id, definition }, { result, parent: true, ...(grouping ? { grouping } : {}) });
  }

  /** The interaction components (choices, source/target, scale) a definition lists. */
  private components(record: InteractionRecord): Record<string, unknown> {
    const text = (html: string) => ({ [this.lang]: plainText(html).slice(0, 250) });
    if (record.kind === 'case-decision') return { choices: record.node.choices.map((c) => ({ id: c.id, description: text(c.label) })) };
    if (record.kind === 'survey') {
      return record.item.type === 'likert' ? { scale: [1, 2, 3, 4, 5].map((v) => ({ id: String(v), description: { [this.lang]: String(v) } })) } : {};
    }
    if (record.kind !== 'question' && record.kind !== 'precheck') return {};
    const q: Question = record.question;
    return questionType(q).xapiComponents?.(q, text) ?? {};
  }
}

/**
 * The passed/failed and completed statements a status change calls for, each sent again only when
 * the status changes (xAPI and dual reporting; cmi5 has stricter rules of its own).
 */
export function statusStatements(
  factory: StatementFactory,
  previous: { completion?: CompletionStatus; success?: SuccessStatus },
  completion: CompletionStatus,
  success: SuccessStatus,
  score: Score | undefined,
  sessionMs: number,
): Statement[] {
  const statements: Statement[] = [];
  if (success !== 'unknown' && success !== previous.success && score) statements.push(factory.scored(success === 'passed', score, sessionMs));
  if (completion === 'completed' && previous.completion !== 'completed') statements.push(factory.completed(sessionMs));
  return statements;
}

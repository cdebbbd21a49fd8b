/**
 * Interactions as both SCORM data models see them, before each formats them: what was answered,
 * what would have been correct, and the result. Indices and ids are both kept because SCORM 1.2
 * wants single characters where SCORM 2004 takes identifiers.
 */
import { plainText } from '../content/plain-text.ts';
import type { Question } from '../content/schema.ts';
import type { Response } from '../quiz/responses.ts';
import { questionType } from '../question-types/registry.ts';
import type { InteractionRecord } from '../records.ts';
import type { InteractionType, ResponsePart } from './parts.ts';

export interface InteractionParts {
  id: string;
  type: InteractionType;
  description: string;
  response?: ResponsePart;
  correct: ResponsePart[];
  result: 'correct' | 'incorrect' | 'neutral';
  weighting?: number;
  latencyMs?: number;
  timestamp: Date;
}

/** Records that are interactions in the SCORM sense (a lesson read is not). */
export type InteractionLike = Exclude<InteractionRecord, { kind: 'lesson' }>;

export function interactionParts(record: InteractionLike): InteractionParts {
  switch (record.kind) {
    case 'question':
    case 'precheck':
      return questionParts(record.question, record.response, record.result.correct, record.latencyMs, record.timestamp);
    case 'case-decision': {
      const choices = record.node.choices;
      const chosen = choices.indexOf(record.choice);
      const best = choices.findIndex((c) => c.best);
      return {
        id: `${record.caseId}-${record.node.id}`,
        type: 'choice',
        description: record.node.title,
        response: { kind: 'choices', choices: [{ index: chosen, id: record.choice.id }] },
        correct: best >= 0 ? [{ kind: 'choices', choices: [{ index: best, id: choices[best]!.id }] }] : [],
        result: record.choice.best ? 'correct' : 'incorrect',
        weighting: record.choice.points,
        latencyMs: record.latencyMs,
        timestamp: record.timestamp,
      };
    }
    case 'survey': {
      const { item, value } = record;
      return item.type === 'likert'
        ? {
            id: `${record.surveyId}-${item.id}`,
            type: 'likert',
            description: item.statement,
            response: { kind: 'choices', choices: [{ index: Number(value) - 1, id: String(value) }] },
            correct: [],
            result: 'neutral',
            timestamp: record.timestamp,
          }
        : {
            id: `${record.surveyId}-${item.id}`,
            type: 'long-fill-in',
            description: item.prompt,
            response: { kind: 'text', text: String(value), caseMatters: true },
            correct: [],
            result: 'neutral',
            timestamp: record.timestamp,
          };
    }
  }
}

function questionParts(q: Question, response: Response, correct: boolean, latencyMs: number, timestamp: Date): InteractionParts {
  return {
    id: `quiz-${q.id}`,
    description: plainText(q.prompt),
    result: correct ? 'correct' : 'incorrect',
    weighting: q.points,
    latencyMs,
    timestamp,
    ...questionType(q).interaction(q, response),
  };
}

/** How a data model writes the parts of a response: identifiers, numbers and text. */
export interface ResponseEncoding {
  identifier(id: string): string;
  number(value: number): string;
  text(text: string): string;
}

const EXACT: ResponseEncoding = { identifier: (id) => id, number: (value) => String(value), text: (text) => text };

/**
 * A response in the delimited format SCORM 2004 and xAPI share ([,] [.] [:]); xAPI takes the
 * values as they are, SCORM 2004 through the encoding its players accept.
 */
export function formatDelimited(part: ResponsePart, encode: ResponseEncoding = EXACT): string {
  switch (part.kind) {
    case 'boolean':
      return part.value ? 'true' : 'false';
    case 'choices':
    case 'sequence':
      return part.choices.map((c) => encode.identifier(c.id)).join('[,]');
    case 'pairs':
      // Targets named by letter: a pair's own id would read "p1[.]p1" for every correct pair.
      return part.pairs.map((p) => `${encode.identifier(p.source.id)}[.]${String.fromCharCode(97 + p.target.index)}`).join('[,]');
    case 'text':
      return encode.text(part.text);
    case 'number':
      return encode.number(part.value);
    case 'range':
      return `${encode.number(part.min)}[:]${encode.number(part.max)}`;
  }
}

/** A correct-response pattern in the delimited format; {case_matters} leads a fill-in pattern. */
export function formatDelimitedPattern(part: ResponsePart, encode: ResponseEncoding = EXACT): string {
  return part.kind === 'text' ? `{case_matters=${part.caseMatters}}${encode.text(part.text)}` : formatDelimited(part, encode);
}

/** The xAPI forms (exact values). */
export const formatXapiResponse = (part: ResponsePart): string => formatDelimited(part);
export const correctPatternXapi = (part: ResponsePart): string => formatDelimitedPattern(part);

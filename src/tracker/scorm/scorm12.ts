/**
 * SCORM 1.2: the `API` object (LMSInitialize, LMSGetValue, ...) and the cmi.core data model.
 * Element names and formats follow the SCORM 1.2 Run-Time Environment.
 */
import type { Course } from '../../../core/content/schema.ts';
import { boundedDecimal, characterString, cmiIdentifier, decimal } from './data-types.ts';
import { interactionParts } from '../../../core/interactions/interactions.ts';
import type { ResponsePart } from '../../../core/interactions/parts.ts';
import { ScormTracker, type ScormApi, type ScormDataModel } from './scorm-tracker.ts';
import { scorm12TimeOfDay, scorm12Timespan } from '../../../core/time.ts';

/** The SCORM 1.2 API an LMS puts on a window as `API`. */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

export function scorm12Adapter(api: Scorm12Api): ScormApi {
  return {
    initialize: () => String(api.LMSInitialize('')) === 'true',
    terminate: () => String(api.LMSFinish('')) === 'true',
    getValue: (element) => String(api.LMSGetValue(element) ?? ''),
    setValue: (element, value) => String(api.LMSSetValue(element, value)) === 'true',
    commit: () => String(api.LMSCommit('')) === 'true',
    lastError: () => {
      const code = String(api.LMSGetLastError() ?? '0');
      return { code: Number(code) || 0, message: code === '0' ? '' : String(api.LMSGetErrorString(code) ?? '') };
    },
  };
}

/** Single characters for identifiers, as SCORM 1.2 response formats want: a…z, then 0…9. */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const letter = (index: number) => LETTERS[index] ?? '_';
/** Numbers written out in full: SCORM 1.2 responses are CMIString255 in the players met so far. */
const number = (value: number) => decimal(value, Infinity) ?? String(value);

function format(part: ResponsePart): string {
  switch (part.kind) {
    case 'boolean':
      return part.value ? 't' : 'f';
    case 'choices':
      return part.choices.map((c) => letter(c.index)).join(',');
    case 'sequence':
      return part.choices.map((c) => letter(c.index)).join(',');
    case 'pairs':
      return part.pairs.map((p) => `${p.source.index + 1}.${letter(p.target.index)}`).join(',');
    case 'text':
      return characterString(part.text, 255);
    case 'number':
      return number(part.value);
    case 'range':
      return part.min === part.max ? number(part.min) : `${number(part.min)}:${number(part.max)}`;
  }
}

export const scorm12Model: ScormDataModel = {
  standard: 'SCORM 1.2',
  suspendData: 'cmi.suspend_data',
  location: 'cmi.core.lesson_location',
  locationMax: 255,
  suspendDataMax: 4096,
  learnerId: 'cmi.core.student_id',
  learnerName: 'cmi.core.student_name',
  language: 'cmi.student_preference.language',
  interactionCount: 'cmi.interactions._count',
  // 201 invalid argument, 401 not implemented, 402 invalid set value, 403 read only, 405 wrong type
  permanentErrors: new Set([201, 401, 402, 403, 405]),
  status(completion, success, hasQuiz) {
    const status =
      completion === 'incomplete' ? 'incomplete' : !hasQuiz || success === 'unknown' ? 'completed' : success;
    return [['cmi.core.lesson_status', status]];
  },
  score(score) {
    // The RTE's range is 0..100 and Moodle's player takes at most three integer digits: a percentage.
    return [
      ['cmi.core.score.raw', boundedDecimal(Math.round(score.scaled * 10000) / 100, 0, 100, 3)],
      ['cmi.core.score.min', '0'],
      ['cmi.core.score.max', '100'],
    ];
  },
  sessionTime: (ms) => ['cmi.core.session_time', scorm12Timespan(ms)],
  exit: (completion) => ['cmi.core.exit', completion === 'completed' ? '' : 'suspend'],
  interaction(n, record) {
    const parts = interactionParts(record);
    const prefix = `cmi.interactions.${n}`;
    // SCORM 1.2 has no long-fill-in: free text goes in as fill-in (255 characters).
    const type = parts.type === 'long-fill-in' ? 'fill-in' : parts.type;
    const values: [string, string][] = [
      [`${prefix}.id`, cmiIdentifier(parts.id)],
      [`${prefix}.type`, type],
      [`${prefix}.time`, scorm12TimeOfDay(parts.timestamp)],
    ];
    parts.correct.forEach((pattern, i) => values.push([`${prefix}.correct_responses.${i}.pattern`, format(pattern)]));
    if (parts.weighting !== undefined) values.push([`${prefix}.weighting`, boundedDecimal(parts.weighting, -100, 100, 3)]);
    if (parts.response) values.push([`${prefix}.student_response`, format(parts.response)]);
    values.push([`${prefix}.result`, parts.result === 'incorrect' ? 'wrong' : parts.result]);
    if (parts.latencyMs !== undefined) values.push([`${prefix}.latency`, scorm12Timespan(parts.latencyMs)]);
    return values;
  },
};

export function createScorm12Tracker(api: Scorm12Api, course: Course): ScormTracker {
  return new ScormTracker(scorm12Adapter(api), scorm12Model, course);
}

/**
 * SCORM 2004 4th edition: the `API_1484_11` object (Initialize, GetValue, ...) and the cmi data
 * model, with completion and success reported separately. No adl.nav.request is ever sent: the
 * packages are single-SCO, and Moodle answers exitAll/suspendAll with an error page.
 */
import type { Course } from '../../../core/content/schema.ts';
import { boundedDecimal, characterString, decimal, longIdentifier, shortIdentifier } from './data-types.ts';
import { formatDelimited, formatDelimitedPattern, interactionParts, type InteractionParts, type ResponseEncoding } from '../../../core/interactions/interactions.ts';
import { ScormTracker, type ScormApi, type ScormDataModel } from './scorm-tracker.ts';
import { isoDuration, isoTimestamp } from '../../../core/time.ts';

/** The SCORM 2004 API an LMS puts on a window as `API_1484_11`. */
export interface Scorm2004Api {
  Initialize(arg: ''): string;
  Terminate(arg: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
}

export function scorm2004Adapter(api: Scorm2004Api): ScormApi {
  return {
    initialize: () => String(api.Initialize('')) === 'true',
    terminate: () => String(api.Terminate('')) === 'true',
    getValue: (element) => String(api.GetValue(element) ?? ''),
    setValue: (element, value) => String(api.SetValue(element, value)) === 'true',
    commit: () => String(api.Commit('')) === 'true',
    lastError: () => {
      const code = String(api.GetLastError() ?? '0');
      return { code: Number(code) || 0, message: code === '0' ? '' : String(api.GetErrorString(code) ?? '') };
    },
  };
}

/**
 * Text inside a response, pattern or description: one line of at most `max` characters, never
 * starting with "{" (which would read as a {lang=} or {case_matters=} delimiter) and, where the
 * type delimits with [,], never containing one.
 */
function text2004(text: string, max: number, delimited: boolean): string {
  let line = characterString(text, max);
  if (delimited) line = line.replaceAll('[,]', '[ ,]');
  return line.startsWith('{') ? characterString(` ${line}`, max) : line;
}

/** Decimals as Moodle's 2004 player takes them: at most five integer digits. */
const DECIMAL_DIGITS = 5;

/**
 * A numeric interaction whose numbers are too large for a decimal there (140000 EUR, say) goes
 * in as type "other" with the numbers written out exactly, rather than being refused and lost.
 */
function interactionType(parts: InteractionParts): string {
  if (parts.type !== 'numeric') return parts.type;
  const numbers = [parts.response, ...parts.correct].flatMap((p) => (p?.kind === 'number' ? [p.value] : p?.kind === 'range' ? [p.min, p.max] : []));
  return numbers.every((n) => decimal(n, DECIMAL_DIGITS) !== undefined) ? 'numeric' : 'other';
}

function encoding(type: string): ResponseEncoding {
  return {
    identifier: shortIdentifier,
    number: (value) => decimal(value, type === 'numeric' ? DECIMAL_DIGITS : Infinity) ?? String(value),
    text: (text) => text2004(text, type === 'long-fill-in' ? 4000 : 250, type === 'fill-in'),
  };
}

export const scorm2004Model: ScormDataModel = {
  standard: 'SCORM 2004',
  suspendData: 'cmi.suspend_data',
  location: 'cmi.location',
  locationMax: 1000,
  suspendDataMax: 64000,
  learnerId: 'cmi.learner_id',
  learnerName: 'cmi.learner_name',
  language: 'cmi.learner_preference.language',
  interactionCount: 'cmi.interactions._count',
  // 401 undefined element, 402 unimplemented, 404 read only, 406 type mismatch, 407 out of range
  permanentErrors: new Set([401, 402, 404, 406, 407]),
  status(completion, success) {
    // Success goes with completion: "passed" means the module was completed and its quiz passed,
    // as SCORM 1.2's single lesson_status says, so an LMS never completes a half-done module.
    return [
      ['cmi.completion_status', completion],
      ['cmi.success_status', completion === 'completed' ? success : 'unknown'],
    ];
  },
  score(score) {
    return [
      // The score is a percentage: raw, min and max within 0..100, scaled within 0..1.
      ['cmi.score.scaled', boundedDecimal(score.scaled, 0, 1, 1)],
      ['cmi.score.raw', boundedDecimal(score.raw, 0, 100, DECIMAL_DIGITS)],
      ['cmi.score.min', boundedDecimal(score.min, 0, 100, DECIMAL_DIGITS)],
      ['cmi.score.max', boundedDecimal(score.max, 0, 100, DECIMAL_DIGITS)],
    ];
  },
  sessionTime: (ms) => ['cmi.session_time', isoDuration(ms)],
  exit: (completion) => ['cmi.exit', completion === 'completed' ? 'normal' : 'suspend'],
  interaction(n, record) {
    const parts = interactionParts(record);
    const prefix = `cmi.interactions.${n}`;
    const type = interactionType(parts);
    const encode = encoding(type);
    const values: [string, string][] = [
      [`${prefix}.id`, longIdentifier(parts.id)],
      [`${prefix}.type`, type],
      [`${prefix}.timestamp`, isoTimestamp(parts.timestamp)],
      [`${prefix}.description`, text2004(parts.description, 250, false)],
    ];
    parts.correct.forEach((pattern, i) => values.push([`${prefix}.correct_responses.${i}.pattern`, formatDelimitedPattern(pattern, encode)]));
    const weighting = parts.weighting === undefined ? undefined : decimal(parts.weighting, DECIMAL_DIGITS);
    if (weighting !== undefined) values.push([`${prefix}.weighting`, weighting]);
    if (parts.response) values.push([`${prefix}.learner_response`, formatDelimited(parts.response, encode)]);
    values.push([`${prefix}.result`, parts.result]);
    if (parts.latencyMs !== undefined) values.push([`${prefix}.latency`, isoDuration(parts.latencyMs)]);
    return values;
  },
};

export function createScorm2004Tracker(api: Scorm2004Api, course: Course): ScormTracker {
  return new ScormTracker(scorm2004Adapter(api), scorm2004Model, course);
}

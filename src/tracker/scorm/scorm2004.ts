/**
 * SCORM 2004 4th edition: the `API_1484_11` object (Initialize, GetValue, ...) and the cmi data
 * model, with completion and success reported separately. No adl.nav.request is ever sent: the
 * packages are single-SCO, and Moodle answers exitAll/suspendAll with an error page.
 */
import type { Course } from '../../content/schema.ts';
import { correctPatternXapi, formatXapiResponse, interactionParts } from './interactions.ts';
import { ScormTracker, type ScormApi, type ScormDataModel } from './scorm-tracker.ts';
import { isoDuration, isoTimestamp } from './time.ts';

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
    return [
      ['cmi.completion_status', completion],
      ['cmi.success_status', success],
    ];
  },
  score(score) {
    return [
      ['cmi.score.scaled', String(Math.max(0, Math.min(1, score.scaled)))],
      ['cmi.score.raw', String(score.raw)],
      ['cmi.score.min', String(score.min)],
      ['cmi.score.max', String(score.max)],
    ];
  },
  sessionTime: (ms) => ['cmi.session_time', isoDuration(ms)],
  exit: (completion) => ['cmi.exit', completion === 'completed' ? 'normal' : 'suspend'],
  interaction(n, record) {
    const parts = interactionParts(record);
    const prefix = `cmi.interactions.${n}`;
    const values: [string, string][] = [
      [`${prefix}.id`, parts.id],
      [`${prefix}.type`, parts.type],
      [`${prefix}.timestamp`, isoTimestamp(parts.timestamp)],
      [`${prefix}.description`, parts.description.slice(0, 250)],
    ];
    parts.correct.forEach((pattern, i) => values.push([`${prefix}.correct_responses.${i}.pattern`, correctPatternXapi(pattern)]));
    if (parts.weighting !== undefined) values.push([`${prefix}.weighting`, String(parts.weighting)]);
    if (parts.response) {
      const text = formatXapiResponse(parts.response);
      values.push([`${prefix}.learner_response`, parts.type === 'long-fill-in' ? text.slice(0, 4000) : parts.response.kind === 'text' ? text.slice(0, 250) : text]);
    }
    values.push([`${prefix}.result`, parts.result]);
    if (parts.latencyMs !== undefined) values.push([`${prefix}.latency`, isoDuration(parts.latencyMs)]);
    return values;
  },
};

export function createScorm2004Tracker(api: Scorm2004Api, course: Course): ScormTracker {
  return new ScormTracker(scorm2004Adapter(api), scorm2004Model, course);
}

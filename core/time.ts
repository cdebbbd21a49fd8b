/** Time formats of the two SCORM data models. */

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
export function scorm12Timespan(ms: number): string {
  const centiseconds = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centiseconds / 360000);
  const minutes = Math.floor((centiseconds % 360000) / 6000);
  const seconds = (centiseconds % 6000) / 100;
  return `${String(Math.min(hours, 9999)).padStart(4, '0')}:${String(minutes).padStart(2, '0')}:${seconds.toFixed(2).padStart(5, '0')}`;
}

/** SCORM 1.2 CMITime: the time of day, HH:MM:SS */
export function scorm12TimeOfDay(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** SCORM 2004 timeinterval: an ISO 8601 duration, seconds to two decimals, e.g. PT1H5M12.3S */
export function isoDuration(ms: number): string {
  const centiseconds = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centiseconds / 360000);
  const minutes = Math.floor((centiseconds % 360000) / 6000);
  const seconds = (centiseconds % 6000) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${Number(seconds.toFixed(2))}S`;
}

/** SCORM 2004 time(second,10,0): ISO 8601 in UTC with at most two decimals of a second. */
export function isoTimestamp(date: Date): string {
  return date.toISOString().replace(/(\.\d{2})\dZ$/, '$1Z');
}

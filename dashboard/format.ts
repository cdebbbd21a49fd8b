/**
 * How the dashboard writes numbers and dates. Tables, figures, charts and CSV files all use these,
 * so a downloaded file holds exactly what the screen shows.
 */

export const NOT_AVAILABLE = '–';

/** A whole number with thousands separators: 1,400. */
export function count(value: number): string {
  return value.toLocaleString('en');
}

/** A ratio 0..1 as a percentage with one decimal: 0.765 -> "76.5%". */
export function ratioPercent(ratio: number | null): string {
  return ratio === null ? NOT_AVAILABLE : `${(ratio * 100).toFixed(1)}%`;
}

/** A value that already is a percentage (0-100): 72.3 -> "72.3%". */
export function percent(value: number | null): string {
  return value === null ? NOT_AVAILABLE : `${value.toFixed(1)}%`;
}

/** A number with a fixed number of decimals (discrimination 0.34, an average rating 4.12). */
export function decimal(value: number | null, digits = 2): string {
  return value === null ? NOT_AVAILABLE : value.toFixed(digits);
}

export function minutes(value: number | null): string {
  return value === null ? NOT_AVAILABLE : `${value.toFixed(1)} min`;
}

/** An ISO timestamp as "2026-09-14 10:22 UTC" (the same for every viewer, whatever their time zone). */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The last path segment of an IRI: https://inprocap.eu/modules/fundamentals -> "fundamentals". */
export function lastSegment(iri: string): string {
  return iri.replace(/\/+$/, '').split('/').pop() || iri;
}

/** The Monday (UTC) of a YYYY-MM-DD day's week, as YYYY-MM-DD. */
export function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/** Sorts ids the way people count: q2 before q10. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

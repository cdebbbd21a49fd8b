/**
 * How the dashboard writes numbers and dates, in the viewer's language (Intl, with the language's
 * own separators: 1,400 in English, 1 400 in French, 1.400 in German). Tables, figures, charts
 * and CSV files all use these, so a downloaded file holds exactly what the screen shows.
 */
import { getLocale } from './i18n/localization.ts';

export const NOT_AVAILABLE = '–';

/** The locale numbers and dates are written in: the dashboard's language (English as in Europe: 24-hour clock). */
export function formatLocale(): string {
  const language = getLocale();
  return language === 'en' ? 'en-GB' : language;
}

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (locale: string) => T): T {
  const locale = formatLocale();
  const id = `${locale} ${key}`;
  let format = formats.get(id);
  if (!format) formats.set(id, (format = make(locale)));
  return format as T;
}

/** A whole number with the language's thousands separators: 1,400. */
export function count(value: number): string {
  return cached('count', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 })).format(value);
}

/** A ratio 0..1 as a percentage with one decimal: 0.765 -> "76.5%". */
export function ratioPercent(ratio: number | null): string {
  return ratio === null ? NOT_AVAILABLE : cached('percent', (l) => new Intl.NumberFormat(l, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(ratio);
}

/** A value that already is a percentage (0-100): 72.3 -> "72.3%". */
export function percent(value: number | null): string {
  return value === null ? NOT_AVAILABLE : ratioPercent(value / 100);
}

/** A number with a fixed number of decimals (discrimination 0.34, an average rating 4.12). */
export function decimal(value: number | null, digits = 2): string {
  return value === null ? NOT_AVAILABLE : cached(`decimal ${digits}`, (l) => new Intl.NumberFormat(l, { minimumFractionDigits: digits, maximumFractionDigits: digits })).format(value);
}

export function minutes(value: number | null): string {
  return value === null ? NOT_AVAILABLE : cached('minutes', (l) => new Intl.NumberFormat(l, { style: 'unit', unit: 'minute', unitDisplay: 'short', minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(value);
}

/** An ISO timestamp as the language writes a date and time, in UTC (the same for every viewer, whatever their time zone). */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${cached('date-time', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' })).format(date)} UTC`;
}

/** A YYYY-MM-DD day as the language writes a date. */
export function day(ymd: string): string {
  const date = new Date(`${ymd}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) return ymd;
  return cached('day', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' })).format(date);
}

/** A YYYY-MM-DD day as day and short month ("14 Sept"), for chart axes. */
export function shortDay(ymd: string): string {
  return cached('short-day', (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', timeZone: 'UTC' })).format(new Date(`${ymd}T00:00:00.000Z`));
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
  return a.localeCompare(b, formatLocale(), { numeric: true });
}

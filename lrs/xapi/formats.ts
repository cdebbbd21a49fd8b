/** The textual formats xAPI relies on: IRIs, UUIDs, ISO 8601 times and durations, language tags. */

/**
 * Remembers recent answers: the same verb, activity and extension IRIs and language tags come
 * back in almost every statement, and checking them is a large share of ingest time.
 */
function remembered(check: (text: string) => boolean, size = 20_000): (text: string) => boolean {
  const cache = new Map<string, boolean>();
  return (text) => {
    let answer = cache.get(text);
    if (answer === undefined) {
      answer = check(text);
      if (cache.size >= size) cache.clear();
      if (text.length <= 512) cache.set(text, answer);
    }
    return answer;
  };
}

/** An absolute IRI: a scheme, then no whitespace or characters IRIs forbid. */
export const isIri = remembered((text) => /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f]+$/i.test(text));

/** An IRL: an IRI meant to be dereferenced, with a scheme. */
export function isIrl(text: string): boolean {
  return isIri(text);
}

/** The canonical 8-4-4-4-12 form (either case); braces, URN prefixes or missing dashes are refused. */
export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

export function isMboxSha1(text: string): boolean {
  return /^[0-9a-f]{40}$/i.test(text);
}

/** RFC 5646 language tags (the common grammar: language, script, region, variants, extensions, private use). */
export const isLanguageTag = remembered((text: string): boolean => {
  return /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wy-z](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+|i-[a-z]+)$/i.test(text);
});

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** ISO 8601 date-time with a time zone, on a date that exists (no 30 February). */
export function isIsoTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return false;
  const zone = m[8]!;
  if (zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = zone.length > 3 ? Number(zone.slice(-2)) : 0;
    if (zh > 23 || zm > 59) return false;
  }
  return true;
}

/** ISO 8601 durations: PnYnMnDTnHnMnS (a fraction on the smallest unit) or PnW. */
export function isIsoDuration(text: string): boolean {
  if (/^P\d+(\.\d+)?W$/.test(text)) return true;
  const m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return false;
  return m.slice(1).some((part) => part !== undefined);
}

/** A timestamp in UTC with millisecond precision: how the LRS writes `stored` (and sorts by it). */
export function nowIso(): string {
  return new Date().toISOString();
}

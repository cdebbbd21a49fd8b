/**
 * Matching a learner's preferred languages against the languages on offer. Preferences come from
 * the learner's own earlier choice, the LMS and the browser. SCORM 1.2 sets no format for
 * `cmi.student_preference.language`, so LMSs send "de-DE", "es_ES", "FR", "en_US.UTF-8",
 * "ger", "English", "Deutsch" or a list such as "de-DE,en;q=0.5": all of them are understood.
 */

/** ISO 639-2 codes and language names (English and own) that an LMS may send instead of a tag. */
const ALIASES: Record<string, string> = {
  eng: 'en', english: 'en',
  fra: 'fr', fre: 'fr', french: 'fr', français: 'fr', francais: 'fr',
  spa: 'es', spanish: 'es', español: 'es', espanol: 'es', castellano: 'es',
  nld: 'nl', dut: 'nl', dutch: 'nl', nederlands: 'nl',
  pol: 'pl', polish: 'pl', polski: 'pl',
  dan: 'da', danish: 'da', dansk: 'da', dk: 'da',
  slk: 'sk', slo: 'sk', slovak: 'sk', slovenčina: 'sk', slovencina: 'sk',
  deu: 'de', ger: 'de', german: 'de', deutsch: 'de',
};

/**
 * One preference as a lower-case BCP 47-like tag: "es_ES" → "es-es", "en_US.UTF-8" → "en-us",
 * "English (United Kingdom)" → "en", "ger" → "de". Empty when nothing is left.
 */
export function normaliseLanguageTag(value: string): string {
  const tag = value
    .replace(/\(.*?\)/g, ' ') // "English (United States)"
    .replace(/[.@].*$/, '') // POSIX locales: "de_DE.UTF-8", "de_DE@euro"
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, '-');
  const [primary = '', ...rest] = tag.split('-');
  return [ALIASES[primary] ?? primary, ...rest].join('-');
}

/**
 * The first of the preferred languages that is available, matching "fr-BE" to "fr" (and "pt" to
 * "pt-BR" when only that is on offer); otherwise the fallback. Each preference may be a
 * comma-separated list, read in order with any ";q=" weight ignored.
 */
export function pickLanguage(preferred: readonly (string | undefined)[], available: readonly string[], fallback: string): string {
  const offered = available.map((code) => ({ code, tag: normaliseLanguageTag(code) }));
  for (const value of preferred) {
    for (const item of value?.split(',') ?? []) {
      const tag = normaliseLanguageTag(item.split(';')[0]!);
      if (!tag) continue;
      const primary = tag.split('-')[0];
      const match =
        offered.find((o) => o.tag === tag) ??
        offered.find((o) => o.tag === primary) ??
        offered.find((o) => o.tag.split('-')[0] === primary);
      if (match) return match.code;
    }
  }
  return fallback;
}

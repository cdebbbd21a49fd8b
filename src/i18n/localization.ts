/**
 * UI language: @lit/localize in runtime mode. Strings are marked with `msg()` in the components;
 * `npm run i18n:extract` writes them to src/i18n/xliff/<locale>.xlf for translators and
 * `npm run i18n:build` turns the translated XLIFF into src/i18n/generated/locales/<locale>.ts.
 */
import { configureLocalization } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.ts';

export const UI_LANGUAGES: readonly string[] = allLocales;

/** Each language named in itself, as a language switch should show it. */
export const LANGUAGE_AUTONYMS: Record<string, string> = {
  en: 'English', fr: 'Français', es: 'Español', nl: 'Nederlands', pl: 'Polski', da: 'Dansk', sk: 'Slovenčina', de: 'Deutsch',
};

const localeModules = import.meta.glob('./generated/locales/*.js');

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => localeModules[`./generated/locales/${locale}.js`]!() as never,
});

/**
 * The first of the preferred languages (learner's LMS preference, then the browser's) that is
 * available, matching "fr-BE" to "fr"; otherwise the fallback.
 */
export function pickLanguage(preferred: readonly (string | undefined)[], available: readonly string[], fallback: string): string {
  for (const tag of preferred) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    const exact = available.find((a) => a.toLowerCase() === lower);
    if (exact) return exact;
    const primary = available.find((a) => a.toLowerCase() === lower.split('-')[0]);
    if (primary) return primary;
  }
  return fallback;
}

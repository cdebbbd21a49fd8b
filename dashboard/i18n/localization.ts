/**
 * The dashboard's language: @lit/localize in runtime mode, as the runtime does it (strings marked
 * with `msg()`; `npm run i18n:extract` writes dashboard/i18n/xliff/<locale>.xlf for translators and
 * `npm run i18n:build` makes dashboard/i18n/generated/locales/<locale>.js, each loaded only when
 * chosen). The language is the viewer's choice (kept in this browser), else the browser's first
 * language the dashboard has, else English; components marked `@localized()` redraw on a switch.
 */
import { configureLocalization } from '@lit/localize';
import { pickLanguage } from '../../core/i18n/pick-language.ts';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.ts';

export const DASHBOARD_LANGUAGES: readonly string[] = allLocales;

/** Each language named in itself, as a language switch shows it. */
export const LANGUAGE_AUTONYMS: Record<string, string> = {
  en: 'English', fr: 'Français', es: 'Español', nl: 'Nederlands', pl: 'Polski', da: 'Dansk', sk: 'Slovenčina', de: 'Deutsch',
};

const CHOICE_KEY = 'inprocap-dashboard-language';
const localeModules = import.meta.glob('./generated/locales/*.js');

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => localeModules[`./generated/locales/${locale}.js`]!() as never,
});

function savedChoice(): string | undefined {
  try {
    return localStorage.getItem(CHOICE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The language to start in: the viewer's saved choice, else the browser's. */
export function initialLanguage(): string {
  return pickLanguage([savedChoice(), ...navigator.languages].filter((l): l is string => !!l), DASHBOARD_LANGUAGES, sourceLocale);
}

/** Switches the dashboard's language (and the page's lang) and remembers the choice. */
export async function useLanguage(language: string, remember = true): Promise<void> {
  const chosen = pickLanguage([language], DASHBOARD_LANGUAGES, sourceLocale);
  await setLocale(chosen);
  document.documentElement.lang = chosen;
  if (!remember) return;
  try {
    localStorage.setItem(CHOICE_KEY, chosen);
  } catch {
    // No storage: the choice lasts until the page is left.
  }
}

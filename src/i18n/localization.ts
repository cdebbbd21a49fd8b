/**
 * UI language: @lit/localize in runtime mode. Strings are marked with `msg()` in the components;
 * `npm run i18n:extract` writes them to src/i18n/xliff/<locale>.xlf for translators and
 * `npm run i18n:build` turns the translated XLIFF into src/i18n/generated/locales/<locale>.js,
 * each loaded only when its language is chosen.
 */
import { configureLocalization } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.ts';

export { pickLanguage } from '../../core/i18n/pick-language.ts';

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

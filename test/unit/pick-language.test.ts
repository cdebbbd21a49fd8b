import { describe, expect, it } from 'vitest';
import { allLocales } from '../../src/i18n/generated/locale-codes.ts';
import { normaliseLanguageTag, pickLanguage } from '../../core/i18n/pick-language.ts';

const UI = allLocales as readonly string[];

describe('UI languages', () => {
  it('are the eight of the curriculum', () => {
    expect([...UI].sort()).toEqual(['da', 'de', 'en', 'es', 'fr', 'nl', 'pl', 'sk']);
  });
});

describe('pickLanguage', () => {
  it.each([
    ['de-DE', 'de'],
    ['es_ES', 'es'],
    ['ES', 'es'],
    ['nl-BE', 'nl'],
    ['pl_PL', 'pl'],
    ['da-DK', 'da'],
    ['sk-SK', 'sk'],
    ['fr-CA', 'fr'],
    ['en-GB', 'en'],
    ['  de_AT  ', 'de'],
    ['en_US.UTF-8', 'en'],
    ['de_DE@euro', 'de'],
    ['ger', 'de'],
    ['deu', 'de'],
    ['fre', 'fr'],
    ['spa', 'es'],
    ['dut', 'nl'],
    ['slo', 'sk'],
    ['slk', 'sk'],
    ['dan', 'da'],
    ['pol', 'pl'],
    ['English', 'en'],
    ['English (United Kingdom)', 'en'],
    ['Deutsch', 'de'],
    ['Español', 'es'],
    ['Slovenčina', 'sk'],
    ['polski', 'pl'],
    ['dk', 'da'],
  ])('reads the LMS preference %j as %s', (preference, expected) => {
    expect(pickLanguage([preference], UI, 'en')).toBe(expected);
  });

  it('reads a list in order, ignoring weights and unknown entries', () => {
    expect(pickLanguage(['de-DE,en;q=0.5'], UI, 'fr')).toBe('de');
    expect(pickLanguage(['it-IT, sk;q=0.8, en;q=0.5'], UI, 'fr')).toBe('sk');
  });

  it('skips empty and unknown preferences and keeps the order of the rest', () => {
    expect(pickLanguage([undefined, '', '   ', 'it', 'pt_BR', 'nl_NL', 'de'], UI, 'en')).toBe('nl');
  });

  it('falls back when nothing matches', () => {
    expect(pickLanguage(['it', 'pt-BR', 'und', ';q=1'], UI, 'en')).toBe('en');
    expect(pickLanguage([], UI, 'fr')).toBe('fr');
  });

  it('prefers an exact regional match, and matches a region a module offers', () => {
    expect(pickLanguage(['fr-CA'], ['fr', 'fr-CA'], 'en')).toBe('fr-CA');
    expect(pickLanguage(['fr_ca'], ['fr', 'fr-CA'], 'en')).toBe('fr-CA');
    expect(pickLanguage(['fr-BE'], ['fr', 'fr-CA'], 'en')).toBe('fr');
    expect(pickLanguage(['pt'], ['en', 'pt-BR'], 'en')).toBe('pt-BR');
  });

  it('does not take a region for a language', () => {
    // "es" is Spain's country code but the learner asked for a Swedish interface.
    expect(pickLanguage(['sv-ES'], UI, 'en')).toBe('en');
  });
});

describe('normaliseLanguageTag', () => {
  it('lower-cases, turns underscores into hyphens and drops charsets', () => {
    expect(normaliseLanguageTag('es_ES')).toBe('es-es');
    expect(normaliseLanguageTag('en_US.UTF-8')).toBe('en-us');
    expect(normaliseLanguageTag('ger')).toBe('de');
    expect(normaliseLanguageTag('  ')).toBe('');
  });
});

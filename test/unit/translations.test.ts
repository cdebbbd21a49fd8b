import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../packaging/content/issues.ts';
import { formatTranslationReport, isComplete, missingCount, SHARED, translationReport, UI } from '../../packaging/content/translations.ts';
import { VALID_FILES, writeContent } from './fixture.ts';

const ROOT = resolve(import.meta.dirname, '../..');

const LOCALIZE = JSON.stringify({ sourceLocale: 'en', targetLocales: ['es', 'fr'], interchange: { format: 'xliff', xliffDir: './i18n/' } });

const xliff = (language: string, units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file target-language="${language}" source-language="en" original="lit-localize-inputs" datatype="plaintext">
<body>
${units}
</body>
</file>
</xliff>
`;

const FR_XLIFF = xliff('fr', `<trans-unit id="s1">
  <source>Continue</source>
  <target>Continuer</target>
</trans-unit>
<trans-unit id="s2">
  <source>Decision <x id="0" equiv-text="\${path.length + 1}"/></source>
  <target>Décision <x id="0" equiv-text="\${path.length + 1}"/></target>
</trans-unit>
<trans-unit id="s3">
  <source>Quiz</source>
  <target>Quiz</target>
</trans-unit>`);

const ES_XLIFF = xliff('es', `<trans-unit id="s1">
  <source>Continue</source>
  <target>Continuar</target>
</trans-unit>
<trans-unit id="s2">
  <source>Decision <x id="0" equiv-text="\${path.length + 1}"/> &amp; more</source>
</trans-unit>
<trans-unit id="s3">
  <source>Quiz</source>
  <target>  </target>
</trans-unit>`);

/** The valid fixture plus UI strings, with French content partly done. */
function partlyFrench(overrides: Record<string, string | undefined> = {}): string {
  return writeContent({
    'lit-localize.json': LOCALIZE,
    'i18n/fr.xlf': FR_XLIFF,
    'i18n/es.xlf': ES_XLIFF,
    'modules/demo/module.yaml': VALID_FILES['modules/demo/module.yaml']!
      .replace('title: { en: Demo module }', 'title: { en: Demo module, fr: Module de démonstration }')
      .replace('objectives: { en: [Learn things] }', 'objectives: { en: [Learn things, Apply them], fr: [Apprendre] }'),
    'modules/demo/lessons/01-intro.fr.md': VALID_FILES['modules/demo/lessons/01-intro.md']!,
    'modules/demo/quiz.fr.yaml': VALID_FILES['modules/demo/quiz.yaml']!,
    'modules/glossary.fr.yaml': VALID_FILES['modules/glossary.yaml']!,
    ...overrides,
  });
}

const gapsOf = (report: ReturnType<typeof translationReport>, language: string) =>
  report.gaps.filter((g) => g.language === language).map((g) => [g.module ?? SHARED, g.file, g.what]);

describe('translation report', () => {
  it('lists every missing content file and module.yaml entry of a language', () => {
    const report = translationReport(partlyFrench(), { languages: ['fr'] });
    expect(report.languages).toEqual(['fr']);
    expect(report.modules).toEqual(['demo']);
    expect(gapsOf(report, 'fr')).toEqual([
      ['demo', 'modules/demo/module.yaml', 'add description.fr'],
      ['demo', 'modules/demo/module.yaml', 'objectives.fr has 1 of 2 entries'],
      ['demo', 'modules/demo/case.fr.yaml', 'missing (the translation of case.yaml)'],
      ['demo', 'modules/demo/module.yaml', 'add "fr" to languages (once its files exist)'],
      [SHARED, 'modules/survey.fr.yaml', 'missing (the translation of modules/survey.yaml)'],
    ]);
    expect(missingCount(report, 'fr', 'demo')).toBe(4);
    expect(missingCount(report, 'fr', SHARED)).toBe(1);
    expect(missingCount(report, 'fr', UI)).toBe(0);
    expect(isComplete(report)).toBe(false);
  });

  it('finds nothing missing once every file exists and the language is declared', () => {
    const root = partlyFrench({
      'modules/demo/module.yaml': VALID_FILES['modules/demo/module.yaml']!
        .replace('languages: [en]', 'languages: [en, fr]')
        .replace('title: { en: Demo module }', 'title: { en: Demo module, fr: Module de démonstration }')
        .replace('description: { en: A module for tests. }', 'description: { en: A module for tests., fr: Un module pour les tests. }')
        .replace('objectives: { en: [Learn things] }', 'objectives: { en: [Learn things], fr: [Apprendre] }'),
      'modules/demo/case.fr.yaml': VALID_FILES['modules/demo/case.yaml']!,
      'modules/survey.fr.yaml': VALID_FILES['modules/survey.yaml']!,
    });
    const report = translationReport(root, { languages: ['en', 'fr'] });
    expect(report.gaps).toEqual([]);
    expect(isComplete(report)).toBe(true);
    expect(formatTranslationReport(report)).toContain('Everything is translated.');
  });

  it('counts UI strings without a <target>, or with an empty one, per XLIFF file', () => {
    const report = translationReport(partlyFrench());
    // Default languages: the UI languages of lit-localize.json and every declared content language.
    expect(report.languages).toEqual(['en', 'fr', 'es']);
    const ui = Object.fromEntries(report.ui.map((u) => [u.language, u]));
    expect(ui.en).toMatchObject({ source: true, untranslated: [] });
    expect(ui.fr).toMatchObject({ file: 'i18n/fr.xlf', total: 3, untranslated: [], fileMissing: false });
    expect(ui.es).toMatchObject({
      file: 'i18n/es.xlf',
      total: 3,
      untranslated: [
        { id: 's2', source: 'Decision ${path.length + 1} & more' },
        { id: 's3', source: 'Quiz' },
      ],
    });
    expect(missingCount(report, 'es', UI)).toBe(2);
    expect(missingCount(report, 'en', 'demo')).toBe(0);
    expect(missingCount(report, 'en', SHARED)).toBe(0);
  });

  it('reports a language with no XLIFF file at all', () => {
    const report = translationReport(partlyFrench(), { languages: ['de'] });
    expect(report.ui).toEqual([{ language: 'de', config: 'lit-localize.json', file: 'i18n/de.xlf', source: false, fileMissing: true, total: 3, untranslated: [] }]);
    expect(missingCount(report, 'de', UI)).toBe(3);
    expect(missingCount(report, 'de', 'demo')).toBe(7); // title, description, objectives, lesson, quiz, case, languages
    expect(missingCount(report, 'de', SHARED)).toBe(2);
  });

  it('keeps to the requested modules, and expects the survey only if one of them plays it', () => {
    const root = partlyFrench({
      'modules/other/module.yaml': VALID_FILES['modules/demo/module.yaml']!
        .replace('slug: demo', 'slug: other')
        .replace('demo', 'other')
        .replace(/ {2}- case: case.yaml\n {2}- survey: true\n/, ''),
      'modules/other/lessons/01-intro.md': VALID_FILES['modules/demo/lessons/01-intro.md']!,
      'modules/other/quiz.yaml': VALID_FILES['modules/demo/quiz.yaml']!,
    });
    const all = translationReport(root, { languages: ['fr'] });
    expect(all.modules).toEqual(['demo', 'other']);
    expect(gapsOf(all, 'fr').filter(([m]) => m === 'other').map(([, file]) => file)).toEqual([
      'modules/other/module.yaml', 'modules/other/module.yaml', 'modules/other/module.yaml',
      'modules/other/lessons/01-intro.fr.md', 'modules/other/quiz.fr.yaml', 'modules/other/module.yaml',
    ]);
    const other = translationReport(root, { languages: ['fr'], only: ['other'] });
    expect(other.modules).toEqual(['other']);
    expect(other.gaps.every((g) => g.module === 'other')).toBe(true); // glossary.fr.yaml exists; no survey wanted
    expect(() => translationReport(root, { only: ['nope'] })).toThrow(ContentError);
  });

  it('names a module whose module.yaml cannot be read', () => {
    const root = partlyFrench({ 'modules/broken/module.yaml': 'id: [not, closed\n' });
    const report = translationReport(root, { languages: ['en'] });
    expect(report.unreadable).toEqual(['broken']);
    expect(report.modules).toEqual(['demo']);
    expect(isComplete(report)).toBe(false);
    expect(formatTranslationReport(report)).toContain('modules/broken: module.yaml cannot be read');
  });

  it('prints a language x module table and the detailed list', () => {
    const text = formatTranslationReport(translationReport(partlyFrench(), { languages: ['en', 'fr', 'es', 'de'] }));
    const rows = text.split('\n');
    const row = (label: string) => rows.find((r) => r.trimStart().startsWith(label))!.trim().split(/\s{2,}/);
    expect(row('language')).toEqual(['language', 'UI', 'shared', 'demo']);
    expect(row('en English')).toEqual(['en English', 'source', 'complete', 'complete']);
    expect(row('fr French')).toEqual(['fr French', 'complete', '1 missing', '4 missing']);
    expect(row('es Spanish')).toEqual(['es Spanish', '2 missing', '2 missing', '7 missing']);
    expect(row('de German')).toEqual(['de German', 'no XLIFF', '2 missing', '7 missing']);
    expect(text).toContain('  i18n/es.xlf: 2 of 3 UI strings have no <target>:');
    expect(text).toContain('      s2  "Decision ${path.length + 1} & more"');
    expect(text).toContain('  modules/demo/case.fr.yaml: missing (the translation of case.yaml)');
    expect(text).toContain('  i18n/de.xlf: missing: add "de" to targetLocales');
  });
});

describe('this project', () => {
  it("has every UI string of the runtime and of the dashboard translated in all eight languages", () => {
    const report = translationReport(ROOT, { only: [] });
    expect(report.languages.slice(0, 8)).toEqual(['en', 'fr', 'es', 'nl', 'pl', 'da', 'sk', 'de']);
    expect(report.dashboard.map((u) => u.language)).toEqual(report.ui.map((u) => u.language));
    for (const ui of [...report.ui, ...report.dashboard].filter((u) => !u.source)) {
      expect({ language: ui.language, fileMissing: ui.fileMissing, untranslated: ui.untranslated }).toEqual({ language: ui.language, fileMissing: false, untranslated: [] });
      expect(ui.total).toBeGreaterThan(100);
    }
  });
});


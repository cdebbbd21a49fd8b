/**
 * What is still to translate, per language and module: the translator's to-do list behind
 * `inprocap translations`.
 *
 * Content: for every module, the module.yaml entries (title, description, objectives, and the
 * language in `languages`), each lesson, quiz and case file in its per-language variant
 * (`lessons/01-why.fr.md`, `quiz.fr.yaml`), and once for all modules the shared glossary and
 * survey (`glossary.fr.yaml`). File naming and the list of a module's files come from the
 * content loader, so the report and the build never disagree about which file is wanted.
 *
 * Interface: the trans-units of `src/i18n/xliff/<language>.xlf` (the runtime) and
 * `dashboard/i18n/xliff/<language>.xlf` (the dashboard) that have no (or an empty) `<target>`.
 * The source language needs no XLIFF.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { allLocales, sourceLocale as generatedSourceLocale } from '../../src/i18n/generated/locale-codes.ts';
import { ContentError, type ContentIssue } from './issues.ts';
import { LANGUAGE_NAMES, loadContent, SHARED_DEFAULT_LANGUAGE, SHARED_FILES, sectionFile, usesSurvey, variantPath } from './load.ts';

/** One thing still to translate. */
export interface TranslationGap {
  language: string;
  /** The module's slug; absent for the shared glossary and survey. */
  module?: string;
  /** Path from the project root of the file to create or edit. */
  file: string;
  /** What to do, in a few words. */
  what: string;
}

export interface UiStrings {
  language: string;
  /** The lit-localize configuration the strings belong to (lit-localize.json: the runtime; lit-localize.dashboard.json: the dashboard). */
  config?: string;
  /** The XLIFF file, from the project root (absent for the source language). */
  file?: string;
  /** The source language: its strings are the originals. */
  source: boolean;
  /** The XLIFF file does not exist yet. */
  fileMissing: boolean;
  /** Trans-units in the file (or, when it is missing, in the other XLIFF files). */
  total: number;
  /** Trans-units without a translation, with their source text. */
  untranslated: { id: string; source: string }[];
}

export interface TranslationReport {
  languages: string[];
  /** Module slugs, in folder order. */
  modules: string[];
  gaps: TranslationGap[];
  /** The runtime's interface strings. */
  ui: UiStrings[];
  /** The dashboard's interface strings. */
  dashboard: UiStrings[];
  /** Module folders whose module.yaml could not be read: nothing can be said about them. */
  unreadable: string[];
}

export interface TranslationOptions {
  /** Only these module slugs. */
  only?: string[];
  /** Only these languages; default: every UI language and every language a module declares. */
  languages?: string[];
}

/** The column of the shared glossary and survey, and of the UI strings, in the summary. */
export const SHARED = 'shared';
export const UI = 'UI';
export const DASHBOARD = 'dashboard';

interface LocalizeConfig {
  sourceLocale: string;
  targetLocales: string[];
  xliffDir: string;
}

/** The UI languages and the XLIFF folder, from a lit-localize configuration (the runtime's generated codes if absent). */
function localizeConfig(root: string, file = 'lit-localize.json', xliffDir = 'src/i18n/xliff'): LocalizeConfig {
  const path = join(root, file);
  const fallback: LocalizeConfig = {
    sourceLocale: generatedSourceLocale,
    targetLocales: allLocales.filter((l) => l !== generatedSourceLocale),
    xliffDir,
  };
  if (!existsSync(path)) return fallback;
  const config = JSON.parse(readFileSync(path, 'utf8')) as { sourceLocale?: string; targetLocales?: string[]; interchange?: { xliffDir?: string } };
  return {
    sourceLocale: config.sourceLocale ?? fallback.sourceLocale,
    targetLocales: config.targetLocales ?? fallback.targetLocales,
    xliffDir: config.interchange?.xliffDir ?? fallback.xliffDir,
  };
}

/** Languages in the curriculum's order (en, fr, es, nl, pl, da, sk, de), then any others. */
function byCurriculumOrder(languages: Iterable<string>): string[] {
  const order = Object.keys(LANGUAGE_NAMES);
  const rank = (l: string) => (order.includes(l) ? order.indexOf(l) : order.length);
  return [...new Set(languages)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function translationReport(root: string, options: TranslationOptions = {}): TranslationReport {
  const content = loadContent(root, options.only ? { only: options.only } : {});
  const unknownModule = content.issues.errors.filter((i) => i.message.startsWith('no module folder'));
  if (unknownModule.length) throw new ContentError(unknownModule);
  const config = localizeConfig(root);
  const uiLanguages = [config.sourceLocale, ...config.targetLocales];
  const languages = byCurriculumOrder(options.languages ?? [...uiLanguages, ...content.modules.flatMap((m) => m.module.data.languages)]);

  const gaps: TranslationGap[] = [];
  const rel = (path: string) => relative(root, path).split('\\').join('/');
  for (const language of languages) {
    for (const { dir, module } of content.modules) {
      const data = module.data;
      const slug = basename(dir);
      const gap = (file: string, what: string) => gaps.push({ language, module: slug, file, what });
      const moduleFile = rel(join(dir, 'module.yaml'));
      for (const key of ['title', 'description'] as const) {
        if (!data[key][language]) gap(moduleFile, `add ${key}.${language}`);
      }
      const objectives = data.objectives[language];
      const wanted = data.objectives[data.defaultLanguage]?.length ?? 0;
      if (!objectives) gap(moduleFile, `add objectives.${language} (${wanted} entr${wanted === 1 ? 'y' : 'ies'})`);
      else if (objectives.length < wanted) gap(moduleFile, `objectives.${language} has ${objectives.length} of ${wanted} entries`);
      for (const section of data.sections) {
        const ref = sectionFile(section);
        if (!ref) continue;
        const path = join(dir, variantPath(ref.file, language, data.defaultLanguage));
        if (!existsSync(path)) gap(rel(path), `missing (the translation of ${ref.file})`);
      }
      for (const tool of content.modules.find((m) => m.dir === dir)!.languages.get(data.defaultLanguage)?.tools ?? []) {
        const file = relative(dir, join(root, tool.file)).split('\\').join('/');
        const path = join(dir, variantPath(file, language, data.defaultLanguage));
        if (!existsSync(path)) gap(rel(path), `missing (the translation of ${file})`);
      }
      // Last, as the loader wants every file of a declared language.
      if (!data.languages.includes(language)) gap(moduleFile, `add "${language}" to languages (once its files exist)`);
    }
    const shared = [SHARED_FILES.glossary, ...(content.modules.some((m) => usesSurvey(m.module.data)) ? [SHARED_FILES.survey] : [])];
    for (const file of shared) {
      const path = join(root, 'modules', variantPath(file, language, SHARED_DEFAULT_LANGUAGE));
      if (!existsSync(path)) gaps.push({ language, file: rel(path), what: `missing (the translation of modules/${file})` });
    }
  }

  const ui = uiStrings(root, config, languages, 'lit-localize.json');
  // The dashboard's strings, where the project has a dashboard (its own lit-localize configuration).
  const dashboard = existsSync(join(root, 'lit-localize.dashboard.json')) ? uiStrings(root, localizeConfig(root, 'lit-localize.dashboard.json', 'dashboard/i18n/xliff'), languages, 'lit-localize.dashboard.json') : [];
  const loaded = new Set(content.modules.map((m) => basename(m.dir)));
  const unreadable = [
    ...new Set(
      content.issues.errors
        .map((issue: ContentIssue) => /^modules\/([^/]+)(?:\/module\.yaml)?$/.exec(issue.file.split('\\').join('/'))?.[1])
        .filter((slug): slug is string => !!slug && !loaded.has(slug) && !slug.includes('.')),
    ),
  ].sort();
  return { languages, modules: content.modules.map((m) => basename(m.dir)), gaps, ui, dashboard, unreadable };
}

function uiStrings(root: string, config: LocalizeConfig, languages: string[], configFile: string): UiStrings[] {
  const parsed = new Map<string, { id: string; source: string; translated: boolean }[]>();
  const pathOf = (language: string) => join(root, config.xliffDir, `${language}.xlf`);
  for (const language of new Set([...languages, ...config.targetLocales])) {
    if (language !== config.sourceLocale && existsSync(pathOf(language))) parsed.set(language, readXliff(pathOf(language)));
  }
  const known = Math.max(0, ...[...parsed.values()].map((units) => units.length));
  return languages.map((language) => {
    if (language === config.sourceLocale) return { language, config: configFile, source: true, fileMissing: false, total: known, untranslated: [] };
    const file = relative(root, pathOf(language)).split('\\').join('/');
    const units = parsed.get(language);
    if (!units) return { language, config: configFile, file, source: false, fileMissing: true, total: known, untranslated: [] };
    return { language, config: configFile, file, source: false, fileMissing: false, total: units.length, untranslated: units.filter((u) => !u.translated).map(({ id, source }) => ({ id, source })) };
  });
}

const xliffParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  // Sources and targets hold placeholders (<x id="0" equiv-text="${n}"/>): keep them as text.
  stopNodes: ['*.source', '*.target'],
  isArray: (name) => name === 'trans-unit' || name === 'file' || name === 'group',
});

/** Every trans-unit of an XLIFF 1.2 file, wherever it sits (file, body, group). */
export function readXliff(path: string): { id: string; source: string; translated: boolean }[] {
  const units: { id: string; source: string; translated: boolean }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'trans-unit') {
        walk(value);
        continue;
      }
      for (const unit of value as Record<string, unknown>[]) {
        const target = unit.target;
        units.push({
          id: String(unit['@id'] ?? ''),
          source: readable(String(unit.source ?? '')),
          translated: typeof target === 'string' ? target.trim() !== '' : target !== undefined && target !== null,
        });
      }
    }
  };
  walk(xliffParser.parse(readFileSync(path, 'utf8')));
  return units;
}

/** Placeholders shown as the expression they stand for, entities decoded. */
function readable(xml: string): string {
  return xml
    .replace(/<x\b[^>]*?equiv-text="([^"]*)"[^>]*\/>/g, '$1')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** How many things are missing for a language in one column: a module slug, SHARED or UI. */
export function missingCount(report: TranslationReport, language: string, column: string): number {
  if (column === UI || column === DASHBOARD) {
    const ui = (column === UI ? report.ui : report.dashboard).find((u) => u.language === language);
    if (!ui || ui.source) return 0;
    return ui.fileMissing ? Math.max(ui.total, 1) : ui.untranslated.length;
  }
  return report.gaps.filter((g) => g.language === language && (column === SHARED ? g.module === undefined : g.module === column)).length;
}

/** The interface columns: the runtime's, and the dashboard's where there is one. */
const interfaceColumns = (report: TranslationReport): string[] => (report.dashboard.length ? [UI, DASHBOARD] : [UI]);

export function isComplete(report: TranslationReport): boolean {
  return !report.unreadable.length && report.languages.every((l) => interfaceColumns(report).concat(SHARED, report.modules).every((c) => missingCount(report, l, c) === 0));
}

export function formatTranslationReport(report: TranslationReport): string {
  const columns = [...interfaceColumns(report), SHARED, ...report.modules];
  const cell = (language: string, column: string) => {
    const ui = column === UI ? report.ui.find((u) => u.language === language) : column === DASHBOARD ? report.dashboard.find((u) => u.language === language) : undefined;
    if (ui?.source) return 'source';
    if (ui?.fileMissing) return 'no XLIFF';
    const n = missingCount(report, language, column);
    return n ? `${n} missing` : 'complete';
  };
  const label = (l: string) => `${l} ${LANGUAGE_NAMES[l] ?? ''}`.trim();
  const rows = [['language', ...columns], ...report.languages.map((l) => [label(l), ...columns.map((c) => cell(l, c))])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `  ${r.map((v, i) => v.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  const out = ['Translations: what is missing per language (the runtime\'s UI strings, the dashboard\'s, the shared glossary and survey, each module)', '', line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];

  for (const slug of report.unreadable) {
    out.push('', `modules/${slug}: module.yaml cannot be read, so its translations are unknown (run \`npx inprocap check --module ${slug}\`)`);
  }
  for (const language of report.languages) {
    const items: string[] = [];
    for (const ui of [report.ui, report.dashboard].map((list) => list.find((u) => u.language === language)).filter((u): u is UiStrings => !!u)) {
      if (ui.fileMissing) {
        items.push(`  ${ui.file}: missing: add "${language}" to targetLocales in ${ui.config}, run \`npm run i18n:extract\`, translate ${ui.total || 'every'} string${ui.total === 1 ? '' : 's'}`);
      } else if (ui.untranslated.length) {
        items.push(`  ${ui.file}: ${ui.untranslated.length} of ${ui.total} UI strings have no <target>:`);
        for (const u of ui.untranslated) items.push(`      ${u.id}  ${JSON.stringify(u.source)}`);
      }
    }
    for (const gap of report.gaps.filter((g) => g.language === language)) items.push(`  ${gap.file}: ${gap.what}`);
    if (!items.length) continue;
    out.push('', `${label(language)}:`, ...items);
  }
  out.push('', isComplete(report) ? 'Everything is translated.' : 'Translators work on plain files: the XLIFF for UI strings, a Markdown or YAML copy beside each content file (see README, "Adding a language").');
  return out.join('\n');
}

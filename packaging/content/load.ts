/**
 * Reads `modules/`: every module folder, its per-language variants, and the shared glossary and
 * survey. Every problem is collected with its file and position; nothing stops at the first one.
 *
 * Per-language variants sit beside the default-language file with the language before the
 * extension: `quiz.yaml` → `quiz.fr.yaml`, `lessons/01-intro.md` → `lessons/01-intro.fr.md`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  caseSchema,
  glossarySchema,
  lessonFrontMatterSchema,
  moduleSchema,
  toolFrontMatterSchema,
  quizSchema,
  surveySchema,
  type CaseExercise,
  type LessonFrontMatter,
  type ModuleSource,
  type Quiz,
  type SectionRef,
  type Survey,
  type ToolFrontMatter,
} from '../../core/content/schema.ts';
import type { z } from 'zod';
import { IssueList } from './issues.ts';
import { YamlSource } from './source-file.ts';

/** The language of the shared files `glossary.yaml` and `survey.yaml`. */
export const SHARED_DEFAULT_LANGUAGE = 'en';

export interface Loaded<T> {
  source: YamlSource;
  data: T;
}

/** A Markdown file with YAML front matter: a lesson or a tool. */
export interface LoadedMarkdown<F> {
  file: string;
  frontMatter: Loaded<F>;
  body: string;
  /** Line of the file on which the Markdown body starts. */
  bodyLine: number;
}

export type LoadedLesson = LoadedMarkdown<LessonFrontMatter>;
export type LoadedTool = LoadedMarkdown<ToolFrontMatter>;

/** Where a module's templates and checklists live, inside its folder. */
export const TOOLBOX_FOLDER = 'toolbox';

export interface LanguageFiles {
  lessons: LoadedLesson[];
  /** Templates and checklists (`toolbox/<id>.md`), in file-name order. */
  tools: LoadedTool[];
  quiz?: Loaded<Quiz>;
  case?: Loaded<CaseExercise>;
}

export interface LoadedModule {
  dir: string;
  /** Every file of the module loaded without error, so it can be compiled. */
  complete: boolean;
  module: Loaded<ModuleSource>;
  /** Content per declared language; a missing variant falls back to the default language's file. */
  languages: Map<string, LanguageFiles>;
}

export interface LoadedContent {
  root: string;
  modules: LoadedModule[];
  glossary: Map<string, Loaded<z.output<typeof glossarySchema>>>;
  survey: Map<string, Loaded<Survey>>;
  /** The shared glossary and survey loaded without error. */
  sharedComplete: boolean;
  issues: IssueList;
}

export interface LoadOptions {
  /** Load only these module slugs (folder names). */
  only?: string[];
}

export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', fr: 'French', es: 'Spanish', nl: 'Dutch', pl: 'Polish', da: 'Danish', sk: 'Slovak', de: 'German',
};

/** The shared files every module may use, in {@link SHARED_DEFAULT_LANGUAGE}, in `modules/`. */
export const SHARED_FILES = { glossary: 'glossary.yaml', survey: 'survey.yaml' } as const;

/** The content file a section reads (relative to the module folder); the survey is shared. */
export function sectionFile(section: SectionRef): { kind: 'lesson' | 'quiz' | 'case'; file: string } | undefined {
  if ('lesson' in section) return { kind: 'lesson', file: section.lesson };
  if ('quiz' in section) return { kind: 'quiz', file: section.quiz };
  if ('case' in section) return { kind: 'case', file: section.case };
  return undefined;
}

/** Whether a module plays the shared survey. */
export function usesSurvey(module: ModuleSource): boolean {
  return module.sections.some((s) => 'survey' in s);
}

export function variantPath(file: string, language: string, defaultLanguage: string): string {
  if (language === defaultLanguage) return file;
  return file.replace(/(\.[a-z]+)$/, `.${language}$1`);
}

export function loadContent(root: string, options: LoadOptions = {}): LoadedContent {
  const issues = new IssueList();
  const modulesDir = join(root, 'modules');
  const rel = (path: string) => relative(root, path);
  if (!existsSync(modulesDir)) {
    issues.add('modules', { line: 1, column: 1 }, 'folder not found: content lives in modules/<slug>/module.yaml');
    return { root, modules: [], glossary: new Map(), survey: new Map(), sharedComplete: false, issues };
  }

  const readYaml = <S extends z.ZodType>(path: string, schema: S): Loaded<z.output<S>> | undefined => {
    const source = new YamlSource(rel(path), readFileSync(path, 'utf8'), issues);
    const data = source.validate(schema);
    return data === undefined ? undefined : { source, data };
  };

  /** Loads the shared file in every language a module declares, reporting missing translations. */
  const sharedFile = <S extends z.ZodType>(name: string, schema: S, languages: Set<string>) => {
    const loaded = new Map<string, Loaded<z.output<S>>>();
    const base = join(modulesDir, name);
    if (!existsSync(base)) {
      issues.add(rel(base), { line: 1, column: 1 }, `file not found: the shared ${name} is required`);
      return loaded;
    }
    for (const language of [SHARED_DEFAULT_LANGUAGE, ...[...languages].filter((l) => l !== SHARED_DEFAULT_LANGUAGE)]) {
      const path = variantPath(base, language, SHARED_DEFAULT_LANGUAGE);
      if (!existsSync(path)) {
        issues.add(rel(path), { line: 1, column: 1 }, `missing ${LANGUAGE_NAMES[language] ?? language} translation of ${name} (a module declares "${language}")`);
        continue;
      }
      const file = readYaml(path, schema);
      if (file) loaded.set(language, file);
    }
    return loaded;
  };

  const modules: LoadedModule[] = [];
  const known = readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  const folders = known.filter((name) => !options.only || options.only.includes(name));
  if (options.only) {
    for (const slug of options.only.filter((s) => !known.includes(s))) {
      issues.add(`modules/${slug}`, { line: 1, column: 1 }, `no module folder "${slug}" (known: ${known.join(', ') || 'none'})`);
    }
  }

  for (const folder of folders) {
    const errorsBefore = issues.errors.length;
    const dir = join(modulesDir, folder);
    const modulePath = join(dir, 'module.yaml');
    if (!existsSync(modulePath)) {
      issues.add(rel(dir), { line: 1, column: 1 }, 'module folder has no module.yaml');
      continue;
    }
    const module = readYaml(modulePath, moduleSchema);
    if (!module) continue;
    if (module.data.slug !== folder) {
      issues.add(rel(modulePath), module.source.positionOf(['slug']), `slug "${module.data.slug}" must equal the folder name "${folder}"`);
    }
    const languages = new Map<string, LanguageFiles>();
    const { defaultLanguage } = module.data;
    for (const language of module.data.languages) {
      const files: LanguageFiles = { lessons: [], tools: [] };
      const languageName = LANGUAGE_NAMES[language] ?? language;
      const resolve = (file: string, sectionIndex: number, key: string) => {
        const wanted = join(dir, variantPath(file, language, defaultLanguage));
        if (existsSync(wanted)) return wanted;
        const fallback = join(dir, file);
        if (language === defaultLanguage) {
          if (sectionIndex < 0) return undefined;
          issues.add(rel(modulePath), module.source.positionOf(['sections', sectionIndex, key]), `${key} file not found: ${file}`);
          return undefined;
        }
        issues.add(rel(wanted), { line: 1, column: 1 }, `missing ${languageName} translation of ${file} (module declares "${language}")`);
        return existsSync(fallback) ? fallback : undefined;
      };
      module.data.sections.forEach((section, index) => {
        const ref = sectionFile(section);
        if (!ref) return;
        const path = resolve(ref.file, index, ref.kind);
        if (ref.kind === 'lesson') {
          const lesson = path && readMarkdown(path, rel(path), issues, lessonFrontMatterSchema, 'lesson');
          if (lesson) files.lessons.push(lesson);
        } else if (ref.kind === 'quiz') {
          files.quiz = path ? readYaml(path, quizSchema) : undefined;
        } else {
          files.case = path ? readYaml(path, caseSchema) : undefined;
        }
      });
      for (const tool of toolFiles(dir)) {
        const path = resolve(`${TOOLBOX_FOLDER}/${tool}`, -1, 'tool');
        const loaded = path && readMarkdown(path, rel(path), issues, toolFrontMatterSchema, 'tool');
        if (loaded) files.tools.push(loaded);
      }
      languages.set(language, files);
    }
    modules.push({ dir, module, languages, complete: issues.errors.length === errorsBefore });
  }

  const errorsBeforeShared = issues.errors.length;
  const allLanguages = new Set(modules.flatMap((m) => m.module.data.languages));
  const needsSurvey = modules.some((m) => usesSurvey(m.module.data));
  const glossary = sharedFile(SHARED_FILES.glossary, glossarySchema, allLanguages);
  const survey = needsSurvey ? sharedFile(SHARED_FILES.survey, surveySchema, allLanguages) : new Map<string, Loaded<Survey>>();
  return { root, modules, glossary, survey, sharedComplete: issues.errors.length === errorsBeforeShared, issues };
}

/** The default-language tool files of a module (`toolbox/<id>.md`, not its `<id>.<language>.md` variants). */
function toolFiles(dir: string): string[] {
  const folder = join(dir, TOOLBOX_FOLDER);
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((name) => /^[^.]+\.md$/.test(name)).sort();
}

/** A lesson or a tool: `---` YAML front matter `---`, then Markdown. */
function readMarkdown<S extends z.ZodType>(path: string, file: string, issues: IssueList, schema: S, what: string): LoadedMarkdown<z.output<S>> | undefined {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) {
    issues.add(file, { line: 1, column: 1 }, `${what} must start with front matter: a "---" line, id and title, then "---"`);
    return undefined;
  }
  const source = new YamlSource(file, match[1]!, issues, 1);
  const data = source.validate(schema);
  if (!data) return undefined;
  const bodyLine = match[0].split('\n').length;
  const body = text.slice(match[0].length);
  if (!body.trim()) issues.add(file, { line: bodyLine, column: 1 }, `${what} has no text after its front matter`);
  return { file, frontMatter: { source, data }, body, bodyLine };
}

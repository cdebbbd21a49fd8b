/**
 * The content schema: the one definition of what a module is.
 *
 * Authors write YAML and Markdown in `modules/`; `packaging/content` validates it with these zod
 * schemas and compiles it into a {@link Course}. The browser runtime imports only the *types*
 * from this file (`import type`), so zod never ships inside a package.
 *
 * Text fields marked "Markdown" are compiled at build time to sanitised HTML; in a compiled
 * {@link Course} the same fields hold that HTML.
 */
import { z } from 'zod';
import * as QUESTION_FIELDS from './fields.ts';
import { id, inlineMarkdown, iri, languageTag, markdown, semver, text } from './fields.ts';
import { questionSchemas } from '../question-types/authoring.ts';
import type { QuestionOf } from '../question-types/registry.ts';

/** A map from language tag to a value, for the few translatable fields of module.yaml. */
const localized = <T extends z.ZodType>(value: T) => z.record(languageTag, value);

// ---------------------------------------------------------------------------------------------
// module.yaml

export const sectionRefSchema = z.union([
  z.strictObject({ lesson: z.string().regex(/\.md$/, 'must name a Markdown file, e.g. "lessons/01-intro.md"') }),
  z.strictObject({ quiz: z.string().regex(/\.ya?ml$/, 'must name a YAML file, e.g. "quiz.yaml"') }),
  z.strictObject({ case: z.string().regex(/\.ya?ml$/, 'must name a YAML file, e.g. "case.yaml"') }),
  z.strictObject({ survey: z.literal(true) }),
]);

export const moduleSchema = z
  .strictObject({
    id: iri,
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and hyphens'),
    version: semver,
    defaultLanguage: languageTag,
    languages: z.array(languageTag).min(1, 'must list at least one language'),
    title: localized(text.max(200)),
    description: localized(text.max(2000)),
    objectives: localized(z.array(text).min(1, 'must list at least one objective')),
    /** Place in the curriculum (Module 1, 2, ...): the order modules are listed in. */
    order: z.number().int().positive().max(99).optional(),
    /** Estimated time to complete, in minutes. */
    durationMinutes: z.number().int().positive().max(600),
    /** Quiz score (percent) needed to pass. */
    masteryScore: z.number().min(0).max(100),
    sections: z.array(sectionRefSchema).min(1, 'must list at least one section'),
  })
  .superRefine((m, ctx) => {
    if (!m.languages.includes(m.defaultLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['defaultLanguage'], message: `"${m.defaultLanguage}" is not in languages` });
    }
    for (const key of ['title', 'description', 'objectives'] as const) {
      if (!m[key][m.defaultLanguage]) {
        ctx.addIssue({ code: 'custom', path: [key], message: `has no "${m.defaultLanguage}" (default language) entry` });
      }
    }
    const kinds = m.sections.map((s) => Object.keys(s)[0]);
    for (const kind of ['quiz', 'case', 'survey']) {
      if (kinds.filter((k) => k === kind).length > 1) {
        ctx.addIssue({ code: 'custom', path: ['sections'], message: `lists more than one ${kind}` });
      }
    }
  });

// ---------------------------------------------------------------------------------------------
// Lessons: Markdown with YAML front matter

export const lessonFrontMatterSchema = z.strictObject({
  id,
  title: text.max(200),
  /** Estimated reading time in minutes. */
  durationMinutes: z.number().int().positive().max(120).optional(),
});

// ---------------------------------------------------------------------------------------------
// Toolbox: templates and checklists (modules/<slug>/toolbox/<id>.md), Markdown with front matter

export const toolFrontMatterSchema = z.strictObject({
  id,
  title: text.max(200),
  /** A template has fields to fill in; a checklist has items to tick (`- [ ] ...`). */
  kind: z.enum(['template', 'checklist']),
  /** What it is for, who fills it in, when: shown in the Toolbox's list. */
  description: text.max(500),
});

// ---------------------------------------------------------------------------------------------
// Quiz

/** Every question type's schema, from the registry: a type is one folder in core/question-types/. */
export const questionSchema = z.discriminatedUnion('type', questionSchemas(QUESTION_FIELDS) as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<Question>;

export const quizSchema = z.strictObject({
  id,
  title: text.max(200),
  intro: markdown.optional(),
  /** How many times the learner may take the quiz; 0 means unlimited. */
  attempts: z.number().int().min(0).max(10).default(2),
  /** Shuffle question and option order, seeded per learner so a resumed attempt looks the same. */
  shuffle: z.boolean().default(false),
  questions: z.array(questionSchema).min(1, 'needs at least one question').max(40),
  /**
   * A short pre-check asked before the first lesson: not graded, skippable, reported to the LRS
   * only (never to the LMS). Its answers measure what learners knew before the module, so the
   * dashboard can report the learning gain on the same items in the quiz.
   */
  precheck: z
    .strictObject({
      title: text.max(200),
      /** Markdown. */
      intro: markdown.optional(),
      /** Ids of this quiz's questions (gain is measured on these), or questions of its own. */
      questions: z.array(z.union([id, questionSchema])).min(1, 'needs at least one question').max(10),
    })
    .optional(),
});

// ---------------------------------------------------------------------------------------------
// Case exercise: a branching scenario

export const caseChoiceSchema = z.strictObject({
  id,
  label: inlineMarkdown,
  /** What happens next in the story, shown right after the choice. */
  consequence: markdown,
  /** Why this choice is or is not the best one, shown in the debrief. */
  feedback: markdown,
  points: z.number().min(0).max(100).default(0),
  /** Marks the best choice at this decision point (exactly one per decision). */
  best: z.boolean().default(false),
  next: id,
});

export const decisionNodeSchema = z.strictObject({
  id,
  type: z.literal('decision'),
  title: text.max(200),
  text: markdown,
  choices: z.array(caseChoiceSchema).min(2, 'a decision needs at least 2 choices').max(6),
});

export const endingNodeSchema = z.strictObject({
  id,
  type: z.literal('ending'),
  title: text.max(200),
  text: markdown,
  outcome: z.enum(['good', 'mixed', 'poor']),
});

export const caseNodeSchema = z.discriminatedUnion('type', [decisionNodeSchema, endingNodeSchema]);

export const caseSchema = z.strictObject({
  id,
  title: text.max(200),
  intro: markdown,
  start: id,
  nodes: z.array(caseNodeSchema).min(2).max(40),
  /** Introduces the debrief, where the learner's path is shown beside the best path. */
  debrief: markdown,
});

// ---------------------------------------------------------------------------------------------
// Feedback survey (modules/survey.yaml, shared by all modules so answers compare across modules)

export const surveySchema = z.strictObject({
  id,
  title: text.max(200),
  intro: markdown.optional(),
  /** Labels of the Likert scale, from most negative to most positive. */
  scale: z.array(text.max(40)).min(3).max(7),
  items: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({ id, type: z.literal('likert'), statement: text.max(300) }),
        z.strictObject({
          id,
          type: z.literal('text'),
          prompt: text.max(300),
          maxLength: z.number().int().min(1).max(1000).default(500),
        }),
      ]),
    )
    .min(1)
    .max(15),
});

// ---------------------------------------------------------------------------------------------
// Glossary (modules/glossary.yaml, shared)

export const glossaryTermSchema = z.strictObject({
  id,
  term: text.max(120),
  /** Other spellings authors may mark, e.g. an abbreviation. */
  aliases: z.array(text.max(120)).default([]),
  definition: text.max(400),
});

export const glossarySchema = z.strictObject({
  terms: z.array(glossaryTermSchema).min(1),
});

// ---------------------------------------------------------------------------------------------
// Types. Source types are what authors write; the compiled Course is what the runtime plays.

export type ModuleSource = z.infer<typeof moduleSchema>;
export type SectionRef = z.infer<typeof sectionRefSchema>;
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;
export type ToolFrontMatter = z.infer<typeof toolFrontMatterSchema>;
export type Quiz = z.infer<typeof quizSchema>;
export type Question = QuestionOf;
export type QuestionTypeName = Question['type'];
export type CaseExercise = z.infer<typeof caseSchema>;
export type CaseNode = z.infer<typeof caseNodeSchema>;
export type DecisionNode = z.infer<typeof decisionNodeSchema>;
export type EndingNode = z.infer<typeof endingNodeSchema>;
export type CaseChoice = z.infer<typeof caseChoiceSchema>;
export type Survey = z.infer<typeof surveySchema>;
export type SurveyItem = Survey['items'][number];
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;

/** The compiled pre-check: the questions it asks, in order (quiz items share the quiz's ids). */
export interface Precheck {
  id: string;
  title: string;
  intro?: string;
  questions: Question[];
}

export interface CompiledLesson {
  id: string;
  title: string;
  durationMinutes?: number;
  html: string;
}

/** One section of the compiled module, in play order. */
export type CourseSection =
  | { kind: 'precheck'; id: string }
  | { kind: 'lesson'; id: string }
  | { kind: 'quiz'; id: string }
  | { kind: 'case'; id: string }
  | { kind: 'survey'; id: string };

/** Everything a learner reads in one language; Markdown fields already hold sanitised HTML. */
export interface CourseContent {
  title: string;
  description: string;
  objectives: string[];
  lessons: CompiledLesson[];
  quiz?: Quiz;
  /** The pre-check, its quiz items resolved; compiled from the quiz file's `precheck`. */
  precheck?: Precheck;
  case?: CaseExercise;
  survey?: Survey;
  glossary: GlossaryTerm[];
}

/** A compiled module: what `packaging/` writes and the runtime plays. */
export interface Course {
  /** Format version of this compiled structure. */
  format: 1;
  id: string;
  slug: string;
  version: string;
  defaultLanguage: string;
  languages: string[];
  /** Place in the curriculum, when the module has one. */
  order?: number;
  durationMinutes: number;
  masteryScore: number;
  sections: CourseSection[];
  content: Record<string, CourseContent>;
}

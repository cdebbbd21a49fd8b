/**
 * The fields the content schema is made of (ids, text, Markdown) and those every question shares.
 * Question types build their schemas from these (core/question-types/), so one rule has one home.
 * Build-time only: zod never ships in a package.
 */
import { z } from 'zod';

/** A language tag such as `en`, `fr`, `pt-BR`. */
export const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "fr"');

/** Ids are used in state, interactions and xAPI activity IRIs: keep them short and URL-safe. */
export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lowercase letters, digits or hyphens, starting with a letter or digit');

export const iri = z
  .string()
  .regex(/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i, 'must be an absolute IRI such as "https://example.org/modules/pcp" (no spaces)');

export const semver = z
  .string()
  .regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'must be a semantic version such as "1.0.0"');

export const text = z.string().trim().min(1, 'must not be empty');
/** Inline Markdown (emphasis, links, glossary marks `[[term]]`); compiled to HTML. */
export const inlineMarkdown = text;
/** Block Markdown (paragraphs, lists); compiled to HTML. */
export const markdown = text;

// ---------------------------------------------------------------------------------------------
// Shared by questions

export const feedbackSchema = z.strictObject({
  correct: inlineMarkdown.optional(),
  incorrect: inlineMarkdown.optional(),
});

export const choiceOptionSchema = z.strictObject({
  id,
  text: inlineMarkdown,
  correct: z.boolean().default(false),
  /** Shown when the learner picks this option: why it is right or wrong. */
  feedback: inlineMarkdown.optional(),
});

export const questionBase = {
  id,
  prompt: inlineMarkdown,
  points: z.number().positive().max(100).default(1),
  feedback: feedbackSchema.optional(),
};

/** zod itself, for the question types' schemas (they receive these fields as their kit). */
export { z };

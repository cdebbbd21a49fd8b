/**
 * The glossary of the language being shown. Glossary marks inside lesson HTML are
 * `<inp-term term="id">` elements created by the browser from compiled Markdown, not by a
 * parent component, so they look their term up here.
 */
import type { GlossaryTerm } from '../../core/content/schema.ts';

let terms = new Map<string, GlossaryTerm>();

export const glossaryStore = {
  set(list: readonly GlossaryTerm[]): void {
    terms = new Map(list.map((t) => [t.id, t]));
  },
  get(id: string): GlossaryTerm | undefined {
    return terms.get(id);
  },
};

/**
 * A module's source index: where each of its activities is written. The build writes one per
 * module beside its reviewer's page (`dist/review/<slug>.sources.json`, packaging/review/); the LRS
 * reads them to link the dashboard's findings to the file, the line and the reviewer's page.
 */

export interface SourcePlace {
  /** Relative to the project root: `modules/pcp/quiz.yaml`. */
  file: string;
  line: number;
  /** The reviewer's page's anchor for the item (`question-q3`), if it has one. */
  anchor?: string;
}

export interface SourceIndex {
  slug: string;
  moduleId: string;
  /** The module's version as built: reviews are kept per version. */
  version: string;
  language: string;
  /** The reviewer's page of the module, beside the index (`<slug>.html`). */
  review: string;
  /** By activity IRI, as the runtime's statements name them. */
  items: Record<string, SourcePlace>;
}

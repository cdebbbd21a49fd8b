/**
 * The Control Group's review of a module (GET/PUT/DELETE /api/reviews): where each activity is
 * written, and which findings are marked reviewed for the module's current version. Shared by the
 * server and the dashboard app.
 */

export interface SourceLink {
  /** `modules/pcp/quiz.yaml`. */
  file: string;
  line: number;
  /** The reviewer's page at the item (`/review/pcp.html#question-q3`), for signed-in accounts. */
  href: string | null;
}

export interface ReviewMark {
  activityId: string;
  reviewer: string;
  note: string;
  reviewedAt: string;
}

export interface ModuleReview {
  moduleId: string;
  /** The version this server was built with; null when it has no build of the module (nothing can be marked). */
  version: string | null;
  /** The module's reviewer's page. */
  reviewPage: string | null;
  /** By activity IRI. */
  sources: Record<string, SourceLink>;
  /** Marks for `version`. */
  marks: ReviewMark[];
  /** Every version with marks, and how many. */
  versions: { version: string; marks: number }[];
}

export interface ReviewInput {
  moduleId: string;
  activityId: string;
  /** What was decided, for the next reviewer (required when marking, at most 2,000 characters). */
  note?: string;
}

/**
 * The Control Group's marks on findings, per module version (migration 0010). SQLite and
 * PostgreSQL implement it once, in storage/sql-reviews.ts.
 */
export interface FindingReview {
  moduleId: string;
  moduleVersion: string;
  activityId: string;
  reviewer: string;
  note: string;
  reviewedAt: string;
}

export interface ReviewStore {
  /** The marks of one version of a module, or of every version when none is given. */
  reviews(moduleId: string, moduleVersion?: string): Promise<FindingReview[]>;
  /** Marks a finding reviewed (again: the latest note and reviewer win). */
  saveReview(review: FindingReview): Promise<void>;
  /** Opens a finding again; false when it was not marked. */
  deleteReview(moduleId: string, moduleVersion: string, activityId: string): Promise<boolean>;
}

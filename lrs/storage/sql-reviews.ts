/** The findings' review marks (review-store.ts) in SQL, one implementation for SQLite and PostgreSQL. */
import type { Kysely } from 'kysely';
import type { FindingReview, ReviewStore } from './review-store.ts';
import type { Database } from './schema.ts';

const toReview = (row: Database['finding_reviews']): FindingReview => ({
  moduleId: row.module_id,
  moduleVersion: row.module_version,
  activityId: row.activity_id,
  reviewer: row.reviewer,
  note: row.note,
  reviewedAt: row.reviewed_at,
});

export class SqlReviewStore implements ReviewStore {
  constructor(private readonly db: Kysely<Database>) {}

  async reviews(moduleId: string, moduleVersion?: string): Promise<FindingReview[]> {
    let query = this.db.selectFrom('finding_reviews').selectAll().where('module_id', '=', moduleId);
    if (moduleVersion !== undefined) query = query.where('module_version', '=', moduleVersion);
    return (await query.orderBy('module_version').orderBy('activity_id').execute()).map(toReview);
  }

  async saveReview(r: FindingReview): Promise<void> {
    await this.db
      .insertInto('finding_reviews')
      .values({ module_id: r.moduleId, module_version: r.moduleVersion, activity_id: r.activityId, reviewer: r.reviewer, note: r.note, reviewed_at: r.reviewedAt })
      .onConflict((c) => c.columns(['module_id', 'module_version', 'activity_id']).doUpdateSet({ reviewer: r.reviewer, note: r.note, reviewed_at: r.reviewedAt }))
      .execute();
  }

  async deleteReview(moduleId: string, moduleVersion: string, activityId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('finding_reviews').where('module_id', '=', moduleId).where('module_version', '=', moduleVersion).where('activity_id', '=', activityId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

/** Learning facts: what the reports keep of each statement, and what they leave out. */
import { describe, expect, it } from 'vitest';
import { durationMs, learningFact } from '../../core/xapi/learning-facts.ts';
import { facility, itemFlags, pointBiserial } from '../../lrs/reports/statistics.ts';
import { CONTEXT, EXTENSIONS, VERBS } from '../../core/xapi/vocabulary.ts';

const answered = (extra: Record<string, unknown> = {}): any => ({
  id: 'f8a6c9b0-0000-4000-8000-000000000001',
  timestamp: '2026-05-01T10:00:00.000Z',
  actor: { objectType: 'Agent', name: 'Ada', account: { homePage: 'https://lms.example.org', name: 'u1' } },
  verb: { id: VERBS.answered },
  object: { objectType: 'Activity', id: 'https://inprocap.eu/modules/pcp/questions/q1', definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction' } },
  result: { success: true, response: 'a', duration: 'PT1M30.5S', extensions: { [EXTENSIONS.attempt]: 2 } },
  context: {
    language: 'fr-BE',
    contextActivities: { parent: [{ id: 'https://inprocap.eu/modules/pcp' }], category: [{ id: CONTEXT.profile }] },
    extensions: { [EXTENSIONS.organisation]: 'CDTI', [EXTENSIONS.moduleVersion]: '1.2.0' },
  },
  ...extra,
});

describe('learning facts', () => {
  it('keeps the fields reports need from a project statement', () => {
    expect(learningFact(answered(), 'CDTI')).toMatchObject({
      org: 'CDTI',
      learner: 'account:https://lms.example.org|u1',
      learnerName: 'Ada',
      moduleId: 'https://inprocap.eu/modules/pcp',
      verb: 'answered',
      kind: 'question',
      success: true,
      response: 'a',
      durationMs: 90_500,
      attempt: 2,
      language: 'fr',
      moduleVersion: '1.2.0',
    });
    // A statement without the version (an older package) keeps none.
    const older = answered();
    delete older.context.extensions[EXTENSIONS.moduleVersion];
    expect(learningFact(older, 'CDTI')!.moduleVersion).toBeNull();
  });

  it('leaves out statements that are not the project\'s, or whose module is unknown', () => {
    const other = answered();
    other.context.contextActivities.category = [{ id: 'https://example.org/other-profile' }];
    expect(learningFact(other, 'seed')).toBeUndefined();
    const orphan = answered();
    orphan.context.contextActivities.parent = [];
    expect(learningFact(orphan, 'seed')).toBeUndefined();
  });

  it("belongs to the writing credential's organisation, whatever organisation the statement names (tenancy)", () => {
    // The statement says CDTI; written with NWO-I's credential, it is NWO-I's record.
    expect(learningFact(answered(), 'NWO-I')?.org).toBe('NWO-I');
  });

  it('reads ISO 8601 durations and refuses malformed ones', () => {
    expect(durationMs('PT0S')).toBe(0);
    expect(durationMs('P1DT2H3M4.25S')).toBe(((26 * 60 + 3) * 60 + 4.25) * 1000);
    expect(durationMs('PT')).toBeNull();
    expect(durationMs('1 hour')).toBeNull();
  });
});

describe('item statistics', () => {
  it('computes facility and point-biserial correlation from sums', () => {
    const xs = [1, 1, 0, 0, 1];
    const ys = [0.9, 0.8, 0.3, 0.4, 0.6];
    const sum = (f: (i: number) => number) => xs.reduce((s, _, i) => s + f(i), 0);
    const r = pointBiserial({ n: 5, sumX: sum((i) => xs[i]!), sumY: sum((i) => ys[i]!), sumXY: sum((i) => xs[i]! * ys[i]!), sumYY: sum((i) => ys[i]! ** 2) })!;
    // Pearson's r computed the long way.
    const mx = 0.6;
    const my = 0.6;
    const expected = sum((i) => (xs[i]! - mx) * (ys[i]! - my)) / Math.sqrt(sum((i) => (xs[i]! - mx) ** 2) * sum((i) => (ys[i]! - my) ** 2));
    expect(r).toBeCloseTo(expected, 12);
    expect(facility({ answers: 4, correct: 3 })).toBe(0.75);
    expect(pointBiserial({ n: 3, sumX: 3, sumY: 2, sumXY: 2, sumYY: 1.5 })).toBeNull(); // everyone right
  });

  it('flags easy, hard and negatively discriminating questions, given enough answers', () => {
    expect(itemFlags(0.95, 0.1, 50)).toEqual(['too-easy']);
    expect(itemFlags(0.1, 0.3, 50)).toEqual(['too-hard']);
    expect(itemFlags(0.5, -0.2, 50)).toEqual(['negative-discrimination']);
    expect(itemFlags(0.95, -0.2, 5)).toEqual([]);
  });
});

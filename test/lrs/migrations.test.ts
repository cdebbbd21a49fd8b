/**
 * Upgrading an LRS that holds data: a database at schema 0004 (before learning facts and before
 * tenancy), filled with two organisations' statements, activity definitions, documents and an
 * attachment in the old shape, then migrated to the latest schema, on SQLite and PostgreSQL.
 * Afterwards each organisation reads its own records and none of the other's, facts exist for
 * the project's statements, definitions are no longer merged across organisations, and the old
 * documents went to the organisation whose statements name their agent or activity.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database as Schema } from '../../lrs/storage/schema.ts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import { openBackend } from '../../lrs/storage/open.ts';
import { agentKey, indexStatement } from '../../core/xapi/identity.ts';
import { CONTEXT, EXTENSIONS, VERBS } from '../../core/xapi/vocabulary.ts';
import { TEST_DATABASES } from './backends.ts';
import { pseudonym } from '../../lrs/storage/pseudonym.ts';

const MODULE = 'https://inprocap.eu/modules/fundamentals';
const LESSON = `${MODULE}/lessons/why`;
const ONLY_B = 'https://example.org/activities/only-b';
const learner = (org: string, n: number) => ({ objectType: 'Agent', account: { homePage: `https://${org.toLowerCase()}.example`, name: `learner-${n}` } });
const content = Buffer.from('an attachment of organisation A');
const sha2 = createHash('sha256').update(content).digest('hex');

/** Statements in the old shape: two organisations, the same lesson named differently by each. */
function oldStatements(): { org: string; body: Record<string, any> }[] {
  const out: { org: string; body: Record<string, any> }[] = [];
  let n = 0;
  const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  for (const org of ['A', 'B']) {
    for (const who of [1, 2]) {
      out.push({
        org,
        body: {
          id: uuid(),
          actor: learner(org, who),
          verb: { id: VERBS.experienced, display: { en: 'experienced' } },
          object: { objectType: 'Activity', id: LESSON, definition: { type: 'http://adlnet.gov/expapi/activities/lesson', name: org === 'A' ? { en: 'Why EU law (A)' } : { fr: 'Pourquoi (B)' } } },
          context: {
            contextActivities: { parent: [{ id: MODULE }], category: [{ id: CONTEXT.profile }] },
            // Organisation A's package says its module's version; B's is older and does not.
            ...(org === 'A' ? { extensions: { [EXTENSIONS.moduleVersion]: `1.0.${who}` } } : {}),
          },
          timestamp: `2026-10-0${who}T10:00:00.000Z`,
          stored: `2026-10-0${who}T10:00:00.000Z`,
          authority: { objectType: 'Agent', account: { homePage: 'https://lrs', name: org } },
          version: '1.0.0',
        },
      });
    }
  }
  out.push({
    org: 'B',
    body: {
      id: uuid(),
      actor: learner('B', 1),
      verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { en: 'attempted' } },
      object: { objectType: 'Activity', id: ONLY_B, definition: { name: { en: 'B only' } } },
      timestamp: '2026-10-03T10:00:00.000Z',
      stored: '2026-10-03T10:00:00.000Z',
      authority: { objectType: 'Agent', account: { homePage: 'https://lrs', name: 'B' } },
      version: '1.0.0',
    },
  });
  out[0]!.body.attachments = [{ usageType: 'http://example.org/usage', display: { en: 'a file' }, contentType: 'text/plain', length: content.length, sha2 }];
  return out;
}

/** A raw connection to the same database, to write the old shape as an old LRS did. */
function rawDb(url: string): Kysely<any> {
  if (/^postgres/.test(url)) return new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  return new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(url) }) });
}

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('upgrading a %s LRS with two organisations\' data', (_name, database) => {
  let upgraded: LrsBackend;
  let drop: () => Promise<void>;
  const statements = oldStatements();

  beforeAll(async () => {
    const old = await database.open({ migrateTo: '0004-dashboard-accounts' });
    drop = old.drop;
    await old.backend.close();
    const raw = rawDb(old.url);
    for (const { org, body } of statements) {
      const inserted = await raw
        .insertInto('statements')
        .values({ id: body.id, stored: body.stored, verb_id: body.verb.id, object_activity_id: body.object.id, object_statement_id: null, registration: null, voided: 0, voiding: 0, org, credential_key: `${org}-key`, body: JSON.stringify(body) })
        .returning('seq')
        .executeTakeFirstOrThrow();
      const index = indexStatement(body);
      for (const a of index.agents) await raw.insertInto('statement_agents').values({ seq: inserted.seq, agent_key: a.key, relation: a.relation }).execute();
      for (const a of index.activities) await raw.insertInto('statement_activities').values({ seq: inserted.seq, activity_id: a.id, relation: a.relation }).execute();
    }
    // The old LRS merged definitions across organisations: A's English and B's French name in one.
    await raw.insertInto('activities').values({ id: LESSON, definition: JSON.stringify({ objectType: 'Activity', id: LESSON, definition: { name: { en: 'Why EU law (A)', fr: 'Pourquoi (B)' } } }) }).execute();
    await raw.insertInto('attachments').values({ sha2, content_type: 'text/plain', content }).execute();
    const doc = (kind: string, activity: string, agent: string, id: string) => ({ kind, activity_id: activity, agent_key: agent, registration: '', document_id: id, content_type: 'application/json', content: Buffer.from(`{"doc":"${id}"}`), etag: `"${id}"`, updated: '2026-10-05T10:00:00.000Z' });
    await raw
      .insertInto('documents')
      .values([
        doc('state', LESSON, agentKey(learner('A', 1))!, 'bookmark-a'),
        doc('activity-profile', ONLY_B, '', 'profile-b'),
        doc('agent-profile', '', agentKey(learner('Z', 9))!, 'nobody'),
      ])
      .execute();
    await raw.destroy();
    upgraded = await openBackend(old.url);
  }, 60_000);

  afterAll(async () => {
    await upgraded?.close();
    await drop?.();
  });

  it('keeps every statement with its organisation, and each reads only its own', async () => {
    const a = upgraded.tenant('A');
    const b = upgraded.tenant('B');
    const idsOf = (org: string) => statements.filter((s) => s.org === org).map((s) => s.body.id);
    expect((await a.findStatements(idsOf('A'))).map((s) => s.id).sort()).toEqual(idsOf('A').sort());
    expect(await a.findStatements(idsOf('B'))).toEqual([]);
    expect(await b.findStatements(idsOf('A'))).toEqual([]);
    expect(await a.queryStatements({ ascending: true, limit: 100 })).toHaveLength(2);
    expect(await b.queryStatements({ ascending: true, limit: 100 })).toHaveLength(3);
    // The index rows carry the organisation: filters find only the organisation's statements.
    expect(await a.queryStatements({ activityId: LESSON, ascending: true, limit: 100 })).toHaveLength(2);
    expect(await b.queryStatements({ agentKey: agentKey(learner('A', 1))!, ascending: true, limit: 100 })).toEqual([]);
  });

  it('gives the project\'s statements their learning facts, in their organisation', async () => {
    const overview = await upgraded.reports.overview({ moduleId: MODULE });
    expect(overview.outcomes).toBeDefined();
    const reached = await upgraded.reports.reached({ moduleId: MODULE }, 'lesson');
    expect(reached).toEqual([{ activityId: LESSON, learners: 4 }]);
    expect(await upgraded.reports.reached({ moduleId: MODULE, orgs: ['A'] }, 'lesson')).toEqual([{ activityId: LESSON, learners: 2 }]);
    // Learner progress (0009) is filled from the facts already stored, pseudonyms included.
    expect(await upgraded.reports.lessonsSeen({ orgs: ['A'] }, [MODULE])).toEqual(new Map([[MODULE, 1]]));
    const programme = await upgraded.reports.programme({ orgs: ['A'] }, { offset: 0, limit: 10, sort: 'learner', descending: false, modules: [MODULE], sessions: 0 });
    expect(programme.rows.map((r) => r.pseudonym).sort()).toEqual([1, 2].map((n) => pseudonym(agentKey(learner('A', n))!)).sort());
    // Each fact has the module version its statement names (0011), read from the stored JSON.
    const db = (upgraded as unknown as { db: Kysely<Schema> }).db;
    const versions = await db.selectFrom('learning_facts').select(['org', 'learner', 'module_version']).orderBy('org').orderBy('learner').execute();
    expect(versions.map((v) => [v.org, v.module_version])).toEqual([['A', '1.0.1'], ['A', '1.0.2'], ['B', null], ['B', null]]);
    // Lessons alone do not make a row of the learner table, which starts with the module.
    expect((await upgraded.reports.learners({ orgs: ['A'] }, { offset: 0, limit: 10, sort: 'learner', descending: false, stuckBefore: '2030-01-01', onlyStuck: false })).total).toBe(0);
  });

  it('keeps activity definitions per organisation, merged from its own statements only', async () => {
    expect(JSON.parse((await upgraded.tenant('A').getActivity(LESSON))!).definition.name).toEqual({ en: 'Why EU law (A)' });
    expect(JSON.parse((await upgraded.tenant('B').getActivity(LESSON))!).definition.name).toEqual({ fr: 'Pourquoi (B)' });
    expect(await upgraded.tenant('A').getActivity(ONLY_B)).toBeUndefined();
  });

  it('gives old documents to the organisation whose statements name their agent or activity, and an unplaced one to none', async () => {
    const state = { kind: 'state' as const, activityId: LESSON, agentKey: agentKey(learner('A', 1))!, registration: '', documentId: 'bookmark-a' };
    expect((await upgraded.tenant('A').getDocument(state))?.content.toString()).toBe('{"doc":"bookmark-a"}');
    expect(await upgraded.tenant('B').getDocument(state)).toBeUndefined();
    const profile = { kind: 'activity-profile' as const, activityId: ONLY_B, agentKey: '', registration: '', documentId: 'profile-b' };
    expect(await upgraded.tenant('B').getDocument(profile)).toBeDefined();
    expect(await upgraded.tenant('A').getDocument(profile)).toBeUndefined();
    const nobody = { kind: 'agent-profile' as const, activityId: '', agentKey: agentKey(learner('Z', 9))!, registration: '', documentId: 'nobody' };
    expect(await upgraded.tenant('A').getDocument(nobody)).toBeUndefined();
    expect(await upgraded.tenant('B').getDocument(nobody)).toBeUndefined();
  });

  it('keeps an attachment with the organisation whose statement declares it', async () => {
    expect((await upgraded.tenant('A').getAttachments([sha2])).map((x) => x.content.toString())).toEqual([content.toString()]);
    expect(await upgraded.tenant('B').getAttachments([sha2])).toEqual([]);
  });

  it('lets another organisation use a statement id one organisation already has (ids are unique per organisation)', async () => {
    const taken = statements[0]!.body;
    const row = { ...indexStatement(taken), id: taken.id, stored: taken.stored, verbId: taken.verb.id, objectActivityId: taken.object.id, objectStatementId: null, registration: null, voiding: false, credentialKey: 'B-key', body: JSON.stringify({ ...taken, actor: learner('B', 5) }) };
    await upgraded.tenant('B').transaction((tx) => tx.insertStatements([row]));
    expect(JSON.parse((await upgraded.tenant('B').findStatements([taken.id]))[0]!.body).actor).toEqual(learner('B', 5));
    expect(JSON.parse((await upgraded.tenant('A').findStatements([taken.id]))[0]!.body).actor).toEqual(learner('A', 1));
  });
});

/**
 * The programme under /api: in-person training sessions, who attended them, and certificates.
 *
 * A trainer works in their own organisation (another's sessions are not found); an admin names
 * the organisation; the Control Group sees sessions across partners but records nothing. Who
 * attended is stored as xAPI `attended` statements in the organisation's records, through the
 * same command as any statement, so they count in the reports like the modules do.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { attendanceStatement, sessionIri } from '../../core/xapi/attendance.ts';
import { agentKey } from '../../core/xapi/identity.ts';
import type { VerbName } from '../../core/xapi/vocabulary.ts';
import type { AccountRole } from '../contracts/admin.ts';
import type { AttendanceInput, CertificateInput, NewTrainingSession, PersonRef, TrainingSessionDetail, TrainingSessionInfo } from '../contracts/programme.ts';
import { sendJson } from '../http/body.ts';
import type { RouteContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import { jsonApi, patterned } from '../http/json-api.ts';
import { pseudonym, ReportService } from '../reports/service.ts';
import type { Account, TrainingSession } from '../storage/backend.ts';
import { storeStatements } from '../xapi/store-statements.ts';
import { actorOfKey, attendeeActor } from './attendees.ts';
import { certificatePdf } from './certificate.ts';

const ATTENDED: VerbName = 'attended';

const ANY = { config: { session: {} } };
const RECORDS = { config: { session: { roles: ['trainer', 'admin'] as readonly AccountRole[] } } };

const ORG = { type: 'string', minLength: 1, maxLength: 100 } as const;
const PSEUDONYM = patterned(/^L-[0-9a-f]{10}$/, 'a learner pseudonym such as "L-0123456789"', 12);
const IRI = patterned(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, 'an IRI such as "https://inprocap.eu/modules/pcp"', 500);
const ID = patterned(/^[0-9a-f-]{36}$/, 'a session id', 36);

const SESSION_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['moduleId', 'date', 'place'],
  properties: { moduleId: IRI, date: { type: 'string', format: 'date' }, place: { type: 'string', minLength: 1, maxLength: 200 }, org: ORG },
} as const;

const ATTENDANCE_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    learners: { type: 'array', maxItems: 500, uniqueItems: true, items: PSEUDONYM },
    people: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { name: { type: 'string', maxLength: 200 }, email: { type: 'string', maxLength: 254, format: 'email' } },
      },
    },
  },
} as const;

const CERTIFICATE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['learner'],
  properties: { learner: PSEUDONYM, name: { type: 'string', maxLength: 200 }, org: ORG },
} as const;

const LIST_QUERY = { type: 'object', additionalProperties: false, properties: { org: ORG } } as const;
const SESSION_PARAMS = { type: 'object', required: ['id'], properties: { id: ID } } as const;

/** The organisation a change is for: a trainer's own; an admin must say which. */
function orgFor(account: Account, requested: string | undefined): string {
  if (account.role === 'trainer') {
    if (requested !== undefined && requested !== account.org) throw new HttpError(403, `a trainer works only in their own organisation (${account.org})`);
    return account.org!;
  }
  if (!requested) throw new HttpError(400, '"org" is required: say which organisation this is for');
  return requested;
}

/** Verification codes: 12 characters of Crockford's base32 (no I, L, O, U), in groups of four. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newCode = () => [...randomBytes(12)].map((b) => CODE_ALPHABET[b % 32]).join('').replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3');
export const codeHash = (code: string) => createHash('sha256').update(code.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')).digest('hex');

export async function programmeRoutes(app: FastifyInstance, { backend, config }: RouteContext): Promise<void> {
  await app.register(jsonApi);
  const reports = new ReportService(backend);
  const baseUrl = (request: FastifyRequest) => (config.baseUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

  /** The session of this id that the account may see, or a 404 (another organisation's is not found). */
  const findSession = async (account: Account, id: string): Promise<TrainingSession> => {
    const session = account.role === 'trainer' ? await backend.tenant(account.org!).trainingSession(id) : (await backend.listTrainingSessions()).find((s) => s.id === id);
    if (!session) throw new HttpError(404, `no training session ${id}`);
    return session;
  };

  /** Learners the LRS knows for an organisation, by pseudonym, with their keys. */
  const knownLearners = async (org: string) => {
    const { rows } = await backend.reports.programme({ orgs: [org] }, { offset: 0, limit: 100_000, sort: 'learner', descending: false, modules: [], sessions: 0 });
    return new Map(rows.map((r) => [r.pseudonym, { key: r.learner, name: r.learnerName }]));
  };

  const info = async (sessions: TrainingSession[], base: string): Promise<TrainingSessionInfo[]> => {
    const names = await reports.moduleNames({ orgs: [...new Set(sessions.map((s) => s.org))] }, [...new Set(sessions.map((s) => s.moduleId))]);
    return Promise.all(
      sessions.map(async (s) => ({
        id: s.id,
        org: s.org,
        moduleId: s.moduleId,
        moduleName: names.get(s.moduleId) ?? s.moduleId,
        date: s.date,
        place: s.place,
        createdBy: s.createdBy,
        attendees: (await backend.reports.learnersOf({ orgs: [s.org] }, sessionIri(base, s.id), ATTENDED)).length,
      })),
    );
  };

  app.get('/training-sessions', { ...ANY, schema: { querystring: LIST_QUERY } }, async (request, reply) => {
    const account = request.account!;
    const { org } = request.query as { org?: string };
    if (account.role === 'trainer' && org !== undefined && org !== account.org) throw new HttpError(403, `a trainer sees only their own organisation (${account.org})`);
    const sessions = account.role === 'trainer' ? await backend.tenant(account.org!).trainingSessions() : await backend.listTrainingSessions(org ? [org] : undefined);
    return sendJson(reply, 200, await info(sessions, baseUrl(request)));
  });

  app.post('/training-sessions', { ...RECORDS, schema: { body: SESSION_BODY } }, async (request, reply) => {
    const account = request.account!;
    const body = request.body as NewTrainingSession;
    const org = orgFor(account, body.org);
    const session = { id: randomUUID(), moduleId: body.moduleId, date: body.date, place: body.place.trim(), createdBy: account.username, created: new Date().toISOString() };
    if (!session.place) throw new HttpError(400, '"place" must not be empty');
    await backend.tenant(org).saveTrainingSession(session);
    const [created] = await info([{ ...session, org }], baseUrl(request));
    return sendJson(reply, 201, created);
  });

  app.get('/training-sessions/:id', { ...RECORDS, schema: { params: SESSION_PARAMS } }, async (request, reply) => {
    const account = request.account!;
    const session = await findSession(account, (request.params as { id: string }).id);
    const names = account.role === 'trainer';
    const base = baseUrl(request);
    const [known, present] = await Promise.all([knownLearners(session.org), backend.reports.learnersOf({ orgs: [session.org] }, sessionIri(base, session.id), ATTENDED)]);
    const ref = (key: string, name: string | null): PersonRef => ({ learner: pseudonym(key), name: names ? name : null });
    const presentKeys = new Set(present.map((p) => p.learner));
    const detail: TrainingSessionDetail = {
      ...(await info([session], base))[0]!,
      present: present.map((p) => ref(p.learner, p.learnerName)),
      candidates: [...known.values()].filter((k) => !presentKeys.has(k.key)).map((k) => ref(k.key, k.name)),
      namesKept: [...known.values()].some((k) => k.name !== null),
    };
    return sendJson(reply, 200, detail);
  });

  app.post('/training-sessions/:id/attendance', { ...RECORDS, schema: { params: SESSION_PARAMS, body: ATTENDANCE_BODY } }, async (request, reply) => {
    const account = request.account!;
    const session = await findSession(account, (request.params as { id: string }).id);
    const body = request.body as AttendanceInput;
    const people = (body.people ?? []).filter((p) => p.name?.trim() || p.email?.trim());
    if (!body.learners?.length && !people.length) throw new HttpError(400, 'say who attended: "learners" (pseudonyms) or "people" (a name or an e-mail each)');
    const known = await knownLearners(session.org);
    const unknown = (body.learners ?? []).filter((l) => !known.has(l));
    if (unknown.length) throw new HttpError(400, `not a learner of ${session.org}: ${unknown.join(', ')}`);
    const keepNames = [...known.values()].some((k) => k.name !== null);
    const actors = [
      ...(body.learners ?? []).map((l) => actorOfKey(known.get(l)!.key)!),
      ...(await Promise.all(people.map((p) => attendeeActor(backend, session.org, p, keepNames)))),
    ];
    const base = baseUrl(request);
    const names = await reports.moduleNames({ orgs: [session.org] }, [session.moduleId]);
    const instructor = { objectType: 'Agent', account: { homePage: `${base}/dashboard`, name: account.username } };
    const ref = { iri: sessionIri(base, session.id), moduleId: session.moduleId, date: session.date, place: session.place, title: `${names.get(session.moduleId) ?? session.moduleId}, ${session.date}, ${session.place}` };
    const ids = await storeStatements(
      backend.tenant(session.org),
      actors.map((actor) => attendanceStatement(actor, ref, instructor)),
      '2.0',
      { credentialKey: `dashboard:${account.username}`, authority: { objectType: 'Agent', name: session.org, account: { homePage: `${base}/dashboard`, name: account.username } } },
    );
    return sendJson(reply, 200, { recorded: ids.length, learners: actors.map((a) => pseudonym(agentKey(a)!)) });
  });

  app.post('/certificates', { ...RECORDS, schema: { body: CERTIFICATE_BODY } }, async (request, reply) => {
    const account = request.account!;
    const body = request.body as CertificateInput;
    const org = orgFor(account, body.org);
    // The learner's own row: the search by their whole pseudonym finds only them.
    const report = await reports.programme({ orgs: [org] }, config.programme, { names: false, page: 1, pageSize: 10, sort: 'learner', dir: 'asc', q: body.learner });
    const row = report.learners.find((l) => l.learner === body.learner);
    if (!row) throw new HttpError(404, `no learner ${body.learner} in ${org}`);
    if (!row.complete) {
      throw new HttpError(409, `${body.learner} has not completed the programme yet: ${row.modulesPassed} of ${report.required.modules.length} modules passed, ${row.sessions} of ${report.required.sessions} in-person session${report.required.sessions === 1 ? '' : 's'} attended`);
    }
    const known = await knownLearners(org);
    const code = newCode();
    const issued = new Date().toISOString().slice(0, 10);
    await backend.tenant(org).saveCertificate({ codeHash: codeHash(code), learner: known.get(body.learner)!.key, issued, modules: row.modulesPassed, sessions: row.sessions });
    const pdf = await certificatePdf({
      holder: body.name?.trim() || body.learner,
      org,
      modules: report.required.modules.map((m) => m.name),
      sessions: row.sessions,
      issued,
      code,
      verifyUrl: `${baseUrl(request)}/verify/${code}`,
    });
    return reply
      .code(201)
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="inprocap-certificate-${body.learner}.pdf"`)
      .header('x-certificate-code', code)
      .send(pdf);
  });
}

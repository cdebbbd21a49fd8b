/**
 * The Control Group's review of findings: `GET /api/reviews?module=` (any signed-in account: the
 * sources of the module's activities and the marks of its current version), `PUT /api/reviews`
 * (control-group and admin: mark a finding reviewed, with a note) and `DELETE /api/reviews` (open
 * it again). Marks are kept per module version, the one this server was built with: a new version
 * starts a fresh review, and the old marks stay with their version. The reviewer's pages (with
 * answer keys) are served at /review/ to signed-in accounts only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleReview, ReviewInput } from '../contracts/review.ts';
import { sendJson } from '../http/body.ts';
import type { RouteContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import { jsonApi } from '../http/json-api.ts';
import type { AccountRole } from '../contracts/admin.ts';
import { ModuleSources } from './sources.ts';

const READ = { config: { session: {} } };
const MARK = { config: { session: { roles: ['control-group', 'admin'] as readonly AccountRole[] } } };

const MODULE_ID = { type: 'string', minLength: 1, maxLength: 500 } as const;
const BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['moduleId', 'activityId'],
  properties: { moduleId: MODULE_ID, activityId: MODULE_ID, note: { type: 'string', maxLength: 2000 } },
} as const;

/** The reviewer's pages' names: `<slug>.html` or `<slug>.<language>.html`. */
const PAGE = /^[a-z0-9-]+(?:\.[a-z]{2,3})?\.html$/;

/** The pages are static and self-contained: their own inline styles, no script, no framing. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export async function reviewRoutes(app: FastifyInstance, { backend, config }: RouteContext): Promise<void> {
  await app.register(jsonApi);
  const dir = config.modulesDir ? join(config.modulesDir, 'review') : undefined;
  const sources = new ModuleSources(dir);

  const reviewOf = async (moduleId: string): Promise<ModuleReview> => {
    const index = sources.of(moduleId);
    const all = await backend.reviews.reviews(moduleId);
    const versions = [...new Set(all.map((r) => r.moduleVersion))].map((version) => ({ version, marks: all.filter((r) => r.moduleVersion === version).length }));
    const page = index ? `/review/${index.review}` : null;
    return {
      moduleId,
      version: index?.version ?? null,
      reviewPage: page,
      sources: Object.fromEntries(
        Object.entries(index?.items ?? {}).map(([id, place]) => [id, { file: place.file, line: place.line, href: page && place.anchor ? `${page}#${place.anchor}` : page }]),
      ),
      marks: all.filter((r) => r.moduleVersion === index?.version).map(({ activityId, reviewer, note, reviewedAt }) => ({ activityId, reviewer, note, reviewedAt })),
      versions,
    };
  };

  /** The module's built version, which marks belong to; the activity must be one of its own. */
  const versionFor = (input: ReviewInput): string => {
    const index = sources.of(input.moduleId);
    if (!index) throw new HttpError(409, `this server has no build of ${input.moduleId}: run "npm run build" so its version is known`);
    if (!index.items[input.activityId]) throw new HttpError(400, `"activityId": ${input.activityId} is not an activity of ${index.slug} ${index.version}`);
    return index.version;
  };

  app.get('/api/reviews', { ...READ, schema: { querystring: { type: 'object', additionalProperties: false, required: ['module'], properties: { module: MODULE_ID } } } }, async (request, reply) => {
    return sendJson(reply, 200, await reviewOf((request.query as { module: string }).module));
  });

  app.put('/api/reviews', { ...MARK, schema: { body: BODY } }, async (request, reply) => {
    const input = request.body as ReviewInput;
    const note = input.note?.trim() ?? '';
    if (!note) throw new HttpError(400, '"note" must say what was decided');
    const moduleVersion = versionFor(input);
    await backend.reviews.saveReview({ moduleId: input.moduleId, moduleVersion, activityId: input.activityId, reviewer: request.account!.username, note, reviewedAt: new Date().toISOString() });
    return sendJson(reply, 200, await reviewOf(input.moduleId));
  });

  app.delete('/api/reviews', { ...MARK, schema: { body: BODY } }, async (request, reply) => {
    const input = request.body as ReviewInput;
    const moduleVersion = versionFor(input);
    if (!(await backend.reviews.deleteReview(input.moduleId, moduleVersion, input.activityId))) throw new HttpError(404, `${input.activityId} is not marked reviewed in ${moduleVersion}`);
    return sendJson(reply, 200, await reviewOf(input.moduleId));
  });

  app.get('/review/:page', { ...READ, schema: { params: { type: 'object', required: ['page'], properties: { page: { type: 'string', maxLength: 120 } } } } }, async (request, reply) => {
    const { page } = request.params as { page: string };
    const file = dir && PAGE.test(page) ? join(dir, page) : undefined;
    if (!file || !existsSync(file)) throw new HttpError(404, `no reviewer's page ${page}: run "npm run build"`);
    return reply
      .header('content-security-policy', PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(readFileSync(file));
  });
}

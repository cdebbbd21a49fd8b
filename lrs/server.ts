/**
 * The LRS, composed: the HTTP kernel (lrs/http/) first, then the features as encapsulated
 * plugins: the xAPI resources under /xapi, the dashboard's sessions, reports and administration
 * under /api, and the dashboard app. Nothing else happens here.
 */
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_LRS_CONFIG, type LrsConfig } from './config.ts';
import { alternateSyntax } from './http/alternate-syntax.ts';
import { bodyLimit } from './http/body-limit.ts';
import { credentials } from './http/credentials.ts';
import { dashboardSessions } from './http/dashboard-session.ts';
import { errorHandler } from './http/error-handler.ts';
import { schemaError } from './http/json-api.ts';
import { routeTable } from './http/route-table.ts';
import { xapiVersion } from './http/xapi-version.ts';
import type { LrsBackend } from './storage/backend.ts';
import { statementRoutes } from './xapi/routes/statements.ts';
import { documentRoutes } from './xapi/routes/documents.ts';
import { sessionRoutes } from './dashboard/sessions.ts';
import { reportRoutes } from './reports/routes.ts';
import { adminRoutes } from './dashboard/admin.ts';
import { dashboardApp } from './dashboard/serve.ts';
import { reviewRoutes } from './review/routes.ts';
import { programmeRoutes } from './programme/routes.ts';
import { verifyRoutes } from './programme/verify.ts';
import { ltiRoutes } from './lti/routes.ts';
import { dispatchRoutes } from './dispatch/routes.ts';
import { StatementEvents } from './http/statement-events.ts';

export async function createLrsServer(backend: LrsBackend, overrides: Partial<LrsConfig> = {}): Promise<FastifyInstance> {
  const config = { ...DEFAULT_LRS_CONFIG, ...overrides };
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    // `more` links carry the query in the path: allow long ones.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 4096 },
    return503OnClosing: true,
    // Schemas (the dashboard API's) check, never change: no coercion, no silently dropped fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    schemaErrorFormatter: schemaError,
  });

  // The kernel, in the order its hooks run.
  await app.register(routeTable);
  await app.register(cors, {
    origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
    credentials: true,
    methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Experience-API-Version', 'If-Match', 'If-None-Match'],
    exposedHeaders: ['ETag', 'Last-Modified', 'X-Experience-API-Version', 'X-Experience-API-Consistent-Through'],
  });
  // Dashboard sessions travel in a cookie; the xAPI resources ignore it.
  await app.register(cookie);
  await app.register(credentials, {
    backend,
    cacheMs: config.credentialCacheMs,
    perCredential: config.rateLimitPerCredential,
    perAddress: config.rateLimitPerAddress,
  });
  await app.register(dashboardSessions, { backend });
  await app.register(xapiVersion, { defaultVersion: config.defaultVersion });
  await app.register(bodyLimit, { limit: config.bodyLimit });
  await app.register(alternateSyntax, { defaultVersion: config.defaultVersion });
  await app.register(errorHandler, { bodyLimit: config.bodyLimit });

  // The features. The xAPI resources get no backend: they reach storage only through
  // request.store, which is bound to the credential's organisation (tenancy, see storage/backend.ts).
  app.get('/xapi/about', async () => ({ version: ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '2.0.0'], extensions: {} }));
  // Features that act on stored statements listen here (hosted launch: grades back to the LMS).
  const events = new StatementEvents();
  await app.register(statementRoutes, { prefix: '/xapi', config, events });
  await app.register(documentRoutes, { prefix: '/xapi', config });
  await app.register(sessionRoutes, { prefix: '/api', backend, config });
  await app.register(reportRoutes, { prefix: '/api', backend, config });
  await app.register(adminRoutes, { prefix: '/api', backend, config });
  await app.register(programmeRoutes, { prefix: '/api', backend, config });
  // The Control Group's review of findings (/api/reviews) and the reviewer's pages (/review/).
  await app.register(reviewRoutes, { backend, config });
  // Public: anyone holding a certificate's code can check it (limited per address like every route).
  await app.register(verifyRoutes, { backend, config });
  // Hosted launch by LTI 1.3: public by design (the platform's signature is the credential).
  await app.register(ltiRoutes, { backend, config, events });
  // Hosted launch by dispatch package: public, the package's signed key is the credential.
  await app.register(dispatchRoutes, { backend, config });
  if (config.dashboardDir) await app.register(dashboardApp, { dir: config.dashboardDir });
  return app;
}

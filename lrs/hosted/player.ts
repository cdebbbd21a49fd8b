/**
 * What the two ways of hosted launch (LTI 1.3, lrs/lti/; dispatch packages, lrs/dispatch/) share:
 * the runtime's scripts served beside the player page, the headers of the tool's pages, and
 * errors shown as pages a learner or teacher can act on (they meet them inside their LMS).
 */
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HttpError } from '../http/errors.ts';
import type { HostedModules } from './modules.ts';
import { errorPage } from './pages.ts';

/** The player may be framed by any LMS; it runs its own scripts and talks only to this server. */
export const PLAYER_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

/** Sends a page of the tool: never cached (it may hold a launch's credential), no referrer. */
export function sendPage(reply: FastifyReply, html: string, options: { csp?: string } = {}): FastifyReply {
  if (options.csp) reply.header('content-security-policy', options.csp);
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-content-type-options', 'nosniff').send(html);
}

/** The runtime's scripts under `prefix` (the player's page names them ./assets/…): named by content hash, cached for good. */
export async function serveRuntimeAssets(app: FastifyInstance, modules: HostedModules, prefix: string): Promise<void> {
  if (!modules.assetsDir || !existsSync(modules.assetsDir)) return;
  await app.register(fastifyStatic, { root: modules.assetsDir, prefix, decorateReply: false, index: false, immutable: true, maxAge: '365d' });
}

/** Errors of the plugin's routes as pages: what went wrong and what to do; unexpected ones logged and said nothing of. */
export function errorsAsPages(app: FastifyInstance): void {
  app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    const known = error instanceof HttpError || (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500);
    const status = known ? error.statusCode! : 500;
    if (!known) request.log.error(error, 'unexpected error');
    const message = known ? error.message : 'something went wrong on the server; try again in a moment';
    return sendPage(reply.code(status), errorPage(status, message));
  });
}

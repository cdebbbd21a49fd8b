/**
 * Serves the built dashboard app at /dashboard/ with strict security headers (@fastify/helmet):
 * only the app's own scripts and styles run, it cannot be framed, nothing is sniffed, no
 * referrer leaves, and browsers keep to HTTPS once they have seen it.
 */
import fastifyStatic from '@fastify/static';
import helmet from '@fastify/helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The dashboard's Content-Security-Policy: its own files only (inline styles come from lit). */
export const DASHBOARD_CSP = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

export async function dashboardApp(app: FastifyInstance, { dir }: { dir: string }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD_CSP },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.get('/', async (_request, reply) => reply.redirect('/dashboard/'));
  // The server ignores trailing slashes, so /dashboard reaches /dashboard/ too.
  if (!existsSync(join(dir, 'index.html'))) {
    app.get('/dashboard/', async (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The dashboard is not built yet: run "npm run build" (or "npm start"), then reload.'));
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/dashboard/',
    // The server ignores trailing slashes, so the plugin's own index route never answers: ours does.
    index: false,
  });
  app.get('/dashboard/', async (_request, reply) => reply.sendFile('index.html'));
}

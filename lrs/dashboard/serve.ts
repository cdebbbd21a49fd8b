/**
 * Serves the built dashboard app at /dashboard/ with strict security headers: only the app's own
 * scripts and styles run, it cannot be framed, and nothing is sniffed.
 */
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export async function dashboardApp(app: FastifyInstance, dir: string): Promise<void> {
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
    setHeaders: (res) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.raw.setHeader(name, value);
    },
  });
  app.get('/dashboard/', async (_request, reply) => reply.sendFile('index.html'));
}

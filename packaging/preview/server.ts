/**
 * The local preview: serves dist/preview (a page listing the modules, and each module playable
 * with the local preview tracker, which keeps progress in the browser's localStorage), and the
 * Toolbox site (dist/toolbox) under /toolbox/.
 */
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';

export interface PreviewServerOptions {
  dir: string;
  /** The Toolbox site (dist/toolbox), served under /toolbox/. */
  toolboxDir?: string;
  port: number;
  host: string;
  logger?: boolean;
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: options.logger ?? false });
  await app.register(fastifyStatic, { root: options.dir, index: ['index.html'], redirect: true, cacheControl: false });
  if (options.toolboxDir) await app.register(fastifyStatic, { root: options.toolboxDir, prefix: '/toolbox/', index: ['index.html'], redirect: true, cacheControl: false, decorateReply: false });
  const address = await app.listen({ port: options.port, host: options.host });
  const url = address.replace('127.0.0.1', 'localhost');
  return { app, url };
}

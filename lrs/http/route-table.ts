/** Every route as registered, kept on `app.routeTable`: the route × caller matrix test reads it. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { RouteEntry } from './context.ts';

export const routeTable = fp(async (app: FastifyInstance) => {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) table.push({ method, url: route.url, ...(route.config?.scopes ? { scopes: route.config.scopes } : {}), ...(route.config?.session ? { session: true } : {}) });
  });
}, { name: 'route-table' });

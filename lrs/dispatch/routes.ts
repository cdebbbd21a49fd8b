/**
 * Hosted launch by dispatch package: a thin SCORM package (packaging/dispatch/) frames
 * `/dispatch/<module>?key=…&format=scorm12|scorm2004`; this plugin answers with the module as
 * built now, played by the runtime in relay mode (its SCORM calls go to the package's page by
 * postMessage, see core/dispatch.ts) and reporting to the LRS as the key's organisation. A
 * revoked key gets a page saying so, and the module no longer plays.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { embedCourse } from '../../core/launch.ts';
import type { RouteContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import { HostedModules } from '../hosted/modules.ts';
import { errorsAsPages, PLAYER_CSP, sendPage, serveRuntimeAssets } from '../hosted/player.ts';
import { dispatchReporting, verifyDispatchKey } from './keys.ts';

export async function dispatchRoutes(app: FastifyInstance, { backend, config }: RouteContext): Promise<void> {
  const modules = new HostedModules(config.modulesDir);
  const base = (request: FastifyRequest) => config.baseUrl ?? `${request.protocol}://${request.host}`;
  errorsAsPages(app);

  app.get<{ Params: { module: string }; Querystring: Record<string, unknown> }>('/dispatch/:module', async (request, reply) => {
    const query = request.query;
    const format = query.format;
    if (format !== 'scorm12' && format !== 'scorm2004') throw new HttpError(400, 'format must be scorm12 or scorm2004 (the package says which)');
    const key = await verifyDispatchKey(backend, typeof query.key === 'string' ? query.key : undefined);
    const course = modules.course(request.params.module);
    const runtime = modules.runtimeHtml();
    if (!course || !runtime) throw new HttpError(404, `the module "${request.params.module}" is not on this server`);
    const report = await dispatchReporting(backend, key, `${base(request)}/xapi`);
    return sendPage(reply, embedCourse(runtime, course, { format, relay: true, report }), { csp: PLAYER_CSP });
  });
  await serveRuntimeAssets(app, modules, '/dispatch/assets/');
}

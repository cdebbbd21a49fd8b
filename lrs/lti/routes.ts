/**
 * Hosted launch by LTI 1.3, as one plugin under /lti: a partner's LMS launches a module from this
 * server (so a fixed module is fixed in every course at once) and gets the grade back.
 *
 *   GET  /lti                   the tool's addresses, for registering it by hand
 *   GET  /lti/jwks              the tool's public key (platforms verify its signatures)
 *   GET|POST /lti/login         OIDC third-party initiated login (launch.ts)
 *   POST /lti/launch            the platform's signed launch: plays a module or opens the picker
 *   GET  /lti/play/:launch      the module, played with the packages' runtime (play.ts)
 *   GET|POST /lti/pick/:launch  deep linking: the teacher picks a module (deep-linking.ts)
 *   GET  /lti/register/:token   dynamic registration for an organisation (registration.ts)
 *
 * Grades go back through a durable outbox (grades.ts). Pages are HTML, errors included: the
 * person who meets them is a learner or a teacher inside their LMS.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '../../core/html.ts';
import type { RouteContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import type { StatementEvents } from '../http/statement-events.ts';
import { deepLinkingAnswer, pickerPage } from './deep-linking.ts';
import { GradeOutbox, GradeServiceClient, queueScores } from './grades.ts';
import { HostedModules } from '../hosted/modules.ts';
import { PlatformKeys, startLogin, verifyLaunch, type LoginRequest } from './launch.ts';
import { page } from '../hosted/pages.ts';
import { errorsAsPages, PLAYER_CSP, sendPage, serveRuntimeAssets } from '../hosted/player.ts';
import { findLaunch, playerPage, startDeepLinking, startResourceLaunch, type DeepLinkClaims } from './play.ts';
import { register, toolUrls } from './registration.ts';
import { loadToolKey, type ToolKey } from './tool-key.ts';

export interface LtiContext extends RouteContext {
  events: StatementEvents;
}

function formOf(request: FastifyRequest): Record<string, string> {
  const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (request.method !== 'POST') return Object.fromEntries(Object.entries((request.query ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  if (type !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'this address takes a form (application/x-www-form-urlencoded), as an LMS posts it');
  return Object.fromEntries(new URLSearchParams(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : ''));
}

export async function ltiRoutes(app: FastifyInstance, { backend, config, events }: LtiContext): Promise<void> {
  const modules = new HostedModules(config.modulesDir);
  const keys = new PlatformKeys();
  const base = (request: FastifyRequest) => config.baseUrl ?? `${request.protocol}://${request.host}`;
  let toolKey: Promise<ToolKey> | undefined;
  const key = () => (toolKey ??= loadToolKey(backend).catch((error: unknown) => {
    toolKey = undefined;
    throw error;
  }));
  let pseudonymKey: Promise<string> | undefined;
  const pseudonyms = () => (pseudonymKey ??= backend.setting('lti.pseudonym-key', () => randomBytes(32).toString('base64url')));

  // Grades: queued with the statement that earns them, delivered now and retried until accepted.
  let outbox: GradeOutbox | undefined;
  const grades = async () => {
    if (!outbox) {
      outbox = new GradeOutbox(backend, new GradeServiceClient(await key()), app.log, config.ltiRetryMs);
      outbox.start();
    }
    return outbox;
  };
  events.on(async (stored) => {
    if (await queueScores(backend, stored)) void (await grades()).deliver();
  });
  app.addHook('onReady', async () => {
    // Scores left waiting by an earlier run go out without waiting for a new one.
    if ((await backend.lti.pendingScores().catch(() => [])).length) void (await grades()).deliver();
  });
  app.addHook('onClose', async () => outbox?.stop());

  errorsAsPages(app);
  const html = (reply: FastifyReply, body: string) => sendPage(reply, body);

  app.get('/lti', async (request, reply) => {
    const urls = toolUrls(base(request));
    const rows = [
      ['Initiate login URL (OIDC login)', urls.login],
      ['Redirection URI and tool URL (launch)', urls.launch],
      ['Deep linking URL', urls.launch],
      ['Public keyset URL (JWKS)', urls.jwks],
    ]
      .map(([label, url]) => `<tr><th scope="row">${escapeHtml(label!)}</th><td><code>${escapeHtml(url!)}</code></td></tr>`)
      .join('');
    return html(
      reply,
      page(
        'INPROCAP modules: LTI 1.3 tool',
        `<h1>INPROCAP modules: LTI 1.3 tool</h1><p>Register this tool in your LMS with a registration link from the LRS administrator (dynamic registration), or by hand with these addresses (see the README, “Hosting for partners”).</p><table>${rows}</table>`,
      ),
    );
  });

  app.get('/lti/jwks', async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send({ keys: [(await key()).publicJwk] }));

  const login = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = await startLogin(backend, formOf(request) as LoginRequest, toolUrls(base(request)).launch);
    return reply.header('cache-control', 'no-store').redirect(target, 302);
  };
  app.get('/lti/login', login);
  app.post('/lti/login', login);

  app.get('/lti/launch', async () => {
    throw new HttpError(400, 'this address is where your LMS launches a module: open the activity from your course');
  });
  app.post('/lti/launch', async (request, reply) => {
    const form = formOf(request);
    const verified = await verifyLaunch(backend, keys, form.id_token, form.state);
    if (verified.message.kind === 'deep-link') {
      const id = await startDeepLinking(backend, { ...verified, message: verified.message });
      return reply.redirect(`/lti/pick/${id}`, 303);
    }
    const id = await startResourceLaunch(backend, modules, await pseudonyms(), { ...verified, message: verified.message });
    return reply.redirect(`/lti/play/${id}`, 303);
  });

  app.get<{ Params: { launch: string } }>('/lti/play/:launch', async (request, reply) => {
    const launch = await findLaunch(backend, request.params.launch, 'resource');
    return sendPage(reply, playerPage(modules, request.params.launch, launch, `${base(request)}/xapi`), { csp: PLAYER_CSP });
  });
  await serveRuntimeAssets(app, modules, '/lti/play/assets/');

  app.get<{ Params: { launch: string } }>('/lti/pick/:launch', async (request, reply) => {
    await findLaunch(backend, request.params.launch, 'deep-link');
    return html(reply, pickerPage(modules.list(), `/lti/pick/${request.params.launch}`));
  });
  app.post<{ Params: { launch: string } }>('/lti/pick/:launch', async (request, reply) => {
    const launch = await findLaunch(backend, request.params.launch, 'deep-link');
    const form = formOf(request);
    const module = modules.list().find((m) => m.slug === form.module);
    if (!module) throw new HttpError(400, `"${form.module ?? ''}" is not a module on this server: pick one from the list`);
    const platform = await backend.lti.platform(launch.platformId);
    if (!platform) throw new HttpError(401, 'the platform of this request is no longer registered with this tool');
    const answer = await deepLinkingAnswer({
      key: await key(),
      platform,
      request: JSON.parse(launch.claims) as DeepLinkClaims,
      module,
      language: form.language ?? '',
      launchUrl: toolUrls(base(request)).launch,
    });
    return html(reply, answer);
  });

  app.get<{ Params: { token: string }; Querystring: Record<string, string> }>('/lti/register/:token', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
    return html(reply, await register(backend, base(request), request.params.token, text('openid_configuration'), text('registration_token')));
  });
}

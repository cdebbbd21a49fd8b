/** LRS settings: what the server takes, its defaults, and how flags and the environment set them. */
import { resolve } from 'node:path';

export interface LrsConfig {
  /** Largest request body in bytes (413 above it). */
  bodyLimit: number;
  /** Deepest JSON nesting accepted (400 above it), extensions included. */
  maxJsonDepth: number;
  /** Origins allowed by CORS; "*" for any. */
  corsOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Public base URL, used in authority accounts and `more` links. */
  baseUrl?: string;
  /** How long a verified credential is trusted before it is looked up again (revocation delay). */
  credentialCacheMs: number;
  /** The version the LRS answers in when a request names none (or an invalid one). */
  defaultVersion: '1.0.3' | '2.0.0';
  /** The built dashboard app (dist/dashboard), served at /dashboard/; absent: not served. */
  dashboardDir?: string;
  /**
   * Requests a minute before a 429, per verified credential and per client address (0: no
   * limit). One noisy credential or address exhausts its own allowance, never another's.
   */
  rateLimitPerCredential: number;
  rateLimitPerAddress: number;
  /**
   * What completing the programme takes: passing these modules (their IRIs; none given: every
   * module the LRS has seen learners start) and attending at least this many in-person sessions.
   */
  programme: { modules?: string[]; sessions: number };
  /**
   * Where the built modules are for hosted launch (LTI 1.3): the folder `npm run build` writes,
   * holding courses/<slug>.json and runtime/. Read at each launch. Absent: nothing to launch.
   */
  modulesDir?: string;
  /** How often the grades outbox looks for scores to send or send again (ms). */
  ltiRetryMs: number;
}

export const DEFAULT_LRS_CONFIG: LrsConfig = {
  bodyLimit: 4 * 1024 * 1024,
  maxJsonDepth: 64,
  corsOrigins: ['*'],
  logLevel: 'warn',
  credentialCacheMs: 10_000,
  defaultVersion: '2.0.0',
  // Generous: a partner's whole Moodle posts through one credential. They stop floods, not use.
  rateLimitPerCredential: 30_000,
  rateLimitPerAddress: 30_000,
  programme: { sessions: 1 },
  ltiRetryMs: 5_000,
};

export interface LrsServeOptions extends LrsConfig {
  port: number;
  host: string;
  databaseUrl: string;
}

export function lrsOptions(root: string, flags: Record<string, string | undefined>, env = process.env): LrsServeOptions {
  const number = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number, not "${value}"`);
    return n;
  };
  const level = flags['log-level'] ?? env.LRS_LOG_LEVEL ?? DEFAULT_LRS_CONFIG.logLevel;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'silent'].includes(level)) throw new Error(`log level "${level}" is not one of fatal, error, warn, info, debug, silent`);
  return {
    ...DEFAULT_LRS_CONFIG,
    port: number('port', flags['lrs-port'] ?? env.LRS_PORT, 8081),
    host: flags.host ?? env.LRS_HOST ?? env.HOST ?? '127.0.0.1',
    databaseUrl: flags.database ?? env.DATABASE_URL ?? resolve(root, 'data/lrs.db'),
    corsOrigins: (flags['cors-origins'] ?? env.LRS_CORS_ORIGINS ?? '*').split(',').map((o) => o.trim()).filter(Boolean),
    logLevel: level as LrsConfig['logLevel'],
    bodyLimit: number('body limit', flags['body-limit'] ?? env.LRS_BODY_LIMIT, DEFAULT_LRS_CONFIG.bodyLimit),
    maxJsonDepth: number('JSON depth', flags['max-json-depth'] ?? env.LRS_MAX_JSON_DEPTH, DEFAULT_LRS_CONFIG.maxJsonDepth),
    rateLimitPerCredential: number('rate limit per credential', flags['rate-limit-credential'] ?? env.LRS_RATE_LIMIT_CREDENTIAL, DEFAULT_LRS_CONFIG.rateLimitPerCredential),
    rateLimitPerAddress: number('rate limit per address', flags['rate-limit-address'] ?? env.LRS_RATE_LIMIT_ADDRESS, DEFAULT_LRS_CONFIG.rateLimitPerAddress),
    dashboardDir: resolve(root, 'dist/dashboard'),
    modulesDir: resolve(root, flags['modules-dir'] ?? env.LRS_MODULES_DIR ?? 'dist'),
    defaultVersion: defaultVersion(flags['default-xapi-version'] ?? env.LRS_DEFAULT_XAPI_VERSION),
    ...(flags['base-url'] ?? env.LRS_BASE_URL ? { baseUrl: flags['base-url'] ?? env.LRS_BASE_URL } : {}),
    programme: programme(flags['programme-modules'] ?? env.LRS_PROGRAMME_MODULES, flags['programme-sessions'] ?? env.LRS_PROGRAMME_SESSIONS, number),
  };
}

function programme(modules: string | undefined, sessions: string | undefined, number: (name: string, value: string | undefined, fallback: number) => number): LrsConfig['programme'] {
  const list = modules?.split(',').map((m) => m.trim()).filter(Boolean);
  for (const id of list ?? []) if (!/^[a-z][a-z0-9+.-]*:/i.test(id)) throw new Error(`programme module "${id}" is not an IRI (such as https://inprocap.eu/modules/pcp)`);
  const count = number('programme sessions', sessions, DEFAULT_LRS_CONFIG.programme.sessions);
  if (!Number.isInteger(count)) throw new Error(`programme sessions must be a whole number, not "${sessions}"`);
  return { ...(list?.length ? { modules: list } : {}), sessions: count };
}

function defaultVersion(value: string | undefined): LrsConfig['defaultVersion'] {
  if (value === undefined) return DEFAULT_LRS_CONFIG.defaultVersion;
  if (value !== '1.0.3' && value !== '2.0.0') throw new Error(`default xAPI version must be 1.0.3 or 2.0.0, not "${value}"`);
  return value;
}

/** LRS settings from flags and environment, with defaults that run on a laptop. */
import { resolve } from 'node:path';
import { DEFAULT_LRS_CONFIG, type LrsConfig } from './server.ts';

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
    defaultVersion: defaultVersion(flags['default-xapi-version'] ?? env.LRS_DEFAULT_XAPI_VERSION),
    ...(flags['base-url'] ?? env.LRS_BASE_URL ? { baseUrl: flags['base-url'] ?? env.LRS_BASE_URL } : {}),
  };
}

function defaultVersion(value: string | undefined): LrsConfig['defaultVersion'] {
  if (value === undefined) return DEFAULT_LRS_CONFIG.defaultVersion;
  if (value !== '1.0.3' && value !== '2.0.0') throw new Error(`default xAPI version must be 1.0.3 or 2.0.0, not "${value}"`);
  return value;
}

/**
 * `inprocap lrs …`: serve the LRS and manage its credentials.
 *
 *   inprocap lrs [serve]                                   run the LRS (port 8081, ./data/lrs.db)
 *   inprocap lrs credentials create --org DTI --scopes statements/write [--label "Moodle DTI"]
 *   inprocap lrs credentials list
 *   inprocap lrs credentials revoke <key>
 */
import type { FastifyInstance } from 'fastify';
import { createCredential, SCOPES } from './auth/credentials.ts';
import { lrsOptions, type LrsServeOptions } from './config.ts';
import { createLrsServer } from './server.ts';
import type { LrsBackend } from './storage/backend.ts';
import { openBackend } from './storage/open.ts';

export const LRS_USAGE = `Usage: inprocap lrs [serve] [--lrs-port 8081] [--host 127.0.0.1] [--database URL]
                    [--cors-origins a,b] [--log-level warn] [--body-limit bytes] [--max-json-depth 64]
                    [--default-xapi-version 2.0.0|1.0.3] [--base-url URL]
       inprocap lrs credentials create --org ORG --scopes s1,s2 [--label TEXT]
       inprocap lrs credentials list
       inprocap lrs credentials revoke KEY

Database URL: a SQLite file path (default ./data/lrs.db) or postgres://user@host:port/db
(also DATABASE_URL). Scopes: ${SCOPES.join(', ')}.
`;

export interface RunningLrs {
  app: FastifyInstance;
  backend: LrsBackend;
  url: string;
  options: LrsServeOptions;
}

export async function startLrs(root: string, flags: Record<string, string | undefined>): Promise<RunningLrs> {
  const options = lrsOptions(root, flags);
  const backend = await openBackend(options.databaseUrl);
  const app = await createLrsServer(backend, options);
  const address = await app.listen({ port: options.port, host: options.host });
  return { app, backend, url: `${address.replace('127.0.0.1', 'localhost')}/xapi`, options };
}

/** Stops accepting requests, finishes those in flight, then closes the database. */
export async function stopLrs(lrs: RunningLrs): Promise<void> {
  await lrs.app.close();
  await lrs.backend.close();
}

export async function lrsCommand(root: string, args: string[], flags: Record<string, string | undefined>): Promise<number> {
  const [verb = 'serve', action, target] = args;
  if (verb === 'serve') {
    const lrs = await startLrs(root, flags);
    console.log(`LRS: ${lrs.url}  (database: ${lrs.backend.engine}; Ctrl+C to stop)`);
    const stop = async () => {
      await stopLrs(lrs);
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise(() => {});
  }
  if (verb !== 'credentials') {
    process.stderr.write(`Unknown lrs command "${verb}".\n\n${LRS_USAGE}`);
    return 1;
  }
  const backend = await openBackend(lrsOptions(root, flags).databaseUrl);
  try {
    switch (action) {
      case 'create': {
        if (!flags.org || !flags.scopes) throw new Error('credentials create needs --org and --scopes');
        const { credential, secret } = await createCredential(backend, flags.org, flags.scopes.split(',').map((s) => s.trim()), flags.label ?? '');
        console.log(`Created for ${credential.org} (${credential.scopes.join(', ')}):\n  key:    ${credential.key}\n  secret: ${secret}\n(the secret is shown once; only its hash is stored)`);
        return 0;
      }
      case 'list': {
        const all = await backend.listCredentials();
        if (!all.length) console.log('No credentials yet.');
        for (const c of all) console.log(`${c.key}  ${c.org.padEnd(12)} ${c.revoked ? 'REVOKED ' : ''}${c.scopes.join(',')}  ${c.label}  ${c.created}`);
        return 0;
      }
      case 'revoke': {
        if (!target) throw new Error('credentials revoke needs the key');
        const done = await backend.revokeCredential(target);
        console.log(done ? `Revoked ${target}.` : `No credential ${target}.`);
        return done ? 0 : 1;
      }
      default:
        process.stderr.write(LRS_USAGE);
        return 1;
    }
  } finally {
    await backend.close();
  }
}

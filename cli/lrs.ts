/**
 * `inprocap lrs …`: serve the LRS and manage its credentials.
 *
 *   inprocap lrs [serve]                                   run the LRS (port 8081, ./data/lrs.db)
 *   inprocap lrs credentials create --org DTI --scopes statements/write [--label "Moodle DTI"]
 *   inprocap lrs credentials list
 *   inprocap lrs credentials revoke <key>
 */
import { runUntilSignal } from './until-signal.ts';
import { DISPATCH_USAGE, dispatchCommand, LTI_USAGE, ltiCommand } from './hosted.ts';
import type { FastifyInstance } from 'fastify';
import { createCredential } from '../lrs/auth/credentials.ts';
import { SCOPES } from '../lrs/contracts/scopes.ts';
import { lrsOptions, type LrsServeOptions } from '../lrs/config.ts';
import { createLrsServer } from '../lrs/server.ts';
import type { LrsBackend } from '../lrs/storage/backend.ts';
import type { AccountRole } from '../lrs/contracts/admin.ts';
import { openBackend } from '../lrs/storage/open.ts';
import { postSeed, SEED_ORGS, seedCredentials, seedSessions } from '../lrs/seed/seed.ts';
import { saveAccount } from '../lrs/dashboard/accounts.ts';

export const LRS_USAGE = `Usage: inprocap lrs [serve] [--lrs-port 8081] [--host 127.0.0.1] [--database URL]
                    [--cors-origins a,b] [--log-level warn] [--body-limit bytes] [--max-json-depth 64]
                    [--default-xapi-version 2.0.0|1.0.3] [--base-url URL]
                    [--rate-limit-credential 30000] [--rate-limit-address 30000]   (requests a minute; 0: none)
                    [--programme-modules IRI,IRI] [--programme-sessions 1]   what completing the programme takes
                    [--modules-dir dist]   the built modules hosted launch plays (courses/, runtime/)
       inprocap lrs credentials create --org ORG --scopes s1,s2 [--label TEXT]
       inprocap lrs credentials list
       inprocap lrs credentials revoke KEY
       inprocap lrs accounts create --username NAME --role admin|control-group|trainer [--org ORG]
       inprocap lrs accounts list
       inprocap lrs backup FILE [--database FILE]   an online copy of a SQLite LRS (PostgreSQL: use pg_dump)
       inprocap lrs seed [--learners 500] [--orgs 4] [--seed 1] [--days 90]   demo data through the statement API
       inprocap lrs lti …                            hosted launch for partners' LMSs (LTI 1.3):
${LTI_USAGE.replace(/^Usage: /, '       ').replace(/^/gm, '  ')}       inprocap lrs dispatch …                       keys of dispatch packages (thin SCORM packages):
${DISPATCH_USAGE.replace(/^Usage: /, '       ').replace(/^/gm, '  ')}
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
    return runUntilSignal(() => stopLrs(lrs));
  }
  if (verb === 'seed') return seedCommand(root, flags);
  if (verb === 'lti') return ltiCommand(root, args.slice(1), flags);
  if (verb === 'dispatch') return dispatchCommand(root, args.slice(1), flags);
  if (verb === 'backup') return backupCommand(root, action, flags);
  if (verb === 'accounts') return accountsCommand(root, action, flags);
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

/** Seeds the database with demo learners, through the LRS's own statement API. */
async function seedCommand(root: string, flags: Record<string, string | undefined>): Promise<number> {
  const learners = Number(flags.learners ?? 500);
  const orgs = Number(flags.orgs ?? 4);
  const seed = Number(flags.seed ?? 1);
  const days = Number(flags.days ?? 90);
  for (const [name, value] of Object.entries({ learners, orgs, seed, days })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  }
  // The seed reads the modules' content: that needs the build side (a development install).
  const { loadCheckedCourses } = await import('../packaging/build.ts').catch((error: Error) => {
    throw new Error(`the seed reads the modules and needs the development dependencies (npm install): ${error.message}`);
  });
  const courses = loadCheckedCourses(root, {}, { info: () => {}, warn: console.warn }).map((c) => c.course!);
  const options = lrsOptions(root, flags);
  const backend = await openBackend(options.databaseUrl);
  const app = await createLrsServer(backend, { ...options, logLevel: 'error' });
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const writers = seedCredentials(backend);
    const started = Date.now();
    const from = new Date(Date.now() - days * 86_400_000);
    const sent = await postSeed(`${address}/xapi`, writers.authorization, courses, { learners, orgs, seed, from, days }, (n) => {
      if (n % 5000 < 200) process.stdout.write(`  ${n} statements…\n`);
    });
    const attended = await seedSessions(backend, `${address}/xapi`, writers.authorization, courses, { learners, orgs, seed, from, days });
    await writers.revoke();
    console.log(`Seeded ${sent + attended} statements (${attended} attendances at an in-person session per organisation) for ${learners} learners of ${Math.min(orgs, SEED_ORGS.length)} organisations in ${courses.length} module(s), over ${days} days, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await app.close();
    await backend.close();
  }
}

/**
 * A consistent copy of a SQLite LRS while it runs (SQLite's online backup, page by page, through
 * better-sqlite3): the copy is a database file the LRS opens as it is.
 */
async function backupCommand(root: string, target: string | undefined, flags: Record<string, string | undefined>): Promise<number> {
  const source = lrsOptions(root, flags).databaseUrl;
  if (!target) throw new Error('lrs backup needs the file to write, e.g. inprocap lrs backup backups/lrs-2026-12-03.db');
  if (/^postgres(ql)?:\/\//.test(source)) throw new Error('for PostgreSQL use pg_dump (see the README, "Running the LRS for partners")');
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const started = Date.now();
    const { totalPages } = await db.backup(target);
    console.log(`Backed up ${source} to ${target}: ${totalPages} pages in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    db.close();
  }
}

/** Dashboard accounts; the password comes from INPROCAP_PASSWORD or is generated and shown once. */
async function accountsCommand(root: string, action: string | undefined, flags: Record<string, string | undefined>): Promise<number> {
  const backend = await openBackend(lrsOptions(root, flags).databaseUrl);
  try {
    if (action === 'create') {
      if (!flags.username || !flags.role) throw new Error('accounts create needs --username and --role');
      const { account, password } = await saveAccount(backend, {
        username: flags.username,
        role: flags.role as AccountRole,
        ...(flags.org ? { org: flags.org } : {}),
        ...(process.env.INPROCAP_PASSWORD ? { password: process.env.INPROCAP_PASSWORD } : {}),
      });
      console.log(`Account ${account.username} (${account.role}${account.org ? `, ${account.org}` : ''}) saved.${process.env.INPROCAP_PASSWORD ? '' : `\n  password: ${password}\n(shown once; only a slow hash is stored)`}`);
      return 0;
    }
    if (action === 'list') {
      const all = await backend.listAccounts();
      if (!all.length) console.log('No accounts yet: inprocap lrs accounts create --username admin --role admin');
      for (const a of all) console.log(`${a.username.padEnd(20)} ${a.role.padEnd(14)} ${a.org ?? ''}${a.disabled ? ' (disabled)' : ''}`);
      return 0;
    }
    process.stderr.write(LRS_USAGE);
    return 1;
  } finally {
    await backend.close();
  }
}

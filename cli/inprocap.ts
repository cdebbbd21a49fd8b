/**
 * `inprocap`: the project's command line, and the one place that joins its parts: packaging
 * (check, build, validate, size) and the LRS (serve, credentials, seed). It lives outside both,
 * as packaging never imports the LRS.
 *
 *   inprocap check [--module slug] [--strict]
 *                                       validate modules/ and report every problem with file:line:column
 *   inprocap build [--module slug] [--format scorm12,scorm2004] [--out dir]
 *                                       check, build the runtime, the preview and the packages
 *   inprocap validate <zip>...          validate SCORM packages (ours or anyone's)
 *   inprocap manual [slug...] [--language code] [--out dir]
 *                                       the training manual (HTML and tagged PDF) per module and for the curriculum
 *   inprocap toolbox [slug...]           the whole Toolbox: manuals, slides, templates and checklists, the site
 *   inprocap slides [slug...] [--language code] [--survey-url url]
 *                                       the slide deck for the in-person session (Marp source, HTML, PDF)
 *   inprocap review [slug...] [--language code] [--out dir]
 *                                       the reviewer's page of each module (dist/review/<slug>.html)
 *   inprocap translations [--module slug] [--language code] [--strict]
 *                                       what is still to translate, per language and module
 *   inprocap size                       measure the runtime (gzip): every file, and one session against the 40 KB budget
 *   inprocap start [--port n] [--host]  build, then serve the local preview and the LRS
 *   inprocap lrs …                      the learning record store (see cli/lrs.ts)
 */
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { runUntilSignal } from './until-signal.ts';
import { ContentError } from '../packaging/content/issues.ts';
import { PACKAGE_FORMATS, type PackageFormatId } from '../packaging/formats/format.ts';
import type { ReportingOptions } from '../packaging/package.ts';
import { createCredential } from '../lrs/auth/credentials.ts';
import { LRS_USAGE, lrsCommand, startLrs, stopLrs } from './lrs.ts';
import { postSeed, SEED_ORGS, seedCredentials, seedSessions } from '../lrs/seed/seed.ts';
import { saveAccount } from '../lrs/dashboard/accounts.ts';
import type { LrsBackend } from '../lrs/storage/backend.ts';

// The build side (vite, the content loader and its libraries) is loaded only by the commands that
// build: a production install (npm ci --omit=dev) runs `inprocap lrs` without it.
const packaging = () => import('../packaging/build.ts');
const sizes = () => import('../packaging/size.ts');

const USAGE = () => `Usage: inprocap <command> [options]

Commands:
  check            Validate every module (schema, glossary, case graph, translations, state size)
                   and list item-writing warnings (answers given away); --strict fails on them
  build            Check content, build the runtime, the preview (dist/preview/), the
                   packages (dist/packages/<slug>-<version>-<format>.zip), each validated,
                   the dashboard (dist/dashboard/) and the Toolbox (dist/toolbox/: manuals)
  validate <zip>   Validate SCORM 1.2 / 2004, xAPI (tincan.xml) and cmi5 packages: layout,
                   manifests and their schemas, files
  manual [slug...] Write the training manual of each module in each of its languages, and (for
                   all modules) of the whole curriculum, as HTML and tagged PDF (with Chromium):
                   dist/toolbox/<slug>/manual.<language>.pdf, dist/toolbox/manual.<language>.pdf
  toolbox [slug...]
                   Write the whole Toolbox into dist/toolbox/: manuals, slides, templates and
                   checklists (Word and PDF) and the site (index.html) that offers them with the
                   LMS packages of dist/packages/ (npm run build does this too)
  slides [slug...] Write each module's slide deck for the in-person session, in each of its
                   languages: dist/toolbox/<slug>/slides.<language>.md (Marp source to adapt),
                   .html (self-contained, presenter notes on "p") and .pdf; --survey-url puts the
                   feedback survey's address on the closing slide
  review [slug...] Write the reviewer's page of each module (or of those named) to
                   dist/review/<slug>.html: every question with its options, key, feedback and
                   source line, every case decision with its choices, points and feedback, and
                   the content check's findings; --language for another language, --out for
                   another folder
  translations     List what is still to translate, per language and module: content files
                   (module.yaml entries, lessons, quiz, case, shared glossary and survey) and
                   UI strings without a <target> in src/i18n/xliff/<language>.xlf. A report:
                   exits 0 unless --strict is given and something is missing
  size             Measure the runtime (gzip -9): every file, and what one session loads
                   (all but the locale chunks, plus the largest one) against the 40 KB budget
  start            Build, then serve the local preview, the LRS (with a demo credential) and
                   the dashboard (seeded with demo learners when the LRS is empty; prints a sign-in)
  lrs              Run the LRS alone, manage credentials and dashboard accounts, seed demo
                   data (inprocap lrs --help)

Options:
  --module <slug>  Only this module (repeatable)
  --language <code>
                   translations: only this language (repeatable, or comma-separated)
  --strict         check: exit 1 on item-writing warnings; translations: exit 1 when anything is missing
  --format <list>  Package formats, comma-separated: ${PACKAGE_FORMATS.join(', ')} (default: all)
  --out <dir>      Where packages go (default dist/packages)
  --lrs-endpoint <url> --lrs-key <key> --lrs-secret <secret> --org <id> [--org-iri <iri>] [--identified-actors]
                   SCORM packages also report to this LRS (pseudonymous learners unless
                   --identified-actors); use a statements/write credential for that partner
  --dispatch <url> --org <id> [--new-key] [--database URL]
                   build: thin SCORM packages (dist/dispatch/) that play each module from the
                   server at <url> (its current content), with the organisation's dispatch key
                   from that server's LRS database (see "Hosting for partners")
  --port <n>       Preview port (default 8080, or $PORT)
  --host <h>       Preview host (default 127.0.0.1, or $HOST)
  --help           Show this help
`;

const root = resolve(import.meta.dirname, '..');

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      module: { type: 'string', multiple: true },
      language: { type: 'string', multiple: true },
      strict: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean' },
      // LRS settings (see cli/lrs.ts)
      'lrs-port': { type: 'string' },
      database: { type: 'string' },
      'cors-origins': { type: 'string' },
      'log-level': { type: 'string' },
      'body-limit': { type: 'string' },
      'max-json-depth': { type: 'string' },
      'rate-limit-credential': { type: 'string' },
      'rate-limit-address': { type: 'string' },
      'base-url': { type: 'string' },
      'programme-modules': { type: 'string' },
      'programme-sessions': { type: 'string' },
      'default-xapi-version': { type: 'string' },
      'lrs-endpoint': { type: 'string' },
      'lrs-key': { type: 'string' },
      'lrs-secret': { type: 'string' },
      'org-iri': { type: 'string' },
      'identified-actors': { type: 'boolean' },
      'survey-url': { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      learners: { type: 'string' },
      orgs: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      org: { type: 'string' },
      scopes: { type: 'string' },
      label: { type: 'string' },
      // Hosted launch (inprocap lrs lti …) and the dispatch package
      'modules-dir': { type: 'string' },
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'auth-login-url': { type: 'string' },
      'token-url': { type: 'string' },
      'jwks-url': { type: 'string' },
      deployment: { type: 'string' },
      platform: { type: 'string' },
      dispatch: { type: 'string' },
      'new-key': { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if ((values.help && command !== 'lrs') || !command) {
    process.stdout.write(USAGE());
    return command || values.help ? 0 : 1;
  }
  const only = values.module ? { only: values.module } : {};
  const formats = parseFormats(values.format);

  switch (command) {
    case 'check': {
      const { loadCheckedCourses } = await packaging();
      const { formatFigures } = await import('../packaging/content/item-writing.ts');
      const checked = loadCheckedCourses(root, only, undefined, { listItemWriting: true });
      for (const { course, worstStateLength, itemWriting } of checked) {
        console.log(`ok  ${course!.slug} ${course!.version} (${course!.languages.join(', ')}): worst-case learner state ${worstStateLength} of 4096 characters`);
        if (itemWriting) console.log(`    ${formatFigures(itemWriting)}`);
      }
      const warnings = checked.reduce((sum, c) => sum + (c.itemWriting?.warnings ?? 0), 0);
      if (values.strict && warnings) {
        console.log(`${checked.length} module${checked.length === 1 ? '' : 's'} checked: ${warnings} item-writing warning${warnings === 1 ? '' : 's'}, which --strict counts as problems.`);
        return 1;
      }
      console.log(`${checked.length} module${checked.length === 1 ? '' : 's'} checked, no problems${warnings ? ` (${warnings} item-writing warnings; --strict fails on them)` : ''}.`);
      return 0;
    }
    case 'build': {
      if (values.dispatch) return buildDispatch(values, only, formats);
      const { build } = await packaging();
      const { buildDashboard } = await import('../packaging/dashboard.ts');
      const { buildToolbox } = await import('../packaging/toolbox/toolbox.ts');
      await build(root, { ...only, formats, ...(values.out ? { out: resolve(values.out) } : {}), ...reportingFrom(values) });
      await buildDashboard(root);
      console.log('Built the dashboard into dist/dashboard (served by the LRS at /dashboard/).');
      await buildToolbox(root, { ...only }, { info: (m) => console.log(m), warn: (m) => console.warn(m) });
      await reviewPages(only);
      return await reportSize();
    }
    case 'validate': {
      const { formatReport, validatePackage } = await import('../packaging/validate/validate-package.ts');
      const zips = positionals.slice(1);
      if (!zips.length) {
        process.stderr.write('Usage: inprocap validate <package.zip>...\n');
        return 1;
      }
      let invalid = 0;
      for (const zip of zips) {
        const report = await validatePackage(readFileSync(zip), zip);
        console.log(formatReport(report));
        if (!report.valid) invalid++;
      }
      return invalid ? 1 : 0;
    }
    case 'toolbox':
    case 'manual':
    case 'slides': {
      const { buildToolbox } = await import('../packaging/toolbox/toolbox.ts');
      const slugs = [...positionals.slice(1), ...(values.module ?? [])];
      const languages = values.language?.flatMap((l) => l.split(',')).map((l) => l.trim()).filter(Boolean);
      const result = await buildToolbox(root, {
        ...(slugs.length ? { only: slugs } : {}),
        ...(languages?.length ? { languages } : {}),
        ...(values.out ? { out: resolve(values.out) } : {}),
        ...(values['survey-url'] ? { surveyUrl: values['survey-url'] } : {}),
        ...(command === 'toolbox' ? {} : { parts: [command === 'manual' ? ('manuals' as const) : ('slides' as const)] }),
      }, { info: (m) => console.log(m), warn: (m) => console.warn(m) });
      const made = command === 'manual' ? result.manuals : command === 'slides' ? result.slides : result.site;
      if (!made.length) throw new Error(`nothing to write: no module${slugs.length ? ` ${slugs.join(', ')}` : ''} in ${languages?.join(', ') ?? 'any language'}`);
      return 0;
    }
    case 'review': {
      const { writeReviewPages } = await import('../packaging/review/review.ts');
      const slugs = [...positionals.slice(1), ...(values.module ?? [])];
      const language = values.language?.[0];
      const pages = writeReviewPages(root, { ...(slugs.length ? { only: slugs } : {}), ...(language ? { language } : {}), ...(values.out ? { out: resolve(values.out) } : {}) });
      const where = slugs.length ? pages.map((p) => relative(root, p.file)).join(', ') : `${relative(root, resolve(root, values.out ?? 'dist/review'))}/index.html`;
      console.log(`Wrote ${pages.length} reviewer's page${pages.length === 1 ? '' : 's'}: open ${where}`);
      return 0;
    }
    case 'translations': {
      const { formatTranslationReport, isComplete, translationReport } = await import('../packaging/content/translations.ts');
      const languages = values.language?.flatMap((l) => l.split(',')).map((l) => l.trim()).filter(Boolean);
      const bad = languages?.filter((l) => !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l));
      if (bad?.length) throw new Error(`not a language code: ${bad.join(', ')} (use codes such as fr, es, de)`);
      const report = translationReport(root, { ...only, ...(languages?.length ? { languages } : {}) });
      console.log(formatTranslationReport(report));
      return values.strict && !isComplete(report) ? 1 : 0;
    }
    case 'size':
      return reportSize();
    case 'start': {
      const { build, loadCheckedCourses } = await packaging();
      const { buildDashboard } = await import('../packaging/dashboard.ts');
      const { startPreviewServer } = await import('../packaging/preview/server.ts');
      const { buildToolbox } = await import('../packaging/toolbox/toolbox.ts');
      await build(root, { ...only, formats });
      await buildDashboard(root);
      await buildToolbox(root, { ...only }, { info: (m) => console.log(m), warn: (m) => console.warn(m) });
      await reviewPages(only);
      if ((await reportSize()) !== 0) console.warn('Serving anyway: the runtime is over its size budget.');
      const port = Number(values.port ?? process.env.PORT ?? 8080);
      const host = values.host ?? process.env.HOST ?? '127.0.0.1';
      const { app, url } = await startPreviewServer({ dir: resolve(root, 'dist/preview'), toolboxDir: resolve(root, 'dist/toolbox'), port, host });
      const lrs = await startLrs(root, lrsFlags(values));
      const demo = await demoCredential(lrs.backend);
      if (await lrs.backend.isEmpty()) {
        // An empty LRS gets demo learners, through its own statement API, so there is data to explore.
        const seedWriters = seedCredentials(lrs.backend);
        const courses = loadCheckedCourses(root, only, { info: () => {}, warn: () => {} }).map((c) => c.course!);
        process.stdout.write('Seeding the empty LRS with demo learners (200 learners, 4 organisations)…\n');
        let reported = 0;
        const seedOptions = { learners: 200, orgs: 4, seed: 1, from: new Date(Date.now() - 60 * 86_400_000), days: 60 };
        const sent = await postSeed(lrs.url, seedWriters.authorization, courses, seedOptions, (n) => {
          if (n - reported >= 10_000) process.stdout.write(`  ${(reported = n).toLocaleString('en')} statements sent\n`);
        });
        const attended = await seedSessions(lrs.backend, lrs.url, seedWriters.authorization, courses, seedOptions);
        await seedWriters.revoke();
        console.log(`Seeded the empty LRS with ${sent + attended} demo statements (200 learners, 4 organisations, an in-person session each).`);
      }
      console.log(`\nPreview: ${url}/`);
      console.log(`Toolbox: ${url}/toolbox/  (manuals, slides, templates and checklists, packages)`);
      console.log(`LRS:     ${lrs.url}  (${lrs.backend.engine}, ${lrs.options.databaseUrl})`);
      console.log(`         demo credential of ${SEED_ORGS[0]} (all scopes, made for this run; it reads ${SEED_ORGS[0]}'s records only): ${demo.key} / ${demo.secret}`);
      console.log(`         try: curl -u ${demo.key}:${demo.secret} -H 'X-Experience-API-Version: 1.0.3' ${lrs.url}/statements`);
      const login = await saveAccount(lrs.backend, { username: 'demo-admin', role: 'admin' });
      console.log(`Dashboard: ${lrs.url.replace(/\/xapi$/, '')}/dashboard/  sign in as demo-admin / ${login.password}`);
      console.log('         (admin: accounts and credentials, and every report with learners pseudonymous)');
      console.log(`LTI 1.3: ${lrs.url.replace(/\/xapi$/, '')}/lti  (hosted launch for an LMS: npx inprocap lrs lti link --org ${SEED_ORGS[0]}; see "Hosting for partners")`);
      console.log('Ctrl+C to stop.');
      return runUntilSignal(() => app.close(), () => stopLrs(lrs));
    }
    case 'lrs':
      if (values.help) {
        process.stdout.write(LRS_USAGE);
        return 0;
      }
      return lrsCommand(root, positionals.slice(1), lrsFlags(values));
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE()}`);
      return 1;
  }
}

/**
 * `build --dispatch URL --org ORG`: a dispatch package per module and SCORM version, carrying the
 * organisation's key from the LRS database (its newest not revoked, or a new one).
 */
async function buildDispatch(values: Record<string, unknown>, only: { only?: string[] }, formats: PackageFormatId[]): Promise<number> {
  const server = String(values.dispatch);
  const org = values.org as string | undefined;
  if (!/^https?:\/\/[^\s/]+/.test(server)) throw new Error(`--dispatch must be the server's address (https://…), not "${server}"`);
  if (!org) throw new Error('--dispatch needs --org: the partner organisation whose LMS takes the packages');
  const { loadCheckedCourses } = await packaging();
  const { buildDispatchPackages } = await import('../packaging/dispatch/dispatch-package.ts');
  const { createDispatchKey, dispatchKeyFor } = await import('../lrs/dispatch/keys.ts');
  const { lrsOptions } = await import('../lrs/config.ts');
  const { openBackend } = await import('../lrs/storage/open.ts');
  const courses = loadCheckedCourses(root, only).map((c) => c.course!);
  const backend = await openBackend(lrsOptions(root, values as Record<string, string | undefined>).databaseUrl);
  let key;
  try {
    key = values['new-key'] ? await createDispatchKey(backend, org, String(values.label ?? '')) : await dispatchKeyFor(backend, org, String(values.label ?? ''));
  } finally {
    await backend.close();
  }
  const chosen = formats.filter((f): f is 'scorm12' | 'scorm2004' => f === 'scorm12' || f === 'scorm2004');
  const out = values.out ? resolve(String(values.out)) : resolve(root, 'dist/dispatch');
  console.log(`Dispatch packages for ${org} (key ${key.key.id}), playing from ${server}:`);
  const log = { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m) };
  const results = await buildDispatchPackages(courses, chosen.length ? chosen : ['scorm12', 'scorm2004'], out, { server, key: key.token, org }, log);
  console.log(`${results.length} package(s) in ${relative(root, out) || '.'}. Revoke them all with: npx inprocap lrs dispatch revoke ${key.key.id}`);
  return results.every((r) => r.validation.valid) ? 0 : 1;
}

/** --lrs-endpoint, --lrs-key, --lrs-secret and --org together turn on dual reporting. */
function reportingFrom(values: Record<string, unknown>): { report?: ReportingOptions } {
  const [endpoint, key, secret, org] = ['lrs-endpoint', 'lrs-key', 'lrs-secret', 'org'].map((k) => values[k] as string | undefined);
  if (!endpoint && !key && !secret) return {};
  if (!endpoint || !key || !secret || !org) throw new Error('dual reporting needs --lrs-endpoint, --lrs-key, --lrs-secret (a statements/write credential) and --org');
  return {
    report: {
      endpoint,
      key,
      secret,
      org,
      ...(typeof values['org-iri'] === 'string' ? { orgIri: values['org-iri'] } : {}),
      identified: values['identified-actors'] === true,
    },
  };
}

function lrsFlags(values: Record<string, unknown>): Record<string, string | undefined> {
  const flags: Record<string, string | undefined> = {};
  for (const name of ['lrs-port', 'host', 'database', 'cors-origins', 'log-level', 'body-limit', 'max-json-depth', 'rate-limit-credential', 'rate-limit-address', 'base-url', 'programme-modules', 'programme-sessions', 'default-xapi-version', 'org', 'scopes', 'label', 'learners', 'orgs', 'seed', 'days', 'username', 'role']) {
    if (typeof values[name] === 'string') flags[name] = values[name] as string;
  }
  return flags;
}

/** A fresh all-scopes credential for this run of `npm start`; the previous run's is revoked. */
async function demoCredential(backend: LrsBackend): Promise<{ key: string; secret: string }> {
  for (const old of await backend.listCredentials()) {
    if (old.label === DEMO_LABEL && !old.revoked) await backend.revokeCredential(old.key);
  }
  // Of the first demo organisation: a credential reads its own organisation's records only.
  const { credential, secret } = await createCredential(backend, SEED_ORGS[0]!, ['all'], DEMO_LABEL);
  return { key: credential.key, secret };
}

const DEMO_LABEL = 'demo (npm start)';

function parseFormats(list: string | undefined): PackageFormatId[] {
  if (!list) return [...PACKAGE_FORMATS];
  const formats = list.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !(PACKAGE_FORMATS as readonly string[]).includes(f));
  if (unknown.length) throw new Error(`unknown format ${unknown.join(', ')}: choose from ${PACKAGE_FORMATS.join(', ')}`);
  return formats as PackageFormatId[];
}

/** The reviewer's pages and source indexes (dist/review/): the LRS links the dashboard's findings to them. */
async function reviewPages(only: { only?: string[] }): Promise<void> {
  const { writeReviewPages } = await import('../packaging/review/review.ts');
  const pages = writeReviewPages(root, only, { info: () => {}, warn: (m) => console.warn(m) });
  console.log(`Wrote ${pages.length} reviewer's page${pages.length === 1 ? '' : 's'} with source indexes into dist/review (served by the LRS at /review/ to dashboard accounts).`);
}

async function reportSize(): Promise<number> {
  const { formatSizeReport, measureRuntime } = await sizes();
  const report = measureRuntime(resolve(root, 'dist/runtime'));
  console.log(`Runtime shipped in every package, and what one learner downloads of it:\n${formatSizeReport(report)}`);
  if (report.sessionGzipBytes > report.budgetBytes) {
    console.error(`One session's runtime is over its budget by ${report.sessionGzipBytes - report.budgetBytes} bytes.`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ContentError) {
      console.error(error.message);
    } else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      console.error(`The port is in use: choose another with --port or PORT=… (${error.message})`);
    } else if (error instanceof Error && !('code' in error)) {
      console.error(`Error: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  },
);

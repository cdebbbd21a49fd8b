/**
 * A small LMS for the browser tests: it unpacks a SCORM zip, serves it, and offers a launch page
 * where scorm-again (the LMS-side runtime many LMSs embed) provides the SCORM API and commits the
 * data model to this server, which keeps it per learner like an LMS database would. A relaunch
 * hands the kept data back to scorm-again, as an LMS does on the next attempt.
 */
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';

export type Standard = '12' | '2004';

export interface LmsRecord {
  /** The data model as the last successful commit sent it (scorm-again's JSON form). */
  cmi?: Record<string, unknown>;
  commits: number;
  failedCommits: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.json': 'application/json',
};

export async function startLms() {
  const packages = new Map<string, Record<string, Uint8Array>>();
  const records = new Map<string, LmsRecord>();
  let commitFailures = 0; // how many of the next commits answer 500
  const cmi5Tokens = new Map<string, string>(); // fetch-URL session → auth token, handed out once
  // The package exports no package.json; its CommonJS entry sits in dist/.
  const scormAgainDir = dirname(createRequire(import.meta.url).resolve('scorm-again'));

  const app = Fastify();
  await app.register(fastifyStatic, { root: scormAgainDir, prefix: '/scorm-again/' });

  app.get<{ Params: { name: string; '*': string } }>('/pkg/:name/*', async (request, reply) => {
    const file = packages.get(request.params.name)?.[request.params['*']];
    if (!file) return reply.code(404).send('not in the package');
    return reply.type(TYPES[extname(request.params['*'])] ?? 'application/octet-stream').send(Buffer.from(file));
  });

  // cmi5: the AU's fetch URL gives the session's LRS credential once (cmi5 8.2).
  app.post<{ Params: { session: string } }>('/cmi5/fetch/:session', async (request, reply) => {
    const token = cmi5Tokens.get(request.params.session);
    if (!token) return reply.code(400).send({ 'error-code': '1', 'error-text': 'this fetch URL was already used or never issued' });
    cmi5Tokens.delete(request.params.session);
    return { 'auth-token': token };
  });

  app.post<{ Querystring: { key: string } }>('/commit', async (request, reply) => {
    const record = records.get(request.query.key) ?? { commits: 0, failedCommits: 0 };
    records.set(request.query.key, record);
    if (commitFailures > 0) {
      commitFailures--;
      record.failedCommits++;
      return reply.code(500).send({ result: false, errorCode: 101 });
    }
    const body = typeof request.body === 'string' ? JSON.parse(request.body) : request.body;
    record.cmi = (body as { cmi?: Record<string, unknown> }).cmi ?? (body as Record<string, unknown>);
    record.commits++;
    return { result: true, errorCode: 0 };
  });
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.get<{ Querystring: { pkg: string; standard: Standard; key: string; learner: string; language?: string } }>('/launch', async (request, reply) => {
    const { pkg, standard, key, learner, language } = request.query;
    const kept = records.get(key)?.cmi;
    // Like an LMS, take the pass mark from the manifest.
    const manifest = new TextDecoder().decode(packages.get(pkg)?.['imsmanifest.xml'] ?? new Uint8Array());
    const mastery = /<adlcp:masteryscore>([\d.]+)</.exec(manifest)?.[1];
    const passing = /<imsss:minNormalizedMeasure>([\d.]+)</.exec(manifest)?.[1];
    const initial =
      kept ??
      (standard === '12'
        ? {
            core: { student_id: learner, student_name: 'Doe, Jane' },
            student_preference: language ? { language } : {},
            student_data: mastery ? { mastery_score: mastery } : {},
          }
        : {
            learner_id: learner,
            learner_name: 'Jane Doe',
            learner_preference: language ? { language } : {},
            ...(passing ? { scaled_passing_score: passing } : {}),
          });
    const apiClass = standard === '12' ? 'Scorm12API' : 'Scorm2004API';
    const global = standard === '12' ? 'API' : 'API_1484_11';
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title><link rel="icon" href="data:,">
<script src="/scorm-again/${standard === '12' ? 'scorm12' : 'scorm2004'}.js"></script>
<style>body{margin:0;font-family:sans-serif} header{padding:4px 8px;background:#eee} iframe{border:0;width:100%;height:500px;display:block}</style>
</head><body>
<header>Test LMS</header>
<script>
  window.${global} = new ${apiClass}({
    lmsCommitUrl: '/commit?key=${encodeURIComponent(key)}',
    autocommit: false,
    logLevel: 5,
    ${standard === '2004' ? "mastery_override: false," : ''}
  });
  window.${global}.loadFromJSON(${JSON.stringify(initial).replace(/</g, '\\u003c')});
</script>
<iframe id="sco" title="Module" src="/pkg/${encodeURIComponent(pkg)}/index.html"></iframe>
</body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });

  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    addPackage(name: string, zip: Uint8Array) {
      packages.set(name, unzipSync(zip));
    },
    record(key: string): LmsRecord | undefined {
      return records.get(key);
    },
    /** The next `count` commits fail with HTTP 500, as an LMS whose server is down. */
    failCommits(count: number) {
      commitFailures = count;
    },
    /** Issues a fetch URL that hands out `token` once. */
    cmi5FetchUrl(session: string, token: string): string {
      cmi5Tokens.set(session, token);
      return `${address}/cmi5/fetch/${session}`;
    },
    launchUrl(pkg: string, standard: Standard, key: string, learner = 'learner-1', language?: string) {
      return `${address}/launch?${new URLSearchParams({ pkg, standard, key, learner, ...(language ? { language } : {}) })}`;
    },
    close: () => app.close(),
  };
}

export function readZip(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

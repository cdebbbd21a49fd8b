/**
 * Limits a client can read: a body over the LRS's limit gets a 413 the client actually receives,
 * while it is still sending, over a real socket: with and without Content-Length, on a plain
 * and on a keep-alive connection (which stays usable), and at once, with no body sent, when the
 * client asks first (Expect: 100-continue).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, type TestLrs } from './client.ts';

const LIMIT = 1024 * 1024;
const TEN_MB = 10 * 1024 * 1024;

interface Answer {
  status: number;
  body: string;
  error?: string;
  reusedSocket: boolean;
  sentBytes: number;
}

/** Sends `size` bytes in 64 KB chunks and reads the answer, whatever happens to the writing. */
function send(url: string, auth: string, size: number, options: { agent?: http.Agent; chunked?: boolean; expectContinue?: boolean } = {}): Promise<Answer> {
  return new Promise((done) => {
    let sentBytes = 0;
    let writeError: string | undefined;
    const headers: Record<string, string> = { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' };
    if (!options.chunked) headers['content-length'] = String(size);
    if (options.expectContinue) headers.expect = '100-continue';
    const request = http.request(`${url}/xapi/statements`, { method: 'POST', headers, agent: options.agent ?? false });
    request.on('response', (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => done({ status: response.statusCode!, body, error: writeError, reusedSocket: request.reusedSocket, sentBytes }));
    });
    request.on('error', (error) => done({ status: 0, body: '', error: error.message, reusedSocket: false, sentBytes }));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sentBytes < size) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sentBytes));
        sentBytes += piece.length;
        if (!request.write(piece)) return void request.once('drain', pump);
      }
      request.end();
    };
    if (options.expectContinue) request.on('continue', pump);
    else pump();
  });
}

describe.each(TEST_DATABASES.filter((d) => d.name === 'sqlite').map((d) => [d.name, d] as const))('body limits on %s', (_name, database) => {
  let lrs: TestLrs;
  let url: string;
  let auth: string;
  beforeAll(async () => {
    lrs = await startTestLrs(database, { bodyLimit: LIMIT });
    url = await lrs.app.listen({ port: 0, host: '127.0.0.1' });
    auth = await lrs.auth(['all']);
  });
  afterAll(async () => lrs?.close());

  it('answers a 10 MB body with a 413 the client reads, with and without Content-Length', async () => {
    for (const chunked of [false, true]) {
      const answer = await send(url, auth, TEN_MB, { chunked });
      expect(answer.error, `chunked: ${chunked}`).toBeUndefined();
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).message).toMatch(chunked ? /too large|limit/i : /10485760 bytes; this LRS takes at most 1048576 bytes/);
    }
  });

  it('keeps a keep-alive connection usable after the 413', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(url, auth, TEN_MB, { agent });
      expect(first.status).toBe(413);
      const second = await send(url, auth, 2, { agent });
      expect(second.status).toBe(400); // two spaces are no statement: but the answer came on the same socket
      expect(second.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('answers Expect: 100-continue with the 413 before any of the body is sent', async () => {
    const answer = await send(url, auth, TEN_MB, { expectContinue: true });
    expect(answer.status).toBe(413);
    expect(answer.sentBytes).toBe(0);
  });

  it('still takes a body under the limit after Expect: 100-continue', async () => {
    const statement = JSON.stringify({ actor: { mbox: 'mailto:a@b.example' }, verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' }, object: { id: 'https://x.example/a' } });
    const answer = await new Promise<{ status: number; body: string }>((done, fail) => {
      const request = http.request(`${url}/xapi/statements`, {
        method: 'POST',
        headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(statement)), expect: '100-continue' },
      });
      request.on('continue', () => request.end(statement));
      request.on('response', (response) => {
        let body = '';
        response.on('data', (c) => (body += c));
        response.on('end', () => done({ status: response.statusCode!, body }));
      });
      request.on('error', fail);
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toHaveLength(1);
  });
});

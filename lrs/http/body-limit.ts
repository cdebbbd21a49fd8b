/**
 * Request bodies arrive as raw buffers (the routes parse them, see body.ts). Bodies too large to take: a 413 the client can read. A client that asks first (Expect:
 * 100-continue) is answered without sending the body; one that sends anyway has the rest read
 * and discarded (up to a bound) before the answer, so it reads the 413 instead of a reset.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './errors.ts';

/**
 * How much of an oversized body the LRS reads and discards before answering 413, so that a
 * client still sending reads the answer instead of a reset connection. Beyond it the connection
 * is closed after the answer (a client sending that much must cope with that).
 */
export const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Reads and discards the rest of a request body, up to `limit` bytes and 10 s; true when it all arrived. */
export function drainBody(raw: NodeJS.ReadableStream & { readableEnded?: boolean }, limit: number): Promise<boolean> {
  if (raw.readableEnded) return Promise.resolve(true);
  return new Promise((done) => {
    let read = 0;
    const timer = setTimeout(() => finish(false), 10_000);
    const finish = (all: boolean) => {
      clearTimeout(timer);
      raw.removeListener('data', onData);
      raw.removeListener('end', onEnd);
      raw.removeListener('error', onError);
      done(all);
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > limit) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('error', onError);
    raw.resume();
  });
}

export const bodyLimit = fp(async (app: FastifyInstance, { limit }: { limit: number }) => {
  // Bodies arrive raw: the LRS checks UTF-8, JSON syntax and depth itself, with clear messages.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  // A client that asks before sending (Expect: 100-continue) a body too large to take gets the
  // 413 without sending it.
  app.server.on('checkContinue', (req, res) => {
    if (Number(req.headers['content-length']) <= limit) res.writeContinue();
    app.server.emit('request', req, res);
  });

  // Too large to take: answered at once, before the body is read (see the error handler).
  app.addHook('onRequest', async (request) => {
    const length = Number(request.headers['content-length']);
    if (length > limit) throw new HttpError(413, `the request body is ${length} bytes; this LRS takes at most ${limit} bytes per request`);
  });
}, { name: 'body-limit' });

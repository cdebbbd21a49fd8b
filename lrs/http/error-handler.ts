/**
 * One error handler for the whole server: every error becomes `{ error, message }` with its
 * status; a database that is gone or full is a 503 with Retry-After; anything unexpected is a
 * 500 that says nothing of the inside (and is logged). Unknown routes are a 404 that names them.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { drainBody, DRAIN_LIMIT } from './body-limit.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';

/** Errors that mean the database is gone, unreachable, full or busy: the LRS answers 503 and recovers when it returns. */
const UNAVAILABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND',
  // PostgreSQL: connection exceptions (08), shutdown (57P0x), insufficient resources (53)
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53100', '53200', '53300',
  // SQLite
  'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_LOCKED',
]);

function databaseUnavailable(error: Error & { code?: string }): boolean {
  return (
    (error.code !== undefined && (UNAVAILABLE.has(error.code) || /^SQLITE_(IOERR|FULL|BUSY)/.test(error.code))) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message)
  );
}

export const errorHandler = fp(async (app: FastifyInstance, { bodyLimit }: { bodyLimit: number }) => {
  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    // An answer before the whole body arrived (too large, no version, ...): the rest of the body
    // is read and discarded first, so a client still sending reads the answer rather than a reset
    // connection, and a keep-alive connection stays usable. Not when the client was told not to
    // send it (Expect: 100-continue, no 100 given).
    const toldNotToSend = String(request.headers.expect ?? '').toLowerCase() === '100-continue' && Number(request.headers['content-length']) > bodyLimit;
    if (!request.raw.readableEnded && (toldNotToSend || !(await drainBody(request.raw, DRAIN_LIMIT)))) reply.header('connection', 'close');
    const unavailable = databaseUnavailable(error);
    if (unavailable) reply.header('Retry-After', '5');
    const status =
      unavailable ? 503
      : error instanceof ValidationError ? 400
      : error instanceof ConflictError ? 409
      : error instanceof NotFoundError ? 404
      : error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode
      : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 413
      // PostgreSQL's "program limit exceeded": an identifier too long for an index entry. The
      // transaction has rolled back, so nothing of the request is stored.
      : error.code === '54000' ? 400
      : 500;
    if (status === 500) request.log.error(error, 'unexpected error');
    if (unavailable) request.log.warn({ code: error.code }, 'database unavailable');
    // The Basic challenge is for xAPI clients; on the dashboard's API it would make browsers
    // open their own password dialog instead of letting the app show its sign-in form.
    if (status === 401 && request.url.startsWith('/xapi/')) reply.header('WWW-Authenticate', 'Basic realm="INPROCAP LRS"');
    const message =
      status === 500 ? 'internal error'
      : unavailable ? 'the database is not answering right now: nothing of this request was stored; try again shortly'
      : error.code === '54000' ? 'an identifier in the request (an IRI, account name or document id) is too long to store: keep identifiers under about 2,000 characters'
      : error.message;
    return reply.code(status).send({ error: status, message });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 404, message: `no resource at ${request.method} ${request.url.split('?')[0]}` });
  });
}, { name: 'error-handler' });

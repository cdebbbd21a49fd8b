/**
 * The errors a route throws, each with the status it answers with; the error handler
 * (http/error-handler.ts) turns them into the JSON answer. One home for all of them.
 */

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Input that breaks a rule: the path of the offending field and the rule, answered as a 400. */
export class ValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly path: string,
    readonly rule: string,
  ) {
    super(`${path}: ${rule}`);
    this.name = 'ValidationError';
  }
}

export class ConflictError extends Error {
  readonly statusCode = 409;
}

export class NotFoundError extends Error {
  readonly statusCode = 404;
}

export class ForbiddenError extends Error {
  readonly statusCode = 403;
}


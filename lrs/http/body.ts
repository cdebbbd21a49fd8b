/** Request bodies and parameters as the LRS reads them, and JSON answers. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from './errors.ts';

/** Parses a JSON body: valid UTF-8, valid JSON, nesting within the limit. */
export function parseJsonBody(body: unknown, maxDepth: number, what = 'body'): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new ValidationError(what, 'is empty: a JSON document is required');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ValidationError(what, 'is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(what, `is not valid JSON (${error instanceof Error ? error.message : 'syntax error'})`);
  }
  if (depthOf(value) > maxDepth) throw new ValidationError(what, `nests deeper than ${maxDepth} levels`);
  return value;
}

function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v && typeof v === 'object') {
      max = Math.max(max, depth);
      for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return max;
}

/** Query parameters as single strings; a repeated parameter is a 400. */
export function singleParams(request: FastifyRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) throw new ValidationError(key, 'is given more than once');
    // NUL is no character any identifier may hold (and PostgreSQL text refuses it).
    if (String(value).includes('\u0000') || key.includes('\u0000')) throw new ValidationError(key, 'must not contain the NUL character');
    params[key] = String(value);
  }
  return params;
}

export function sendJson(reply: FastifyReply, status: number, value: unknown): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(value));
}

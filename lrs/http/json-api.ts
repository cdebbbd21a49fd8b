/**
 * The dashboard API's JSON: within a plugin that registers this, `application/json` bodies are
 * parsed (valid UTF-8, shallow) so that routes can declare JSON schemas for their bodies and
 * parameters, and a schema's complaint reads like the rest of the LRS's errors:
 * `"role" must be one of admin, control-group, trainer`. (The xAPI resources keep their raw
 * bodies and hand-written rules, whose messages the standard's tests read.)
 */
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import { parseJsonBody } from './body.ts';

/** The rule a string pattern stands for, as the error says it: filled by `patterned`. */
const PATTERN_RULES = new Map<string, string>();

/** A string schema with a pattern whose complaint reads as `rule` ("a language code such as \"fr\""). */
export function patterned(pattern: RegExp, rule: string, maxLength = 500) {
  PATTERN_RULES.set(pattern.source, rule);
  return { type: 'string', pattern: pattern.source, maxLength } as const;
}

/** How a `format` failure is said. */
const FORMAT_RULES: Record<string, string> = { date: 'a date as YYYY-MM-DD', email: 'an e-mail address' };

/** Fastify's `schemaErrorFormatter`: the first complaint, named by its field. */
export function schemaError(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const [first] = errors;
  if (!first) return new Error(`${dataVar} is not valid`);
  const params = first.params as Record<string, unknown>;
  const field = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const name = field ? `"${field}"` : dataVar;
  const message =
    first.keyword === 'required' ? `"${String(params.missingProperty)}" is required`
    : first.keyword === 'additionalProperties' && dataVar === 'querystring' ? `unknown parameter "${String(params.additionalProperty)}"`
    : first.keyword === 'additionalProperties' ? `"${String(params.additionalProperty)}" is not a field of this ${dataVar}`
    : first.keyword === 'enum' ? `${name} must be one of ${(params.allowedValues as unknown[]).join(', ')}`
    : first.keyword === 'type' && dataVar === 'querystring' ? `${name} must be given once`
    : first.keyword === 'type' ? `${name} must be ${params.type === 'array' ? 'a list' : `a ${String(params.type)}`}`
    : first.keyword === 'minLength' && params.limit === 1 ? `${name} must not be empty`
    : first.keyword === 'maxLength' ? `${name} is longer than ${String(params.limit)} characters`
    : first.keyword === 'minItems' ? `${name} must list at least ${String(params.limit)}`
    : first.keyword === 'uniqueItems' ? `${name} lists an item twice`
    : first.keyword === 'pattern' ? `${name} must be ${PATTERN_RULES.get(String(params.pattern)) ?? `like ${String(params.pattern)}`}`
    : first.keyword === 'format' ? `${name} must be ${FORMAT_RULES[String(params.format)] ?? `a ${String(params.format)}`}`
    : `${name} ${first.message ?? 'is not valid'}`;
  return new Error(message);
}

export const jsonApi = fp(async (app: FastifyInstance) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body, 4));
    } catch (error) {
      done(error as Error);
    }
  });
}, { name: 'json-api' });

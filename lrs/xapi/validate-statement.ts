/**
 * Statement validation by the xAPI specification (1.0.3, and 2.0 where it differs). Every rule
 * failure names the field and the rule, e.g. `statement.actor.mbox: must be a "mailto:" IRI`.
 * Nothing here touches storage: the commands call it before anything is written.
 */
import { ValidationError } from '../http/errors.ts';
import type { XapiVersion } from '../http/xapi-version.ts';
import { isIri, isIrl, isLanguageTag, isIsoDuration, isIsoTimestamp, isMboxSha1, isUuid } from './formats.ts';

type Json = Record<string, unknown>;

const fail = (path: string, rule: string): never => {
  throw new ValidationError(path, rule);
};

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectObject(value: unknown, path: string): Json {
  if (!isObject(value)) fail(path, 'must be a JSON object');
  return value as Json;
}

function allowOnly(value: Json, path: string, keys: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) fail(`${path}.${key}`, `is not a property of ${path.split('.').pop()} (allowed: ${keys.join(', ')})`);
    if (value[key] === null) fail(`${path}.${key}`, 'must not be null: leave the property out instead');
  }
}

function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'must be a string');
  return value as string;
}

function expectIri(value: unknown, path: string): void {
  if (!isIri(expectString(value, path))) fail(path, 'must be an absolute IRI with a scheme and no spaces');
}

function expectBoolean(value: unknown, path: string): void {
  if (typeof value !== 'boolean') fail(path, 'must be true or false');
}

function expectUuid(value: unknown, path: string): void {
  if (!isUuid(expectString(value, path))) fail(path, 'must be a UUID in its canonical form (8-4-4-4-12 hexadecimal digits)');
}

export function validateLanguageMap(value: unknown, path: string): void {
  const map = expectObject(value, path);
  for (const [tag, text] of Object.entries(map)) {
    if (!isLanguageTag(tag)) fail(`${path}.${tag}`, 'is not an RFC 5646 language tag');
    if (typeof text !== 'string') fail(`${path}.${tag}`, 'must be a string');
  }
}

export function validateExtensions(value: unknown, path: string): void {
  const map = expectObject(value, path);
  for (const key of Object.keys(map)) if (!isIri(key)) fail(`${path}.${key}`, 'extension keys must be absolute IRIs');
}

// ---------------------------------------------------------------------------------------------
// Actors

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function validateIfi(actor: Json, path: string): number {
  let count = 0;
  if (actor.mbox !== undefined) {
    count++;
    const mbox = expectString(actor.mbox, `${path}.mbox`);
    // eslint-disable-next-line no-control-regex
    if (!/^mailto:[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+$/i.test(mbox)) fail(`${path}.mbox`, 'must be a "mailto:" IRI with an e-mail address');
  }
  if (actor.mbox_sha1sum !== undefined) {
    count++;
    if (!isMboxSha1(expectString(actor.mbox_sha1sum, `${path}.mbox_sha1sum`))) fail(`${path}.mbox_sha1sum`, 'must be 40 hexadecimal digits (a SHA-1 of the mailto IRI)');
  }
  if (actor.openid !== undefined) {
    count++;
    expectIri(actor.openid, `${path}.openid`);
  }
  if (actor.account !== undefined) {
    count++;
    const account = expectObject(actor.account, `${path}.account`);
    allowOnly(account, `${path}.account`, ['homePage', 'name']);
    if (account.homePage === undefined) fail(`${path}.account.homePage`, 'is required');
    if (!isIrl(expectString(account.homePage, `${path}.account.homePage`))) fail(`${path}.account.homePage`, 'must be an absolute IRL');
    if (account.name === undefined) fail(`${path}.account.name`, 'is required');
    if (expectString(account.name, `${path}.account.name`).includes('\u0000')) fail(`${path}.account.name`, 'must not contain the NUL character');
  }
  return count;
}

export function validateAgent(value: unknown, path: string): void {
  const agent = expectObject(value, path);
  allowOnly(agent, path, ['objectType', 'name', ...IFIS]);
  if (agent.objectType !== undefined && agent.objectType !== 'Agent') fail(`${path}.objectType`, 'must be "Agent"');
  if (agent.name !== undefined) expectString(agent.name, `${path}.name`);
  const ifis = validateIfi(agent, path);
  if (ifis !== 1) fail(path, `an Agent must have exactly one of ${IFIS.join(', ')} (has ${ifis})`);
}

export function validateGroup(value: unknown, path: string): void {
  const group = expectObject(value, path);
  allowOnly(group, path, ['objectType', 'name', 'member', ...IFIS]);
  if (group.objectType !== 'Group') fail(`${path}.objectType`, 'must be "Group"');
  if (group.name !== undefined) expectString(group.name, `${path}.name`);
  const ifis = validateIfi(group, path);
  if (ifis > 1) fail(path, `a Group has at most one of ${IFIS.join(', ')} (has ${ifis})`);
  if (group.member !== undefined) {
    if (!Array.isArray(group.member)) fail(`${path}.member`, 'must be an array of Agents');
    (group.member as unknown[]).forEach((m, i) => {
      if (isObject(m) && m.objectType === 'Group') fail(`${path}.member[${i}]`, 'a Group cannot contain a Group');
      validateAgent(m, `${path}.member[${i}]`);
    });
  }
  if (ifis === 0 && (!Array.isArray(group.member) || group.member.length === 0)) {
    fail(`${path}.member`, 'an anonymous Group (no identifier) must list its members');
  }
}

export function validateActor(value: unknown, path: string): void {
  const actor = expectObject(value, path);
  if (actor.objectType === 'Group') validateGroup(actor, path);
  else validateAgent(actor, path);
}

// ---------------------------------------------------------------------------------------------
// Verb, activity, objects

function validateVerb(value: unknown, path: string): void {
  const verb = expectObject(value, path);
  allowOnly(verb, path, ['id', 'display']);
  if (verb.id === undefined) fail(`${path}.id`, 'is required');
  expectIri(verb.id, `${path}.id`);
  if (verb.display !== undefined) validateLanguageMap(verb.display, `${path}.display`);
}

const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];
const COMPONENT_LISTS: Record<string, string[]> = {
  choice: ['choices'],
  sequencing: ['choices'],
  likert: ['scale'],
  matching: ['source', 'target'],
  performance: ['steps'],
};

export function validateActivityDefinition(value: unknown, path: string): void {
  const def = expectObject(value, path);
  allowOnly(def, path, ['name', 'description', 'type', 'moreInfo', 'interactionType', 'correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps', 'extensions']);
  if (def.name !== undefined) validateLanguageMap(def.name, `${path}.name`);
  if (def.description !== undefined) validateLanguageMap(def.description, `${path}.description`);
  if (def.type !== undefined) expectIri(def.type, `${path}.type`);
  if (def.moreInfo !== undefined && !isIrl(expectString(def.moreInfo, `${path}.moreInfo`))) fail(`${path}.moreInfo`, 'must be an absolute IRL');
  if (def.extensions !== undefined) validateExtensions(def.extensions, `${path}.extensions`);
  const lists = ['choices', 'scale', 'source', 'target', 'steps'];
  if (def.interactionType !== undefined) {
    const type = expectString(def.interactionType, `${path}.interactionType`);
    if (!INTERACTION_TYPES.includes(type)) fail(`${path}.interactionType`, `must be one of ${INTERACTION_TYPES.join(', ')}`);
    for (const list of lists) {
      if (def[list] !== undefined && !(COMPONENT_LISTS[type] ?? []).includes(list)) fail(`${path}.${list}`, `is not used by interactionType "${type}"`);
    }
  } else {
    for (const key of ['correctResponsesPattern', ...lists]) if (def[key] !== undefined) fail(`${path}.${key}`, 'requires an interactionType');
  }
  if (def.correctResponsesPattern !== undefined) {
    if (!Array.isArray(def.correctResponsesPattern)) fail(`${path}.correctResponsesPattern`, 'must be an array of strings');
    (def.correctResponsesPattern as unknown[]).forEach((p, i) => expectString(p, `${path}.correctResponsesPattern[${i}]`));
  }
  for (const list of lists) {
    if (def[list] === undefined) continue;
    if (!Array.isArray(def[list])) fail(`${path}.${list}`, 'must be an array of interaction components');
    const ids = new Set<string>();
    (def[list] as unknown[]).forEach((c, i) => {
      const component = expectObject(c, `${path}.${list}[${i}]`);
      allowOnly(component, `${path}.${list}[${i}]`, ['id', 'description']);
      const id = expectString(component.id, `${path}.${list}[${i}].id`);
      if (!id || /\s/.test(id)) fail(`${path}.${list}[${i}].id`, 'must be a non-empty identifier without spaces');
      if (ids.has(id)) fail(`${path}.${list}[${i}].id`, `"${id}" is used twice in ${list}`);
      ids.add(id);
      if (component.description !== undefined) validateLanguageMap(component.description, `${path}.${list}[${i}].description`);
    });
  }
}

export function validateActivity(value: unknown, path: string): void {
  const activity = expectObject(value, path);
  allowOnly(activity, path, ['objectType', 'id', 'definition']);
  if (activity.objectType !== undefined && activity.objectType !== 'Activity') fail(`${path}.objectType`, 'must be "Activity"');
  if (activity.id === undefined) fail(`${path}.id`, 'is required');
  expectIri(activity.id, `${path}.id`);
  if (activity.definition !== undefined) validateActivityDefinition(activity.definition, `${path}.definition`);
}

function validateStatementRef(value: unknown, path: string): void {
  const ref = expectObject(value, path);
  allowOnly(ref, path, ['objectType', 'id']);
  if (ref.objectType !== 'StatementRef') fail(`${path}.objectType`, 'must be "StatementRef"');
  if (ref.id === undefined) fail(`${path}.id`, 'is required');
  expectUuid(ref.id, `${path}.id`);
}

function validateObject(value: unknown, path: string, version: XapiVersion, inSubStatement: boolean): void {
  const object = expectObject(value, path);
  switch (object.objectType) {
    case undefined:
    case 'Activity':
      return validateActivity(object, path);
    case 'Agent':
      return validateAgent(object, path);
    case 'Group':
      return validateGroup(object, path);
    case 'StatementRef':
      return validateStatementRef(object, path);
    case 'SubStatement':
      if (inSubStatement) fail(`${path}.objectType`, 'a SubStatement cannot contain a SubStatement');
      return validateSubStatement(object, path, version);
    default:
      return fail(`${path}.objectType`, 'must be Activity, Agent, Group, SubStatement or StatementRef');
  }
}

// ---------------------------------------------------------------------------------------------
// Result, context, attachments

function validateResult(value: unknown, path: string): void {
  const result = expectObject(value, path);
  allowOnly(result, path, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
  if (result.score !== undefined) {
    const score = expectObject(result.score, `${path}.score`);
    allowOnly(score, `${path}.score`, ['scaled', 'raw', 'min', 'max']);
    for (const key of ['scaled', 'raw', 'min', 'max']) {
      if (score[key] !== undefined && (typeof score[key] !== 'number' || !Number.isFinite(score[key]))) fail(`${path}.score.${key}`, 'must be a number');
    }
    const { scaled, raw, min, max } = score as Record<string, number | undefined>;
    if (scaled !== undefined && (scaled < -1 || scaled > 1)) fail(`${path}.score.scaled`, 'must lie between -1 and 1');
    if (min !== undefined && max !== undefined && min > max) fail(`${path}.score.min`, 'must not exceed score.max');
    if (raw !== undefined && min !== undefined && raw < min) fail(`${path}.score.raw`, 'must not be below score.min');
    if (raw !== undefined && max !== undefined && raw > max) fail(`${path}.score.raw`, 'must not exceed score.max');
  }
  if (result.success !== undefined) expectBoolean(result.success, `${path}.success`);
  if (result.completion !== undefined) expectBoolean(result.completion, `${path}.completion`);
  if (result.response !== undefined) expectString(result.response, `${path}.response`);
  if (result.duration !== undefined && !isIsoDuration(expectString(result.duration, `${path}.duration`))) fail(`${path}.duration`, 'must be an ISO 8601 duration such as PT1H30M');
  if (result.extensions !== undefined) validateExtensions(result.extensions, `${path}.extensions`);
}

function validateContextActivities(value: unknown, path: string): void {
  const ca = expectObject(value, path);
  allowOnly(ca, path, ['parent', 'grouping', 'category', 'other']);
  for (const [key, list] of Object.entries(ca)) {
    const activities = Array.isArray(list) ? list : [list];
    activities.forEach((a, i) => validateActivity(a, Array.isArray(list) ? `${path}.${key}[${i}]` : `${path}.${key}`));
  }
}

function validateContext(value: unknown, path: string, version: XapiVersion, objectIsNotActivity: boolean): void {
  const context = expectObject(value, path);
  const keys = ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions'];
  allowOnly(context, path, version === '2.0' ? [...keys, 'contextAgents', 'contextGroups'] : keys);
  if (context.registration !== undefined) expectUuid(context.registration, `${path}.registration`);
  if (context.instructor !== undefined) validateActor(context.instructor, `${path}.instructor`);
  if (context.team !== undefined) validateGroup(context.team, `${path}.team`);
  if (context.contextActivities !== undefined) validateContextActivities(context.contextActivities, `${path}.contextActivities`);
  for (const key of ['revision', 'platform'] as const) {
    if (context[key] === undefined) continue;
    expectString(context[key], `${path}.${key}`);
    if (objectIsNotActivity) fail(`${path}.${key}`, 'is only allowed when the object is an Activity');
  }
  if (context.language !== undefined && !isLanguageTag(expectString(context.language, `${path}.language`))) fail(`${path}.language`, 'must be an RFC 5646 language tag');
  if (context.statement !== undefined) validateStatementRef(context.statement, `${path}.statement`);
  if (context.extensions !== undefined) validateExtensions(context.extensions, `${path}.extensions`);
  if (context.contextAgents !== undefined) {
    if (!Array.isArray(context.contextAgents)) fail(`${path}.contextAgents`, 'must be an array');
    (context.contextAgents as unknown[]).forEach((c, i) => {
      const entry = expectObject(c, `${path}.contextAgents[${i}]`);
      allowOnly(entry, `${path}.contextAgents[${i}]`, ['objectType', 'agent', 'relevantTypes']);
      if (entry.objectType !== 'contextAgent') fail(`${path}.contextAgents[${i}].objectType`, 'must be "contextAgent"');
      validateAgent(entry.agent, `${path}.contextAgents[${i}].agent`);
      validateRelevantTypes(entry.relevantTypes, `${path}.contextAgents[${i}].relevantTypes`);
    });
  }
  if (context.contextGroups !== undefined) {
    if (!Array.isArray(context.contextGroups)) fail(`${path}.contextGroups`, 'must be an array');
    (context.contextGroups as unknown[]).forEach((c, i) => {
      const entry = expectObject(c, `${path}.contextGroups[${i}]`);
      allowOnly(entry, `${path}.contextGroups[${i}]`, ['objectType', 'group', 'relevantTypes']);
      if (entry.objectType !== 'contextGroup') fail(`${path}.contextGroups[${i}].objectType`, 'must be "contextGroup"');
      validateGroup(entry.group, `${path}.contextGroups[${i}].group`);
      validateRelevantTypes(entry.relevantTypes, `${path}.contextGroups[${i}].relevantTypes`);
    });
  }
}

function validateRelevantTypes(value: unknown, path: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0) fail(path, 'must be a non-empty array of IRIs');
  (value as unknown[]).forEach((t, i) => expectIri(t, `${path}[${i}]`));
}

function validateAttachments(value: unknown, path: string): void {
  if (!Array.isArray(value)) fail(path, 'must be an array of attachments');
  (value as unknown[]).forEach((a, i) => {
    const p = `${path}[${i}]`;
    const attachment = expectObject(a, p);
    allowOnly(attachment, p, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl']);
    for (const key of ['usageType', 'display', 'contentType', 'length', 'sha2']) if (attachment[key] === undefined) fail(`${p}.${key}`, 'is required');
    expectIri(attachment.usageType, `${p}.usageType`);
    validateLanguageMap(attachment.display, `${p}.display`);
    if (attachment.description !== undefined) validateLanguageMap(attachment.description, `${p}.description`);
    if (!/^[\w.+-]+\/[\w.+-]+/.test(expectString(attachment.contentType, `${p}.contentType`))) fail(`${p}.contentType`, 'must be an Internet Media Type');
    if (!Number.isInteger(attachment.length) || (attachment.length as number) < 0) fail(`${p}.length`, 'must be a whole number of octets');
    if (!/^[0-9a-f]{64}([0-9a-f]{32})?([0-9a-f]{32})?$/i.test(expectString(attachment.sha2, `${p}.sha2`))) fail(`${p}.sha2`, 'must be a SHA-2 hash in hexadecimal');
    if (attachment.fileUrl !== undefined && !isIrl(expectString(attachment.fileUrl, `${p}.fileUrl`))) fail(`${p}.fileUrl`, 'must be an absolute IRL');
  });
}

// ---------------------------------------------------------------------------------------------
// Statements

function validateTimestamp(value: unknown, path: string): void {
  const text = expectString(value, path);
  if (!isIsoTimestamp(text)) fail(path, 'must be an ISO 8601 date and time with a time zone, and a date that exists');
  // RFC 3339 gives "-00:00" the meaning "offset unknown", which xAPI does not allow.
  if (/-00(:?00)?$/.test(text)) fail(path, 'must not use the offset -00 (write Z or +00:00 for UTC)');
}

function validateCore(statement: Json, path: string, version: XapiVersion, inSubStatement: boolean): void {
  if (statement.actor === undefined) fail(`${path}.actor`, 'is required');
  validateActor(statement.actor, `${path}.actor`);
  if (statement.verb === undefined) fail(`${path}.verb`, 'is required');
  validateVerb(statement.verb, `${path}.verb`);
  if (statement.object === undefined) fail(`${path}.object`, 'is required');
  validateObject(statement.object, `${path}.object`, version, inSubStatement);
  if (statement.result !== undefined) validateResult(statement.result, `${path}.result`);
  const objectType = (statement.object as Json).objectType;
  if (statement.context !== undefined) validateContext(statement.context, `${path}.context`, version, objectType !== undefined && objectType !== 'Activity');
  if (statement.timestamp !== undefined) validateTimestamp(statement.timestamp, `${path}.timestamp`);
  if (statement.attachments !== undefined) validateAttachments(statement.attachments, `${path}.attachments`);
}

function validateSubStatement(value: Json, path: string, version: XapiVersion): void {
  allowOnly(value, path, ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments']);
  validateCore(value, path, version, true);
}

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

/** Validates one statement as a client sent it. Throws a {@link ValidationError}. */
export function validateStatement(value: unknown, version: XapiVersion, path = 'statement'): void {
  const statement = expectObject(value, path);
  allowOnly(statement, path, ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments']);
  if (statement.id !== undefined) expectUuid(statement.id, `${path}.id`);
  validateCore(statement, path, version, false);
  if (statement.stored !== undefined) validateTimestamp(statement.stored, `${path}.stored`);
  if (statement.authority !== undefined) {
    validateActor(statement.authority, `${path}.authority`);
    const authority = statement.authority as Json;
    if (authority.objectType === 'Group') {
      if (IFIS.some((ifi) => authority[ifi] !== undefined)) fail(`${path}.authority`, 'a Group authority must be anonymous (an OAuth consumer and a user, no identifier)');
      if (!Array.isArray(authority.member) || authority.member.length !== 2) fail(`${path}.authority`, 'a Group authority must have exactly two members (an OAuth consumer and a user)');
    }
  }
  if (statement.version !== undefined) {
    const v = expectString(statement.version, `${path}.version`);
    if (!/^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/.test(v)) fail(`${path}.version`, 'must be a 1.0.x or 2.0.x version');
  }
  if ((statement.verb as Json).id === VOIDED_VERB) {
    const object = statement.object as Json;
    if (object.objectType !== 'StatementRef') fail(`${path}.object`, 'a voiding statement must have a StatementRef as its object');
  }
}

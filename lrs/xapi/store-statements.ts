/**
 * Storing statements (the command side): a batch whole or not at all, ids, stored, authority and
 * version set by the LRS, conflicts and no-ops on re-sent ids, voiding, attachments, and the
 * learning fact of each statement.
 */
import { randomUUID } from 'node:crypto';
import type { TenantStore } from '../storage/backend.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../http/errors.ts';
import { matchAttachments, requireNoInlineAttachments } from './attachments.ts';
import { canonicalJson } from './canonical-json.ts';
import { nowIso } from './formats.ts';
import type { Part } from './multipart.ts';
import { agentKey, indexStatement } from '../../core/xapi/identity.ts';
import { learningFact } from '../../core/xapi/learning-facts.ts';
import { mergeDefinitions } from '../../core/xapi/definitions.ts';
import type { XapiVersion } from '../http/xapi-version.ts';
import { validateStatement, VOIDED_VERB } from './validate-statement.ts';

type Json = Record<string, any>;

/** Who is writing: the credential's key and the authority the LRS records (the organisation is the store's). */
export interface Writer {
  credentialKey: string;
  authority: Json;
  /** The one learner (agent key) the credential writes as, when it is bound to one (a launch's). */
  agent?: string | null;
}

/**
 * The statement as the client meant it, for deciding whether a re-sent id carries the same
 * statement: without what the LRS adds (stored, authority, version, a timestamp it filled in),
 * keys in canonical order. Computed only when an id is already stored, so ingest does not pay it.
 */
function clientView(statement: Json, filledTimestamp: boolean): string {
  const { stored: _s, authority: _a, version: _v, ...rest } = statement;
  if (filledTimestamp) delete rest.timestamp;
  return canonicalJson({ ...rest, id: String(rest.id).toLowerCase() });
}

/** Single context activities become one-element arrays, as the specification stores them. */
function normaliseStatement(statement: Json): Json {
  const out: Json = { ...statement };
  const activities = statement.context?.contextActivities as Json | undefined;
  if (activities) {
    out.context = {
      ...statement.context,
      contextActivities: Object.fromEntries(Object.entries(activities).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])),
    };
  }
  if (statement.object?.objectType === 'SubStatement') out.object = normaliseStatement(statement.object);
  return out;
}

/** Per organisation's store: activity definitions (as sent) this process knows to be contained in what is stored. */
const knownDefinitions = new WeakMap<TenantStore, Map<string, string>>();
const REMEMBERED_DEFINITIONS = 10_000;

function rememberDefinition(known: Map<string, string>, id: string, definition: string): void {
  if (known.size >= REMEMBERED_DEFINITIONS) known.delete(known.keys().next().value!);
  known.set(id, definition);
}

/**
 * Stores statements (validated first, all of them). Returns their ids in order.
 * A re-sent id with identical content is a no-op; with different content a 409 and nothing stored.
 */
export async function storeStatements(store: TenantStore, input: unknown[], version: XapiVersion, writer: Writer, parts?: Part[]): Promise<string[]> {
  if (input.length === 0) throw new ValidationError('statements', 'the batch is empty');
  input.forEach((s, i) => validateStatement(s, version, input.length > 1 ? `statements[${i}]` : 'statement'));
  if (writer.agent) {
    const other = (input as Json[]).findIndex((s) => agentKey(s.actor) !== writer.agent);
    if (other >= 0) throw new ForbiddenError(`${input.length > 1 ? `statements[${other}]` : 'statement'}: this credential writes statements of its own learner only`);
  }
  // Attachment contents come as multipart parts; a JSON request may only point at files (fileUrl).
  const attachments = parts ? matchAttachments(input as Json[], parts) : (requireNoInlineAttachments(input as Json[]), []);
  const stored = nowIso();
  const seen = new Set<string>();
  const prepared = (input as Json[]).map(normaliseStatement).map((statement, i) => {
    const id = String(statement.id ?? randomUUID()).toLowerCase();
    if (seen.has(id)) throw new ValidationError(`statements[${i}].id`, `"${id}" appears more than once in the batch`);
    seen.add(id);
    const body: Json = {
      ...statement,
      id,
      timestamp: statement.timestamp ?? stored,
      stored,
      authority: writer.authority,
      version: statement.version ?? (version === '2.0' ? '2.0.0' : '1.0.0'),
    };
    return { id, body, statement };
  });

  let storedDefinitions = knownDefinitions.get(store);
  if (!storedDefinitions) knownDefinitions.set(store, (storedDefinitions = new Map()));
  return store.transaction(async (tx) => {
    const existing = new Map((await tx.findStatements(prepared.map((p) => p.id))).map((s) => [s.id, s]));
    const fresh = prepared.filter((p) => {
      const known = existing.get(p.id);
      if (!known) return true;
      const storedBody = JSON.parse(known.body) as Json;
      const same = clientView(storedBody, storedBody.timestamp === storedBody.stored) === clientView({ ...p.statement, id: p.id }, false);
      if (!same) throw new ConflictError(`statement ${p.id} already exists with different content`);
      return false; // identical: already stored
    });

    // Voiding: the target must not be a voiding statement; it may arrive later, or not at all.
    // Only an organisation's own statements can be voided by it: a target that another
    // organisation holds (and this one does not) is refused, and nothing of the batch is stored.
    const voidingTargets = fresh.filter((p) => p.body.verb.id === VOIDED_VERB).map((p) => String(p.body.object.id).toLowerCase());
    if (voidingTargets.length) {
      const targets = await tx.findStatements(voidingTargets);
      const inBatch = new Map(fresh.map((p) => [p.id, p]));
      for (const target of voidingTargets) {
        const stored = targets.find((t) => t.id === target);
        if (stored?.voiding || inBatch.get(target)?.body.verb.id === VOIDED_VERB) {
          throw new ValidationError('statement.object.id', `statement ${target} is itself a voiding statement and cannot be voided`);
        }
      }
      const unknown = voidingTargets.filter((t) => !inBatch.has(t) && !targets.some((s) => s.id === t));
      const foreign = await tx.heldElsewhere(unknown);
      if (foreign.length) throw new ForbiddenError(`statement ${foreign[0]} is another organisation's: only the organisation that stored a statement can void it`);
    }

    await tx.insertStatements(
      fresh.map(({ id, body }) => {
        const object = body.object as Json;
        const index = indexStatement(body);
        return {
          id,
          stored,
          verbId: body.verb.id,
          objectActivityId: (object.objectType ?? 'Activity') === 'Activity' ? object.id : null,
          objectStatementId: object.objectType === 'StatementRef' ? String(object.id).toLowerCase() : null,
          registration: body.context?.registration ? String(body.context.registration).toLowerCase() : null,
          voiding: body.verb.id === VOIDED_VERB,
          credentialKey: writer.credentialKey,
          body: JSON.stringify(body),
          agents: index.agents,
          activities: index.activities,
          fact: body.verb.id === VOIDED_VERB ? undefined : learningFact(body, tx.org),
        };
      }),
    );
    if (voidingTargets.length) await tx.markVoided(voidingTargets);
    if (attachments.length) await tx.saveAttachments(attachments);
    // Activity definitions: merged per activity within the batch, then once with what is stored.
    // Definitions only grow by merging, so one this process has already stored needs no work.
    const definitions = new Map<string, Json>();
    for (const { body } of fresh) {
      const object = body.object as Json;
      if ((object.objectType ?? 'Activity') !== 'Activity' || !object.definition) continue;
      if (storedDefinitions.get(object.id) === JSON.stringify(object.definition)) continue;
      definitions.set(object.id, mergeDefinitions(definitions.get(object.id), object.definition));
    }
    const known = await tx.getActivities([...definitions.keys()]);
    for (const [id, definition] of definitions) {
      const stored = known.get(id);
      const text = JSON.stringify({ objectType: 'Activity', id, definition: mergeDefinitions(stored ? JSON.parse(stored).definition : undefined, definition) });
      if (text !== stored) await tx.upsertActivity(id, text); // unchanged definitions cost no write
    }
    return fresh.filter(({ body }) => definitions.has(body.object.id)).map(({ body }) => [body.object.id, JSON.stringify(body.object.definition)] as const);
  }).then((written) => {
    // Only once committed: a rolled-back batch must not be remembered as stored.
    for (const [id, definition] of written) rememberDefinition(storedDefinitions, id, definition);
    return prepared.map((p) => p.id);
  });
}

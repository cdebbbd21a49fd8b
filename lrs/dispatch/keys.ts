/**
 * Dispatch keys: what a thin SCORM package carries to be played by this server, one per partner
 * organisation. A key is an id and its signature (HMAC-SHA256 with a secret the LRS made once and
 * keeps in its settings), so a key cannot be made up; it is revocable, because the server also
 * looks it up and refuses it once revoked. Each key has a write-only LRS credential, derived from
 * the same secret, with which its packages report to the organisation's records.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LrsReporting } from '../../core/launch.ts';
import { hashSecret } from '../auth/credentials.ts';
import { HttpError } from '../http/errors.ts';
import type { LrsBackend } from '../storage/backend.ts';
import type { DispatchKey } from '../storage/dispatch-store.ts';

const secretOf = (backend: LrsBackend) => backend.setting('dispatch.secret', () => randomBytes(32).toString('base64url'));
const mac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('base64url');

export interface NewDispatchKey {
  key: DispatchKey;
  /** What the package carries: `<id>.<signature>`. */
  token: string;
}

export async function createDispatchKey(backend: LrsBackend, org: string, label = ''): Promise<NewDispatchKey> {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(org)) throw new Error('the organisation id must be 1-64 letters, digits, ".", "_" or "-"');
  const secret = await secretOf(backend);
  const id = randomBytes(12).toString('base64url').replace(/^-/, 'A');
  const credentialKey = `dispatch-${id}`;
  const created = new Date().toISOString();
  await backend.saveCredential({
    key: credentialKey,
    secretHash: hashSecret(credentialKey, mac(secret, `credential:${id}`)),
    org,
    scopes: ['statements/write'],
    label: `dispatch packages${label ? ` (${label})` : ''}`,
    created,
    revoked: false,
  });
  const key: DispatchKey = { id, org, label, credentialKey, created, revoked: null };
  await backend.dispatch.saveKey(key);
  return { key, token: `${id}.${mac(secret, `key:${id}`)}` };
}

/** The organisation's key in use (its newest not revoked), made when it has none: all its packages carry the same. */
export async function dispatchKeyFor(backend: LrsBackend, org: string, label = ''): Promise<NewDispatchKey> {
  const current = (await backend.dispatch.listKeys()).filter((k) => k.org === org && !k.revoked).at(-1);
  if (!current) return createDispatchKey(backend, org, label);
  return { key: current, token: `${current.id}.${mac(await secretOf(backend), `key:${current.id}`)}` };
}

/** The key a package presents, checked: signed by this server, known, not revoked. */
export async function verifyDispatchKey(backend: LrsBackend, token: string | undefined): Promise<DispatchKey> {
  const [id, signature] = (token ?? '').split('.');
  if (!id || !signature) throw new HttpError(401, 'this package carries no dispatch key: ask for a package built for your organisation');
  const expected = Buffer.from(mac(await secretOf(backend), `key:${id}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new HttpError(401, 'this package\'s dispatch key was not issued by this server');
  const key = await backend.dispatch.key(id);
  if (!key) throw new HttpError(401, 'this package\'s dispatch key is not known here');
  if (key.revoked) throw new HttpError(403, `this package's dispatch key was revoked on ${key.revoked.slice(0, 10)}: ask for a new package`);
  return key;
}

/** Revokes a key and its credential: its packages stop playing and reporting. */
export async function revokeDispatchKey(backend: LrsBackend, id: string): Promise<boolean> {
  const key = await backend.dispatch.key(id);
  if (!key || !(await backend.dispatch.revokeKey(id, new Date().toISOString()))) return false;
  await backend.revokeCredential(key.credentialKey);
  return true;
}

/** How a dispatched module reports to the LRS, besides the LMS: the key's own write-only credential. */
export async function dispatchReporting(backend: LrsBackend, key: DispatchKey, endpoint: string): Promise<LrsReporting> {
  const secret = await secretOf(backend);
  return {
    endpoint,
    auth: `Basic ${Buffer.from(`${key.credentialKey}:${mac(secret, `credential:${key.id}`)}`).toString('base64')}`,
    org: key.org,
    orgIri: `https://inprocap.eu/partners/${encodeURIComponent(key.org)}`,
    // Per organisation, not per key: a learner keeps one pseudonym when the key is replaced.
    pseudonymKey: mac(secret, `pseudonym:${key.org}`),
    identified: false,
  };
}

/**
 * LRS credentials: a key and a long random secret belonging to an organisation, with scopes.
 * Secrets are 256-bit random strings, so a fast keyed hash (HMAC-SHA256) stores them safely and
 * checking one costs microseconds, not the ~95 ms a password hash would add to every request.
 * (Dashboard passwords, chosen by people, get a slow hash instead.)
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SCOPES } from '../contracts/scopes.ts';
import type { Credential, CredentialStore } from '../storage/backend.ts';


/** Random base64url text that never starts with "-", which command lines would read as an option. */
function randomToken(bytes: number): string {
  for (;;) {
    const token = randomBytes(bytes).toString('base64url');
    if (!token.startsWith('-')) return token;
  }
}

export function hashSecret(key: string, secret: string): string {
  return createHmac('sha256', key).update(secret).digest('hex');
}

export interface NewCredential {
  credential: Credential;
  /** Shown once, never stored. */
  secret: string;
}

export async function createCredential(backend: CredentialStore, org: string, scopes: string[], label = ''): Promise<NewCredential> {
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown scope ${unknown.join(', ')}: choose from ${SCOPES.join(', ')}`);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(org)) throw new Error('the organisation id must be 1-64 letters, digits, ".", "_" or "-"');
  const key = randomToken(12);
  const secret = randomToken(32);
  const credential: Credential = {
    key,
    secretHash: hashSecret(key, secret),
    org,
    scopes,
    label,
    created: new Date().toISOString(),
    revoked: false,
  };
  await backend.saveCredential(credential);
  return { credential, secret };
}

/** Verifies key and secret; a verified credential is cached briefly so revocation takes effect within the TTL. */
export class CredentialVerifier {
  private readonly cache = new Map<string, { credential: Credential; until: number }>();

  constructor(
    private readonly backend: CredentialStore,
    private readonly ttlMs = 10_000,
  ) {}

  async verify(key: string, secret: string): Promise<Credential | undefined> {
    const cacheKey = `${key}:${hashSecret(key, secret)}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.credential;
    const credential = await this.backend.getCredential(key);
    if (!credential || credential.revoked) return undefined;
    const expires = credential.expires ? Date.parse(credential.expires) : Infinity;
    if (expires <= Date.now()) return undefined;
    const expected = Buffer.from(credential.secretHash, 'hex');
    const actual = Buffer.from(hashSecret(key, secret), 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    this.cache.set(cacheKey, { credential, until: Math.min(Date.now() + this.ttlMs, expires) });
    return credential;
  }
}

/** Whether a credential's scopes allow an action that needs any of `needed`. */
export function allows(credential: Credential, needed: readonly string[]): boolean {
  return credential.scopes.includes('all') || needed.some((scope) => credential.scopes.includes(scope));
}

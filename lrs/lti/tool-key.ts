/**
 * The tool's signing key: made once per LRS (kept in its settings, so every process of a
 * PostgreSQL deployment signs with the same one) and published at /lti/jwks. It signs the deep
 * linking answers and the client assertions the grade service asks for.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import type { LrsBackend } from '../storage/backend.ts';

export interface ToolKey {
  kid: string;
  privateKey: KeyObject;
  /** The public key as a JWK, with its kid, for /lti/jwks. */
  publicJwk: JWK;
}

export async function loadToolKey(backend: LrsBackend): Promise<ToolKey> {
  const pem = await backend.setting('lti.tool-key', () =>
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  const privateKey = createPrivateKey(pem);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  // The kid is the key's own fingerprint: the same on every process, new if the key is replaced.
  const kid = createHash('sha256').update(`${jwk.n}.${jwk.e}`).digest('base64url').slice(0, 16);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

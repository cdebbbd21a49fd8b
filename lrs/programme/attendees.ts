/**
 * Who attended, as xAPI actors. A learner the LRS already knows keeps their own identity (so their
 * attendance counts with their online modules); a person the trainer types in becomes a
 * pseudonymous account of the organisation, named by a keyed hash of the e-mail address (or of
 * the name), so the same person typed twice is one learner and nobody can read the address back.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { LrsBackend } from '../storage/backend.ts';

type Json = Record<string, unknown>;

/** The actor behind an agent key (core/xapi/identity.ts agentKey), or undefined for a key it cannot be. */
export function actorOfKey(key: string): Json | undefined {
  const at = key.indexOf(':');
  const [kind, value] = [key.slice(0, at), key.slice(at + 1)];
  if (!value) return undefined;
  if (kind === 'mbox') return { objectType: 'Agent', mbox: value };
  if (kind === 'mbox_sha1sum') return { objectType: 'Agent', mbox_sha1sum: value };
  if (kind === 'openid') return { objectType: 'Agent', openid: value };
  if (kind === 'account') {
    const bar = value.indexOf('|');
    if (bar < 1) return undefined;
    return { objectType: 'Agent', account: { homePage: value.slice(0, bar), name: value.slice(bar + 1) } };
  }
  return undefined;
}

/** The homePage of an organisation's learners' accounts (as the packages and the seed write them). */
export const orgHomePage = (org: string) => `https://inprocap.eu/partners/${encodeURIComponent(org)}`;

const normalise = (text: string) => text.trim().toLowerCase().normalize('NFC').replace(/\s+/g, ' ');

export interface TypedPerson {
  name?: string;
  email?: string;
}

/** A typed-in person as a pseudonymous actor of `org`; the name travels only when `keepName`. */
export async function attendeeActor(backend: Pick<LrsBackend, 'setting'>, org: string, person: TypedPerson, keepName: boolean): Promise<Json> {
  const key = await backend.setting('attendee-pseudonym-key', () => randomBytes(32).toString('base64url'));
  const basis = person.email?.trim() ? `email:${normalise(person.email)}` : `name:${normalise(person.name ?? '')}`;
  const name = `attendee-${createHmac('sha256', key).update(`${org}\n${basis}`).digest('hex').slice(0, 32)}`;
  return { objectType: 'Agent', ...(keepName && person.name?.trim() ? { name: person.name.trim() } : {}), account: { homePage: orgHomePage(org), name } };
}

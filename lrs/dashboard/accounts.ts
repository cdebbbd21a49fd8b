/**
 * Dashboard accounts: people, so passwords get a slow, salted hash (scrypt), unlike API secrets.
 * Roles: admin (accounts and LRS credentials), control-group (every organisation, learners
 * pseudonymous), trainer (their own organisation only).
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ROLES } from '../contracts/admin.ts';
import type { Account, AccountStore } from '../storage/backend.ts';
import type { AccountRole } from '../contracts/admin.ts';


// About 50-100 ms per check on this machine: slow for a guesser, fine for a login.
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password, salt, KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${SCRYPT.N}$${salt.toString('base64url')}$${(await scrypt(password, salt)).toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, , salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface NewAccount {
  username: string;
  role: AccountRole;
  org?: string;
  password?: string;
}

/** Creates (or replaces) an account; returns the password, generated when none was given. */
export async function saveAccount(backend: AccountStore, input: NewAccount): Promise<{ account: Account; password: string }> {
  if (!/^[A-Za-z0-9._@-]{2,64}$/.test(input.username)) throw new Error('the username must be 2-64 letters, digits, ".", "_", "@" or "-"');
  if (!ROLES.includes(input.role)) throw new Error(`the role must be one of ${ROLES.join(', ')}`);
  if (input.role === 'trainer' && !input.org) throw new Error('a trainer account needs --org (the organisation whose learners they follow)');
  const password = input.password ?? randomBytes(12).toString('base64url');
  if (password.length < 10) throw new Error('the password must have at least 10 characters');
  const account: Account = {
    username: input.username,
    passwordHash: await hashPassword(password),
    role: input.role,
    org: input.role === 'trainer' ? input.org! : (input.org ?? null),
    created: new Date().toISOString(),
    disabled: false,
  };
  await backend.saveAccount(account);
  return { account, password };
}

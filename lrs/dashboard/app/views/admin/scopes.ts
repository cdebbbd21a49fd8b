/** Scopes an admin may give a new LRS credential (as lrs/auth/credentials.ts SCOPES lists them). */
export const CREDENTIAL_SCOPES = [
  'statements/write',
  'state',
  'statements/read',
  'statements/read/mine',
  'all/read',
  'all',
  'define',
  'profile',
  'reports:org',
  'reports:all',
  'admin',
] as const;

/** What a new credential gets unless the admin changes it: what an LMS package needs. */
export const DEFAULT_SCOPES = ['statements/write', 'state'];

/**
 * The scopes an LRS credential can hold, shared by the server (which checks them on every xAPI
 * route, `config: { scopes }`) and the dashboard app (which offers them when an admin makes a
 * credential). The dashboard itself is reached by accounts and sessions, not by credentials.
 */
export const SCOPES = ['all', 'all/read', 'statements/write', 'statements/read', 'statements/read/mine', 'state', 'define', 'profile'] as const;

export type Scope = (typeof SCOPES)[number];

/** What a new credential gets unless the admin changes it: what an LMS package needs. */
export const DEFAULT_CREDENTIAL_SCOPES: readonly Scope[] = ['statements/write', 'state'];

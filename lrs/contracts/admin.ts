/** The admin API's payloads (lrs/dashboard/admin.ts), as the server sends them and the dashboard app reads them. */

export const ROLES = ['admin', 'control-group', 'trainer'] as const;
export type AccountRole = (typeof ROLES)[number];

/** An account as the admin API shows it: never its password hash. */
export interface AccountInfo {
  username: string;
  role: AccountRole;
  org: string | null;
  created: string;
  disabled: boolean;
}

/** A credential as the admin API shows it: never its secret hash. */
export interface CredentialInfo {
  key: string;
  org: string;
  scopes: string[];
  label: string;
  created: string;
  revoked: boolean;
}

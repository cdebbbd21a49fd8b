/**
 * The partners' dispatch keys (lrs/dispatch/): a thin SCORM package carries one, and the server
 * plays the module for it while it is not revoked. SQLite and PostgreSQL implement it once, in
 * storage/sql-dispatch.ts.
 */
export interface DispatchKey {
  /** The key's id (the signed part of the key a package carries). */
  id: string;
  org: string;
  label: string;
  /** The write-only LRS credential its packages report with. */
  credentialKey: string;
  created: string;
  revoked: string | null;
}

export interface DispatchStore {
  saveKey(key: DispatchKey): Promise<void>;
  key(id: string): Promise<DispatchKey | undefined>;
  listKeys(): Promise<DispatchKey[]>;
  /** Revokes the key (its packages stop playing); false when there is no such key. */
  revokeKey(id: string, at: string): Promise<boolean>;
}

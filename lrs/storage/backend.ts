/**
 * The one storage interface of the LRS. SQLite (the default) and PostgreSQL implement it; they
 * know nothing of HTTP or of xAPI rules (validation, voiding, conflicts), which live above, once.
 */
import type { LearningFact } from '../reports/facts.ts';
import type { ReportStore } from '../reports/report-store.ts';

export interface StatementRow {
  id: string;
  stored: string;
  verbId: string;
  /** The activity id when the object is an Activity. */
  objectActivityId: string | null;
  /** The target id when the object is a StatementRef (voiding statements included). */
  objectStatementId: string | null;
  registration: string | null;
  voiding: boolean;
  /** Organisation and credential that wrote the statement (for statements/read/mine and reports). */
  org: string;
  credentialKey: string;
  /** The statement as stored (id, stored, authority, version filled in), as JSON text. */
  body: string;
  /** Agent keys (see agentKey) by how the agent appears in the statement. */
  agents: { key: string; relation: 'actor' | 'object' | 'related' }[];
  activities: { id: string; relation: 'object' | 'related' }[];
  /** What reports need of it, when it is one of the project's statements. */
  fact?: LearningFact;
}

export interface StoredStatement {
  seq: number;
  id: string;
  stored: string;
  voided: boolean;
  voiding: boolean;
  objectStatementId: string | null;
  credentialKey: string;
  body: string;
}

export interface StatementQuery {
  agentKey?: string;
  verbId?: string;
  activityId?: string;
  registration?: string;
  relatedActivities?: boolean;
  relatedAgents?: boolean;
  since?: string;
  until?: string;
  /** Only statements written with this credential (statements/read/mine). */
  credentialKey?: string;
  ascending: boolean;
  limit: number;
  /** Continue after this sequence number (from a `more` link). */
  afterSeq?: number;
  /** Consistency bound for paging: only statements with seq up to this. */
  maxSeq?: number;
}

export interface DocumentKey {
  kind: 'state' | 'activity-profile' | 'agent-profile';
  activityId: string;
  agentKey: string;
  registration: string;
  documentId: string;
}

export interface StoredDocument {
  contentType: string;
  content: Buffer;
  etag: string;
  updated: string;
}

export interface Credential {
  key: string;
  secretHash: string;
  org: string;
  scopes: string[];
  label: string;
  created: string;
  revoked: boolean;
}

export type AccountRole = 'admin' | 'control-group' | 'trainer';

/** A person who uses the dashboard. */
export interface Account {
  username: string;
  passwordHash: string;
  role: AccountRole;
  /** The trainer's organisation; control-group and admin accounts see all organisations. */
  org: string | null;
  created: string;
  disabled: boolean;
}

export interface Session {
  /** SHA-256 of the session id in the cookie (the id itself is never stored). */
  idHash: string;
  username: string;
  csrfToken: string;
  expires: string;
}

export interface LrsBackend {
  readonly engine: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema (versioned migrations). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Runs `work` in one transaction: everything it writes is stored, or nothing is. */
  transaction<T>(work: (tx: LrsBackend) => Promise<T>): Promise<T>;

  /** The aggregations behind the dashboard, over learning facts. */
  readonly reports: ReportStore;

  findStatements(ids: string[]): Promise<StoredStatement[]>;
  insertStatements(rows: StatementRow[]): Promise<void>;
  markVoided(ids: string[]): Promise<void>;
  queryStatements(query: StatementQuery): Promise<StoredStatement[]>;
  /** Statements whose object is a StatementRef to one of these ids (for query results). */
  statementsReferring(ids: string[]): Promise<StoredStatement[]>;
  lastSeq(): Promise<number>;
  upsertActivity(id: string, definition: string): Promise<void>;
  getActivity(id: string): Promise<string | undefined>;
  getActivities(ids: string[]): Promise<Map<string, string>>;

  getDocument(key: DocumentKey): Promise<StoredDocument | undefined>;
  putDocument(key: DocumentKey, doc: StoredDocument): Promise<void>;
  deleteDocuments(key: Omit<DocumentKey, 'documentId'> & { documentId?: string }): Promise<void>;
  listDocumentIds(key: Omit<DocumentKey, 'documentId'>, since?: string): Promise<string[]>;

  /** Attachment contents by SHA-2 (shared by every statement that declares the same hash). */
  saveAttachments(attachments: { sha2: string; contentType: string; content: Buffer }[]): Promise<void>;
  getAttachments(sha2s: string[]): Promise<{ sha2: string; contentType: string; content: Buffer }[]>;

  saveAccount(account: Account): Promise<void>;
  getAccount(username: string): Promise<Account | undefined>;
  listAccounts(): Promise<Account[]>;
  saveSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | undefined>;
  deleteSession(idHash: string): Promise<void>;

  saveCredential(credential: Credential): Promise<void>;
  getCredential(key: string): Promise<Credential | undefined>;
  listCredentials(): Promise<Credential[]>;
  revokeCredential(key: string): Promise<boolean>;
}

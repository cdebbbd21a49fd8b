/**
 * The storage interfaces of the LRS. SQLite (the default) and PostgreSQL implement them; they
 * know nothing of HTTP or of xAPI rules (validation, voiding, conflicts), which live above, once.
 *
 * Tenancy lives here, in one place: every statement, activity definition, document and
 * attachment belongs to the organisation whose credential wrote it, and the only way to reach
 * them is a {@link TenantStore}, bound to one organisation, whose every query is restricted to it.
 * The root {@link LrsBackend} holds what is not an organisation's record (accounts, sessions,
 * credentials) and the reports, which keep their own rules (trainers: their organisation; the
 * Control Group: all, pseudonymous).
 */
import type { AccountRole } from '../contracts/admin.ts';
import type { LearningFact } from '../../core/xapi/learning-facts.ts';
import type { DispatchStore } from './dispatch-store.ts';
import type { ReviewStore } from './review-store.ts';
import type { LtiStore } from './lti-store.ts';
import type { ReportStore } from './report-store.ts';

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
  /** The credential that wrote the statement (for statements/read/mine); its organisation is the store's. */
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
  /** When it stops working (a launch's short-lived credential); absent: never. */
  expires?: string | null;
  /** The one learner (agent key) it may write and read state as (a launch's credential); absent: any. */
  agent?: string | null;
}


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

/** Statements of one organisation (lrs/xapi/store-statements.ts, read-statements.ts). */
export interface StatementStore {
  findStatements(ids: string[]): Promise<StoredStatement[]>;
  insertStatements(rows: StatementRow[]): Promise<void>;
  markVoided(ids: string[]): Promise<void>;
  queryStatements(query: StatementQuery): Promise<StoredStatement[]>;
  /** Statements whose object is a StatementRef to one of these ids (for query results). */
  statementsReferring(ids: string[]): Promise<StoredStatement[]>;
  /** The highest sequence number stored in the LRS (a consistency bound for paging; no record). */
  lastSeq(): Promise<number>;
  /**
   * Which of these statement ids another organisation holds and this one does not: the one
   * question asked across organisations, so that a voiding statement aimed at another
   * organisation's statement is refused rather than stored.
   */
  heldElsewhere(ids: string[]): Promise<string[]>;
}

/** Activity definitions, as merged from an organisation's statements (GET /activities). */
export interface ActivityStore {
  upsertActivity(id: string, definition: string): Promise<void>;
  getActivity(id: string): Promise<string | undefined>;
  getActivities(ids: string[]): Promise<Map<string, string>>;
}

/** State, activity profiles and agent profiles. */
export interface DocumentStore {
  getDocument(key: DocumentKey): Promise<StoredDocument | undefined>;
  putDocument(key: DocumentKey, doc: StoredDocument): Promise<void>;
  deleteDocuments(key: Omit<DocumentKey, 'documentId'> & { documentId?: string }): Promise<void>;
  listDocumentIds(key: Omit<DocumentKey, 'documentId'>, since?: string): Promise<string[]>;
}

/** Attachment contents by SHA-2 (shared by every statement of the organisation that declares the same hash). */
export interface AttachmentStore {
  saveAttachments(attachments: { sha2: string; contentType: string; content: Buffer }[]): Promise<void>;
  getAttachments(sha2s: string[]): Promise<{ sha2: string; contentType: string; content: Buffer }[]>;
}

/** An in-person training session of an organisation (its attendance is `attended` statements). */
export interface TrainingSession {
  id: string;
  org: string;
  moduleId: string;
  /** YYYY-MM-DD. */
  date: string;
  place: string;
  createdBy: string;
  created: string;
}

/** A programme certificate: only the hash of its verification code is kept. */
export interface Certificate {
  codeHash: string;
  org: string;
  learner: string;
  issued: string;
  /** What the learner had done when it was issued. */
  modules: number;
  sessions: number;
}

/** An organisation's in-person sessions and the certificates its trainers issued. */
export interface ProgrammeStore {
  saveTrainingSession(session: Omit<TrainingSession, 'org'>): Promise<void>;
  trainingSession(id: string): Promise<TrainingSession | undefined>;
  trainingSessions(): Promise<TrainingSession[]>;
  saveCertificate(certificate: Omit<Certificate, 'org'>): Promise<void>;
}

/** One organisation's xAPI records. Every method sees and changes that organisation's only. */
export interface TenantStore extends StatementStore, ActivityStore, DocumentStore, AttachmentStore, ProgrammeStore {
  readonly org: string;
  /** Runs `work` in one transaction: everything it writes is stored, or nothing is. */
  transaction<T>(work: (tx: TenantStore) => Promise<T>): Promise<T>;
}

/** Dashboard accounts (lrs/dashboard/accounts.ts). */
export interface AccountStore {
  saveAccount(account: Account): Promise<void>;
  getAccount(username: string): Promise<Account | undefined>;
  listAccounts(): Promise<Account[]>;
}

/** Dashboard sessions, stored by the hash of their id (lrs/http/dashboard-session.ts). */
export interface SessionStore {
  saveSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | undefined>;
  deleteSession(idHash: string): Promise<void>;
}

/** LRS credentials, their secrets stored as hashes (lrs/auth/credentials.ts). */
export interface CredentialStore {
  saveCredential(credential: Credential): Promise<void>;
  getCredential(key: string): Promise<Credential | undefined>;
  /** The credentials administrators manage (a launch's own, bound to one learner, are left out). */
  listCredentials(): Promise<Credential[]>;
  revokeCredential(key: string): Promise<boolean>;
}

/** The root: the schema, the organisations' stores, and what belongs to no organisation. */
export interface LrsBackend extends AccountStore, SessionStore, CredentialStore {
  readonly engine: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema (versioned migrations), to the latest or to the one named (upgrade tests). */
  migrate(target?: string): Promise<void>;
  close(): Promise<void>;

  /** The records of one organisation: the only way to statements, documents and attachments. */
  tenant(org: string): TenantStore;
  /** No statement stored yet, by anyone (to decide whether to seed a demo). */
  isEmpty(): Promise<boolean>;
  /** Every organisation's training sessions, or those of the organisations given (reports across partners). */
  listTrainingSessions(orgs?: string[]): Promise<TrainingSession[]>;
  /** A certificate by the hash of its code: the public verification page's only question. */
  findCertificate(codeHash: string): Promise<Certificate | undefined>;
  /** A value the LRS made once and keeps (the first caller's `make()` wins, even under races). */
  setting(name: string, make: () => string): Promise<string>;

  /** The aggregations behind the dashboard, over learning facts. */
  readonly reports: ReportStore;
  /** Hosted launch by LTI 1.3: platforms, deployments, launches, the grades outbox. */
  readonly lti: LtiStore;
  /** Hosted launch by dispatch package: the partners' keys. */
  readonly dispatch: DispatchStore;
  /** The Control Group's marks on findings, per module version. */
  readonly reviews: ReviewStore;
}

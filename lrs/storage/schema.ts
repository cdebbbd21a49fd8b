/** The tables of the LRS database as kysely sees them, and the column types that differ by engine. */
import type { Generated } from 'kysely';
import type { LearningFact } from '../../core/xapi/learning-facts.ts';

export interface Database {
  statements: {
    seq: number;
    id: string;
    stored: string;
    verb_id: string;
    object_activity_id: string | null;
    object_statement_id: string | null;
    registration: string | null;
    voided: number;
    voiding: number;
    org: string;
    credential_key: string;
    body: string;
  };
  /** The index rows carry their statement's organisation, so every filter starts with it. */
  statement_agents: { seq: number; org: string; agent_key: string; relation: string };
  statement_activities: { seq: number; org: string; activity_id: string; relation: string };
  activities: { org: string; id: string; definition: string };
  documents: {
    org: string;
    kind: string;
    activity_id: string;
    agent_key: string;
    registration: string;
    document_id: string;
    content_type: string;
    content: Buffer;
    etag: string;
    updated: string;
  };
  attachments: { org: string; sha2: string; content_type: string; content: Buffer };
  learning_facts: {
    seq: number;
    statement_id: string;
    org: string;
    learner: string;
    learner_name: string | null;
    module_id: string;
    verb: string;
    activity_id: string;
    kind: string;
    success: number | null;
    score: number | null;
    response: string | null;
    duration_ms: number | null;
    points: number | null;
    attempt: number | null;
    at: string;
    language: string | null;
    registration: string | null;
    module_version: string | null;
  };
  learner_progress: {
    org: string;
    module_id: string;
    learner: string;
    pseudonym: string;
    learner_name: string | null;
    language: string | null;
    lessons: number;
    best_score: number | null;
    passed: number;
    failed: number;
    completed: number;
    first_at: string | null;
    last_at: string;
  };
  learner_lessons: { org: string; module_id: string; learner: string; activity_id: string };
  accounts: { username: string; password_hash: string; role: string; org: string | null; created: string; disabled: number };
  sessions: { id_hash: string; username: string; csrf_token: string; expires: string };
  training_sessions: { id: string; org: string; module_id: string; date: string; place: string; created_by: string; created: string };
  certificates: { code_hash: string; org: string; learner: string; issued: string; modules: number; sessions: number };
  settings: { name: string; value: string };
  credentials: {
    key: string;
    secret_hash: string;
    org: string;
    scopes: string;
    label: string;
    created: string;
    revoked: number;
    expires: string | null;
    agent: string | null;
  };
  lti_platforms: { id: string; org: string; issuer: string; client_id: string; auth_login_url: string; token_url: string; jwks_url: string; label: string; created: string };
  lti_deployments: { platform_id: string; deployment_id: string; org: string; created: string };
  lti_login_states: { state: string; nonce: string; platform_id: string; expires: string };
  lti_launches: { id_hash: string; kind: string; org: string; platform_id: string; deployment_id: string; credential_key: string | null; claims: string; created: string; expires: string };
  lti_scores: {
    id: Generated<number>;
    org: string;
    platform_id: string;
    target: string;
    score: string;
    attempts: number;
    next_attempt: string;
    last_error: string | null;
    created: string;
    delivered: string | null;
  };
  dispatch_keys: { id: string; org: string; label: string; credential_key: string; created: string; revoked: string | null };
  finding_reviews: { module_id: string; module_version: string; activity_id: string; reviewer: string; note: string; reviewed_at: string };
  lti_registration_links: { token_hash: string; org: string; label: string; created: string; expires: string; used: string | null };
}

/** Column types that differ between engines. */
export interface EngineTypes {
  engine: 'sqlite' | 'postgres';
  serialPrimaryKey: 'integer' | 'bigserial';
  blob: 'blob' | 'bytea';
  float: 'real' | 'double precision';
}

/** The learning_facts row of a fact (see core/xapi/learning-facts.ts). */
export function factValues(seq: number, f: LearningFact): Database['learning_facts'] {
  return {
    seq,
    statement_id: f.statementId,
    org: f.org,
    learner: f.learner,
    learner_name: f.learnerName,
    module_id: f.moduleId,
    verb: f.verb,
    activity_id: f.activityId,
    kind: f.kind,
    success: f.success === null ? null : f.success ? 1 : 0,
    score: f.scoreScaled,
    response: f.response,
    duration_ms: f.durationMs,
    points: f.points,
    attempt: f.attempt,
    at: f.timestamp,
    language: f.language,
    registration: f.registration,
    module_version: f.moduleVersion,
  };
}

export const FACT_COLUMNS = [
  'seq', 'statement_id', 'org', 'learner', 'learner_name', 'module_id', 'verb', 'activity_id', 'kind', 'success', 'score',
  'response', 'duration_ms', 'points', 'attempt', 'at', 'language', 'registration', 'module_version',
] as const;


/**
 * What hosted launch by LTI 1.3 keeps (lrs/lti/): the platforms (a partner's LMS) registered with
 * the tool and their deployments, each belonging to an organisation; the login states of the
 * OpenID Connect handshake, each used once; the launches; the outbox of grades for the
 * platforms; and the one-time links a partner's administrator registers a platform with.
 * SQLite and PostgreSQL implement it once, in storage/sql-lti.ts.
 */

/** A partner's LMS as registered with the tool (by dynamic registration or by hand). */
export interface LtiPlatform {
  id: string;
  /** The organisation its launches report as, unless a deployment says otherwise. */
  org: string;
  issuer: string;
  clientId: string;
  /** The platform's OIDC authorisation endpoint, where the login is sent back. */
  authLoginUrl: string;
  /** The platform's OAuth 2 token endpoint, for grade services. */
  tokenUrl: string;
  /** The platform's public keys, which sign its launches. */
  jwksUrl: string;
  label: string;
  created: string;
}

/** A deployment of the tool on a platform (a Moodle tool type): launches name it. */
export interface LtiDeployment {
  platformId: string;
  deploymentId: string;
  org: string;
  created: string;
}

/** Made at login initiation, taken (and so removed) by the launch that answers it. */
export interface LtiLoginState {
  state: string;
  nonce: string;
  platformId: string;
  expires: string;
}

/** A verified launch: the page it plays, or the deep-linking picker it shows. */
export interface LtiLaunchRecord {
  /** SHA-256 of the launch id in the player's address (the id itself is never stored). */
  idHash: string;
  kind: 'resource' | 'deep-link';
  org: string;
  platformId: string;
  deploymentId: string;
  /** The launch's own xAPI credential (resource launches). */
  credentialKey: string | null;
  /** What the launch needs later, as JSON (see lrs/lti/launch.ts, LaunchClaims). */
  claims: string;
  created: string;
  expires: string;
}

/** A score on its way to a platform's gradebook (Assignment and Grade Services). */
export interface LtiScore {
  id: number;
  org: string;
  platformId: string;
  /** Where it goes, as JSON (see lrs/lti/grades.ts, ScoreTarget). */
  target: string;
  /** The AGS score, as JSON. */
  score: string;
  attempts: number;
  nextAttempt: string;
  lastError: string | null;
  created: string;
  delivered: string | null;
}

/** A one-time link for dynamic registration, bound to an organisation (only its hash is kept). */
export interface LtiRegistrationLink {
  tokenHash: string;
  org: string;
  label: string;
  created: string;
  expires: string;
  used: string | null;
}

export interface LtiStore {
  /** Saves a platform and its deployments (all of them the platform's organisation's). */
  savePlatform(platform: LtiPlatform, deploymentIds: string[]): Promise<void>;
  platformsByIssuer(issuer: string): Promise<LtiPlatform[]>;
  platform(id: string): Promise<LtiPlatform | undefined>;
  listPlatforms(): Promise<LtiPlatform[]>;
  /** Removes a platform and its deployments: its launches stop working at once. */
  removePlatform(id: string): Promise<boolean>;
  addDeployment(deployment: LtiDeployment): Promise<void>;
  deployment(platformId: string, deploymentId: string): Promise<LtiDeployment | undefined>;
  listDeployments(): Promise<LtiDeployment[]>;

  saveLoginState(state: LtiLoginState): Promise<void>;
  /** The state, removed as it is read: a second call (a replay) finds nothing. */
  takeLoginState(state: string): Promise<LtiLoginState | undefined>;

  saveLaunch(launch: LtiLaunchRecord): Promise<void>;
  launch(idHash: string): Promise<LtiLaunchRecord | undefined>;
  launchByCredential(credentialKey: string): Promise<LtiLaunchRecord | undefined>;

  queueScore(score: Omit<LtiScore, 'id' | 'attempts' | 'lastError' | 'delivered'>): Promise<void>;
  /** Undelivered scores whose next attempt is due, oldest first. */
  dueScores(now: string, limit: number): Promise<LtiScore[]>;
  scoreDelivered(id: number, at: string): Promise<void>;
  scoreFailed(id: number, error: string, nextAttempt: string): Promise<void>;
  /** Scores not yet delivered (for the administrator's view), oldest first. */
  pendingScores(): Promise<LtiScore[]>;

  saveRegistrationLink(link: LtiRegistrationLink): Promise<void>;
  registrationLink(tokenHash: string): Promise<LtiRegistrationLink | undefined>;
  /** Marks the link used; false when it was already used (two registrations raced). */
  useRegistrationLink(tokenHash: string, at: string): Promise<boolean>;
}

/**
 * The dashboard's client for the LRS's dashboard API: the session, the reports and the admin
 * routes. The session cookie is HttpOnly (the browser sends it); every change sends the session's
 * CSRF token. Errors come back as {@link ApiError} with the API's own message.
 */
import type {
  CaseReport,
  Dimensions,
  FeedbackReport,
  GainReport,
  ItemReport,
  LearnerReport,
  ModuleReport,
  OverviewReport,
  Viewer,
} from '../lrs/contracts/report-types.ts';
import type { AccountInfo, CredentialInfo } from '../lrs/contracts/admin.ts';
import type { ModuleReview, ReviewInput } from '../lrs/contracts/review.ts';
import type { AttendanceInput, CertificateInput, NewTrainingSession, ProgrammeReport, TrainingSessionDetail, TrainingSessionInfo } from '../lrs/contracts/programme.ts';

export interface Session extends Viewer {
  csrfToken: string;
}

export interface Reports {
  dimensions: Dimensions;
  overview: OverviewReport;
  module: ModuleReport;
  items: ItemReport;
  /** The learning gain of a module with a pre-check (shown in the Questions view). */
  gain: GainReport;
  case: CaseReport;
  feedback: FeedbackReport;
  learners: LearnerReport;
  programme: ProgrammeReport;
}

export type ReportName = keyof Reports;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds to wait, from Retry-After (429). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** "?a=1&b=2" of the given values, or "" when there are none. */
function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export class DashboardApi {
  csrfToken = '';

  constructor(private readonly base = '/api') {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'the server cannot be reached: check the connection and try again');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const message = (json as { message?: unknown } | undefined)?.message;
      const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
      throw new ApiError(response.status, typeof message === 'string' && message ? message : `the server answered ${response.status}`, retryAfter);
    }
    return json as T;
  }

  /** Who is signed in, or null. */
  async session(): Promise<Session | null> {
    try {
      return this.remember(await this.request<Session>('GET', '/session'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async signIn(username: string, password: string): Promise<Session> {
    return this.remember(await this.request<Session>('POST', '/session', { username, password }));
  }

  async signOut(): Promise<void> {
    await this.request<void>('DELETE', '/session');
    this.csrfToken = '';
  }

  report<N extends ReportName>(name: N, query: Record<string, string | undefined> = {}): Promise<Reports[N]> {
    return this.request<Reports[N]>('GET', `/reports/${name}${queryString(query)}`);
  }

  /** The address of a table's CSV export (every row of the query, streamed by the server; the browser downloads it with the session cookie). */
  exportUrl(table: 'learners' | 'programme' | 'comments', query: Record<string, string | undefined> = {}): string {
    const { page: _, ...rest } = query;
    return `${this.base}/reports/${table}.csv${queryString(rest)}`;
  }

  accounts(): Promise<AccountInfo[]> {
    return this.request('GET', '/admin/accounts');
  }

  createAccount(input: { username: string; role: string; org?: string; password?: string }): Promise<{ account: AccountInfo; password: string }> {
    return this.request('POST', '/admin/accounts', input);
  }

  disableAccount(username: string): Promise<AccountInfo> {
    return this.request('POST', `/admin/accounts/${encodeURIComponent(username)}/disable`);
  }

  credentials(): Promise<CredentialInfo[]> {
    return this.request('GET', '/admin/credentials');
  }

  createCredential(input: { org: string; label?: string; scopes?: string[] }): Promise<{ credential: CredentialInfo; secret: string }> {
    return this.request('POST', '/admin/credentials', input);
  }

  revokeCredential(key: string): Promise<void> {
    return this.request('POST', `/admin/credentials/${encodeURIComponent(key)}/revoke`);
  }

  trainingSessions(org?: string): Promise<TrainingSessionInfo[]> {
    return this.request('GET', `/training-sessions${org ? `?org=${encodeURIComponent(org)}` : ''}`);
  }

  createTrainingSession(input: NewTrainingSession): Promise<TrainingSessionInfo> {
    return this.request('POST', '/training-sessions', input);
  }

  trainingSession(id: string): Promise<TrainingSessionDetail> {
    return this.request('GET', `/training-sessions/${encodeURIComponent(id)}`);
  }

  recordAttendance(id: string, input: AttendanceInput): Promise<{ recorded: number; learners: string[] }> {
    return this.request('POST', `/training-sessions/${encodeURIComponent(id)}/attendance`, input);
  }

  /** The certificate PDF and its verification code. */
  /** Where a module's activities are written, and the findings marked reviewed for its current version. */
  review(moduleId: string): Promise<ModuleReview> {
    return this.request('GET', `/reviews${queryString({ module: moduleId })}`);
  }

  markReviewed(input: ReviewInput): Promise<ModuleReview> {
    return this.request('PUT', '/reviews', input);
  }

  reopen(input: ReviewInput): Promise<ModuleReview> {
    return this.request('DELETE', '/reviews', input);
  }

  async certificate(input: CertificateInput): Promise<{ pdf: Blob; code: string }> {
    let response: Response;
    try {
      response = await fetch(`${this.base}/certificates`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/pdf, application/json', 'X-CSRF-Token': this.csrfToken },
        credentials: 'same-origin',
        body: JSON.stringify(input),
      });
    } catch {
      throw new ApiError(0, 'the server cannot be reached: check the connection and try again');
    }
    if (!response.ok) {
      const message = ((await response.json().catch(() => ({}))) as { message?: string }).message;
      throw new ApiError(response.status, message || `the server answered ${response.status}`);
    }
    return { pdf: await response.blob(), code: response.headers.get('X-Certificate-Code') ?? '' };
  }

  private remember(session: Session): Session {
    this.csrfToken = session.csrfToken;
    return session;
  }
}

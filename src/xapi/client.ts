/**
 * A small fetch-based xAPI client: the runtime needs statements and the State resource only, and
 * @xapi/xapi (19.9 KB gzip with axios) would take half the bundle budget for that.
 */
export class XapiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class XapiClient {
  readonly endpoint: string;

  constructor(
    endpoint: string,
    private readonly authorization: string,
    private readonly version = '1.0.3',
  ) {
    this.endpoint = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: this.authorization, 'X-Experience-API-Version': this.version, ...extra };
  }

  /** POSTs statements; resolves with the HTTP status (network failures reject). */
  async postStatements(statements: unknown[], options: { keepalive?: boolean } = {}): Promise<{ status: number; message: string }> {
    const response = await fetch(`${this.endpoint}statements`, {
      method: 'POST',
      headers: this.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify(statements),
      keepalive: options.keepalive ?? false,
    });
    const message = response.ok ? '' : await response.text().catch(() => '');
    return { status: response.status, message };
  }

  private stateUrl(activityId: string, agent: unknown, stateId: string, registration?: string): string {
    const params = new URLSearchParams({ activityId, agent: JSON.stringify(agent), stateId });
    if (registration) params.set('registration', registration);
    return `${this.endpoint}activities/state?${params}`;
  }

  async getState(activityId: string, agent: unknown, stateId: string, registration?: string): Promise<string | null> {
    const response = await fetch(this.stateUrl(activityId, agent, stateId, registration), { headers: this.headers() });
    if (response.status === 404) return null;
    if (!response.ok) throw new XapiError(response.status, `state ${stateId}: HTTP ${response.status}`);
    return response.text();
  }

  async putState(activityId: string, agent: unknown, stateId: string, content: string, registration?: string, options: { keepalive?: boolean } = {}): Promise<void> {
    const response = await fetch(this.stateUrl(activityId, agent, stateId, registration), {
      method: 'PUT',
      headers: this.headers({ 'Content-Type': 'application/json' }),
      body: content,
      keepalive: options.keepalive ?? false,
    });
    if (!response.ok) throw new XapiError(response.status, `state ${stateId}: HTTP ${response.status}`);
  }

  /** An agent profile document as JSON, or null when there is none. */
  async getAgentProfile(agent: unknown, profileId: string): Promise<unknown> {
    const params = new URLSearchParams({ agent: JSON.stringify(agent), profileId });
    const response = await fetch(`${this.endpoint}agents/profile?${params}`, { headers: this.headers() });
    if (response.status === 404) return null;
    if (!response.ok) throw new XapiError(response.status, `agent profile ${profileId}: HTTP ${response.status}`);
    return response.json();
  }
}

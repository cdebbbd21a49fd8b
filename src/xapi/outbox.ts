/**
 * The durable outbox: every statement is stored in the browser before it is sent, sent in order
 * with retries and backoff, flushed with keepalive when the page goes away, and delivered at the
 * next launch if the tab was closed first. Re-sending is safe: the LRS treats a statement whose
 * id and content it already has as a no-op.
 */
import type { TrackerHealth } from '../tracker/tracker.ts';
import type { XapiClient } from './client.ts';
import type { Statement } from '../../core/xapi/statement-factory.ts';

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10000, 30000];
const BATCH = 50;
/** Browsers cap keepalive request bodies at 64 KB. */
const KEEPALIVE_BYTES = 60_000;

interface Stored {
  updated: number;
  statements: Statement[];
}

export interface OutboxOptions {
  storage: Storage | undefined;
  /** Called when statements stop or start reaching the LRS. */
  onHealthChange?: (health: TrackerHealth) => void;
  /** Called for a statement the LRS refuses (400/409): it is reported and dropped, not retried. */
  onRejected?: (statement: Statement, reason: string) => void;
}

export class Outbox {
  private readonly key: string;
  private readonly prefix: string;
  private queue: Statement[] = [];
  private sending?: Promise<void>;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private failures = 0;
  private healthy = true;

  constructor(
    private readonly client: XapiClient,
    private readonly options: OutboxOptions,
  ) {
    this.prefix = `inprocap:outbox:${client.endpoint}:`;
    this.key = `${this.prefix}${crypto.randomUUID()}`;
    this.adoptEarlierSessions();
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Queues statements (durably first) and starts sending. */
  add(statements: Statement[]): Promise<void> {
    this.queue.push(...statements);
    this.persist();
    // While a retry is scheduled, new statements wait for it: no extra attempts, no faster backoff.
    return this.retryTimer ? Promise.resolve() : this.send();
  }

  /** Sends everything queued, in order; resolves when the queue is empty or sending must wait. */
  send(): Promise<void> {
    this.sending ??= this.drain().finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  /** The page is going away: hand what fits to the browser to deliver (keepalive). */
  flushOnExit(): void {
    if (!this.queue.length) return;
    const batch: Statement[] = [];
    let bytes = 2;
    for (const statement of this.queue) {
      const size = JSON.stringify(statement).length + 1;
      if (bytes + size > KEEPALIVE_BYTES) break;
      batch.push(statement);
      bytes += size;
    }
    // Kept in the outbox: if this last request does not arrive, the next launch sends them again.
    void this.client.postStatements(batch, { keepalive: true }).catch(() => {});
  }

  private async drain(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    while (this.queue.length) {
      const batch = this.queue.slice(0, BATCH);
      let outcome: { status: number; message: string };
      try {
        outcome = await this.client.postStatements(batch);
      } catch {
        return this.retryLater('the LRS cannot be reached');
      }
      if (outcome.status === 200 || outcome.status === 204) {
        this.remove(batch);
        this.failures = 0;
        this.setHealth({ ok: true });
        continue;
      }
      if (outcome.status === 400 || outcome.status === 409) {
        // The batch holds a statement the LRS refuses: find it by sending one at a time.
        if (batch.length > 1) {
          for (const statement of batch) {
            const single = await this.client.postStatements([statement]).catch(() => undefined);
            if (!single) return this.retryLater('the LRS cannot be reached');
            if (single.status === 200 || single.status === 204) this.remove([statement]);
            else if (single.status === 400 || single.status === 409) this.reject(statement, single.message);
            else return this.retryLater(`HTTP ${single.status}`);
          }
        } else {
          this.reject(batch[0]!, outcome.message);
        }
        continue;
      }
      return this.retryLater(`HTTP ${outcome.status}`);
    }
  }

  private reject(statement: Statement, reason: string): void {
    console.error(`The LRS refused statement ${statement.id}: ${reason}`);
    this.options.onRejected?.(statement, reason);
    this.remove([statement]);
  }

  private retryLater(reason: string): void {
    this.setHealth({ ok: false, detail: reason });
    const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)]!;
    this.failures++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.send(), delay);
  }

  private remove(sent: Statement[]): void {
    const ids = new Set(sent.map((s) => s.id));
    this.queue = this.queue.filter((s) => !ids.has(s.id));
    this.persist();
  }

  private setHealth(health: TrackerHealth): void {
    if (health.ok === this.healthy) return;
    this.healthy = health.ok;
    this.options.onHealthChange?.(health);
  }

  private persist(): void {
    try {
      if (this.queue.length) this.options.storage?.setItem(this.key, JSON.stringify({ updated: Date.now(), statements: this.queue } satisfies Stored));
      else this.options.storage?.removeItem(this.key);
    } catch (error) {
      // Storage full or blocked: the statements stay in memory for this session.
      console.warn('Could not keep statements in the browser', error);
    }
  }

  /** Takes over what earlier sessions (closed tabs) left for this LRS, oldest statements first. */
  private adoptEarlierSessions(): void {
    const storage = this.options.storage;
    if (!storage) return;
    const adopted: Statement[] = [];
    for (let i = storage.length - 1; i >= 0; i--) {
      const key = storage.key(i);
      if (!key?.startsWith(this.prefix) || key === this.key) continue;
      try {
        const stored = JSON.parse(storage.getItem(key) ?? '') as Stored;
        adopted.push(...stored.statements);
      } catch {
        // unreadable: dropped below
      }
      storage.removeItem(key);
    }
    if (!adopted.length) return;
    const seen = new Set<string>();
    this.queue = adopted.filter((s) => !seen.has(s.id) && seen.add(s.id)).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    this.persist();
  }
}

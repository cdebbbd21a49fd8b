/**
 * Dual reporting: a SCORM package keeps its LMS as the master of the gradebook and also sends the
 * same events to the project's LRS as xAPI statements, through the durable outbox. The learner is
 * pseudonymous by default: an account at the partner's IRI named by a keyed hash of the LMS
 * learner id, the same across sessions and modules, while the name stays in the LMS.
 */
import type { Course } from '../../../core/content/schema.ts';
import type { LrsReporting } from '../../../core/launch.ts';
import { XapiClient } from '../../xapi/client.ts';
import { Outbox } from '../../xapi/outbox.ts';
import { StatementFactory, statusStatements, type Agent } from '../../../core/xapi/statement-factory.ts';
import { safeLocalStorage } from '../storage.ts';
import type { CompletionStatus, InteractionRecord, Score, SuccessStatus } from '../../../core/records.ts';
import type { LearnerInfo, Tracker, TrackerHealth, TrackerSession } from '../tracker.ts';

/** HMAC-SHA256 of the learner id with the partner's key, hex. */
export async function pseudonym(key: string, learnerId: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(learnerId));
  return [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function reportingActor(report: LrsReporting, learner: LearnerInfo): Promise<Agent> {
  const id = learner.id ?? 'anonymous';
  if (report.identified) {
    return { objectType: 'Agent', ...(learner.name ? { name: learner.name } : {}), account: { homePage: report.orgIri, name: id } };
  }
  return { objectType: 'Agent', account: { homePage: report.orgIri, name: await pseudonym(report.pseudonymKey, id) } };
}

/** Wraps the LMS tracker: every call goes to the LMS first, then becomes a statement for the LRS. */
export class DualTracker implements Tracker {
  readonly label: string;
  onHealthChange?: (health: TrackerHealth) => void;
  private factory?: StatementFactory;
  private readonly outbox: Outbox;
  private readonly startedAt = Date.now();
  private score?: Score;
  private reported: { completion?: CompletionStatus; success?: SuccessStatus } = {};
  private finished = false;
  private lmsHealth: TrackerHealth = { ok: true };
  private lrsHealth: TrackerHealth = { ok: true };

  constructor(
    private readonly lms: Tracker,
    private readonly course: Course,
    private readonly report: LrsReporting,
    private readonly packageFormat: 'scorm12' | 'scorm2004',
    private readonly language: () => string,
  ) {
    this.label = `${lms.label} + LRS`;
    lms.onHealthChange = (health) => {
      this.lmsHealth = health;
      this.publishHealth();
    };
    this.outbox = new Outbox(new XapiClient(report.endpoint, report.auth), {
      storage: safeLocalStorage(),
      onHealthChange: (health) => {
        this.lrsHealth = health;
        this.publishHealth();
      },
    });
  }

  /** The learner hears about the LMS first: it holds their grade. */
  private publishHealth(): void {
    this.onHealthChange?.(!this.lmsHealth.ok ? this.lmsHealth : this.lrsHealth);
  }

  async start(): Promise<TrackerSession> {
    const session = await this.lms.start();
    this.factory = new StatementFactory(this.course, {
      actor: await reportingActor(this.report, session.learner),
      language: this.language(),
      packageFormat: this.packageFormat,
      organisation: this.report.org,
    });
    void this.outbox.add([session.savedState ? this.factory.resumed() : this.factory.initialized()]);
    return session;
  }

  saveState(state: string, bookmark: string): Promise<void> {
    return this.lms.saveState(state, bookmark);
  }

  async recordInteraction(interaction: InteractionRecord): Promise<void> {
    await this.lms.recordInteraction(interaction);
    const statement = this.factory?.interaction(interaction);
    if (statement) void this.outbox.add([statement]);
  }

  async setScore(score: Score): Promise<void> {
    this.score = score;
    await this.lms.setScore(score);
  }

  async setStatus(completion: CompletionStatus, success: SuccessStatus): Promise<void> {
    await this.lms.setStatus(completion, success);
    if (!this.factory) return;
    const statements = statusStatements(this.factory, this.reported, completion, success, this.score, Date.now() - this.startedAt);
    this.reported = { completion, success };
    if (statements.length) void this.outbox.add(statements);
  }

  async flush(): Promise<void> {
    await Promise.all([this.lms.flush?.(), this.outbox.send()]);
  }

  async finish(): Promise<void> {
    if (!this.finished && this.factory) {
      this.finished = true;
      const session = Date.now() - this.startedAt;
      void this.outbox.add([...(this.reported.completion !== 'completed' ? [this.factory.suspended(session)] : []), this.factory.terminated(session)]);
      this.outbox.flushOnExit();
    }
    await this.lms.finish();
  }
}

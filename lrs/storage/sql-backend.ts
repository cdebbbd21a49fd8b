/**
 * The SQL behind the LRS, written once with kysely; SQLite and PostgreSQL differ only in their
 * dialect and a few column types, given by each subclass. This root holds the schema's
 * migrations, accounts, sessions and credentials; an organisation's records are reached through
 * {@link SqlBackend.tenant} (sql-tenant.ts), and the reports through sql-reports.ts.
 */
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import type { ReportStore } from './report-store.ts';
import type { LtiStore } from './lti-store.ts';
import { SqlLtiStore } from './sql-lti.ts';
import type { DispatchStore } from './dispatch-store.ts';
import { SqlDispatchStore } from './sql-dispatch.ts';
import type { ReviewStore } from './review-store.ts';
import { SqlReviewStore } from './sql-reviews.ts';
import type { Account, Certificate, Credential, LrsBackend, Session, TrainingSession } from './backend.ts';
import { migrations } from './migrations/index.ts';
import type { Database, EngineTypes } from './schema.ts';
import { SqlReports } from './sql-reports.ts';
import { SqlTenantStore, toTrainingSession } from './sql-tenant.ts';

export abstract class SqlBackend implements LrsBackend {
  abstract readonly engine: 'sqlite' | 'postgres';

  constructor(
    protected readonly db: Kysely<Database>,
    private readonly types: EngineTypes,
  ) {}

  get reports(): ReportStore {
    return new SqlReports(this.db);
  }

  get lti(): LtiStore {
    return new SqlLtiStore(this.db);
  }

  get dispatch(): DispatchStore {
    return new SqlDispatchStore(this.db);
  }

  get reviews(): ReviewStore {
    return new SqlReviewStore(this.db);
  }

  /** One store per organisation, kept: what a process caches per store lasts across requests. */
  private readonly tenants = new Map<string, SqlTenantStore>();

  tenant(org: string): SqlTenantStore {
    let store = this.tenants.get(org);
    if (!store) this.tenants.set(org, (store = this.makeTenant(org)));
    return store;
  }

  protected makeTenant(org: string): SqlTenantStore {
    return new SqlTenantStore(this.db, org);
  }

  async isEmpty(): Promise<boolean> {
    return !(await this.db.selectFrom('statements').select('seq').limit(1).executeTakeFirst());
  }

  async migrate(target?: string): Promise<void> {
    const all = migrations(this.types);
    const provider: MigrationProvider = { getMigrations: async () => all };
    // Several processes may start at once on one PostgreSQL: the migrator's lock serialises them,
    // but creating its bookkeeping tables can race on a fresh database, so a failed first try is retried.
    for (let attempt = 1; ; attempt++) {
      const schema = await this.migrationSchema();
      const migrator = new Migrator({ db: this.db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
      const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
      const failed = results?.find((r) => r.status === 'Error');
      if (!error && !failed) return;
      if (attempt >= 5) throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }

  /**
   * Where the migrator keeps its bookkeeping tables. Named explicitly on PostgreSQL: otherwise it
   * looks for them in every schema and is fooled by another LRS's tables in a neighbouring schema.
   */
  protected async migrationSchema(): Promise<string | undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async saveAccount(a: Account): Promise<void> {
    const values = { username: a.username, password_hash: a.passwordHash, role: a.role, org: a.org, created: a.created, disabled: a.disabled ? 1 : 0 };
    await this.db
      .insertInto('accounts')
      .values(values)
      .onConflict((oc) => oc.column('username').doUpdateSet({ password_hash: values.password_hash, role: values.role, org: values.org, disabled: values.disabled }))
      .execute();
  }

  async getAccount(username: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
    return row && toAccount(row);
  }

  async listAccounts(): Promise<Account[]> {
    return (await this.db.selectFrom('accounts').selectAll().orderBy('username').execute()).map(toAccount);
  }

  async saveSession(session: Session): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id_hash: session.idHash, username: session.username, csrf_token: session.csrfToken, expires: session.expires })
      .execute();
  }

  async getSession(idHash: string): Promise<Session | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return row && { idHash: row.id_hash, username: row.username, csrfToken: row.csrf_token, expires: row.expires };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async saveCredential(c: Credential): Promise<void> {
    await this.db
      .insertInto('credentials')
      .values({
        key: c.key,
        secret_hash: c.secretHash,
        org: c.org,
        scopes: JSON.stringify(c.scopes),
        label: c.label,
        created: c.created,
        revoked: c.revoked ? 1 : 0,
        expires: c.expires ?? null,
        agent: c.agent ?? null,
      })
      .execute();
  }

  async getCredential(key: string): Promise<Credential | undefined> {
    const row = await this.db.selectFrom('credentials').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toCredential(row);
  }

  async listCredentials(): Promise<Credential[]> {
    // A launch's own short-lived credentials (bound to one learner) are not the administrators' to manage.
    const rows = await this.db.selectFrom('credentials').selectAll().where('agent', 'is', null).orderBy('created').execute();
    return rows.map(toCredential);
  }

  async revokeCredential(key: string): Promise<boolean> {
    const result = await this.db.updateTable('credentials').set({ revoked: 1 }).where('key', '=', key).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
  async listTrainingSessions(orgs?: string[]): Promise<TrainingSession[]> {
    if (orgs && !orgs.length) return [];
    let query = this.db.selectFrom('training_sessions').selectAll();
    if (orgs) query = query.where('org', 'in', orgs);
    const rows = await query.orderBy('date', 'desc').orderBy('created', 'desc').execute();
    return rows.map(toTrainingSession);
  }

  async setting(name: string, make: () => string): Promise<string> {
    await this.db.insertInto('settings').values({ name, value: make() }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const row = await this.db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirstOrThrow();
    return row.value;
  }

  async findCertificate(codeHash: string): Promise<Certificate | undefined> {
    const row = await this.db.selectFrom('certificates').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    return row ? { codeHash: row.code_hash, org: row.org, learner: row.learner, issued: row.issued, modules: Number(row.modules), sessions: Number(row.sessions) } : undefined;
  }

}

function toAccount(row: Database['accounts']): Account {
  return {
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role as Account['role'],
    org: row.org,
    created: row.created,
    disabled: Number(row.disabled) === 1,
  };
}

function toCredential(row: Database['credentials']): Credential {
  return {
    key: row.key,
    secretHash: row.secret_hash,
    org: row.org,
    scopes: JSON.parse(row.scopes) as string[],
    label: row.label,
    created: row.created,
    revoked: Number(row.revoked) === 1,
    expires: row.expires,
    agent: row.agent,
  };
}

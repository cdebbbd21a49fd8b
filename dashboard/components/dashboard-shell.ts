import { css, html, LitElement, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Dimensions } from '../../lrs/contracts/report-types.ts';
import { ApiError, type DashboardApi, type ReportName, type Reports, type Session } from '../api.ts';
import { errorSentence } from '../errors.ts';
import { lastSegment } from '../format.ts';
import { FILTER_PARAMS, formatHash, linkTo, parseHash, viewInfo, viewsFor, type Route, type RouteParams } from '../route.ts';
import { roleName } from '../roles.ts';
import { dashStyles } from '../styles.ts';
import '../views/admin-view.ts';
import '../views/case-view.ts';
import '../views/feedback-view.ts';
import '../views/items-view.ts';
import '../views/learners-view.ts';
import '../views/module-view.ts';
import '../views/overview-view.ts';
import '../views/period-report-view.ts';
import '../views/programme-view.ts';
import '../views/sessions-view.ts';
import './filter-bar.ts';
import './language-switch.ts';

type LoadState = 'loading' | 'ready' | 'error';

/**
 * The signed-in dashboard: a skip link, the header (product name, who is signed in, sign out),
 * the views as a navigation list (the current one marked with aria-current), the filters and the
 * current view. The view and its filters live in the URL hash; every change of view or filter
 * loads its report, announced through the page's live region (loading, loaded, failed). Moving to
 * another view moves focus to its heading.
 *
 * @tag dash-shell
 * @property api - The dashboard API client.
 * @property session - Who is signed in.
 * @event announce - detail: a sentence for the live region.
 * @event signed-out - detail: a sentence to show on the sign-in page.
 */
@customElement('dash-shell')
@localized()
export class DashboardShell extends LitElement {
  static override styles = [
    dashStyles,
    css`
      :host { display: block; min-height: 100vh; }
      .skip-link { position: absolute; left: .5rem; top: -4rem; z-index: 10; background: var(--dash-surface); padding: .5rem 1rem; border: 2px solid var(--dash-primary); border-radius: .375rem; font-weight: 600; }
      .skip-link:focus { top: .5rem; }
      header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; justify-content: space-between; padding: .75rem 1.5rem; background: var(--dash-subtle); border-bottom: 1px solid var(--dash-rule); }
      h1 { font-size: 1.3rem; margin: 0; }
      .who { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
      nav { border-bottom: 1px solid var(--dash-rule); padding: 0 1.5rem; }
      nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0 .25rem; margin: 0; padding: 0; }
      nav a { display: block; padding: .7rem .8rem; text-decoration: none; color: var(--dash-primary); border-bottom: 4px solid transparent; font-weight: 600; }
      nav a:hover { text-decoration: underline; }
      nav a[aria-current='page'] { color: var(--dash-text); border-bottom-color: var(--dash-primary); }
      main { padding: 1.25rem 1.5rem 3rem; max-width: 90rem; }
      /* Printed (the period report): the content only, not the dashboard's own controls. */
      @media print {
        header, nav, .skip-link, dash-filter-bar { display: none; }
        main { padding: 0; max-width: none; }
      }
      @media (max-width: 40rem) {
        header, nav, main { padding-left: .75rem; padding-right: .75rem; }
        nav a { padding: .5rem .6rem; }
      }
    `,
  ];

  @property({ attribute: false }) api!: DashboardApi;
  @property({ attribute: false }) session!: Session;

  @state() private route: Route = parseHash(location.hash);
  @state() private dimensions?: Dimensions;
  @state() private report?: Reports[ReportName];
  /** The learning gain, with the Questions view's report. */
  @state() private gain?: Reports['gain'];
  @state() private loadState: LoadState = 'loading';
  @state() private error = '';

  @query('#view-heading') private heading?: HTMLElement;
  private requestId = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('lit-localize-status', this.onLanguage);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('lit-localize-status', this.onLanguage);
  }

  private async start(): Promise<void> {
    try {
      this.dimensions = await this.api.report('dimensions');
    } catch (error) {
      if (this.endedSession(error)) return;
      this.loadState = 'error';
      const reason = errorSentence(error);
      this.error = msg(str`The dashboard could not start: ${reason}`);
      this.announce(this.error);
      return;
    }
    await this.show(parseHash(location.hash), true);
  }

  /** A new language: the page's title follows (the views redraw themselves). */
  private readonly onLanguage = (event: Event) => {
    if ((event as CustomEvent<{ status: string }>).detail.status !== 'ready') return;
    const title = viewInfo(this.route.view).title;
    document.title = msg(str`${title} – INPROCAP dashboard`);
  };

  private readonly onHashChange = () => {
    // Only "#/view..." addresses are views ("#main" is the skip link's target).
    if (location.hash && !location.hash.startsWith('#/')) return;
    const next = parseHash(location.hash);
    void this.show(next, next.view !== this.route.view);
  };

  /** Shows a route: fills in a required module, keeps the address in step, loads the report. */
  private async show(requested: Route, focusHeading: boolean): Promise<void> {
    const params: RouteParams = { ...requested.params };
    if (viewInfo(requested.view).module === 'required' && !params.module && this.dimensions?.modules[0]) params.module = this.dimensions.modules[0].id;
    const route: Route = { view: requested.view, params };
    if (formatHash(route) !== location.hash) history.replaceState(history.state, '', formatHash(route));
    // The old report never shows under the new address, not even for one frame.
    this.route = route;
    this.report = undefined;
    this.loadState = 'loading';
    const title = viewInfo(route.view).title;
    document.title = msg(str`${title} – INPROCAP dashboard`);
    if (focusHeading) {
      await this.updateComplete;
      this.heading?.focus();
    }
    await this.load();
  }

  private async load(): Promise<void> {
    const id = ++this.requestId;
    const { view } = this.route;
    const title = viewInfo(view).title;
    this.report = undefined;
    this.error = '';
    if (view === 'admin') {
      const admin = this.session.role === 'admin';
      this.loadState = admin ? 'ready' : 'error';
      if (!admin) this.error = msg('The Admin view is for administrators only.');
      return;
    }
    if (view === 'sessions' || view === 'report') {
      // These views load their own: sessions and attendance; the period report's several reports.
      this.loadState = 'ready';
      return;
    }
    this.loadState = 'loading';
    this.announce(msg(str`Loading ${title}…`));
    try {
      // The Questions view shows the module's learning gain beside the quiz results.
      const [report, gain] = await Promise.all([this.api.report(view, this.reportQuery()), view === 'items' ? this.api.report('gain', this.reportQuery()) : undefined]);
      if (id !== this.requestId) return;
      this.report = report;
      this.gain = gain;
      this.loadState = 'ready';
      this.announce(msg(str`${title} loaded.`));
    } catch (error) {
      if (id !== this.requestId || this.endedSession(error)) return;
      this.loadState = 'error';
      this.error = errorSentence(error);
      const reason = this.error;
      this.announce(msg(str`${title} could not be loaded. ${reason}`));
    }
  }

  private reportQuery(): Record<string, string | undefined> {
    const { view, params } = this.route;
    const table = { page: params.page, sort: params.sort, dir: params.dir, q: params.q };
    // The programme spans modules, languages and periods: only the organisation narrows it.
    if (view === 'programme') return { org: params.org, ...table };
    const query: Record<string, string | undefined> = {};
    for (const name of FILTER_PARAMS) query[name] = params[name];
    if (view === 'learners') Object.assign(query, { stuckDays: params.stuckDays, asOf: params.asOf, onlyStuck: params.onlyStuck }, table);
    if (view === 'feedback') Object.assign(query, { page: params.page, dir: params.dir, q: params.q });
    return query;
  }

  /** The server's CSV export of the view's paged table (every row of the same query). */
  private exportUrl(table: 'learners' | 'programme' | 'comments'): string {
    return this.api.exportUrl(table, this.reportQuery());
  }

  /** A table's new page, order or search: a new search or order starts at the first page. */
  private pageTo(change: { page?: number; q?: string; sort?: string; dir?: string }): void {
    const params = { ...this.route.params };
    if (change.q !== undefined) params.q = change.q || undefined;
    if (change.sort !== undefined) params.sort = change.sort;
    if (change.dir !== undefined) params.dir = change.dir;
    params.page = change.page && change.page > 1 && change.q === undefined && change.sort === undefined ? String(change.page) : undefined;
    this.navigate(params);
  }

  /** Whether the viewer marks findings reviewed: the Control Group's work (and admins'). */
  private get canReview(): boolean {
    return this.session.role === 'control-group' || this.session.role === 'admin';
  }

  /** Words for CSV file names: module, organisation, language and period. */
  private get fileBase(): string {
    const p = this.route.params;
    const org = p.org ?? (this.session.role === 'trainer' ? (this.session.org ?? undefined) : undefined);
    return [p.module && lastSegment(p.module), org, p.language, p.from && `from ${p.from}`, p.to && `to ${p.to}`].filter(Boolean).join(' ');
  }

  private navigate(params: RouteParams): void {
    const hash = formatHash({ view: this.route.view, params });
    if (hash !== location.hash) location.hash = hash;
  }

  override render() {
    const info = viewInfo(this.route.view);
    const s = this.session;
    return html`
      <a class="skip-link" href="#main" @click=${this.skipToMain}>${msg('Skip to main content')}</a>
      <header>
        <h1>${msg('INPROCAP dashboard')}</h1>
        <div class="who">
          <span data-signed-in>${signedInAs(s.username, roleName(s.role), s.org)}</span>
          <dash-language-switch></dash-language-switch>
          <button type="button" @click=${this.signOut}>${msg('Sign out')}</button>
        </div>
      </header>
      <nav aria-label=${msg('Dashboard views')}>
        <ul>
          ${viewsFor(s).map(
            (v) => html`<li><a href=${linkTo(v.id, this.route.params)} aria-current=${v.id === this.route.view ? 'page' : nothing}>${v.title}</a></li>`,
          )}
        </ul>
      </nav>
      <main id="main" tabindex="-1" data-view=${this.route.view} data-route=${formatHash(this.route)} data-state=${this.loadState} aria-busy=${this.loadState === 'loading' ? 'true' : 'false'}>
        <h2 id="view-heading" tabindex="-1">${info.title}</h2>
        ${info.module !== 'none' && this.dimensions
          ? html`<dash-filter-bar
              .dimensions=${this.dimensions}
              .params=${this.route.params}
              .viewer=${s}
              .moduleChoice=${info.module === 'required' ? 'required' : 'optional'}
              @filters-change=${(e: CustomEvent<RouteParams>) => this.navigate({ ...e.detail, page: undefined })}
            ></dash-filter-bar>`
          : nothing}
        ${this.renderView()}
      </main>
    `;
  }

  private renderView() {
    if (this.loadState === 'error') return html`<p class="error" data-error>${this.error}</p>`;
    if (this.route.view === 'admin' && this.session.role === 'admin') return html`<dash-admin-view .api=${this.api} me=${this.session.username} .orgs=${this.dimensions?.orgs ?? []}></dash-admin-view>`;
    if (this.route.view === 'sessions') {
      return html`<dash-sessions-view
        .api=${this.api}
        .viewer=${this.session}
        .modules=${this.dimensions?.modules ?? []}
        .orgs=${this.dimensions?.orgs ?? []}
        sessionId=${this.route.params.session ?? ''}
        @session-change=${(e: CustomEvent<string>) => this.navigate({ ...this.route.params, session: e.detail || undefined })}
      ></dash-sessions-view>`;
    }
    if (this.route.view === 'report') {
      return html`<dash-period-report-view .api=${this.api} .params=${this.route.params} ?canMark=${this.canReview}></dash-period-report-view>`;
    }
    if (this.loadState === 'loading' || !this.report) return html`<p>${msg('Loading…')}</p>`;
    const base = this.fileBase;
    switch (this.route.view) {
      case 'overview':
        return html`<dash-overview-view .report=${this.report as Reports['overview']} .fileBase=${base}></dash-overview-view>`;
      case 'module':
        return html`<dash-module-view .report=${this.report as Reports['module']} .fileBase=${base}></dash-module-view>`;
      case 'items':
        return html`<dash-items-view .report=${this.report as Reports['items']} .gain=${this.gain} .fileBase=${base} .api=${this.api} ?canMark=${this.canReview}></dash-items-view>`;
      case 'case':
        return html`<dash-case-view .report=${this.report as Reports['case']} .fileBase=${base} .api=${this.api} ?canMark=${this.canReview}></dash-case-view>`;
      case 'feedback':
        return html`<dash-feedback-view
          .report=${this.report as Reports['feedback']}
          .fileBase=${base}
          .api=${this.api}
          ?canMark=${this.canReview}
          csvHref=${this.exportUrl('comments')}
          @paging-change=${(e: CustomEvent<{ page?: number; q?: string }>) => this.pageTo(e.detail)}
          @sort-change=${(e: CustomEvent<{ sort: string; dir: string }>) => this.pageTo(e.detail)}
        ></dash-feedback-view>`;
      case 'programme':
        return html`<dash-programme-view
          .report=${this.report as Reports['programme']}
          .api=${this.api}
          ?canIssue=${this.session.role === 'trainer' || this.session.role === 'admin'}
          .fileBase=${base}
          csvHref=${this.exportUrl('programme')}
          @paging-change=${(e: CustomEvent<{ page?: number; q?: string }>) => this.pageTo(e.detail)}
          @sort-change=${(e: CustomEvent<{ sort: string; dir: string }>) => this.pageTo(e.detail)}
        ></dash-programme-view>`;
      case 'learners':
        return html`<dash-learners-view
          .report=${this.report as Reports['learners']}
          .params=${this.route.params}
          .fileBase=${base}
          csvHref=${this.exportUrl('learners')}
          @params-change=${(e: CustomEvent<RouteParams>) => this.navigate({ ...e.detail, page: undefined })}
          @paging-change=${(e: CustomEvent<{ page?: number; q?: string }>) => this.pageTo(e.detail)}
          @sort-change=${(e: CustomEvent<{ sort: string; dir: string }>) => this.pageTo(e.detail)}
        ></dash-learners-view>`;
    }
  }

  private skipToMain(event: Event): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private async signOut(): Promise<void> {
    try {
      await this.api.signOut();
    } catch {
      // Signed out already, or the server is gone: either way the session is over here.
    }
    this.dispatchEvent(new CustomEvent('signed-out', { detail: msg('You are signed out.'), bubbles: true, composed: true }));
  }

  /** A 401: the session expired or was ended elsewhere. */
  private endedSession(error: unknown): boolean {
    if (!(error instanceof ApiError) || error.status !== 401) return false;
    this.dispatchEvent(new CustomEvent('signed-out', { detail: msg('Your session has ended: sign in again.'), bubbles: true, composed: true }));
    return true;
  }

  private announce(text: string): void {
    this.dispatchEvent(new CustomEvent('announce', { detail: text, bubbles: true, composed: true }));
  }
}

/** "Signed in as ada (Trainer, DTI)": the name in bold. */
function signedInAs(username: string, role: string, org: string | null | undefined) {
  const name = html`<strong>${username}</strong>`;
  return org ? msg(html`Signed in as ${name} (${role}, ${org})`) : msg(html`Signed in as ${name} (${role})`);
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-shell': DashboardShell;
  }
}

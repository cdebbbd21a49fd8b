import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DashboardApi, Reports } from '../api.ts';
import { errorSentence } from '../errors.ts';
import { day } from '../format.ts';
import { FILTER_PARAMS, type RouteParams } from '../route.ts';
import { dashStyles } from '../styles.ts';
import './overview-view.ts';
import './module-view.ts';
import './items-view.ts';
import './case-view.ts';
import './feedback-view.ts';
import './programme-view.ts';

type Sections = Partial<Pick<Reports, 'overview' | 'module' | 'items' | 'gain' | 'case' | 'feedback' | 'programme'>>;

/**
 * The Control Group's period report, for one module or the whole programme: the same reports
 * and the same views the screens show (outcomes per partner, the module's funnel, item analysis
 * with flags and the learning gain, case paths, survey results and the newest comments; for the programme, completion
 * per partner), one after another for the filters' period, printable; "Print or save as PDF" opens
 * the browser's print, whose print styles leave out the dashboard's controls.
 *
 * @tag dash-period-report-view
 * @property api - The dashboard API client.
 * @property params - The filters (module, organisation, language, period).
 * @property canMark - Whether the viewer may mark findings reviewed.
 * @property orgs - Every organisation the viewer may see (the programme's partners).
 */
@customElement('dash-period-report-view')
@localized()
export class PeriodReportView extends LitElement {
  static override styles = [
    dashStyles,
    css`
      .period { font-size: 1.1rem; }
      section.part { margin: 1.5rem 0 2rem; }
      section.part > h3 { border-bottom: 2px solid var(--dash-rule); padding-bottom: .25rem; }
      @media print {
        .no-print { display: none !important; }
        section.part { break-before: page; margin: 0; }
        section.part:first-of-type { break-before: auto; }
      }
    `,
  ];

  @property({ attribute: false }) api!: DashboardApi;
  @property({ attribute: false }) params: RouteParams = {};
  @property({ type: Boolean }) canMark = false;
  @state() private sections?: Sections;
  @state() private failure = '';
  private requestId = 0;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('params')) void this.load();
  }

  private async load(): Promise<void> {
    const id = ++this.requestId;
    this.sections = undefined;
    this.failure = '';
    const query: Record<string, string | undefined> = {};
    for (const name of FILTER_PARAMS) query[name] = this.params[name];
    const module = this.params.module;
    try {
      const [overview, moduleReport, items, gain, exercise, feedback, programme] = await Promise.all([
        this.api.report('overview', query),
        module ? this.api.report('module', query) : undefined,
        module ? this.api.report('items', query) : undefined,
        module ? this.api.report('gain', query) : undefined,
        module ? this.api.report('case', query) : undefined,
        this.api.report('feedback', query),
        module ? undefined : this.api.report('programme', { org: this.params.org }),
      ]);
      if (id !== this.requestId) return;
      this.sections = { overview, module: moduleReport, items, gain, case: exercise, feedback, programme };
      this.dataset.state = 'ready';
    } catch (error) {
      if (id !== this.requestId) return;
      const reason = errorSentence(error);
      this.failure = msg(str`The report could not be made: ${reason}`);
    }
  }

  /** The comments' page, order or search, asked of the server again (the rest of the report stays). */
  private readonly pageComments = async (event: Event) => {
    event.stopPropagation();
    const change = (event as CustomEvent<{ page?: number; q?: string; dir?: string }>).detail;
    const current = this.sections?.feedback?.commentPage;
    const query: Record<string, string | undefined> = {};
    for (const name of FILTER_PARAMS) query[name] = this.params[name];
    const q = change.q ?? current?.q ?? '';
    const dir = change.dir ?? current?.dir;
    const page = change.q !== undefined || change.dir !== undefined ? 1 : (change.page ?? 1);
    try {
      const feedback = await this.api.report('feedback', { ...query, q: q || undefined, dir, page: page > 1 ? String(page) : undefined });
      this.sections = { ...this.sections, feedback };
    } catch (error) {
      const reason = errorSentence(error);
      this.failure = msg(str`The report could not be made: ${reason}`);
    }
  };

  override render() {
    if (this.failure) return html`<p class="error" role="alert">${this.failure}</p>`;
    const s = this.sections;
    if (!s) return html`<p>${msg('Loading…')}</p>`;
    const from = this.params.from ? day(this.params.from) : msg('the first record');
    const to = this.params.to ? day(this.params.to) : msg('today');
    const subject = s.items?.moduleName ?? msg('the whole programme');
    const org = this.params.org ?? '';
    const language = this.params.language ?? '';
    return html`
      <p class="period" data-period>
        ${msg(str`Period report on ${subject}, from ${from} to ${to}.`)}
        ${this.params.org ? msg(str`Organisation: ${org}.`) : nothing}
        ${this.params.language ? msg(str`Language: ${language}.`) : nothing}
      </p>
      <p class="no-print"><button type="button" class="primary" @click=${() => window.print()}>${msg('Print or save as PDF')}</button></p>
      <section class="part" aria-labelledby="part-outcomes">
        <h3 id="part-outcomes">${msg('Outcomes per partner')}</h3>
        <dash-overview-view .report=${s.overview}></dash-overview-view>
      </section>
      ${s.module
        ? html`<section class="part" aria-labelledby="part-module">
            <h3 id="part-module">${msg('Progress through the module')}</h3>
            <dash-module-view .report=${s.module}></dash-module-view>
          </section>`
        : nothing}
      ${s.items
        ? html`<section class="part" aria-labelledby="part-items">
            <h3 id="part-items">${msg('Item analysis')}</h3>
            <dash-items-view .report=${s.items} .gain=${s.gain} .api=${this.api} ?canMark=${this.canMark}></dash-items-view>
          </section>`
        : nothing}
      ${s.case
        ? html`<section class="part" aria-labelledby="part-case">
            <h3 id="part-case">${msg('Case exercise')}</h3>
            <dash-case-view .report=${s.case} .api=${this.api} ?canMark=${this.canMark}></dash-case-view>
          </section>`
        : nothing}
      ${s.feedback
        ? html`<section class="part" aria-labelledby="part-feedback">
            <h3 id="part-feedback">${msg('Survey results and comments')}</h3>
            <dash-feedback-view
              .report=${s.feedback}
              .api=${this.api}
              ?canMark=${this.canMark}
              @paging-change=${this.pageComments}
              @sort-change=${this.pageComments}
            ></dash-feedback-view>
          </section>`
        : nothing}
      ${s.programme
        ? html`<section class="part" aria-labelledby="part-programme">
            <h3 id="part-programme">${msg('Programme completion')}</h3>
            <dash-programme-view .report=${s.programme} .api=${this.api}></dash-programme-view>
          </section>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-period-report-view': PeriodReportView;
  }
}

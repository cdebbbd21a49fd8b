import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PersonRef, TrainingSessionDetail, TrainingSessionInfo } from '../../lrs/contracts/programme.ts';
import type { Viewer } from '../../lrs/contracts/report-types.ts';
import type { DashboardApi } from '../api.ts';
import '../components/data-table.ts';
import { errorSentence } from '../errors.ts';
import { dashStyles } from '../styles.ts';

/**
 * In-person sessions: the list (a trainer's organisation; every partner's for the Control Group
 * and admins), a form to add one (trainers and admins), and, for the session chosen, who attended:
 * learners the LRS knows for the organisation are ticked, people it does not know yet are typed in
 * (a name or an e-mail address; they are kept under a pseudonym). Each saved attendance becomes an
 * xAPI `attended` statement in the organisation's records.
 *
 * @tag dash-sessions-view
 * @property api - The dashboard API client.
 * @property viewer - Who is signed in.
 * @property modules - The modules to choose from ({ id, name }).
 * @property orgs - Organisations an admin may choose.
 * @property sessionId - The session open for attendance (from the address).
 * @event session-change - detail: the session id to open, or '' to close it.
 * @event announce - detail: a sentence for the live region.
 */
@customElement('dash-sessions-view')
@localized()
export class SessionsView extends LitElement {
  static override styles = [
    dashStyles,
    css`
      form.new { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: flex-end; margin: .5rem 0 1.5rem; }
      fieldset { border: 1px solid var(--dash-rule); border-radius: .375rem; padding: .75rem 1rem; margin: 1rem 0; }
      legend { font-weight: 600; padding: 0 .25rem; }
      ul.people { list-style: none; padding: 0; margin: 0; columns: 18rem auto; }
      ul.people li { break-inside: avoid; padding: .2rem 0; }
      .typed { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: flex-end; }
      table.list { border-collapse: collapse; width: 100%; }
      table.list th, table.list td { border-bottom: 1px solid var(--dash-rule); padding: .45rem .6rem; text-align: left; vertical-align: top; }
      table.list td.n { text-align: right; }
    `,
  ];

  @property({ attribute: false }) api!: DashboardApi;
  @property({ attribute: false }) viewer!: Viewer;
  @property({ attribute: false }) modules: { id: string; name: string }[] = [];
  @property({ attribute: false }) orgs: string[] = [];
  @property() sessionId = '';

  @state() private sessions?: TrainingSessionInfo[];
  @state() private detail?: TrainingSessionDetail;
  @state() private typed: { name: string; email: string }[] = [];
  @state() private failure = '';
  @state() private status = '';
  @state() private busy = false;

  private get records(): boolean {
    return this.viewer.role === 'trainer' || this.viewer.role === 'admin';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadList();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('sessionId')) void this.loadDetail();
  }

  private async loadList(): Promise<void> {
    try {
      this.sessions = await this.api.trainingSessions();
    } catch (error) {
      const reason = errorSentence(error);
      this.failure = msg(str`The sessions could not be loaded: ${reason}`);
    }
  }

  private async loadDetail(): Promise<void> {
    this.detail = undefined;
    this.typed = [];
    if (!this.sessionId || !this.records) return;
    try {
      this.detail = await this.api.trainingSession(this.sessionId);
    } catch (error) {
      const reason = errorSentence(error);
      this.failure = msg(str`The session could not be opened: ${reason}`);
    }
  }

  override render() {
    return html`
      ${this.records ? this.renderNewForm() : nothing}
      <h3 id="sessions-title">${msg('Sessions')}</h3>
      ${this.renderList()}
      ${this.detail ? this.renderAttendance(this.detail) : nothing}
      <p role="status" data-sessions-status>${this.status || nothing}</p>
      <p class="error" role="alert">${this.failure || nothing}</p>
    `;
  }

  private renderNewForm() {
    const admin = this.viewer.role === 'admin';
    return html`
      <h3>${msg('New session')}</h3>
      <form class="new" aria-label=${msg('New session')} @submit=${this.create}>
        <div class="field">
          <label for="session-module">${msg('Module')}</label>
          <select id="session-module" name="moduleId" required>
            ${this.modules.map((m) => html`<option value=${m.id}>${m.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="session-date">${msg('Date')}</label>
          <input id="session-date" name="date" type="date" required />
        </div>
        <div class="field">
          <label for="session-place">${msg('Place')}</label>
          <input id="session-place" name="place" required maxlength="200" autocomplete="off" />
        </div>
        ${admin
          ? html`<div class="field">
              <label for="session-org">${msg('Organisation')}</label>
              <select id="session-org" name="org" required>
                ${this.orgs.map((o) => html`<option value=${o}>${o}</option>`)}
              </select>
            </div>`
          : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Add the session')}</button>
      </form>
    `;
  }

  private renderList() {
    if (!this.sessions) return html`<p>${msg('Loading…')}</p>`;
    if (!this.sessions.length) return html`<p class="muted">${msg('No sessions yet.')}</p>`;
    return html`
      <table class="list" aria-labelledby="sessions-title">
        <thead>
          <tr><th scope="col">${msg('Date')}</th><th scope="col">${msg('Module')}</th><th scope="col">${msg('Place')}</th><th scope="col">${msg('Organisation')}</th><th scope="col">${msg('Attended')}</th>${this.records ? html`<th scope="col"><span class="visually-hidden">${msg('Action')}</span></th>` : nothing}</tr>
        </thead>
        <tbody>
          ${this.sessions.map(
            (s) => html`<tr>
              <th scope="row">${s.date}</th><td>${s.moduleName}</td><td>${s.place}</td><td>${s.org}</td><td class="n">${s.attendees}</td>
              ${this.records
                ? html`<td><button type="button" aria-label=${msg(str`Record attendance: ${s.moduleName}, ${s.date}, ${s.place}`)} @click=${() => this.open(s.id)}>${msg('Record attendance')}</button></td>`
                : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  private renderAttendance(d: TrainingSessionDetail) {
    const label = (p: PersonRef) => (p.name ? `${p.name} (${p.learner})` : p.learner);
    const present = d.present.map(label).join(', ');
    return html`
      <h3 id="attendance-title" tabindex="-1">${msg(str`Attendance: ${d.moduleName}, ${d.date}, ${d.place}`)}</h3>
      <p>${d.present.length ? msg(str`Present: ${present}.`) : msg('Nobody recorded yet.')}</p>
      <form aria-labelledby="attendance-title" @submit=${this.save}>
        <fieldset>
          <legend>${msg(str`Learners of ${d.org} not yet marked present`)}</legend>
          ${d.candidates.length
            ? html`<ul class="people">${d.candidates.map((p) => html`<li><label class="check"><input type="checkbox" name="learner" value=${p.learner} /> ${label(p)}</label></li>`)}</ul>`
            : html`<p class="muted">${msg(str`Every learner the LRS knows for ${d.org} is marked present.`)}</p>`}
        </fieldset>
        <fieldset>
          <legend>${msg('People the LRS does not know yet')}</legend>
          <p class="hint">
            ${d.namesKept
              ? msg('Their name is kept, as for your other learners; an e-mail address is used only to recognise the same person next time and is not stored.')
              : msg('They are kept under a pseudonym only, as your learners are; an e-mail address is used only to recognise the same person next time and is not stored.')}
          </p>
          ${this.typed.map(
            (person, i) => html`<div class="typed">
              <div class="field"><label for=${`typed-name-${i}`}>${msg('Name')}</label><input id=${`typed-name-${i}`} .value=${person.name} maxlength="200" autocomplete="off" @input=${(e: Event) => this.edit(i, 'name', e)} /></div>
              <div class="field"><label for=${`typed-email-${i}`}>${msg('E-mail')}</label><input id=${`typed-email-${i}`} type="email" .value=${person.email} maxlength="254" autocomplete="off" @input=${(e: Event) => this.edit(i, 'email', e)} /></div>
            </div>`,
          )}
          <button type="button" @click=${this.addPerson}>${msg('Add a person')}</button>
        </fieldset>
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save attendance')}</button>
        <button type="button" @click=${() => this.open('')}>${msg('Close')}</button>
      </form>
    `;
  }

  private open(id: string): void {
    this.status = '';
    this.failure = '';
    this.dispatchEvent(new CustomEvent('session-change', { detail: id, bubbles: true, composed: true }));
  }

  private edit(index: number, field: 'name' | 'email', event: Event): void {
    this.typed = this.typed.map((p, i) => (i === index ? { ...p, [field]: (event.target as HTMLInputElement).value } : p));
  }

  private async addPerson(): Promise<void> {
    this.typed = [...this.typed, { name: '', email: '' }];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#typed-name-${this.typed.length - 1}`)?.focus();
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    // Read the form now: after an await the event no longer points into the shadow root.
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.failure = '';
    this.busy = true;
    try {
      const created = await this.api.createTrainingSession({
        moduleId: String(data.get('moduleId')),
        date: String(data.get('date')),
        place: String(data.get('place')),
        ...(data.get('org') ? { org: String(data.get('org')) } : {}),
      });
      form.reset();
      await this.loadList();
      this.status = msg(str`Session added: ${created.moduleName}, ${created.date}, ${created.place}.`);
      this.announce(this.status);
    } catch (error) {
      const reason = errorSentence(error);
      this.failure = msg(str`The session could not be added: ${reason}`);
    } finally {
      this.busy = false;
    }
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const learners = [...form.querySelectorAll<HTMLInputElement>('input[name="learner"]:checked')].map((i) => i.value);
    const people = this.typed.filter((p) => p.name.trim() || p.email.trim()).map((p) => ({ ...(p.name.trim() ? { name: p.name.trim() } : {}), ...(p.email.trim() ? { email: p.email.trim() } : {}) }));
    this.failure = '';
    if (!learners.length && !people.length) {
      this.failure = msg('Tick who attended, or add a person.');
      return;
    }
    this.busy = true;
    try {
      const result = await this.api.recordAttendance(this.sessionId, { learners, people });
      await Promise.all([this.loadDetail(), this.loadList()]);
      this.status = msg(str`Attendance saved: ${result.recorded} recorded.`);
      this.announce(this.status);
    } catch (error) {
      const reason = errorSentence(error);
      this.failure = msg(str`The attendance could not be saved: ${reason}`);
    } finally {
      this.busy = false;
    }
  }

  private announce(text: string): void {
    this.dispatchEvent(new CustomEvent('announce', { detail: text, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-sessions-view': SessionsView;
  }
}

import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { glossaryStore } from '../../glossary/glossary-store.ts';
import { getLocale, LANGUAGE_AUTONYMS, setLocale, UI_LANGUAGES } from '../../i18n/localization.ts';
import '../case-exercise/case-exercise.ts';
import '../completion-summary/completion-summary.ts';
import { sectionTitle } from '../completion-summary/completion-summary.ts';
import '../feedback-survey/feedback-survey.ts';
import '../glossary-page/glossary-page.ts';
import '../glossary-term/glossary-term.ts';
import '../lesson-page/lesson-page.ts';
import '../precheck/precheck-view.ts';
import '../quiz/quiz-view.ts';
import type { TrackerHealth } from '../../tracker/tracker.ts';
import { PlayerElement } from '../shared/player-element.ts';
import { baseStyles } from '../shared/styles.ts';

/**
 * The course shell: header with the module title, progress and language switch; a table of
 * contents; the current section; previous/next; the resume prompt; the completion summary.
 *
 * @tag inp-course
 * @event exit - The learner pressed "Exit module" (the launcher ends the tracker session).
 * @csspart header - The module header.
 * @csspart toc - The table of contents.
 * @csspart main - The current section.
 */
@customElement('inp-course')
export class CourseShell extends PlayerElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: block; min-height: 100vh; background: var(--inp-surface); }
      header {
        display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: center; justify-content: space-between;
        padding: .75rem 1.5rem; border-bottom: 1px solid #c8c8c8; background: var(--inp-subtle);
      }
      h1 { font-size: 1.25rem; margin: 0; }
      .tools { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
      .tools label { font-weight: 600; margin-right: .4rem; }
      .tools select { min-height: 2.75rem; padding: .25rem .5rem; border: 2px solid var(--inp-border); border-radius: .375rem; background: var(--inp-surface); color: var(--inp-text); }
      .progress { display: flex; align-items: center; gap: .5rem; }
      .bar { width: 8rem; height: .75rem; border: 1px solid var(--inp-border); border-radius: 1rem; overflow: hidden; background: var(--inp-surface); }
      .bar span { display: block; height: 100%; background: var(--inp-primary); }
      .layout { display: grid; grid-template-columns: 17rem 1fr; min-height: calc(100vh - 4.5rem); }
      nav.toc { border-right: 1px solid #c8c8c8; padding: 1rem; }
      nav.toc h2 { font-size: 1rem; margin: 0 0 .5rem; }
      nav.toc .toc-toggle { display: none; }
      /* Narrow (an LMS frame, a phone): the contents fold into one line above the page. The rules
         above come first so these win; rows start at the top so the folded line never stretches. */
      @media (max-width: 52rem) {
        .layout { grid-template-columns: 1fr; align-content: start; }
        nav.toc { border-right: 0; border-bottom: 1px solid #c8c8c8; padding: .5rem 1rem; }
        nav.toc h2 { margin: 0; }
        .toc-title { display: none; }
        nav.toc .toc-toggle { display: inline-flex; gap: .5rem; align-items: center; }
        .toc-toggle::after { content: '▾'; }
        .toc-toggle[aria-expanded='true']::after { content: '▴'; }
        nav.toc ol:not(.open) { display: none; }
        nav.toc ol.open { margin-top: .5rem; }
        header { padding: .5rem 1rem; }
      }
      nav.toc ol { list-style: none; padding: 0; margin: 0; display: grid; gap: .25rem; }
      nav.toc button {
        all: unset; box-sizing: border-box; display: flex; gap: .5rem; width: 100%; padding: .45rem .6rem; border-radius: .375rem;
        cursor: pointer; color: var(--inp-text); line-height: 1.35;
      }
      nav.toc button:hover { background: var(--inp-subtle); text-decoration: underline; }
      nav.toc button:focus-visible { outline: 3px solid var(--inp-focus); outline-offset: 1px; }
      nav.toc button[aria-current='step'] { background: var(--inp-primary); color: var(--inp-primary-text); font-weight: 600; }
      .status { flex: none; width: 1.2rem; text-align: center; font-weight: 700; }
      main { padding: 1.5rem clamp(1rem, 4vw, 3rem) 3rem; max-width: 60rem; }
      .pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid #d6d6d6; }
      dialog { border: 2px solid var(--inp-primary); border-radius: .5rem; padding: 1.5rem; max-width: 28rem; color: var(--inp-text); }
      dialog::backdrop { background: rgb(0 0 0 / 45%); }
      dialog h2 { font-size: 1.25rem; }
      .notice { padding: .5rem 1.5rem; background: #fff4d6; border-bottom: 1px solid #c8a200; margin: 0; }
      .notice.problem { background: var(--inp-incorrect-bg); border-bottom-color: var(--inp-incorrect); font-weight: 600; }
    `,
  ];

  @state() private showGlossary = false;
  /** On narrow screens the table of contents folds away behind a button. */
  @state() private tocOpen = false;
  /** Whether records reach the LMS; undefined until the tracker reports a problem. */
  @state() private health?: TrackerHealth;
  @state() private exited = false;
  @query('dialog') private resumeDialog?: HTMLDialogElement;
  @query('main > :first-child') private view?: PlayerElement;

  protected override firstUpdated(): void {
    if (this.player.resumed && (this.player.state.section > 0 || this.player.state.step > 0)) {
      this.resumeDialog?.showModal();
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    glossaryStore.set(this.player.content.glossary);
  }

  override render() {
    const player = this.player;
    const { section } = player.state;
    const progress = player.progress;
    const content = player.content;
    const contentLang = player.contentLanguage;
    const uiLang = getLocale();
    return html`
      <header part="header">
        <h1 lang=${this.contentLang}>${content.title}</h1>
        <div class="tools">
          <div class="progress">
            <div class="bar" role="progressbar" aria-label=${msg('Progress')} aria-valuemin="0" aria-valuemax="100"
              aria-valuenow=${progress.percent} aria-valuetext=${msg(str`${progress.done} of ${progress.total} parts done`)}>
              <span style="width:${progress.percent}%"></span>
            </div>
            <span>${msg(str`${progress.done} of ${progress.total} done`)}</span>
          </div>
          <div>
            <label for="language">${msg('Language')}</label>
            <select id="language" @change=${(e: Event) => this.changeLanguage((e.target as HTMLSelectElement).value)}>
              ${this.languages().map((l) => html`<option value=${l} lang=${l} ?selected=${l === uiLang}>${LANGUAGE_AUTONYMS[l] ?? l}</option>`)}
            </select>
          </div>
          <button type="button" aria-pressed=${this.showGlossary ? 'true' : 'false'} @click=${() => this.toggleGlossary()}>${msg('Glossary')}</button>
        </div>
      </header>
      ${this.renderHealth()}
      ${uiLang !== contentLang && !player.course.languages.includes(uiLang)
        ? html`<p class="notice" role="note">${msg(str`This module's content is not yet translated: it is shown in ${LANGUAGE_AUTONYMS[contentLang] ?? contentLang}.`)}</p>`
        : nothing}
      <div class="layout">
        <nav class="toc" part="toc" aria-labelledby="toc-heading">
          <h2 id="toc-heading">
            <span class="toc-title">${msg('Contents')}</span>
            <button type="button" class="toc-toggle" aria-expanded=${this.tocOpen ? 'true' : 'false'} aria-controls="toc-list"
              @click=${() => (this.tocOpen = !this.tocOpen)}>${msg('Contents')}</button>
          </h2>
          <ol id="toc-list" class=${this.tocOpen ? 'open' : ''}>
            ${player.sections.map((_, i) => this.renderTocItem(i, section))}
            <li>
              <button type="button" aria-current=${section === player.summaryIndex && !this.showGlossary ? 'step' : 'false'} @click=${() => this.navigate(player.summaryIndex)}>
                <span class="status" aria-hidden="true">★</span><span>${msg('Summary')}</span>
              </button>
            </li>
          </ol>
        </nav>
        <main part="main">
          ${this.exited
            ? html`<section><h2 tabindex="-1">${msg('You have left the module')}</h2><p>${msg('Your progress is saved. You can close this window.')}</p></section>`
            : this.showGlossary
              ? html`<inp-glossary .player=${player} @close=${() => this.toggleGlossary()}></inp-glossary>`
              : this.renderSection()}
          ${this.showGlossary || this.exited
            ? nothing
            : html`<nav class="pager" aria-label=${msg('Pages')}>
                <button type="button" ?disabled=${section === 0} @click=${() => this.navigate(section - 1)}>← ${msg('Previous')}</button>
                ${section < player.summaryIndex
                  ? html`<button type="button" class="primary" @click=${() => this.navigate(section + 1)}>${msg('Next')} →</button>`
                  : nothing}
              </nav>`}
        </main>
      </div>
      <dialog aria-labelledby="resume-heading" @cancel=${() => this.resume(true)}>
        <h2 id="resume-heading">${msg('Continue where you left off?')}</h2>
        <p>${msg(str`You were at: ${sectionTitle(player, section)}`)}</p>
        <div class="actions">
          <button type="button" class="primary" autofocus @click=${() => this.resume(true)}>${msg('Continue')}</button>
          <button type="button" @click=${() => this.resume(false)}>${msg('Start from the beginning')}</button>
        </div>
      </dialog>
    `;
  }

  /** Called by the launcher when the tracker's records stop or start reaching the LMS again. */
  showHealth(health: TrackerHealth): void {
    this.health = health;
  }

  private renderHealth() {
    // Both regions always exist, so screen readers announce the change when the text appears.
    const failing = this.health && !this.health.ok;
    const recovered = this.health?.ok;
    return html`<div role="alert" class=${failing ? 'notice problem' : 'visually-hidden'}>
        ${failing
          ? msg('Your progress is not reaching the learning platform right now. It is kept in this browser and will be sent again automatically: please keep this page open.')
          : ''}
      </div>
      <div role="status" class=${recovered ? 'notice' : 'visually-hidden'}>
        ${recovered ? msg('Your progress is saved in the learning platform again.') : ''}
      </div>`;
  }

  private renderTocItem(index: number, current: number) {
    const status = this.player.sectionStatus(index);
    const label = status === 'done' ? msg('done') : status === 'started' ? msg('started') : msg('not started');
    const symbol = status === 'done' ? '✓' : status === 'started' ? '◐' : '○';
    return html`<li>
      <button type="button" aria-current=${index === current && !this.showGlossary ? 'step' : 'false'} @click=${() => this.navigate(index)}>
        <span class="status" aria-hidden="true">${symbol}</span>
        <span><span lang=${this.contentLang}>${sectionTitle(this.player, index)}</span><span class="visually-hidden"> (${label})</span></span>
      </button>
    </li>`;
  }

  private renderSection() {
    const player = this.player;
    const section = player.currentSection;
    const onContinue = () => this.navigate(player.state.section + 1);
    switch (section?.kind) {
      case 'precheck':
        return html`<inp-precheck .player=${player} @continue=${onContinue}></inp-precheck>`;
      case 'lesson':
        return html`<inp-lesson .player=${player} lesson-id=${section.id}></inp-lesson>`;
      case 'quiz':
        return html`<inp-quiz .player=${player} @continue=${onContinue}></inp-quiz>`;
      case 'case':
        return html`<inp-case .player=${player} @continue=${onContinue}></inp-case>`;
      case 'survey':
        return html`<inp-survey .player=${player} @continue=${onContinue}></inp-survey>`;
      default:
        return html`<inp-summary .player=${player} @go-to=${(e: CustomEvent<number>) => this.navigate(e.detail)} @exit=${() => this.exit()}></inp-summary>`;
    }
  }

  private languages(): string[] {
    return [...new Set([...UI_LANGUAGES, ...this.player.course.languages])];
  }

  /** Opens a section and puts focus on its heading. */
  async navigate(index: number): Promise<void> {
    this.showGlossary = false;
    this.tocOpen = false;
    this.exited = false;
    this.player.goTo(index);
    await this.focusView();
  }

  private async focusView(): Promise<void> {
    await this.updateComplete;
    await this.view?.focusHeading?.();
  }

  private async resume(continueWhereLeft: boolean): Promise<void> {
    this.resumeDialog?.close();
    if (!continueWhereLeft) this.player.goTo(0);
    await this.focusView();
  }

  private async toggleGlossary(): Promise<void> {
    this.showGlossary = !this.showGlossary;
    await this.focusView();
  }

  private async changeLanguage(language: string): Promise<void> {
    if (UI_LANGUAGES.includes(language)) await setLocale(language);
    document.documentElement.lang = getLocale();
    this.player.setLanguage(language);
  }

  private async exit(): Promise<void> {
    await this.player.finish();
    this.exited = true;
    this.dispatchEvent(new Event('exit', { bubbles: true, composed: true }));
    await this.focusView();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inp-course': CourseShell;
  }
}

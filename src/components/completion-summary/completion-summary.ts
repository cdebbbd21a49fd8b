import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { PlayerElement } from '../shared/player-element.ts';
import { baseStyles } from '../shared/styles.ts';

/**
 * The completion summary: what the learner has done, their score and result, and what is left.
 *
 * @tag inp-summary
 * @event go-to - Asks to open a section; `detail` is its index.
 * @event exit - The learner pressed "Exit module".
 */
@customElement('inp-summary')
export class CompletionSummary extends PlayerElement {
  static override styles = [
    baseStyles,
    css`
      .status { list-style: none; padding: 0; }
      .status li { display: flex; justify-content: space-between; gap: 1rem; padding: .5rem 0; border-bottom: 1px solid #d6d6d6; align-items: center; }
      .done { color: var(--inp-correct); font-weight: 700; }
      .todo { color: var(--inp-incorrect); font-weight: 700; }
      button.link { min-height: auto; padding: .1rem .4rem; }
    `,
  ];

  override render() {
    const player = this.player;
    const completed = player.completion === 'completed';
    const success = player.success;
    const best = player.state.quiz.bestPercent;
    const walked = player.casePath;
    return html`<section aria-labelledby="summary-heading">
      <h2 id="summary-heading" tabindex="-1">${completed ? msg('Module completed') : msg('Your progress')}</h2>
      <div class="feedback ${completed ? (success === 'failed' ? 'incorrect' : 'correct') : 'neutral'}">
        <p class="verdict">
          ${completed ? msg('You have completed every part of this module.') : msg(str`You have completed ${player.progress.done} of ${player.progress.total} required parts.`)}
        </p>
        ${best !== undefined
          ? html`<p>${success === 'passed' ? msg(str`Quiz passed with ${best}% (pass mark ${player.course.masteryScore}%).`) : msg(str`Quiz score ${best}%: the pass mark is ${player.course.masteryScore}%.`)}</p>`
          : nothing}
        ${walked?.ending && player.state.case.finished ? html`<p>${msg('Case exercise ending:')} <span lang=${this.contentLang}>${walked.ending.title}</span></p>` : nothing}
      </div>
      <ul class="status">
        ${player.sections.map((section, i) => {
          const status = player.sectionStatus(i);
          const name = sectionTitle(player, i);
          return html`<li>
            <span><span lang=${this.contentLang}>${name}</span>${section.kind === 'survey' || section.kind === 'precheck' ? html` <span class="muted">(${msg('optional')})</span>` : nothing}</span>
            <span>
              <span class=${status === 'done' ? 'done' : 'todo'}>${status === 'done' ? msg('Done') : msg('To do')}</span>
              ${status !== 'done'
                ? html`<button type="button" class="link"
                    @click=${() => this.dispatchEvent(new CustomEvent('go-to', { detail: i, bubbles: true, composed: true }))}
                    >${msg('Go')}<span class="visually-hidden">: <span lang=${this.contentLang}>${name}</span></span></button>`
                : nothing}
            </span>
          </li>`;
        })}
      </ul>
      <div class="actions">
        <button type="button" class="primary" @click=${() => this.dispatchEvent(new Event('exit', { bubbles: true, composed: true }))}>${msg('Exit module')}</button>
      </div>
    </section>`;
  }
}

/** A section's title in the language being shown. */
export function sectionTitle(player: CompletionSummary['player'], index: number): string {
  const section = player.sections[index];
  const content = player.content;
  switch (section?.kind) {
    case 'lesson':
      return content.lessons.find((l) => l.id === section.id)?.title ?? section.id;
    case 'precheck':
      return content.precheck?.title ?? msg('Pre-check');
    case 'quiz':
      return content.quiz?.title ?? msg('Quiz');
    case 'case':
      return content.case?.title ?? msg('Case exercise');
    case 'survey':
      return content.survey?.title ?? msg('Feedback');
    default:
      return msg('Summary');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inp-summary': CompletionSummary;
  }
}

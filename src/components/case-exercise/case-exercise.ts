import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { analyseCase, walkPath } from '../../../core/case/case-graph.ts';
import { contentStyles } from '../shared/content-styles.ts';
import { PlayerElement } from '../shared/player-element.ts';
import { baseStyles } from '../shared/styles.ts';

/**
 * The case exercise: a branching scenario. The learner reads the situation, decides at each
 * decision point, reads the consequence, reaches one of several endings, and then sees a debrief
 * with their path beside the best path and the reasoning behind every decision.
 *
 * Step 0 of the section is the introduction, 1 the scenario, 2 the debrief.
 *
 * @tag inp-case
 * @event continue - The learner finished with the case and wants the next section.
 */
@customElement('inp-case')
export class CaseExerciseView extends PlayerElement {
  static override styles = [
    baseStyles,
    contentStyles,
    css`
      .choices { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
      .choice { display: flex; gap: .75rem; align-items: flex-start; padding: .6rem .75rem; border: 1px solid var(--inp-border); border-radius: .375rem; cursor: pointer; }
      .choice:has(input:checked) { border-width: 2px; border-color: var(--inp-primary); background: var(--inp-subtle); }
      .choice input { width: 1.25rem; height: 1.25rem; margin: .15rem 0 0; flex: none; accent-color: var(--inp-primary); }
      .paths { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
      @media (max-width: 45rem) { .paths { grid-template-columns: 1fr; } }
      .paths ol { padding-left: 1.25rem; }
      .paths li { margin-bottom: .5rem; }
      .decision { border: 1px solid #b8b8b8; border-radius: .375rem; padding: .75rem 1rem; margin: 1rem 0; }
      .decision h4 { margin: 0 0 .5rem; font-size: 1.05rem; }
      .tag { display: inline-block; font-size: .85rem; font-weight: 700; padding: 0 .4rem; border-radius: .25rem; border: 1px solid; }
      .tag.best { color: var(--inp-correct); }
      .tag.other { color: var(--inp-incorrect); }
      .outcome-good { border-color: var(--inp-correct); }
      .error { color: var(--inp-incorrect); font-weight: 600; }
    `,
  ];

  @state() private selected?: number;
  @state() private error = '';

  override render() {
    const exercise = this.player.content.case;
    if (!exercise) return nothing;
    const step = this.player.state.step;
    if (step === 2 && this.player.casePath?.ending) return this.renderDebrief();
    if (step >= 1) return this.renderScenario();
    const started = this.player.state.case.path.length > 0;
    return html`<section aria-labelledby="case-heading">
      <h2 id="case-heading" tabindex="-1" lang=${this.contentLang}>${exercise.title}</h2>
      <div class="prose" lang=${this.contentLang}>${unsafeHTML(exercise.intro)}</div>
      <div class="actions">
        <button type="button" class="primary" @click=${() => this.show(1)}>${started ? msg('Continue the case') : msg('Begin the case')}</button>
        ${this.player.state.case.finished ? html`<button type="button" @click=${() => this.show(2)}>${msg('See the debrief')}</button>` : nothing}
      </div>
    </section>`;
  }

  private renderScenario() {
    const walked = this.player.casePath!;
    const { path, consequenceSeen } = this.player.state.case;
    const last = walked.steps.at(-1);
    if (last && !consequenceSeen) {
      const choice = last.node.choices[last.choiceIndex]!;
      return html`<section aria-labelledby="case-heading">
        <h2 id="case-heading" tabindex="-1">${msg('What happens next')}</h2>
        <p class="muted">${msg('You chose:')} <span lang=${this.contentLang}>${unsafeHTML(choice.label)}</span></p>
        <div class="prose" lang=${this.contentLang}>${unsafeHTML(choice.consequence)}</div>
        <div class="actions">
          <button type="button" class="primary" @click=${() => this.continueCase()}>${msg('Continue')}</button>
        </div>
      </section>`;
    }
    const node = walked.current;
    if (!node) return html`<p>${msg('This case cannot continue: its content is incomplete.')}</p>`;
    if (node.type === 'ending') {
      return html`<section aria-labelledby="case-heading">
        <h2 id="case-heading" tabindex="-1" lang=${this.contentLang}>${node.title}</h2>
        <div class="prose" lang=${this.contentLang}>${unsafeHTML(node.text)}</div>
        <div class="actions">
          <button type="button" class="primary" @click=${() => this.show(2)}>${msg('See the debrief')}</button>
        </div>
      </section>`;
    }
    this.player.caseNodeShown(node.id);
    return html`<section aria-labelledby="case-heading">
      <p class="muted">${msg(str`Decision ${path.length + 1}`)}</p>
      <h2 id="case-heading" tabindex="-1" lang=${this.contentLang}>${node.title}</h2>
      <div class="prose" lang=${this.contentLang}>${unsafeHTML(node.text)}</div>
      <fieldset>
        <legend>${msg('What do you do?')}</legend>
        <ul class="choices" role="list">
          ${node.choices.map(
            (c, i) => html`<li>
              <label class="choice">
                <input type="radio" name=${`case-${node.id}`} value=${i} .checked=${this.selected === i} @change=${() => { this.selected = i; this.error = ''; }} />
                <span lang=${this.contentLang}>${unsafeHTML(c.label)}</span>
              </label>
            </li>`,
          )}
        </ul>
      </fieldset>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button type="button" class="primary" @click=${() => this.decide()}>${msg('Decide')}</button>
      </div>
    </section>`;
  }

  private renderDebrief() {
    const exercise = this.player.content.case!;
    const walked = this.player.casePath!;
    const best = this.player.caseBestChoices;
    const maxPoints = analyseCase(exercise).maxPoints;
    const bestWalk = walkPath(exercise, best);
    const bestSteps = bestWalk.steps;
    const bestEnding = bestWalk.ending;
    return html`<section aria-labelledby="case-heading">
      <h2 id="case-heading" tabindex="-1">${msg('Debrief')}: <span lang=${this.contentLang}>${exercise.title}</span></h2>
      <div class="prose" lang=${this.contentLang}>${unsafeHTML(exercise.debrief)}</div>
      <p><strong>${msg(str`Your decisions earned ${walked.points} of ${maxPoints} points.`)}</strong>
        ${walked.ending ? html`${msg('Your ending:')} <span lang=${this.contentLang}>${walked.ending.title}</span>.` : nothing}</p>
      <div class="paths">
        <div>
          <h3>${msg('Your path')}</h3>
          <ol>${walked.steps.map((s) => html`<li lang=${this.contentLang}><strong>${s.node.title}</strong><br />${unsafeHTML(s.node.choices[s.choiceIndex]!.label)}</li>`)}</ol>
        </div>
        <div>
          <h3>${msg('The best path')}</h3>
          <ol>${bestSteps.map((s) => html`<li lang=${this.contentLang}><strong>${s.node.title}</strong><br />${unsafeHTML(s.node.choices[s.choiceIndex]!.label)}</li>`)}</ol>
          ${bestEnding ? html`<p>${msg('Ending:')} <span lang=${this.contentLang}>${bestEnding.title}</span></p>` : nothing}
        </div>
      </div>
      <h3>${msg('Each decision explained')}</h3>
      ${walked.steps.map((s, i) => {
        const chosen = s.node.choices[s.choiceIndex]!;
        const bestChoice = s.node.choices.find((c) => c.best);
        return html`<div class="decision">
          <h4>${msg(str`Decision ${i + 1}`)}: <span lang=${this.contentLang}>${s.node.title}</span></h4>
          <p>${msg('You chose:')} <span lang=${this.contentLang}>${unsafeHTML(chosen.label)}</span>
            <span class="tag ${chosen.best ? 'best' : 'other'}">${chosen.best ? msg('Best choice') : msg('Not the best choice')}</span></p>
          <div class="prose" lang=${this.contentLang}>${unsafeHTML(chosen.feedback)}</div>
          ${!chosen.best && bestChoice
            ? html`<p><strong>${msg('Best choice:')}</strong> <span lang=${this.contentLang}>${unsafeHTML(bestChoice.label)}</span></p>
                <div class="prose" lang=${this.contentLang}>${unsafeHTML(bestChoice.feedback)}</div>`
            : nothing}
        </div>`;
      })}
      <div class="actions">
        <button type="button" @click=${() => this.restart()}>${msg('Try the case again')}</button>
        <button type="button" class="primary" @click=${() => this.dispatchEvent(new Event('continue', { bubbles: true, composed: true }))}>${msg('Continue')}</button>
      </div>
    </section>`;
  }

  private show(step: number): void {
    this.player.goTo(this.player.state.section, step);
    void this.focusHeading();
  }

  private decide(): void {
    if (this.selected === undefined) {
      this.error = msg('Choose one of the options first.');
      return;
    }
    this.player.chooseInCase(this.selected);
    this.selected = undefined;
    void this.focusHeading();
  }

  private continueCase(): void {
    this.player.continueCase();
    void this.focusHeading();
  }

  private restart(): void {
    this.player.restartCase();
    void this.focusHeading();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inp-case': CaseExerciseView;
  }
}

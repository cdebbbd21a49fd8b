import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { isPassed } from '../../../core/quiz/scoring.ts';
import { viewOf, type QuestionView } from '../question/question-view.ts';
import { contentStyles } from '../shared/content-styles.ts';
import { PlayerElement } from '../shared/player-element.ts';
import { baseStyles } from '../shared/styles.ts';

/**
 * The quiz: an introduction (questions, pass mark, attempts), one question per page with
 * "Check answer" and feedback, then the score with the option to try again while attempts remain.
 *
 * @tag inp-quiz
 * @event continue - The learner finished with the quiz and wants the next section.
 */
@customElement('inp-quiz')
export class QuizView extends PlayerElement {
  static override styles = [
    baseStyles,
    contentStyles,
    css`
      .facts { display: flex; flex-wrap: wrap; gap: .5rem 2rem; padding: 0; list-style: none; }
      .facts li strong { display: block; font-size: 1.35rem; }
      .error { color: var(--inp-incorrect); font-weight: 600; }
      .score { font-size: 2rem; font-weight: 700; margin: 0; }
      .results td:last-child { white-space: nowrap; }
      .ok { color: var(--inp-correct); font-weight: 700; }
      .ko { color: var(--inp-incorrect); font-weight: 700; }
    `,
  ];

  private error = '';

  override render() {
    const quiz = this.player.content.quiz;
    if (!quiz) return nothing;
    const state = this.player.state.quiz;
    if (state.attempt === 0) return this.renderIntro();
    if (state.submitted) return this.renderResults();
    return this.renderQuestion();
  }

  private renderIntro() {
    const quiz = this.player.content.quiz!;
    const attempts = quiz.attempts === 0 ? msg('unlimited') : String(quiz.attempts);
    return html`<section aria-labelledby="quiz-heading">
      <h2 id="quiz-heading" tabindex="-1" lang=${this.contentLang}>${quiz.title}</h2>
      ${quiz.intro ? html`<div class="prose" lang=${this.contentLang}>${unsafeHTML(quiz.intro)}</div>` : nothing}
      <ul class="facts">
        <li><strong>${quiz.questions.length}</strong>${msg('questions')}</li>
        <li><strong>${this.player.course.masteryScore}%</strong>${msg('to pass')}</li>
        <li><strong>${attempts}</strong>${msg('attempts')}</li>
      </ul>
      <div class="actions">
        <button type="button" class="primary" @click=${() => this.start()}>${msg('Start the quiz')}</button>
      </div>
    </section>`;
  }

  private renderQuestion() {
    const order = this.player.questionOrder;
    const step = Math.min(this.player.state.step, order.length - 1);
    const questionIndex = order[step]!;
    const checked = this.player.state.quiz.checked[questionIndex] === true;
    this.player.questionShown(questionIndex);
    const firstUnchecked = order.findIndex((i) => !this.player.state.quiz.checked[i]);
    const allChecked = firstUnchecked < 0;
    return html`<section aria-labelledby="question-heading">
      <h2 id="question-heading" tabindex="-1">${msg(str`Question ${step + 1} of ${order.length}`)}</h2>
      <inp-question
        .player=${this.player}
        question-index=${questionIndex}
        @submit-answer=${() => this.check(questionIndex)}
      ></inp-question>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        ${step > 0 ? html`<button type="button" @click=${() => this.goTo(step - 1)}>${msg('Previous question')}</button>` : nothing}
        ${!checked
          ? html`<button type="button" class="primary" @click=${() => this.check(questionIndex)}>${msg('Check answer')}</button>`
          : allChecked
            ? html`<button type="button" class="primary" @click=${() => this.submit()}>${msg('See your score')}</button>`
            : html`<button type="button" class="primary" @click=${() => this.goTo(step + 1 < order.length && !this.player.state.quiz.checked[order[step + 1]!] ? step + 1 : firstUnchecked)}>
                ${msg('Next question')}
              </button>`}
      </div>
    </section>`;
  }

  private renderResults() {
    const quiz = this.player.content.quiz!;
    const state = this.player.state.quiz;
    const last = this.player.lastQuizScore!;
    const mastery = this.player.course.masteryScore;
    const passed = isPassed(state.bestPercent ?? 0, mastery);
    const left = this.player.quizAttemptsLeft;
    return html`<section aria-labelledby="results-heading">
      <h2 id="results-heading" tabindex="-1">${msg('Your score')}</h2>
      <p class="score">${state.lastPercent}%</p>
      <p>${msg(str`${last.correctCount} of ${quiz.questions.length} questions correct in attempt ${state.attempt}.`)}
        ${state.bestPercent !== state.lastPercent ? msg(str`Your best score is ${state.bestPercent}%.`) : nothing}</p>
      <div class="feedback ${passed ? 'correct' : 'incorrect'}">
        <p class="verdict">${passed ? msg(str`Passed: the pass mark is ${mastery}%.`) : msg(str`Not passed yet: the pass mark is ${mastery}%.`)}</p>
        ${!passed && left > 0 ? html`<p>${msg('Review the lessons, then try again.')}</p>` : nothing}
      </div>
      <table class="results">
        <caption class="visually-hidden">${msg('Your answers')}</caption>
        <thead><tr><th scope="col">${msg('Question')}</th><th scope="col">${msg('Result')}</th></tr></thead>
        <tbody>
          ${this.player.questionOrder.map((i) => {
            const r = this.player.questionResult(i);
            return html`<tr>
              <td lang=${this.contentLang}>${unsafeHTML(quiz.questions[i]!.prompt)}</td>
              <td class=${r.correct ? 'ok' : 'ko'}>${r.correct ? msg('Correct') : r.credit > 0 ? msg('Partly correct') : msg('Incorrect')}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      <div class="actions">
        ${left > 0 && !passed
          ? html`<button type="button" @click=${() => this.start()}>${left === Infinity ? msg('Try again') : msg(str`Try again (${left} left)`)}</button>`
          : nothing}
        <button type="button" class="primary" @click=${() => this.dispatchEvent(new Event('continue', { bubbles: true, composed: true }))}>
          ${msg('Continue')}
        </button>
      </div>
    </section>`;
  }

  private start(): void {
    this.player.startQuiz();
    void this.focusHeading();
  }

  private goTo(step: number): void {
    this.error = '';
    this.player.goToQuestion(step);
    void this.focusHeading();
  }

  private check(questionIndex: number): void {
    const result = this.player.checkAnswer(questionIndex);
    if (!result) {
      if (!this.player.state.quiz.checked[questionIndex]) {
        const question = this.player.content.quiz!.questions[questionIndex]!;
        const typed = this.player.state.quiz.answers[questionIndex];
        this.error = viewOf(question).notAnAnswer?.(question, typed) ?? msg('Answer the question first.');
        this.requestUpdate();
      }
      return;
    }
    this.error = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<QuestionView>('inp-question')?.focusFeedback());
  }

  private submit(): void {
    this.player.submitQuiz();
    void this.focusHeading();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inp-quiz': QuizView;
  }
}

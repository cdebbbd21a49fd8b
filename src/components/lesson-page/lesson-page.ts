import { msg, str } from '@lit/localize';
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { contentStyles } from '../shared/content-styles.ts';
import { PlayerElement } from '../shared/player-element.ts';
import { baseStyles } from '../shared/styles.ts';

/**
 * A lesson: its title and text. The text is HTML compiled and sanitised at build time from the
 * author's Markdown; nothing a learner types is ever rendered here.
 *
 * @tag inp-lesson
 * @attr lesson-id - Which lesson of the module to show.
 */
@customElement('inp-lesson')
export class LessonPage extends PlayerElement {
  static override styles = [baseStyles, contentStyles];

  @property({ attribute: 'lesson-id' }) lessonId = '';

  override render() {
    const lesson = this.player.content.lessons.find((l) => l.id === this.lessonId);
    if (!lesson) return html`<p>${msg('This lesson is missing from the module.')}</p>`;
    return html`<article aria-labelledby="lesson-heading">
      <h2 id="lesson-heading" tabindex="-1" lang=${this.contentLang}>${lesson.title}</h2>
      ${lesson.durationMinutes ? html`<p class="muted">${msg(str`About ${lesson.durationMinutes} minutes`)}</p>` : ''}
      <div class="prose" lang=${this.contentLang}>${unsafeHTML(lesson.html)}</div>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inp-lesson': LessonPage;
  }
}

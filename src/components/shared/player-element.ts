import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { CoursePlayer } from '../../player/course-player.ts';

/**
 * Base of the views that show part of a module: holds the {@link CoursePlayer} and re-renders
 * whenever the player reports a change.
 */
export class PlayerElement extends LitElement {
  @property({ attribute: false }) player!: CoursePlayer;

  private readonly onChange = () => this.requestUpdate();
  private subscribed?: CoursePlayer;

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.subscribed?.removeEventListener('change', this.onChange);
    this.subscribed = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.subscribe();
  }

  private subscribe(): void {
    if (this.player === this.subscribed) return;
    this.subscribed?.removeEventListener('change', this.onChange);
    this.player?.addEventListener('change', this.onChange);
    this.subscribed = this.player;
  }

  /**
   * The language of the module's written content, for `lang` on the elements that show it: the
   * interface around them speaks the learner's interface language, which may differ when the
   * content is not yet translated (WCAG 3.1.2, language of parts).
   */
  protected get contentLang(): string {
    return this.player.contentLanguage;
  }

  /** Moves focus to this view's heading, so keyboard and screen-reader users start at the top. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    const heading = this.renderRoot.querySelector<HTMLElement>('h2[tabindex="-1"]');
    heading?.focus();
  }
}

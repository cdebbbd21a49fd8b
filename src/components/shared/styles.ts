/** Styles shared by the runtime's components: colours that meet WCAG AA, focus, buttons. */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --inp-text: #1b1b1b;
    --inp-muted: #4d4d4d;
    --inp-surface: #ffffff;
    --inp-subtle: #f3f5f8;
    --inp-border: #767676;
    --inp-primary: #0b4f9c;
    --inp-primary-text: #ffffff;
    --inp-correct: #1a6b2c;
    --inp-correct-bg: #e8f5ec;
    --inp-incorrect: #a11d1d;
    --inp-incorrect-bg: #fdeeee;
    --inp-focus: #0b4f9c;
    color: var(--inp-text);
    font: 1rem/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  *, *::before, *::after { box-sizing: border-box; }
  h2 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
  h3 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
  h2:focus, h3:focus { outline: none; }
  h2:focus-visible, h3:focus-visible { outline: 3px solid var(--inp-focus); outline-offset: 4px; }
  a { color: var(--inp-primary); }
  button, select, input, textarea { font: inherit; }
  button {
    cursor: pointer; border-radius: .375rem; padding: .5rem 1rem; min-height: 2.75rem;
    border: 2px solid var(--inp-primary); background: var(--inp-surface); color: var(--inp-primary); font-weight: 600;
  }
  button.primary { background: var(--inp-primary); color: var(--inp-primary-text); }
  button:disabled { cursor: not-allowed; border-color: #8a8a8a; color: #595959; background: #ececec; }
  button:hover:not(:disabled) { text-decoration: underline; }
  :focus-visible { outline: 3px solid var(--inp-focus); outline-offset: 2px; }
  .actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1.5rem; align-items: center; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .feedback { border-left: 6px solid; border-radius: .25rem; padding: .75rem 1rem; margin: 1rem 0; }
  .feedback.correct { border-color: var(--inp-correct); background: var(--inp-correct-bg); }
  .feedback.incorrect { border-color: var(--inp-incorrect); background: var(--inp-incorrect-bg); }
  .feedback.neutral { border-color: var(--inp-primary); background: var(--inp-subtle); }
  .feedback p { margin: .25rem 0; }
  .verdict { font-weight: 700; }
  .correct .verdict { color: var(--inp-correct); }
  .incorrect .verdict { color: var(--inp-incorrect); }
  .muted { color: var(--inp-muted); }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { border: 1px solid #b8b8b8; padding: .5rem .6rem; text-align: left; vertical-align: top; }
  th { background: var(--inp-subtle); }
  fieldset { border: 1px solid #b8b8b8; border-radius: .375rem; padding: .75rem 1rem; margin: 0 0 1rem; }
  legend { padding: 0 .25rem; font-weight: 600; }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }
  }
`;

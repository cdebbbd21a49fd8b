/** Styles shared by the dashboard's components: colours that meet WCAG AA, focus, forms, tables. */
import { css } from 'lit';

export const dashStyles = css`
  :host {
    --dash-text: #1b1b1b;
    --dash-muted: #4d4d4d;
    --dash-surface: #ffffff;
    --dash-subtle: #f3f5f8;
    --dash-border: #767676;
    --dash-rule: #c8c8c8;
    --dash-primary: #0b4f9c;
    --dash-primary-text: #ffffff;
    --dash-good: #1a6b2c;
    --dash-bad: #a11d1d;
    --dash-bad-bg: #fdeeee;
    --dash-accent: #8a3b00;
    --dash-focus: #0b4f9c;
    color: var(--dash-text);
    font: 1rem/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  *, *::before, *::after { box-sizing: border-box; }
  h2 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
  h3 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
  h4 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
  :is(h2, h3, h4, main):focus { outline: none; }
  :is(h2, h3, h4):focus-visible { outline: 3px solid var(--dash-focus); outline-offset: 4px; }
  a { color: var(--dash-primary); }
  :focus-visible { outline: 3px solid var(--dash-focus); outline-offset: 2px; }
  button, select, input, textarea { font: inherit; }
  button {
    cursor: pointer; border-radius: .375rem; padding: .4rem 1rem; min-height: 2.75rem;
    border: 2px solid var(--dash-primary); background: var(--dash-surface); color: var(--dash-primary); font-weight: 600;
  }
  button.primary { background: var(--dash-primary); color: var(--dash-primary-text); }
  button:disabled { cursor: not-allowed; border-color: #8a8a8a; color: #595959; background: #ececec; }
  button:hover:not(:disabled) { text-decoration: underline; }
  label { font-weight: 600; }
  input:not([type='checkbox']):not([type='radio']), select {
    min-height: 2.75rem; padding: .3rem .5rem; border: 2px solid var(--dash-border); border-radius: .375rem;
    background: var(--dash-surface); color: var(--dash-text); max-width: 100%;
  }
  input[type='checkbox'] { width: 1.25rem; height: 1.25rem; accent-color: var(--dash-primary); }
  [aria-invalid='true'] { border-color: var(--dash-bad) !important; }
  .field { display: flex; flex-direction: column; gap: .25rem; }
  .check { display: flex; gap: .5rem; align-items: center; }
  .hint { color: var(--dash-muted); font-size: .9rem; font-weight: 400; }
  .muted { color: var(--dash-muted); }
  .error { color: var(--dash-bad); background: var(--dash-bad-bg); border-left: 6px solid var(--dash-bad); padding: .6rem 1rem; border-radius: .25rem; }
  .error:empty { display: none; }
  .notice { border-left: 6px solid var(--dash-primary); background: var(--dash-subtle); padding: .6rem 1rem; border-radius: .25rem; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .75rem; margin: 0 0 1rem; padding: 0; }
  .figures div { border: 1px solid var(--dash-rule); border-radius: .375rem; padding: .6rem .8rem; background: var(--dash-subtle); }
  .figures dt { font-size: .9rem; color: var(--dash-muted); }
  .figures dd { margin: .15rem 0 0; font-size: 1.6rem; font-weight: 700; }
  .pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
  @media (max-width: 60rem) { .pair { grid-template-columns: minmax(0, 1fr); } }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }
  }
`;

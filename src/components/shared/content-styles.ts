/** Styles for compiled Markdown (lesson text, case narrative, feedback). */
import { css } from 'lit';

export const contentStyles = css`
  .prose { max-width: 46rem; }
  .prose p, .prose ul, .prose ol { margin: 0 0 1rem; }
  .prose li { margin: .25rem 0; }
  .prose blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: 4px solid var(--inp-primary); background: var(--inp-subtle); }
  .prose table { font-size: .95rem; }
  .prose code { background: var(--inp-subtle); padding: 0 .25rem; border-radius: .2rem; }
  .prose img { max-width: 100%; height: auto; }
`;

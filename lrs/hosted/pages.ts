/**
 * The tool's own pages, shown inside the partner's LMS (in a frame or a window): the module
 * picker of deep linking, the end of a registration, the forms that carry a signed answer back to
 * the LMS, and errors a person can act on. Plain HTML, every value escaped, readable without
 * scripts (an auto-posting form also has its button).
 */
import { escapeHtml } from '../../core/html.ts';

const STYLE = `body{font:1rem/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0}
main{max-width:44rem;padding:1.5rem}h1{font-size:1.5rem;margin:0 0 1rem}
fieldset{border:1px solid #8a8a8a;border-radius:.375rem;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}label{display:block;padding:.25rem 0}
select,button{font:inherit}select{min-height:2.75rem;padding:.25rem .5rem}
button{color:#fff;background:#0b4f9c;border:2px solid #0b4f9c;border-radius:.375rem;min-height:2.75rem;padding:.5rem 1rem;font-weight:600;cursor:pointer}
:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}.error{border-left:4px solid #a4262c;padding-left:1rem}
code{background:#f2f2f2;padding:0 .25rem;border-radius:.25rem;word-break:break-all}`;

/** A whole page: `body` is HTML the caller built with {@link escapeHtml} around every value. */
export function page(title: string, body: string, options: { script?: string; lang?: string } = {}): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? 'en')}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main>${options.script ? `<script>${options.script}</script>` : ''}</body>
</html>`;
}

/** A form that posts itself to `action` (a signed message for the LMS), with a button when scripts do not run. */
export function autoPost(title: string, action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><form method="post" action="${escapeHtml(action)}">${inputs}<button type="submit">Continue</button></form>`,
    { script: 'document.forms[0].submit()' },
  );
}

/** An error a person can act on: what went wrong and what to do. */
export function errorPage(status: number, message: string): string {
  return page('The module could not open', `<div class="error" role="alert"><h1>The module could not open</h1><p>${escapeHtml(message)}</p><p>Error ${status}. If this happens again, tell your course administrator and quote this message.</p></div>`);
}

/** HTML the build writes: each package's index.html, with the course and launch settings embedded. */
import { escapeHtml } from '../core/html.ts';

export { embedCourse } from '../core/launch.ts';

export { escapeHtml };

/**
 * Glossary marks (`<inp-term term="id">shown</inp-term>`, which the runtime makes popovers) as
 * links, for static pages: the review page, the manual, the Toolbox.
 */
export function linkGlossaryTerms(html: string, href: (termId: string) => string): string {
  return html.replace(/<inp-term term="([a-z0-9-]+)">([\s\S]*?)<\/inp-term>/g, (_, id: string, shown: string) => `<a class="term" href="${escapeHtml(href(id))}">${shown}</a>`);
}

/** References to Toolbox tools (`<inp-tool tool="id">text</inp-tool>`) as links, for static pages. */
export function linkTools(html: string, href: (toolId: string) => string): string {
  return html.replace(/<inp-tool tool="([a-z0-9-]+)">([\s\S]*?)<\/inp-tool>/g, (_, id: string, shown: string) => `<a class="tool" href="${escapeHtml(href(id))}">${shown}</a>`);
}

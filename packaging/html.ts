/** HTML the build writes: each package's index.html, with the course and launch settings embedded. */
import type { Course } from '../core/content/schema.ts';
import { COURSE_ELEMENT_ID, LAUNCH_ELEMENT_ID, type LaunchConfig } from '../core/launch.ts';
import { escapeHtml } from '../core/html.ts';

/**
 * The runtime's index.html with the compiled course and the launch settings embedded, so a
 * package needs no extra request and works offline (the Moodle app plays packages offline).
 */
export function embedCourse(runtimeHtml: string, course: Course, launch: LaunchConfig): string {
  const title = escapeHtml(course.content[course.defaultLanguage]!.title);
  return runtimeHtml
    .replace(/<html lang="[^"]*"/, `<html lang="${course.defaultLanguage}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`)
    .replace(
      '</head>',
      `${jsonScript(COURSE_ELEMENT_ID, course)}\n${jsonScript(LAUNCH_ELEMENT_ID, launch)}\n</head>`,
    );
}

function jsonScript(id: string, value: unknown): string {
  // "<" escaped so no text in the course can close the script element.
  return `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}

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

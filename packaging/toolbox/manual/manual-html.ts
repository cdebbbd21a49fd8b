/**
 * The training manual as one HTML document for print: a cover, a table of contents, then per
 * module its introduction, lessons, discussion case and self-check questions, then the glossary of
 * the terms used, the answer key and the trainer's debriefs of the cases on later pages. One module
 * (a module's manual) or all of them (the curriculum's manual), in one language.
 */
import type { Course, CourseContent, GlossaryTerm } from '../../../core/content/schema.ts';
import { escapeHtml, linkGlossaryTerms, linkTools } from '../../html.ts';
import type { CompiledTool } from '../tools/compile-tools.ts';
import type { ToolboxLabels } from '../labels.ts';
import { debriefHtml, discussionHtml, printCase, type CaseAnchors } from './discussion-case.ts';
import { MANUAL_STYLE, runningHeads, type RunningHead } from './manual-style.ts';
import { answerHtml, printQuestion, selfCheckHtml } from './self-check.ts';

export interface ManualInput {
  /** The modules, in curriculum order. */
  courses: Course[];
  /** Each module's templates and checklists in this language, by slug (listed in its introduction). */
  tools?: Map<string, CompiledTool[]>;
  language: string;
  labels: ToolboxLabels;
  /** `@font-face` rules. */
  fonts: string;
  /** What the manual is of: one module, or the curriculum. */
  scope: 'module' | 'curriculum';
  /** Shown on the cover (the date the sources were built). */
  date: string;
}

interface TocEntry {
  anchor: string;
  title: string;
  level: 1 | 2;
}

/** The content of a course in a language, or in its default language when it has none in that language. */
export function contentIn(course: Course, language: string): CourseContent {
  return course.content[language] ?? course.content[course.defaultLanguage]!;
}

/** Raises every heading of compiled HTML by `by` levels (at most h6). */
const shiftHeadings = (html: string, by: number) =>
  by ? html.replace(/<(\/?)h([1-6])\b/g, (_, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + by)}`) : html;

export function manualHtml(input: ManualInput): string {
  const { courses, language, labels, scope } = input;
  const curriculum = scope === 'curriculum';
  // Headings: the cover is h1; a module manual's parts are h2; the curriculum's modules are h2 and their parts h3.
  const partLevel = curriculum ? 3 : 2;
  const used = new Set<string>();
  let slugNow = '';
  const html = (fragment: string) => linkTools(linkGlossaryTerms(fragment, (id) => (used.add(id), `#term-${id}`)), (id) => `#${slugNow}-tool-${id}`);
  const toc: TocEntry[] = [];
  const heads: RunningHead[] = [];
  let pageCount = 0;
  const namedPage = (left: string, right: string) => {
    const page = `p${++pageCount}`;
    heads.push({ page, left, right });
    return page;
  };

  const first = courses[0]!;
  const title = curriculum ? labels.curriculum : contentIn(first, language).title;
  const modules: string[] = [];
  const answers: string[] = [];
  const debriefs: string[] = [];

  for (const course of courses) {
    const content = contentIn(course, language);
    const slug = course.slug;
    slugNow = slug;
    const tools = input.tools?.get(slug) ?? [];
    const moduleName = course.order ? `${labels.module(course.order)}: ${content.title}` : content.title;
    const runningLeft = curriculum ? moduleName : content.title;
    const parts: string[] = [];
    const part = (anchor: string, heading: string, body: string, level: 1 | 2 = curriculum ? 2 : 1) => {
      toc.push({ anchor, title: heading, level });
      parts.push(`<section class="part" style="page: ${namedPage(runningLeft, heading)}" aria-labelledby="${anchor}">
<h${partLevel} id="${anchor}">${escapeHtml(heading)}</h${partLevel}>
${body}
</section>`);
    };

    // About the module
    part(`${slug}-about`, labels.aboutModule, `<p>${escapeHtml(content.description)}</p>
<p class="facts">${escapeHtml(labels.duration(course.durationMinutes))} · ${escapeHtml(labels.version)} ${escapeHtml(course.version)}</p>
<h${partLevel + 1}>${escapeHtml(labels.objectives)}</h${partLevel + 1}>
<ul class="objectives">${content.objectives.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul>
${tools.length ? `<h${partLevel + 1}>${escapeHtml(labels.tools)}</h${partLevel + 1}>
<dl class="tools">${tools.map((t) => `<dt id="${slug}-tool-${escapeHtml(t.id)}">${escapeHtml(t.title)} <span class="tag">${escapeHtml(t.kind === 'checklist' ? labels.checklist : labels.template)}</span></dt><dd>${escapeHtml(t.description)} <span class="facts">${escapeHtml(labels.toolbox)}: ${escapeHtml(`${slug}/tools/${t.id}.${language}.docx`)}</span></dd>`).join('\n')}</dl>` : ''}`);

    for (const lesson of content.lessons) part(`${slug}-lesson-${lesson.id}`, lesson.title, html(shiftHeadings(lesson.html, partLevel - 2)));

    if (content.case) {
      const printed = printCase(content.case);
      const anchors: CaseAnchors = {
        decision: (id) => `${slug}-decision-${id}`,
        ending: (id) => `${slug}-ending-${id}`,
        debrief: (id) => `${slug}-debrief-${id}`,
      };
      const anchor = `${slug}-case`;
      const heading = `${labels.discussionCase}: ${content.case.title}`;
      toc.push({ anchor, title: heading, level: curriculum ? 2 : 1 });
      parts.push(`<section class="part" style="page: ${namedPage(runningLeft, labels.discussionCase)}" aria-labelledby="${anchor}">
${discussionHtml(content.case, printed, labels, html, partLevel, anchors, anchor)}
</section>`);
      debriefs.push(`<section class="part" style="page: ${namedPage(runningLeft, labels.debrief)}" aria-labelledby="${slug}-debrief">
${debriefHtml(content.case, printed, labels, html, partLevel, anchors, `${slug}-debrief`)}
</section>`);
    }

    if (content.quiz) {
      const printed = content.quiz.questions.map((q, i) => printQuestion(q, i + 1, `${slug}-q-${q.id}`, labels));
      part(`${slug}-self-check`, labels.selfCheck, `<p>${escapeHtml(labels.selfCheckIntro)}</p>
${printed.map((p) => selfCheckHtml(p, labels, html, partLevel + 1)).join('\n')}`);
      answers.push(`<section aria-labelledby="${slug}-answers">
<h${curriculum ? 3 : 2} id="${slug}-answers">${escapeHtml(curriculum ? moduleName : labels.selfCheck)}</h${curriculum ? 3 : 2}>
${printed.map((p) => answerHtml(p, labels, html)).join('\n')}
</section>`);
    }

    if (curriculum) {
      const anchor = `${slug}-module`;
      toc.splice(toc.findIndex((t) => t.anchor === `${slug}-about`), 0, { anchor, title: moduleName, level: 1 });
      modules.push(`<section class="part" style="page: ${namedPage(moduleName, '')}" aria-labelledby="${anchor}"><h2 id="${anchor}">${escapeHtml(moduleName)}</h2><p>${escapeHtml(content.description)}</p></section>
${parts.join('\n')}`);
    } else {
      modules.push(parts.join('\n'));
    }
  }

  // The glossary lists the terms the manual uses, in the manual's language.
  const glossary = glossaryOf(courses, language).filter((t) => used.has(t.id));
  const backMatter: string[] = [];
  if (glossary.length) {
    toc.push({ anchor: 'glossary', title: labels.glossary, level: 1 });
    backMatter.push(`<section class="part" style="page: ${namedPage(title, labels.glossary)}" aria-labelledby="glossary">
<h2 id="glossary">${escapeHtml(labels.glossary)}</h2>
<dl class="glossary">${glossary.map((t) => `<dt id="term-${escapeHtml(t.id)}">${escapeHtml(t.term)}</dt><dd>${escapeHtml(t.definition)}</dd>`).join('\n')}</dl>
</section>`);
  }
  if (answers.length) {
    toc.push({ anchor: 'answer-key', title: labels.answerKey, level: 1 });
    backMatter.push(`<section class="part answers" style="page: ${namedPage(title, labels.answerKey)}" aria-labelledby="answer-key">
<h2 id="answer-key">${escapeHtml(labels.answerKey)}</h2>
${answers.join('\n')}
</section>`);
  }
  for (const [i, debrief] of debriefs.entries()) {
    const course = courses.filter((c) => contentIn(c, language).case)[i]!;
    toc.push({ anchor: `${course.slug}-debrief`, title: `${labels.debrief}${curriculum && course.order ? ` (${labels.module(course.order)})` : ''}`, level: 1 });
    backMatter.push(debrief);
  }

  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${labels.manual}: ${title}`)}</title>
<style>
${input.fonts}
${MANUAL_STYLE}
${runningHeads(heads)}
</style>
</head>
<body>
<section class="cover" aria-labelledby="cover-title">
<div class="band">
<p class="kicker">INPROCAP · ${escapeHtml(labels.manual)}</p>
<h1 id="cover-title">${escapeHtml(curriculum ? title : first.order ? `${labels.module(first.order)}: ${title}` : title)}</h1>
<p class="subtitle">${escapeHtml(labels.subtitle)}</p>
</div>
<div class="meta">
${curriculum ? '' : `<p>${escapeHtml(labels.version)} ${escapeHtml(first.version)} · ${escapeHtml(input.date)}</p>`}
${curriculum ? `<p>${escapeHtml(input.date)}</p>` : ''}
<p class="funded">${escapeHtml(labels.funded)}</p>
</div>
</section>
<nav class="front toc" aria-labelledby="toc-title">
<h2 id="toc-title">${escapeHtml(labels.contents)}</h2>
${tocHtml(toc)}
</nav>
<main>
${modules.join('\n')}
${backMatter.join('\n')}
</main>
</body>
</html>
`;
}

function tocHtml(entries: TocEntry[]): string {
  // Two levels: top entries, each with the entries under it.
  const item = (e: TocEntry) => `<a href="#${e.anchor}"><span class="title">${escapeHtml(e.title)}</span><span class="dots" aria-hidden="true"></span><span class="page" data-page-of="${e.anchor}"></span></a>`;
  let out = '<ol>';
  let open = false;
  for (const e of entries) {
    if (e.level === 1) {
      if (open) out += '</ol></li>';
      out += `<li class="level-1">${item(e)}<ol>`;
      open = true;
    } else out += `<li>${item(e)}</li>`;
  }
  if (open) out += '</ol></li>';
  return `${out}</ol>`.replace(/<ol><\/ol>/g, '');
}

/** The glossary in the manual's language: the first module's compiled glossary in it, else in English. */
function glossaryOf(courses: Course[], language: string): GlossaryTerm[] {
  const withLanguage = courses.find((c) => c.content[language]);
  return (withLanguage ? withLanguage.content[language]! : contentIn(courses[0]!, language)).glossary;
}

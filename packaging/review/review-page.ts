/**
 * The reviewer's page of a module (`inprocap review <slug>`): one static HTML page a Control Group
 * member reads instead of taking the module. Every question with its options, key, feedback and
 * the file and line it is written at; every case decision with its choices, points, consequences
 * and feedback; the item-writing figures and every finding of the content check, each beside the
 * question or decision it concerns.
 *
 * Anchors are stable, so the dashboard and notes can link to one item: `#question-<id>`,
 * `#decision-<id>`, `#ending-<id>`, `#term-<id>`.
 */
import { bestChoices } from '../../core/case/case-graph.ts';
import type { CaseExercise, Course, DecisionNode, GlossaryTerm, Question } from '../../core/content/schema.ts';
import { authoringOf } from '../../core/question-types/authoring.ts';
import type { AnswerKey } from '../../core/question-types/question-type.ts';
import { escapeHtml, linkGlossaryTerms } from '../html.ts';
import type { CheckedModule } from '../content/check.ts';
import type { ContentIssue } from '../content/issues.ts';
import { readable } from '../../core/question-types/item-writing.authoring.ts';
import type { Loaded } from '../content/load.ts';

export interface ReviewInput {
  checked: CheckedModule & { course: Course };
  /** Every finding of the content check in this module's files (errors cannot occur: it compiled). */
  findings: ContentIssue[];
  language: string;
  /** When the page was made (shown; pages are not compared byte for byte). */
  made: Date;
}

/** A finding belongs to the item whose lines enclose it; the rest are the module's. */
interface Span {
  file: string;
  from: number;
  /** Exclusive. */
  to: number;
  /** Where the list itself starts: a finding there is about the whole list (the quiz, the case). */
  list: { line: number; column: number };
}

export function reviewPage({ checked, findings, language, made }: ReviewInput): string {
  const { course, loaded, itemWriting } = checked;
  const content = course.content[language];
  if (!content) throw new Error(`module "${course.slug}" has no language "${language}" (it has ${course.languages.join(', ')})`);
  const files = loaded.languages.get(language)!;
  const used = new Set<string>();
  const html = (fragment: string) => linkGlossaryTerms(fragment, (id) => (used.add(id), `#term-${id}`));

  const claimed = new Set<ContentIssue>();
  const findingsIn = (span: Span | undefined) => {
    if (!span) return [];
    const aboutList = (f: ContentIssue) => f.line === span.list.line && f.column === span.list.column;
    const mine = findings.filter((f) => f.file === span.file && f.line >= span.from && f.line < span.to && !aboutList(f));
    mine.forEach((f) => claimed.add(f));
    return mine;
  };

  const quiz = content.quiz && files.quiz ? quizSection(content.quiz.questions, files.quiz, findingsIn, html) : '';
  const exercise = content.case && files.case ? caseSection(content.case, files.case, findingsIn, html) : '';
  const general = findings.filter((f) => !claimed.has(f));
  const glossary = content.glossary.filter((t) => used.has(t.id));

  const title = `Review: ${content.title}`;
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header>
<p class="kicker">Reviewer's page · ${escapeHtml(course.slug)} ${escapeHtml(course.version)} · ${escapeHtml(language)} · made ${escapeHtml(made.toISOString().slice(0, 10))}</p>
<h1>${escapeHtml(content.title)}</h1>
<p>${escapeHtml(content.description)}</p>
<nav aria-label="On this page"><ul>
<li><a href="#checks">Checks (${findings.length})</a></li>
${content.quiz ? `<li><a href="#quiz">Quiz: ${content.quiz.questions.length} questions</a></li>` : ''}
${content.case ? `<li><a href="#case">Case exercise: ${content.case.nodes.filter((n) => n.type === 'decision').length} decisions</a></li>` : ''}
${glossary.length ? `<li><a href="#glossary">Glossary terms used (${glossary.length})</a></li>` : ''}
</ul></nav>
</header>
<main id="main">
<section id="checks" aria-labelledby="checks-title">
<h2 id="checks-title">Checks</h2>
<p>Pass mark ${course.masteryScore}%. Objectives:</p>
<ul>${content.objectives.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul>
${itemWriting ? figuresTable(itemWriting) : ''}
${findings.length ? `<p>${findings.length} finding${findings.length === 1 ? '' : 's'} of the content check (<code>npm run check:content</code>), each also shown at its question or decision${general.length ? '; these concern the module as a whole' : ''}:</p>${findingList(general)}` : '<p class="ok">The content check finds nothing to report.</p>'}
</section>
${quiz}
${exercise}
${glossary.length ? glossarySection(glossary) : ''}
</main>
</body>
</html>
`;
}

function figuresTable(f: NonNullable<CheckedModule['itemWriting']>): string {
  const row = (what: string, value: string, rule: string) => `<tr><th scope="row">${what}</th><td>${value}</td><td>${rule}</td></tr>`;
  return `<table class="figures">
<caption>Item-writing figures (source language)</caption>
<thead><tr><th scope="col">check</th><th scope="col">this module</th><th scope="col">rule</th></tr></thead>
<tbody>
${row('Correct option is the longest', `${f.correctLongest.count} of ${f.correctLongest.of} single-choice questions`, 'at most 40%')}
${row('Best case choice is the longest', `${f.bestLongest.count} of ${f.bestLongest.of} decisions`, 'at most 40%')}
${row('True/false keyed true', `${f.keyedTrue.count} of ${f.keyedTrue.of}`, '35% to 65%')}
${row('Answer stands in its prompt', String(f.answerInPrompt), 'none')}
</tbody>
</table>`;
}

function findingList(findings: ContentIssue[]): string {
  if (!findings.length) return '';
  return `<ul class="findings">${findings
    .map((f) => `<li><span class="tag ${f.severity}">${f.severity}</span> ${escapeHtml(f.message)} <code>${escapeHtml(`${f.file}:${f.line}:${f.column}`)}</code></li>`)
    .join('')}</ul>`;
}

type FindingsIn = (span: Span | undefined) => ContentIssue[];

/** The lines of each item of a list in a YAML file: from its start to the next item's. */
function spans(source: Loaded<unknown>['source'], list: string, count: number): Span[] {
  const starts = Array.from({ length: count }, (_, i) => source.positionOf([list, i]).line);
  const whole = source.positionOf([list]);
  return starts.map((from, i) => ({ file: source.file, from, to: starts[i + 1] ?? Number.MAX_SAFE_INTEGER, list: whole }));
}

function quizSection(questions: Question[], source: Loaded<unknown>, findingsIn: FindingsIn, html: (h: string) => string): string {
  const places = spans(source.source, 'questions', questions.length);
  return `<section id="quiz" aria-labelledby="quiz-title">
<h2 id="quiz-title">Quiz</h2>
${questions.map((q, i) => questionBlock(q, places[i]!, findingsIn(places[i]), html)).join('\n')}
</section>`;
}

function questionBlock(question: Question, place: Span, findings: ContentIssue[], html: (h: string) => string): string {
  const authoring = authoringOf(question);
  const key: AnswerKey = authoring.describe(question, escapeHtml);
  const lengths = key.rows.map((r) => readable(r.html.replace(/<[^>]+>/g, '')).length);
  const longest = Math.max(0, ...lengths);
  const isMatching = key.rows.some((r) => r.match !== undefined);
  const rows = key.rows.length
    ? `<table>
<caption class="visually-hidden">${isMatching ? 'Pairs and distractors' : 'Options'} of question ${escapeHtml(question.id)}</caption>
<thead><tr><th scope="col">id</th>${isMatching ? '<th scope="col">prompt</th><th scope="col">target</th>' : '<th scope="col">text</th>'}<th scope="col">key</th>${isMatching ? '' : '<th scope="col">length</th><th scope="col">feedback</th>'}</tr></thead>
<tbody>
${key.rows
  .map((r, i) => `<tr${r.key ? ' class="key"' : ''}><th scope="row">${escapeHtml(r.id)}</th>${isMatching ? `<td>${r.html ? html(r.html) : '<em>distractor</em>'}</td><td>${html(r.match ?? '')}</td>` : `<td>${html(r.html)}</td>`}<td>${r.key ? (isMatching ? 'pair' : '✔ key') : ''}</td>${isMatching ? '' : `<td>${lengths[i]}${lengths[i] === longest && key.rows.length > 1 ? ' <span class="tag">longest</span>' : ''}</td><td>${r.feedback ? html(r.feedback) : ''}</td>`}</tr>`)
  .join('\n')}
</tbody>
</table>`
    : '';
  return `<article id="question-${escapeHtml(question.id)}" class="item" aria-labelledby="question-${escapeHtml(question.id)}-title">
<h3 id="question-${escapeHtml(question.id)}-title">${escapeHtml(question.id)} · ${escapeHtml(authoring.title)}${question.points !== 1 ? ` · ${question.points} points` : ''}</h3>
<p class="source">Source: <code>${escapeHtml(`${place.file}:${place.from}`)}</code></p>
<p class="prompt">${html(question.prompt)}</p>
${rows}
<p><strong>Key:</strong> ${key.key}</p>
<dl>
${question.feedback?.correct ? `<dt>Feedback when right</dt><dd>${html(question.feedback.correct)}</dd>` : ''}
${question.feedback?.incorrect ? `<dt>Feedback when wrong</dt><dd>${html(question.feedback.incorrect)}</dd>` : ''}
</dl>
${findingList(findings)}
</article>`;
}

function caseSection(exercise: CaseExercise, source: Loaded<unknown>, findingsIn: FindingsIn, html: (h: string) => string): string {
  const places = spans(source.source, 'nodes', exercise.nodes.length);
  const best = new Set<string>();
  let node = exercise.nodes.find((n) => n.id === exercise.start);
  for (const choice of bestChoices(exercise)) {
    if (node?.type !== 'decision') break;
    best.add(node.id);
    const next: string = node.choices[choice]!.next;
    node = exercise.nodes.find((n) => n.id === next);
  }
  const kinds = new Map(exercise.nodes.map((n) => [n.id, n.type === 'decision' ? 'decision' : 'ending']));
  const anchor = (id: string) => `<a href="#${kinds.get(id) ?? 'decision'}-${escapeHtml(id)}">${escapeHtml(id)}</a>`;
  const blocks = exercise.nodes.map((n, i) =>
    n.type === 'decision' ? decisionBlock(n, best.has(n.id), places[i]!, findingsIn(places[i]), html, anchor) : `<article id="ending-${escapeHtml(n.id)}" class="item ending" aria-labelledby="ending-${escapeHtml(n.id)}-title">
<h3 id="ending-${escapeHtml(n.id)}-title">${escapeHtml(n.id)} · ending (${escapeHtml(n.outcome)}): ${escapeHtml(n.title)}</h3>
<p class="source">Source: <code>${escapeHtml(`${places[i]!.file}:${places[i]!.from}`)}</code></p>
${html(n.text)}
${findingList(findingsIn(places[i]))}
</article>`,
  );
  return `<section id="case" aria-labelledby="case-title">
<h2 id="case-title">Case exercise: ${escapeHtml(exercise.title)}</h2>
${html(exercise.intro)}
<p>Starts at ${anchor(exercise.start)}; the best path passes ${[...best].map(anchor).join(' → ')}.</p>
${blocks.join('\n')}
<h3>Debrief</h3>
${html(exercise.debrief)}
</section>`;
}

function decisionBlock(node: DecisionNode, onBestPath: boolean, place: Span, findings: ContentIssue[], html: (h: string) => string, target: (id: string) => string): string {
  const lengths = node.choices.map((c) => readable(c.label.replace(/<[^>]+>/g, '')).length);
  const longest = Math.max(...lengths);
  return `<article id="decision-${escapeHtml(node.id)}" class="item" aria-labelledby="decision-${escapeHtml(node.id)}-title">
<h3 id="decision-${escapeHtml(node.id)}-title">${escapeHtml(node.id)} · decision${onBestPath ? ' on the best path' : ''}: ${escapeHtml(node.title)}</h3>
<p class="source">Source: <code>${escapeHtml(`${place.file}:${place.from}`)}</code></p>
${html(node.text)}
<table>
<caption class="visually-hidden">Choices of decision ${escapeHtml(node.id)}</caption>
<thead><tr><th scope="col">id</th><th scope="col">label</th><th scope="col">best</th><th scope="col">points</th><th scope="col">length</th><th scope="col">next</th><th scope="col">consequence</th><th scope="col">feedback</th></tr></thead>
<tbody>
${node.choices
  .map((c, i) => `<tr${c.best ? ' class="key"' : ''}><th scope="row">${escapeHtml(c.id)}</th><td>${html(c.label)}</td><td>${c.best ? '✔ best' : ''}</td><td>${c.points}</td><td>${lengths[i]}${lengths[i] === longest ? ' <span class="tag">longest</span>' : ''}</td><td>${target(c.next)}</td><td>${html(c.consequence)}</td><td>${html(c.feedback)}</td></tr>`)
  .join('\n')}
</tbody>
</table>
${findingList(findings)}
</article>`;
}

function glossarySection(terms: GlossaryTerm[]): string {
  return `<section id="glossary" aria-labelledby="glossary-title">
<h2 id="glossary-title">Glossary terms used</h2>
<dl>${terms.map((t) => `<dt id="term-${escapeHtml(t.id)}">${escapeHtml(t.term)}</dt><dd>${escapeHtml(t.definition)}</dd>`).join('\n')}</dl>
</section>`;
}

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1f; --muted: #4a4a55; --line: #c9c9d3; --key: #e6f4ea; --accent: #0b57a4; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
.kicker, .source { color: var(--muted); font-size: .9rem; margin: .25rem 0; }
h1 { margin: .25rem 0 .5rem; }
h2 { margin-top: 2.5rem; border-bottom: 2px solid var(--line); }
.item { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem 1rem; margin: 1rem 0; }
.item:target { outline: 3px solid var(--accent); }
.prompt { font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f1f1f5; }
tr.key td, tr.key th { background: var(--key); }
.tag { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 3px; background: #ececf2; color: var(--ink); }
.tag.warning { background: #fff1c2; }
.tag.error { background: #ffd9d6; }
.findings li { margin: .25rem 0; }
.ok { color: #14532d; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
dt { font-weight: 600; }
dd { margin: 0 0 .5rem 1rem; }
@media print { .skip, nav { display: none; } .item { break-inside: avoid; } }
`;

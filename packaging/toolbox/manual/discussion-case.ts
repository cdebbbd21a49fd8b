/**
 * A case exercise on paper, for a group with a trainer: the situation and every decision with its
 * options (in a fixed shuffled order, none marked, each saying where it leads), and, on later
 * pages, the trainer's debrief: for each decision the consequence, points and feedback of every
 * option, the best marked, then the endings and the debrief text.
 */
import type { CaseExercise, DecisionNode, EndingNode } from '../../../core/content/schema.ts';
import { deriveSeed, shuffledIndices } from '../../../core/quiz/shuffle.ts';
import { escapeHtml } from '../../html.ts';
import type { ToolboxLabels } from '../labels.ts';

const LETTERS = 'ABCDEFGH';

/** Decisions in the order a group meets them: breadth first from the start, then any left over. */
function decisionOrder(exercise: CaseExercise): DecisionNode[] {
  const byId = new Map(exercise.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const order: DecisionNode[] = [];
  const queue = [exercise.start];
  while (queue.length) {
    const node = byId.get(queue.shift()!);
    if (!node || node.type !== 'decision' || seen.has(node.id)) continue;
    seen.add(node.id);
    order.push(node);
    queue.push(...node.choices.map((c) => c.next));
  }
  return order;
}

export interface PrintedCase {
  decisions: DecisionNode[];
  endings: EndingNode[];
  /** Print order of each decision's choices. */
  order: Map<string, number[]>;
}

export function printCase(exercise: CaseExercise): PrintedCase {
  const decisions = decisionOrder(exercise);
  const order = new Map(decisions.map((d) => [d.id, d.choices.length < 2 ? [0] : shuffledIndices(d.choices.length, deriveSeed(20_240_601, `${exercise.id}/${d.id}`))]));
  return { decisions, endings: exercise.nodes.filter((n): n is EndingNode => n.type === 'ending'), order };
}

export interface CaseAnchors {
  decision: (id: string) => string;
  ending: (id: string) => string;
  debrief: (id: string) => string;
}

const where = (c: PrintedCase, next: string, labels: ToolboxLabels, anchors: CaseAnchors) => {
  const k = c.decisions.findIndex((d) => d.id === next);
  if (k >= 0) return `<a href="#${anchors.decision(next)}">${escapeHtml(labels.decision(k + 1))}</a>`;
  const ending = c.endings.find((e) => e.id === next);
  return ending ? `<a href="#${anchors.ending(next)}">${escapeHtml(ending.title)}</a>` : escapeHtml(next);
};

/** The situation and the decisions, for the group. */
export function discussionHtml(exercise: CaseExercise, c: PrintedCase, labels: ToolboxLabels, html: (f: string) => string, level: number, anchors: CaseAnchors, titleAnchor: string): string {
  const h = (n: number) => `h${Math.min(6, level + n)}`;
  return `<${h(0)} id="${titleAnchor}">${escapeHtml(labels.discussionCase)}: ${escapeHtml(exercise.title)}</${h(0)}>
<${h(1)}>${escapeHtml(labels.situation)}</${h(1)}>
${html(exercise.intro)}
<${h(1)}>${escapeHtml(labels.decisions)}</${h(1)}>
${c.decisions
  .map((d, k) => `<section class="decision" aria-labelledby="${anchors.decision(d.id)}">
<${h(2)} id="${anchors.decision(d.id)}">${escapeHtml(labels.decision(k + 1))}: ${escapeHtml(d.title)}</${h(2)}>
${html(d.text)}
<ol class="choices">${c.order.get(d.id)!.map((i, shown) => {
    const choice = d.choices[i]!;
    return `<li><span class="letter">${LETTERS[shown]}</span><span>${html(choice.label)} <span class="tag">${escapeHtml(labels.leadsTo)} ${where(c, choice.next, labels, anchors)}</span></span></li>`;
  }).join('')}</ol>
</section>`)
  .join('\n')}`;
}

/** The trainer's debrief: consequences, points and feedback of every option, the endings, the debrief. */
export function debriefHtml(exercise: CaseExercise, c: PrintedCase, labels: ToolboxLabels, html: (f: string) => string, level: number, anchors: CaseAnchors, titleAnchor: string): string {
  const h = (n: number) => `h${Math.min(6, level + n)}`;
  return `<${h(0)} id="${titleAnchor}">${escapeHtml(labels.debrief)}: ${escapeHtml(exercise.title)}</${h(0)}>
${c.decisions
  .map((d, k) => `<section class="decision" aria-labelledby="${anchors.debrief(d.id)}">
<${h(1)} id="${anchors.debrief(d.id)}"><a href="#${anchors.decision(d.id)}">${escapeHtml(labels.decision(k + 1))}</a>: ${escapeHtml(d.title)}</${h(1)}>
<ol class="choices">${c.order.get(d.id)!.map((i, shown) => {
    const choice = d.choices[i]!;
    return `<li><span class="letter">${LETTERS[shown]}</span><div><p${choice.best ? ' class="best"' : ''}>${html(choice.label)} <span class="tag">${choice.points} ${escapeHtml(labels.points)}${choice.best ? ` · ${escapeHtml(labels.bestChoice)}` : ''}</span></p>${html(choice.consequence)}${html(choice.feedback)}</div></li>`;
  }).join('')}</ol>
</section>`)
  .join('\n')}
<${h(1)}>${escapeHtml(labels.endings)}</${h(1)}>
${c.endings.map((e) => `<section class="decision" aria-labelledby="${anchors.ending(e.id)}"><${h(2)} id="${anchors.ending(e.id)}">${escapeHtml(e.title)}</${h(2)}>${html(e.text)}</section>`).join('\n')}
${html(exercise.debrief)}`;
}

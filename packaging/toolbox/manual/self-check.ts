/**
 * A quiz on paper: each question as a self-check (options lettered in a fixed shuffled order, so
 * the key's place gives nothing away; a matching question as two lettered columns; a sequence
 * scrambled), and its entry in the answer key at the end. What each question offers comes from its
 * type (`describe` in `<type>.authoring.ts`), so a new type prints without a change here.
 */
import type { Question } from '../../../core/content/schema.ts';
import { authoringOf } from '../../../core/question-types/authoring.ts';
import type { AnswerKey, AnswerRow } from '../../../core/question-types/question-type.ts';
import { deriveSeed, shuffledIndices } from '../../../core/quiz/shuffle.ts';
import { escapeHtml } from '../../html.ts';
import type { ToolboxLabels } from '../labels.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A question as printed: its rows in print order and the answer in terms of what is printed. */
interface PrintedQuestion {
  question: Question;
  number: number;
  anchor: string;
  key: AnswerKey;
  /** Rows in the order they are printed. */
  shown: AnswerRow[];
  /** For matching: the targets, lettered, in print order. */
  targets: string[];
  /** The answer in the printed letters and numbers (HTML). */
  answer: string;
}

/** The same order for the same question in every build and language. */
const fixedOrder = <T>(items: T[], salt: string): T[] => {
  if (items.length < 2) return items;
  let order = shuffledIndices(items.length, deriveSeed(20_240_601, salt));
  // a sequence must never be printed already in order
  if (order.every((v, i) => v === i)) order = [...order.slice(1), order[0]!];
  return order.map((i) => items[i]!);
};

export function printQuestion(question: Question, number: number, anchor: string, labels: ToolboxLabels): PrintedQuestion {
  const key = authoringOf(question).describe(question, escapeHtml);
  const base = { question, number, anchor, key };
  switch (key.kind) {
    case 'choose': {
      const shown = fixedOrder(key.rows, question.id);
      return { ...base, shown, targets: [], answer: shown.flatMap((r, i) => (r.key ? [LETTERS[i]!] : [])).join(', ') };
    }
    case 'match': {
      const prompts = key.rows.filter((r) => r.html);
      const targets = fixedOrder(key.rows.map((r) => r.match ?? ''), question.id);
      const answer = prompts.map((r, i) => `${i + 1} → ${LETTERS[targets.indexOf(r.match ?? '')]}`).join(', ');
      return { ...base, shown: prompts, targets, answer };
    }
    case 'order': {
      const shown = fixedOrder(key.rows, question.id);
      return { ...base, shown, targets: [], answer: key.rows.map((r) => LETTERS[shown.indexOf(r)]).join(', ') };
    }
    case 'judge':
      return { ...base, shown: [], targets: [], answer: escapeHtml(key.truth ? labels.true : labels.false) };
    case 'write':
      return { ...base, shown: [], targets: [], answer: key.key };
  }
}

/** The question as the reader answers it. */
export function selfCheckHtml(p: PrintedQuestion, labels: ToolboxLabels, html: (fragment: string) => string, headingLevel: number): string {
  const h = `h${headingLevel}`;
  const { question, key } = p;
  let body = '';
  switch (key.kind) {
    case 'choose': {
      const several = key.rows.filter((r) => r.key).length > 1;
      body = `<p class="instruction">${escapeHtml(several ? labels.chooseAll : labels.chooseOne)}</p>
<ol class="choices">${p.shown.map((r, i) => `<li><span class="letter">${LETTERS[i]}</span><span><span class="box" aria-hidden="true"></span>${html(r.html)}</span></li>`).join('')}</ol>`;
      break;
    }
    case 'match':
      body = `<p class="instruction">${escapeHtml(labels.matchInstruction)}</p>
<table class="match"><tbody>${Array.from({ length: Math.max(p.shown.length, p.targets.length) }, (_, i) => {
        const left = p.shown[i];
        const right = p.targets[i];
        return `<tr><td>${left ? i + 1 : ''}</td><td>${left ? html(left.html) : ''}</td><td>${right !== undefined ? LETTERS[i] : ''}</td><td>${right !== undefined ? html(right) : ''}</td></tr>`;
      }).join('')}</tbody></table>`;
      break;
    case 'order':
      body = `<p class="instruction">${escapeHtml(labels.orderInstruction)}</p>
<ol class="choices">${p.shown.map((r, i) => `<li><span class="letter">${LETTERS[i]}</span><span>${html(r.html)}</span></li>`).join('')}</ol>
<div class="write-line" aria-hidden="true"></div>`;
      break;
    case 'judge':
      body = `<p class="instruction">${escapeHtml(labels.trueFalse)}</p>`;
      break;
    case 'write':
      body = `<p class="instruction">${escapeHtml(labels.fillInstruction)}</p><div class="write-line" aria-hidden="true"></div>`;
      break;
  }
  return `<section class="question" aria-labelledby="${p.anchor}">
<${h} id="${p.anchor}">${escapeHtml(labels.question(p.number))}</${h}>
<p>${html(question.prompt)}</p>
${body}
</section>`;
}

/** The question's entry in the answer key: the answer in printed letters, and why. */
export function answerHtml(p: PrintedQuestion, labels: ToolboxLabels, html: (fragment: string) => string): string {
  return `<div class="entry"><p><a href="#${p.anchor}">${escapeHtml(labels.question(p.number))}</a>: <span class="key">${p.answer}</span></p>
${p.question.feedback?.correct ? `<p>${html(p.question.feedback.correct)}</p>` : ''}</div>`;
}

/** What the item-writing checks read in a question's text (build time only). */

/** Text as a learner reads it: Markdown marks, glossary brackets and link targets removed. */
export function readable(markdown: string): string {
  return markdown
    .replace(/\[\[([^\]|]+)\|([^\]]+)\]\]/g, '$2')
    .replace(/\[\[([^\]]+)\]\]/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the item at `key` is strictly the longest of `texts`, as read. */
export const isLongest = (texts: string[], key: number): boolean =>
  key >= 0 && key < texts.length && texts.every((text, i) => i === key || readable(text).length < readable(texts[key]!).length);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const standsIn = (text: string, wanted: string) =>
  wanted.length >= 2 && new RegExp(`(^|[^\\p{L}\\p{N}])${escape(wanted)}($|[^\\p{L}\\p{N}])`, 'u').test(text);

/**
 * Whether the prompt spells out the answer `phrase`: the phrase stands in it whole, or one of its
 * words of four letters or more does (a "life-cycle" answer to a prompt about a product's "whole
 * life"), or it is an acronym whose words the prompt writes out ("MEAT" after "most economically
 * advantageous tender").
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const prompt = readable(text).toLowerCase();
  const wanted = readable(phrase);
  if (standsIn(prompt, wanted.toLowerCase())) return true;
  const words = wanted.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length > 1 && words.some((word) => word.length >= 4 && standsIn(prompt, word))) return true;
  if (/^\p{Lu}{2,6}$/u.test(wanted)) {
    const initials = prompt.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((word) => word[0]).join('');
    if (initials.includes(wanted.toLowerCase())) return true;
  }
  return false;
}

/** Whether `value` stands in `text` in any way a number is written: 140000, 140,000, 140 000, 1,5. */
export function containsNumber(text: string, value: number): boolean {
  const plain = String(value);
  const [whole, fraction] = plain.split('.');
  const grouped = (separator: string) => whole!.replace(/\B(?=(\d{3})+(?!\d))/g, separator) + (fraction ? `.${fraction}` : '');
  const forms = new Set([plain, ...[',', ' ', '.', '\u00a0', '\u202f'].map(grouped), ...(fraction ? [`${whole},${fraction}`] : [])]);
  const read = readable(text);
  return [...forms].some((form) => new RegExp(`(^|[^\\d.,])${escape(form)}($|[^\\d]|[.,](?!\\d))`).test(read));
}

/** How the LMS-safe text and numbers a learner types are read: one home for every type that takes text. */

/** Removes control characters (they would cost 6 characters each once serialised) and caps length. */
export function cleanText(text: string, maxLength: number): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '').slice(0, maxLength);
}

export function normaliseText(text: string, caseSensitive: boolean): string {
  const collapsed = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  return caseSensitive ? collapsed : collapsed.toLocaleLowerCase();
}

/**
 * Reads a number as people type it: "140000", "140 000", "140,000", "€140,000", "1,5" (decimal comma).
 * Returns NaN when it is not a number.
 */
export function parseNumber(typed: string): number {
  let text = typed.trim().replace(/[\s\u00a0\u202f'’_]/g, '').replace(/^[€$£]|[€$£%]$/g, '');
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both present: the last one is the decimal separator.
    text = lastComma > lastDot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (lastComma >= 0) {
    text = /^-?\d{1,3}(,\d{3})+$/.test(text) ? text.replace(/,/g, '') : text.replace(',', '.');
  } else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(text)) {
    text = text.replace(/\./g, ''); // 1.000.000
  }
  return /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) : NaN;
}

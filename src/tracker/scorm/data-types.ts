/**
 * The SCORM run-time data types, written so that every value the trackers send is valid by
 * construction, for the standard and for the strictest LMS players met so far. A value that a
 * player refuses is lost from the LMS's records, so each function here returns only what can be
 * accepted, and the tracker never has to hope.
 *
 * Stricter than the standard, seen in Moodle 4.3's players (`mod/scorm/datamodels/scorm_12.js`,
 * `scorm_13.js`; see the README, "Moodle"):
 * - SCORM 2004 decimals: at most five integer digits (`^-?([0-9]{1,5})(\.[0-9]{1,18})?$`);
 * - SCORM 2004 short identifiers (choice, matching, sequencing responses): word characters and
 *   dots only (`^[\w\.]{1,250}$`), no hyphen;
 * - SCORM 2004 responses and descriptions: no line breaks (`^.*$`); a description starting with
 *   "{" and no language delimiter is refused;
 * - SCORM 1.2 decimals: at most three integer digits (score 0..100, weighting -100..100).
 * Everywhere: well-formed UTF-16 (a lone surrogate makes the player's `encodeURIComponent` throw
 * inside Commit) and no control characters (PostgreSQL refuses NUL in text).
 */

/** Lone surrogates become U+FFFD; C0 controls and DEL go, tabs and line breaks included unless kept. */
function wellFormed(text: string, keepLineBreaks: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) out += text[i]! + text[++i]!;
      else out += '\ufffd';
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      out += '\ufffd';
    } else if (unit < 0x20 || unit === 0x7f) {
      if (unit === 0x0a && keepLineBreaks) out += '\n';
      else if (!keepLineBreaks && (unit === 0x09 || unit === 0x0a || unit === 0x0d)) out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

/** At most `max` UTF-16 code units, never cutting a surrogate pair in two. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * A characterstring of at most `max` characters. Line breaks become spaces unless `multiline`
 * (suspend data, say), since several players check free text with a pattern that stops at them.
 */
export function characterString(text: string, max: number, { multiline = false } = {}): string {
  return truncate(wellFormed(text, multiline), max);
}

/**
 * A decimal in plain notation (never "1e+21"), with at most `fractionDigits` decimals and no
 * trailing zeros, or undefined when its integer part has more than `integerDigits` digits or it
 * is no finite number: then the value cannot be sent as a decimal at all.
 */
export function decimal(value: number, integerDigits: number, fractionDigits = 7): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const fixed = Math.abs(value).toFixed(fractionDigits); // plain notation below 1e21
  if (fixed.includes('e')) return undefined;
  const [whole, fraction = ''] = fixed.split('.');
  if (whole!.replace(/^0+(?=\d)/, '').length > integerDigits) return undefined;
  const trimmed = fraction.replace(/0+$/, '');
  const text = trimmed ? `${whole}.${trimmed}` : whole!;
  return value < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

/** `decimal` for values that always fit (scores, weightings): clamped into [min, max] first. */
export function boundedDecimal(value: number, min: number, max: number, integerDigits: number): string {
  const clamped = Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
  return decimal(clamped, integerDigits)!;
}

/**
 * A SCORM 2004 short identifier for response patterns: word characters and dots only. Content
 * ids are lowercase letters, digits and hyphens (core/content/schema.ts), so turning each hyphen
 * into an underscore keeps distinct ids distinct.
 */
export function shortIdentifier(id: string): string {
  const mapped = id.replace(/[^\w.]/g, '_').slice(0, 250);
  return mapped || '_';
}

/** A SCORM 1.2 CMIIdentifier: printable ASCII without spaces, at most 255 characters. */
export function cmiIdentifier(id: string): string {
  return id.replace(/[^\u0021-\u007e]/g, '_').slice(0, 255) || '_';
}

/** A SCORM 2004 long identifier (`cmi.interactions.n.id`): no whitespace, at most 4000 characters. */
export function longIdentifier(id: string): string {
  return id.replace(/\s/g, '_').slice(0, 4000) || '_';
}

/**
 * CSV files of the dashboard's tables (RFC 4180: comma-separated, quoted when needed, CRLF line
 * ends, UTF-8 with a byte order mark so spreadsheets read accents right).
 *
 * Learners and LMSs send some of the text (names, comments), so every cell a spreadsheet could
 * read as a formula (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe.
 * Plain numbers such as -0.12 (or -0,12) are not formulas and stay as they are.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A number as any of the dashboard's languages writes it: -0.12, -0,12, 1 400, 76,5 %. */
const PLAIN_NUMBER = /^-?\d[\d\s\u00a0\u202f.,']*(?:[\s\u00a0\u202f]?%)?$/u;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name from parts: lower case letters, digits and dashes, ending in .csv. */
export function csvFileName(...parts: (string | undefined)[]): string {
  const words = parts
    .filter((p): p is string => !!p)
    .map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean);
  return `${['inprocap', ...words].join('-')}.csv`;
}

/** Offers the text as a file download. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * CSV cells and lines (RFC 4180: comma-separated, quoted when needed, CRLF line ends), written
 * once for the dashboard's downloads and the LRS's streamed exports.
 *
 * Learners and LMSs send some of the text (names, comments), so every cell a spreadsheet could
 * read as a formula (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe.
 * Plain numbers such as -0.12 (or -0,12) are not formulas and stay as they are.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A number as any of the dashboard's languages writes it: -0.12, -0,12, 1 400, 76,5 %. */
const PLAIN_NUMBER = /^-?\d[\d\s\u00a0\u202f.,']*(?:[\s\u00a0\u202f]?%)?$/u;

/** The byte order mark that makes spreadsheets read a CSV file as UTF-8. */
export const CSV_BOM = '\uFEFF';

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line of cells, with its CRLF. */
export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map(csvLine).join('');
}

/**
 * The dashboard's CSV files: cells and lines as core/csv.ts writes them (formula-safe, RFC 4180),
 * named and offered for download here.
 */
import { CSV_BOM, csvCell, toCsv } from '../core/csv.ts';

export { csvCell, toCsv };

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
  const url = URL.createObjectURL(new Blob([CSV_BOM, csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

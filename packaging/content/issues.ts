/** A problem found in a content file, with the place an author must look. */
export interface ContentIssue {
  /** Path relative to the project root, e.g. `modules/pcp/quiz.yaml`. */
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
  /** Which family of checks found it, where that matters to the reader ('item-writing'). */
  rule?: 'item-writing';
}

export function formatIssue(issue: ContentIssue): string {
  const tag = issue.severity === 'warning' ? 'warning: ' : '';
  return `${issue.file}:${issue.line}:${issue.column}: ${tag}${issue.message}`;
}

/** Thrown when content cannot be built; carries every issue found, not just the first. */
export class ContentError extends Error {
  constructor(readonly issues: ContentIssue[]) {
    super(`${issues.length} content problem${issues.length === 1 ? '' : 's'}:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'ContentError';
  }
}

/** Collects issues while a module is loaded and checked. */
export class IssueList {
  readonly items: ContentIssue[] = [];

  add(file: string, position: { line: number; column: number }, message: string, severity: ContentIssue['severity'] = 'error', rule?: ContentIssue['rule']): void {
    this.items.push({ file, line: position.line, column: position.column, message, severity, ...(rule ? { rule } : {}) });
  }

  get errors(): ContentIssue[] {
    return this.items.filter((i) => i.severity === 'error');
  }

  get warnings(): ContentIssue[] {
    return this.items.filter((i) => i.severity === 'warning');
  }
}

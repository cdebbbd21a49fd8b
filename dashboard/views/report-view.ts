import { LitElement, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { csvFileName } from '../csv.ts';
import { dashStyles } from '../styles.ts';

/**
 * What every report view shares: the report it shows (nothing until it has arrived), the words
 * its CSV files are named with, and the dashboard's styles. A view draws its report in
 * `renderReport`.
 *
 * @property report - The report to show.
 * @property fileBase - Words for the CSV file names (module, organisation, period).
 * @property csvHref - The server's CSV export of the view's paged table, if it has one.
 */
export abstract class ReportView<R> extends LitElement {
  static override styles = [dashStyles];

  @property({ attribute: false }) report?: R;
  @property() fileBase = '';
  @property() csvHref = '';

  override render() {
    return this.report ? this.renderReport(this.report) : nothing;
  }

  protected abstract renderReport(report: R): TemplateResult;

  /** The CSV file name of one of the view's tables (its name in words, then the view's own). */
  protected csvName(...table: string[]): string {
    return csvFileName(...table, this.fileBase);
  }
}

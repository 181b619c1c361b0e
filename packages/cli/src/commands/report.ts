import { buildRunReport } from '@citebots/sdk';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { pagesCsv } from '../report/csv-report.js';
import { resolveRun } from '../report/resolve-run.js';
import { type ReportFormat, renderReport, type WrittenReport, writeText } from '../report/write-report.js';

export default class Report extends BaseCommand<typeof Report> {
  static override summary = 'Write the report of a run: a self-contained HTML page, CSV or JSON.';
  static override description =
    'The HTML report opens in any browser with no network: headline figures with their 95% intervals, ' +
    'visibility and share of voice by platform, the competition, cited domains and pages, SEO findings of ' +
    'the cited pages, the trend over the client’s runs and every answer. ' +
    'CSV has one row per answer (or, with --pages, one row per cited page); JSON is the full report model.';
  static override examples = [
    '<%= config.bin %> report 5f0c…e1 --out report.html',
    '<%= config.bin %> report latest',
    '<%= config.bin %> report 5f0c…e1 --format csv --out answers.csv --pages-out pages.csv',
    '<%= config.bin %> report 5f0c…e1 --format json > report.json',
  ];

  static override args = {
    run: Args.string({ description: 'Run id (or `latest`).', required: true }),
  };

  static override flags = {
    format: Flags.string({
      char: 'f',
      options: ['html', 'csv', 'json'],
      default: 'html',
      description: 'Output format.',
    }),
    out: Flags.string({
      char: 'o',
      description: 'File to write (default: report-<run>.html for HTML; standard output for CSV and JSON).',
    }),
    pages: Flags.boolean({ description: 'CSV: one row per cited page instead of one row per answer.' }),
    'pages-out': Flags.string({
      description: 'CSV: also write the cited pages (one row per page) to this file.',
    }),
  };

  public async run(): Promise<WrittenReport> {
    const db = await this.database({ maxConnections: 2 });
    const run = await resolveRun(db, this.args.run);
    const format = this.flags.format as ReportFormat;
    const out =
      this.flags.out ??
      (format === 'html' || this.jsonEnabled() ? `report-${run.id.slice(0, 8)}.${format}` : null);
    this.note(`Building the report of run ${run.id} (${run.clientName})…`);
    const report = await buildRunReport(db, run.id, { topPages: format === 'html' ? 25 : 100_000 });
    const text = await renderReport(report, format, { pages: this.flags.pages });
    const files: string[] = [];
    if (out) files.push(await writeText(out, text));
    else process.stdout.write(text);
    if (this.flags['pages-out']) files.push(await writeText(this.flags['pages-out'], pagesCsv(report)));
    if (report.simulated)
      this.note('Note: this run holds SIMULATED answers (Citebots fake provider), not real engine answers.');
    for (const f of files) this.note(`Wrote ${f}`);
    if (format === 'html' && files[0]) this.note(`Open it in a browser: file://${files[0]}`);
    return { runId: run.id, format, files, simulated: report.simulated, answers: report.answers.length };
  }
}

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { buildRunReport, type Queryable, type RunReport } from '@citebots/sdk';
import { answersCsv, pagesCsv } from './csv-report.js';
import { renderHtmlReport } from './html-report.js';

export type ReportFormat = 'html' | 'csv' | 'json';

export interface WrittenReport {
  runId: string;
  format: ReportFormat;
  /** Absolute paths of the files written. */
  files: string[];
  simulated: boolean;
  answers: number;
}

/** The report of one run in one format, as text. */
export async function renderReport(
  report: RunReport,
  format: ReportFormat,
  options: { pages?: boolean } = {},
): Promise<string> {
  if (format === 'html') return renderHtmlReport(report);
  if (format === 'csv') return options.pages ? pagesCsv(report) : answersCsv(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}

export async function writeText(path: string, text: string): Promise<string> {
  const abs = resolve(path);
  await mkdir(dirname(abs), { recursive: true });
  await writeFile(abs, text, 'utf8');
  return abs;
}

/** Builds the run's report and writes it (and, for CSV, the cited pages to `pagesOut`). */
export async function writeRunReport(
  db: Queryable,
  runId: string,
  options: { format: ReportFormat; out: string; pages?: boolean; pagesOut?: string },
): Promise<WrittenReport> {
  const report = await buildRunReport(db, runId, { topPages: options.format === 'html' ? 25 : 100_000 });
  const files = [
    await writeText(options.out, await renderReport(report, options.format, { pages: options.pages })),
  ];
  if (options.pagesOut) files.push(await writeText(options.pagesOut, pagesCsv(report)));
  return {
    runId,
    format: options.format,
    files,
    simulated: report.simulated,
    answers: report.answers.length,
  };
}

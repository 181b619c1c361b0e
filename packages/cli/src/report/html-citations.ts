import type { RunReport } from '@citebots/sdk';
import { escapeHtml } from './escape-html.js';
import { pct } from './format.js';
import { badge, link, ownerBadge } from './html-helpers.js';

export function domainTableHtml(report: RunReport): string {
  if (report.topDomains.length === 0) return '<p class="note">No citations in these answers.</p>';
  const rows = report.topDomains.map(
    (d) =>
      `<tr><td>${escapeHtml(d.domain)} ${ownerBadge(d.isClient, d.competitor)}</td><td class="num">${d.citations}</td><td class="num">${pct(d.share.value)}</td></tr>`,
  );
  return `<table><thead><tr><th>Domain</th><th class="num">Citations</th><th class="num">Share</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function pageTableHtml(report: RunReport): string {
  if (report.topPages.length === 0) return '<p class="note">No pages were cited.</p>';
  const rows = report.topPages.map(
    (p) =>
      `<tr><td>${p.title ? `${escapeHtml(p.title)}<br>` : ''}${link(p.url)} ${ownerBadge(p.isClient, p.competitor)}</td><td class="num">${p.citations}</td><td>${escapeHtml(p.platforms.join(', '))}</td></tr>`,
  );
  return `<table><thead><tr><th>Page</th><th class="num">Citations</th><th>Cited by</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function seoTableHtml(report: RunReport): string {
  if (report.pages.length === 0) {
    return '<p class="note">No page analyses for this run: the cited pages were not crawled (the citation analyzer runs during <code>citebots analyze</code> unless it is turned off).</p>';
  }
  const rows = report.pages.map((p) => {
    const owner = p.isClient ? badge('client', 'client') : p.isCompetitor ? badge('competitor', 'comp') : '';
    const findings = p.findings.length
      ? `<ul class="findings">${p.findings.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`
      : '<span class="note">nothing to flag</span>';
    return `<tr><td>${p.title ? `${escapeHtml(p.title)}<br>` : ''}${link(p.url)} ${owner}</td><td class="num">${p.httpStatus ?? '–'}</td><td class="num">${p.wordCount ?? '–'}</td><td class="num">${p.qualityScore === null ? '–' : p.qualityScore.toFixed(0)}</td><td>${findings}</td></tr>`;
  });
  return `<table class="seo"><colgroup><col style="width:44%"><col style="width:7%"><col style="width:8%"><col style="width:8%"><col style="width:33%"></colgroup><thead><tr><th>Cited page</th><th class="num">HTTP</th><th class="num">Words</th><th class="num">Quality</th><th>Findings</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

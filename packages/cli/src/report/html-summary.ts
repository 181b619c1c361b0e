import type { MeanStat, Rate, RunReport } from '@citebots/sdk';
import { escapeHtml } from './escape-html.js';
import { intervalText, meanText, pct, shortDate, usd } from './format.js';
import { badge, join, rateCell } from './html-helpers.js';

export const SIMULATED_BANNER =
  'SIMULATED DATA: these answers come from the Citebots fake provider running on this computer, not from real AI engines. They show what a report looks like; they say nothing about any real brand.';

export function headerHtml(report: RunReport): string {
  const r = report.run;
  return join([
    '<header class="top"><div class="inner">',
    `<h1>${escapeHtml(report.client.name)} in AI answers${report.simulated ? ' (SIMULATED)' : ''}</h1>`,
    '<div class="meta">',
    report.client.domain ? `<span>${escapeHtml(report.client.domain)}</span>` : '',
    `<span>run ${escapeHtml(r.id)}</span>`,
    `<span>${escapeHtml(shortDate(r.createdAt))} UTC</span>`,
    `<span>${escapeHtml(r.platforms.join(', '))}</span>`,
    `<span>${r.counts.completed}/${r.counts.total} answers${r.counts.failed ? `, ${r.counts.failed} failed` : ''}</span>`,
    `<span>status ${escapeHtml(r.status)}</span>`,
    `<span>cost ${escapeHtml(usd(r.costUsd))}</span>`,
    '</div>',
    report.simulated
      ? `<div class="simulated" role="alert" id="simulated">${escapeHtml(SIMULATED_BANNER)}</div>`
      : '',
    '</div></header>',
  ]);
}

function card(
  label: string,
  value: string,
  detail: string,
  ci: { lower: number; upper: number } | null,
  point: number | null,
): string {
  const bar =
    ci && point !== null
      ? `<div class="bar" aria-hidden="true"><i style="left:${(ci.lower * 100).toFixed(1)}%;width:${((ci.upper - ci.lower) * 100).toFixed(1)}%"></i><b style="left:${(point * 100).toFixed(1)}%"></b></div>`
      : '';
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div><div class="ci">${escapeHtml(detail)}</div>${bar}</div>`;
}

function rateCard(label: string, rate: Rate): string {
  const detail = rate.value === null ? 'no answers' : `95% CI ${intervalText(rate.ci)} · n = ${rate.n}`;
  return card(label, pct(rate.value), detail, rate.ci, rate.value);
}

function meanCard(label: string, stat: MeanStat): string {
  const detail =
    stat.mean === null
      ? 'never named'
      : `${stat.ci ? `95% CI ${stat.ci.lower.toFixed(1)}–${stat.ci.upper.toFixed(1)} · ` : ''}n = ${stat.n} (1 = named first)`;
  return card(label, stat.mean === null ? '–' : `#${meanText(stat)}`, detail, null, null);
}

export function headlineHtml(report: RunReport): string {
  const h = report.headline;
  const seg =
    report.headlineSegment === 'nonBranded'
      ? `Measured on the ${h.answers} answers to queries that do not name ${report.client.name}.`
      : `Every query names ${report.client.name}: these figures come from branded queries, where mentions are expected.`;
  return join([
    '<section id="headline"><h2>At a glance</h2>',
    `<p class="note">${escapeHtml(seg)} Ranges are 95% intervals: with few answers they are wide.</p>`,
    '<div class="cards">',
    rateCard('Visibility', h.visibility),
    rateCard('Share of voice', h.shareOfVoice),
    rateCard('Citation share', h.citationShare),
    meanCard('Average position', h.averagePosition),
    rateCard('Favourable tone', h.favourable),
    '</div></section>',
  ]);
}

export function platformTableHtml(report: RunReport): string {
  const rows = report.byPlatform.map((p) =>
    join([
      `<tr><td>${escapeHtml(p.platform)}</td><td class="num">${p.answers}</td>`,
      rateCell(p.visibility),
      rateCell(p.shareOfVoice),
      rateCell(p.citationShare),
      `<td class="num">${p.averagePosition.mean === null ? '–' : `#${meanText(p.averagePosition)}`}</td></tr>`,
    ]),
  );
  return `<table><thead><tr><th>Platform</th><th class="num">Answers</th><th class="num">Visibility</th><th class="num">Share of voice</th><th class="num">Citation share</th><th class="num">Avg position</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function brandTableHtml(report: RunReport): string {
  const rows = report.brands.map((b) =>
    join([
      `<tr><td>${escapeHtml(b.name)} ${b.isClient ? badge('client', 'client') : ''}</td>`,
      rateCell(b.visibility),
      rateCell(b.shareOfVoice),
      rateCell(b.citationShare),
      `<td class="num">${b.averagePosition.mean === null ? '–' : `#${meanText(b.averagePosition)}`}</td></tr>`,
    ]),
  );
  return `<table><thead><tr><th>Brand</th><th class="num">Visibility</th><th class="num">Share of voice</th><th class="num">Citation share</th><th class="num">Avg position</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

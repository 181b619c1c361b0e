import type { MeanStat, Rate, RunMetrics, VisibilityMetrics } from '@citebots/sdk';
import { table } from './format-run.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** `42% (n=16, 95% CI 21–66%)`; `– (n=0)` when there is nothing to count. */
export function formatRate(rate: Rate): string {
  if (rate.value === null || rate.n === 0) return `– (n=0)`;
  const ci = rate.ci ? `, 95% CI ${Math.round(rate.ci.lower * 100)}–${pct(rate.ci.upper)}` : '';
  return `${pct(rate.value)} (n=${rate.n}${ci})`;
}

/** `2.3 (n=5, 95% CI 1.4–3.2)`; the interval is left out below two values. */
export function formatMean(stat: MeanStat, digits = 1): string {
  if (stat.mean === null || stat.n === 0) return `– (n=0)`;
  const f = (x: number) => x.toFixed(digits);
  const ci = stat.ci ? `, 95% CI ${f(stat.ci.lower)}–${f(stat.ci.upper)}` : '';
  return `${f(stat.mean)} (n=${stat.n}${ci})`;
}

function sentiment(m: VisibilityMetrics): string {
  const s = m.sentiment;
  return `${formatMean(s.score, 2)}; favourable ${formatRate(s.favourable)}; ${s.positive} positive, ${s.neutral} neutral, ${s.negative} negative`;
}

function segmentLines(m: VisibilityMetrics, indent: string): string[] {
  return [
    `${indent}visibility         ${formatRate(m.visibility)}`,
    `${indent}share of voice     ${formatRate(m.shareOfVoice)}`,
    `${indent}citation share     ${formatRate(m.citationShare)}`,
    `${indent}average position   ${formatMean(m.averagePosition)}`,
    `${indent}sentiment          ${sentiment(m)}`,
  ];
}

function domainLines(m: VisibilityMetrics, limit: number): string[] {
  const top = m.topCitedDomains.slice(0, limit);
  if (top.length === 0) return ['  (no citations)'];
  return table(
    ['    domain', 'citations', 'competitor'],
    top.map((d) => [
      `  ${d.isClient ? '*' : ' '} ${d.domain}`,
      `${d.citations} (${d.share.value === null ? '–' : pct(d.share.value)})`,
      d.competitor ?? '',
    ]),
  ).split('\n');
}

/**
 * The compact metrics block printed after a run's summary: the client's figures over non-branded
 * queries (branded ones apart, mentions there are trivial), per platform when there are several,
 * and the top cited domains (`*` marks the client's).
 */
export function formatRunMetrics(metrics: RunMetrics, options: { topDomains?: number } = {}): string {
  const { nonBranded, branded } = metrics.overall;
  const lines = [`Metrics for ${metrics.client.name} (${metrics.answers} answers; 95% Wilson intervals):`];
  if (metrics.answers === 0) return `${lines[0]} no answers yet.`;
  lines.push(`Non-branded queries (${nonBranded.answers} answers):`, ...segmentLines(nonBranded, '  '));
  if (branded.answers > 0) {
    lines.push(
      `Branded queries (${branded.answers} answers; they name ${metrics.client.name}, so mentions are expected):`,
      `  visibility         ${formatRate(branded.visibility)}`,
      `  sentiment          ${sentiment(branded)}`,
    );
  }
  const platforms = Object.entries(metrics.byPlatform);
  if (platforms.length > 1) {
    lines.push(
      'By platform (non-branded):',
      table(
        ['  platform', 'visibility', 'share of voice', 'citation share', 'avg position'],
        platforms.map(([name, s]) => [
          `  ${name}`,
          formatRate(s.nonBranded.visibility),
          formatRate(s.nonBranded.shareOfVoice),
          formatRate(s.nonBranded.citationShare),
          formatMean(s.nonBranded.averagePosition),
        ]),
      ),
    );
  }
  const all = nonBranded.answers > 0 ? nonBranded : branded;
  lines.push(
    `Top cited domains (${all === nonBranded ? 'non-branded' : 'branded'}; * = ${metrics.client.domain ?? 'yours'}):`,
    ...domainLines(all, options.topDomains ?? 8),
  );
  return lines.join('\n');
}

import type { Rate, RunReport } from '@citebots/sdk';
import { type IntervalBar, intervalBarSpec, type TrendPoint, trendSpec } from './chart-specs.js';
import { pct } from './format.js';
import { renderChartSvg } from './render-chart.js';

export interface ReportCharts {
  visibilityByPlatform: string | null;
  shareOfVoiceByPlatform: string | null;
  brands: string | null;
  domains: string | null;
  trend: string | null;
}

function bar(label: string, rate: Rate, kind: IntervalBar['kind']): IntervalBar | null {
  if (rate.value === null) return null;
  return {
    label,
    value: rate.value,
    lower: rate.ci?.lower ?? null,
    upper: rate.ci?.upper ?? null,
    kind,
    text: `${pct(rate.value)} · n=${rate.n}`,
  };
}

function present<T>(xs: Array<T | null>): T[] {
  return xs.filter((x): x is T => x !== null);
}

/** Every chart of the report as inline SVG (null when there is nothing to draw). */
export async function renderReportCharts(report: RunReport): Promise<ReportCharts> {
  const platformBars = (pick: (p: RunReport['byPlatform'][number]) => Rate) =>
    present(report.byPlatform.map((p) => bar(p.platform, pick(p), 'client')));
  const vis = platformBars((p) => p.visibility);
  const sov = platformBars((p) => p.shareOfVoice);
  const brands = present(
    [...report.brands]
      .sort((a, b) => (b.shareOfVoice.value ?? -1) - (a.shareOfVoice.value ?? -1))
      .map((b) => bar(b.name, b.shareOfVoice, b.isClient ? 'client' : 'competitor')),
  );
  const domains = report.topDomains.slice(0, 12).map<IntervalBar>((d) => ({
    label: d.domain,
    value: d.share.value ?? 0,
    lower: null,
    upper: null,
    kind: d.isClient ? 'client' : d.competitor ? 'competitor' : 'other',
    text: `${d.citations} (${pct(d.share.value)})`,
  }));
  const trend: TrendPoint[] = report.trend.flatMap((t) =>
    (
      [
        ['Visibility', t.visibility],
        ['Share of voice', t.shareOfVoice],
        ['Citation share', t.citationShare],
      ] as const
    )
      .filter(([, r]) => r.value !== null)
      .map(([metric, r]) => ({
        date: t.createdAt,
        metric,
        value: r.value ?? 0,
        lower: r.ci?.lower ?? r.value ?? 0,
        upper: r.ci?.upper ?? r.value ?? 0,
      })),
  );
  return {
    visibilityByPlatform: vis.length
      ? await renderChartSvg(intervalBarSpec(vis, { axisTitle: 'Visibility' }), 'Visibility by platform')
      : null,
    shareOfVoiceByPlatform: sov.length
      ? await renderChartSvg(
          intervalBarSpec(sov, { axisTitle: 'Share of voice' }),
          'Share of voice by platform',
        )
      : null,
    brands: brands.length
      ? await renderChartSvg(
          intervalBarSpec(brands, { axisTitle: 'Share of voice' }),
          'Share of voice by brand',
        )
      : null,
    domains: domains.length
      ? await renderChartSvg(
          intervalBarSpec(domains, { axisTitle: 'Share of citations' }),
          'Top cited domains',
        )
      : null,
    trend: trend.length ? await renderChartSvg(trendSpec(trend), 'Trend over runs') : null,
  };
}

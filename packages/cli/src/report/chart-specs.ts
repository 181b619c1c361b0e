import type { TopLevelSpec } from 'vega-lite';

export const COLORS = { client: '#2563eb', competitor: '#f59e0b', other: '#94a3b8' } as const;

export interface IntervalBar {
  label: string;
  value: number;
  lower: number | null;
  upper: number | null;
  kind: keyof typeof COLORS;
  /** Shown at the end of the bar ("42% · n=48"). */
  text: string;
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: {
    labelFontSize: 11,
    titleFontSize: 11,
    labelColor: '#334155',
    titleColor: '#334155',
    gridColor: '#e2e8f0',
  },
  background: '#ffffff',
} as const;

/** Horizontal bars with their 95% interval as a black rule; values are shares in [0, 1]. */
export function intervalBarSpec(
  rows: IntervalBar[],
  options: { axisTitle: string; percent?: boolean },
): TopLevelSpec {
  const percent = options.percent ?? true;
  const maxValue = Math.max(0.0001, ...rows.map((r) => Math.max(r.value, r.upper ?? 0)));
  const data = rows.map((r) => ({ ...r, lower: r.lower ?? r.value, upper: r.upper ?? r.value }));
  const y = {
    field: 'label',
    type: 'nominal' as const,
    sort: rows.map((r) => r.label),
    title: null,
    axis: { labelLimit: 180 },
  };
  const domainMax = percent ? Math.min(1, maxValue * 1.25 + 0.02) : maxValue * 1.3;
  const x = {
    type: 'quantitative' as const,
    scale: { domain: [0, domainMax] },
    axis: { format: percent ? '.0%' : 'd', title: options.axisTitle, tickCount: 5 },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 440,
    height: { step: 26 },
    data: { values: data },
    config: CONFIG,
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 3, height: { band: 0.7 } },
        encoding: {
          y,
          x: { field: 'value', ...x },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: { domain: Object.keys(COLORS), range: Object.values(COLORS) },
            legend: null,
          },
        },
      },
      {
        mark: { type: 'rule', color: '#0f172a', strokeWidth: 1.5 },
        encoding: { y, x: { field: 'lower', ...x }, x2: { field: 'upper' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 11, color: '#0f172a' },
        encoding: { y, x: { field: 'upper', ...x }, text: { field: 'text' } },
      },
    ],
  } as TopLevelSpec;
}

export interface TrendPoint {
  date: string;
  metric: string;
  value: number;
  lower: number;
  upper: number;
}

/** Lines over the client's runs, one per metric, with the 95% interval as a band. */
export function trendSpec(points: TrendPoint[]): TopLevelSpec {
  const color = {
    field: 'metric',
    type: 'nominal' as const,
    scale: { range: ['#2563eb', '#16a34a', '#f59e0b'] },
    legend: { orient: 'bottom' as const, title: null },
  };
  const x = {
    field: 'date',
    type: 'temporal' as const,
    title: null,
    axis: { format: '%b %d', labelAngle: 0 },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 200,
    data: { values: points },
    config: CONFIG,
    layer: [
      {
        mark: { type: 'area', opacity: 0.15 },
        encoding: {
          x,
          y: {
            field: 'lower',
            type: 'quantitative',
            axis: { format: '.0%', title: null },
            scale: { domain: [0, 1] },
          },
          y2: { field: 'upper' },
          color,
        },
      },
      {
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x,
          y: {
            field: 'value',
            type: 'quantitative',
            axis: { format: '.0%', title: null },
            scale: { domain: [0, 1] },
          },
          color,
        },
      },
    ],
  } as TopLevelSpec;
}

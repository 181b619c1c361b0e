import type { MeanStat, Rate } from '@citebots/sdk';

/** 0.4234 → "42%" (one decimal below 10%). */
export function pct(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const p = value * 100;
  return `${Math.abs(p) < 10 && p !== 0 ? p.toFixed(1) : p.toFixed(0)}%`;
}

/** "42% (95% CI 30–55%, n = 48)". */
export function rateText(rate: Rate): string {
  if (rate.value === null) return 'no data (n = 0)';
  return `${pct(rate.value)} (95% CI ${intervalText(rate.ci)}, n = ${rate.n})`;
}

export function intervalText(ci: { lower: number; upper: number } | null): string {
  return ci ? `${pct(ci.lower)}–${pct(ci.upper)}` : '–';
}

/** A signed percentage-point difference: +12.3 pp. */
export function pp(delta: number | null): string {
  if (delta === null || !Number.isFinite(delta)) return '–';
  const v = delta * 100;
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)} pp`;
}

export function meanText(stat: MeanStat, digits = 1): string {
  if (stat.mean === null) return '–';
  return stat.mean.toFixed(digits);
}

export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return `$${value < 1 ? value.toFixed(4) : value.toFixed(2)}`;
}

export function shortDate(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

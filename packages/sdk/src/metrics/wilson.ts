/** A proportion with its sample size and 95% Wilson score interval. */
export interface Rate {
  /** successes / n; null when n = 0. */
  value: number | null;
  successes: number;
  n: number;
  /** 95% Wilson score interval; null when n = 0. */
  ci: { lower: number; upper: number } | null;
}

/** A mean with its sample size and a 95% normal-approximation interval (mean ± 1.96·s/√n). */
export interface MeanStat {
  mean: number | null;
  n: number;
  ci: { lower: number; upper: number } | null;
}

export const Z95 = 1.96;

/**
 * Wilson score interval: centre = (p + z²/2n) / (1 + z²/n),
 * half-width = z·sqrt(p(1−p)/n + z²/4n²) / (1 + z²/n).
 */
export function wilsonInterval(
  successes: number,
  n: number,
  z = Z95,
): { lower: number; upper: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

export function wilsonRate(successes: number, n: number): Rate {
  return { value: n > 0 ? successes / n : null, successes, n, ci: wilsonInterval(successes, n) };
}

export function meanStat(values: readonly number[]): MeanStat {
  const n = values.length;
  if (n === 0) return { mean: null, n: 0, ci: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, n, ci: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = (Z95 * Math.sqrt(variance)) / Math.sqrt(n);
  return { mean, n, ci: { lower: mean - half, upper: mean + half } };
}

import type { Rate } from '../metrics/wilson.js';
import type { RateDelta } from './types.js';

/**
 * B − A for two independent proportions with Newcombe's hybrid score interval (method 10),
 * built from each side's 95% Wilson interval.
 */
export function rateDelta(a: Rate, b: Rate): RateDelta {
  if (a.value === null || b.value === null || !a.ci || !b.ci) {
    return { a, b, delta: null, ci: null, significant: false };
  }
  const d = b.value - a.value;
  const lower = d - Math.sqrt((b.value - b.ci.lower) ** 2 + (a.ci.upper - a.value) ** 2);
  const upper = d + Math.sqrt((b.ci.upper - b.value) ** 2 + (a.value - a.ci.lower) ** 2);
  return {
    a,
    b,
    delta: d,
    ci: { lower: Math.max(-1, lower), upper: Math.min(1, upper) },
    significant: lower > 0 || upper < 0,
  };
}

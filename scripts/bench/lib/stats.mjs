/** Min, median and max of a list of numbers (null for an empty list). */
export function summarize(values) {
  const sorted = values.filter((v) => !Number.isNaN(v) && v != null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], n: sorted.length, values };
}

/** A figure against its goal: `ratio` is measured / reference, `pass` compares it with `goal`. */
export function judge(ratio, goal, direction) {
  if (!Number.isFinite(ratio)) return 'MISS';
  return (direction === 'max' ? ratio <= goal : ratio >= goal) ? 'PASS' : 'MISS';
}

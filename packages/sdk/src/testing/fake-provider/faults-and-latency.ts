import { SeededRandom } from './seeded-random.js';
import type { FakeProviderServerOptions, FakeRequestContext, FaultKind, LatencyOption } from './types.js';

export const ALL_FAULT_KINDS: FaultKind[] = ['429', '500', '529', 'reset', 'timeout', 'malformed', 'quota'];

/** Decides which requests misbehave: a seeded share of them, or a per-request function. */
export function createFaultPicker(
  faults: FakeProviderServerOptions['faults'],
): (context: FakeRequestContext) => FaultKind | null {
  if (!faults) return () => null;
  if (typeof faults === 'function') return (context) => faults(context) ?? null;
  const kinds = faults.kinds && faults.kinds.length > 0 ? faults.kinds : ALL_FAULT_KINDS;
  const random = new SeededRandom(faults.seed ?? 1);
  return () => (random.next() < faults.rate ? random.pick(kinds) : null);
}

/** Milliseconds to hold each request before answering. */
export function createLatency(latency: LatencyOption | undefined): (context: FakeRequestContext) => number {
  if (!latency) return () => 0;
  if (typeof latency === 'function') return (context) => Math.max(0, latency(context));
  if ('fixedMs' in latency) return () => Math.max(0, latency.fixedMs);
  const random = new SeededRandom(7);
  const { minMs, maxMs } = latency;
  return () => minMs + random.next() * Math.max(0, maxMs - minMs);
}

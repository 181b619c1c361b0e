import { TimeWindow } from './time-window.js';
import type { FakeRateLimitOptions } from './types.js';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until a slot frees up. */
  resetMs: number;
}

/** A sliding-window request limit, per API key or shared, like a provider's RPM limit. */
export class RateLimiter {
  private windows = new Map<string, TimeWindow>();
  private readonly windowMs: number;
  private readonly perKey: boolean;

  constructor(private readonly options: FakeRateLimitOptions) {
    this.windowMs = options.windowMs ?? 60_000;
    this.perKey = options.perKey ?? true;
  }

  check(apiKey: string, now: number): RateDecision {
    const bucket = this.perKey ? apiKey : '*';
    let window = this.windows.get(bucket);
    if (!window) {
      window = new TimeWindow(this.windowMs);
      this.windows.set(bucket, window);
    }
    const limit = this.options.requestsPerMinute;
    const used = window.count(now);
    if (used >= limit) return { allowed: false, limit, remaining: 0, resetMs: window.msUntilFree(now) };
    window.add(now);
    return { allowed: true, limit, remaining: limit - used - 1, resetMs: window.msUntilFree(now) };
  }

  reset(): void {
    this.windows.clear();
  }
}

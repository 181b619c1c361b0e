import type { AnalysisPlatform } from '../contract/analysis-platform.js';
import type { QueryInput } from '../contract/query-input.js';
import type { ClientProfile } from '../schemas/client-profile.js';

export interface PlatformRunPlan {
  platform: string;
  model: string;
  accountKey: string;
  /** One item per query. */
  items: number;
  /** One call per item when nothing fails. */
  calls: number;
  /** The most calls retries can make (`items * maxAttempts`). */
  maxCalls: number;
  estimatedCostUsd: number;
  /** The date of the price table the estimate used. */
  priceTableDate: string | null;
  /** Requests per minute the shared bucket will allow (the platform's hint unless overridden). */
  requestsPerMinute: number | null;
  /** Lower bound of the time the calls take at that rate, in minutes (null without a limit). */
  minMinutes: number | null;
}

export interface RunPlan {
  client: string;
  queries: number;
  items: number;
  calls: number;
  maxCalls: number;
  estimatedCostUsd: number;
  platforms: PlatformRunPlan[];
}

/**
 * What a run would do, for `--dry-run`: items, calls and the estimated cost per platform from
 * each platform's own `getCost({ kind: 'estimate' })`, without calling an engine or the database.
 */
export function planRun(
  client: ClientProfile,
  queries: QueryInput[],
  platforms: Record<string, AnalysisPlatform> | AnalysisPlatform[],
  options: { maxAttempts?: number; requestsPerMinute?: Record<string, number> } = {},
): RunPlan {
  const list = Array.isArray(platforms)
    ? platforms.map((p) => [p.name, p] as const)
    : Object.entries(platforms);
  const maxAttempts = options.maxAttempts ?? 3;
  const perPlatform = list.map(([name, platform]): PlatformRunPlan => {
    let cost = 0;
    let date: string | null = null;
    for (const query of queries) {
      const estimate = platform.getCost({ kind: 'estimate', query });
      cost += estimate.totalUsd;
      date ??= estimate.priceTableDate ?? null;
    }
    const rpm =
      options.requestsPerMinute?.[name] ?? platform.capabilities.rateLimits.requestsPerMinute ?? null;
    return {
      platform: name,
      model: platform.model,
      accountKey: platform.accountKey,
      items: queries.length,
      calls: queries.length,
      maxCalls: queries.length * maxAttempts,
      estimatedCostUsd: cost,
      priceTableDate: date ?? platform.prices.date ?? null,
      requestsPerMinute: rpm,
      minMinutes: rpm ? queries.length / rpm : null,
    };
  });
  const sum = (f: (p: PlatformRunPlan) => number) => perPlatform.reduce((n, p) => n + f(p), 0);
  return {
    client: client.name,
    queries: queries.length,
    items: sum((p) => p.items),
    calls: sum((p) => p.calls),
    maxCalls: sum((p) => p.maxCalls),
    estimatedCostUsd: sum((p) => p.estimatedCostUsd),
    platforms: perPlatform,
  };
}

import type { AnalysisPlatform, QueryInput } from '@citebots/sdk';

export interface PlatformPlan {
  platform: string;
  model: string;
  items: number;
  /** One call per item; retries can add up to `items * (maxAttempts - 1)` more. */
  calls: number;
  maxCalls: number;
  estimatedCostUsd: number;
  priceTableDate: string | null;
}

export interface AnalysisPlan {
  queries: number;
  items: number;
  calls: number;
  maxCalls: number;
  estimatedCostUsd: number;
  platforms: PlatformPlan[];
}

/**
 * What a run would do, computed without calling any engine or touching the database: one item and
 * one call per (query, platform), priced with each platform's own estimate.
 */
export function planAnalysis(
  platforms: Record<string, AnalysisPlatform>,
  queries: QueryInput[],
  maxAttempts: number,
): AnalysisPlan {
  const perPlatform = Object.entries(platforms).map(([name, platform]): PlatformPlan => {
    let cost = 0;
    let date: string | null = null;
    for (const query of queries) {
      const estimate = platform.getCost({ kind: 'estimate', query });
      cost += estimate.totalUsd;
      date ??= estimate.priceTableDate ?? null;
    }
    return {
      platform: name,
      model: platform.model,
      items: queries.length,
      calls: queries.length,
      maxCalls: queries.length * maxAttempts,
      estimatedCostUsd: cost,
      priceTableDate: date ?? platform.prices.date ?? null,
    };
  });
  return {
    queries: queries.length,
    items: perPlatform.reduce((n, p) => n + p.items, 0),
    calls: perPlatform.reduce((n, p) => n + p.calls, 0),
    maxCalls: perPlatform.reduce((n, p) => n + p.maxCalls, 0),
    estimatedCostUsd: perPlatform.reduce((n, p) => n + p.estimatedCostUsd, 0),
    platforms: perPlatform,
  };
}

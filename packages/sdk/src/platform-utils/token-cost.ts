import type { CostBreakdown, ModelPrice } from '../contract/cost.js';
import type { TokenUsage } from '../contract/platform-result.js';

/**
 * Finds the price of a model id, accepting dated snapshots of a known model
 * (`gpt-4.1-mini-2025-04-14` → `gpt-4.1-mini`, `claude-haiku-4-5-20251001` → `claude-haiku-4-5`):
 * the longest table key the id starts with wins.
 */
export function findModelPrice<T extends ModelPrice>(
  table: { models: Record<string, T> },
  model: string,
): T | undefined {
  const exact = table.models[model];
  if (exact) return exact;
  const id = model.replace(/^models\//, '');
  let best: string | undefined;
  for (const key of Object.keys(table.models)) {
    if (
      (id === key || id.startsWith(`${key}-`) || id.startsWith(`${key}@`)) &&
      key.length > (best?.length ?? 0)
    ) {
      best = key;
    }
  }
  return best === undefined ? undefined : table.models[best];
}

/** Merges per-model overrides over a dated default table; an override may give only some prices. */
export function mergePriceTable<T extends ModelPrice>(
  defaults: { date: string; models: Record<string, T> },
  overrides?: { date?: string | undefined; models?: Record<string, Partial<T>> | undefined } | null,
): { date: string; models: Record<string, T> } {
  const models: Record<string, T> = { ...defaults.models };
  for (const [model, price] of Object.entries(overrides?.models ?? {})) {
    models[model] = { ...(models[model] ?? { inputPerMTok: 0, outputPerMTok: 0 }), ...price } as T;
  }
  return { date: overrides?.date ?? defaults.date, models };
}

export interface TokenCostOptions {
  /** Billed searches (priced at `searchPer1k`). */
  searches?: number;
  /** Billed requests (priced at `requestPer1k` unless `requestPer1k` is given here). */
  requests?: number;
  requestPer1k?: number;
  /** Extra input tokens billed at the input rate (e.g. a fixed search content block). */
  extraInputTokens?: number;
  source?: CostBreakdown['source'];
}

const round = (usd: number): number => Math.round(usd * 1e10) / 1e10;

/**
 * Cost of one call from token usage and a model's prices. Cached input tokens are a part of
 * `inputTokens` and are billed at `cachedInputPerMTok` when the table has it.
 * An unknown model (no price) costs 0 with the table date kept, so reports show it as unpriced.
 */
export function computeTokenCost(
  price: ModelPrice | undefined,
  usage: TokenUsage | null | undefined,
  priceTableDate: string,
  options: TokenCostOptions = {},
): CostBreakdown {
  const source = options.source ?? 'price-table';
  if (!price) {
    return {
      totalUsd: 0,
      inputUsd: null,
      outputUsd: null,
      searchUsd: null,
      requestUsd: null,
      source,
      priceTableDate,
    };
  }
  const input = usage?.inputTokens ?? 0;
  const cached = Math.min(usage?.cachedInputTokens ?? 0, input);
  const cachedRate = price.cachedInputPerMTok ?? price.inputPerMTok;
  const inputUsd =
    ((input - cached + (options.extraInputTokens ?? 0)) * price.inputPerMTok + cached * cachedRate) / 1e6;
  const outputUsd = ((usage?.outputTokens ?? 0) * price.outputPerMTok) / 1e6;
  const searchUsd = ((options.searches ?? 0) * (price.searchPer1k ?? 0)) / 1000;
  const requestUsd = ((options.requests ?? 0) * (options.requestPer1k ?? price.requestPer1k ?? 0)) / 1000;
  return {
    totalUsd: round(inputUsd + outputUsd + searchUsd + requestUsd),
    inputUsd: round(inputUsd),
    outputUsd: round(outputUsd),
    searchUsd: round(searchUsd),
    requestUsd: round(requestUsd),
    source,
    priceTableDate,
  };
}

/** A rough token count for an estimate before a call (about four characters a token). */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

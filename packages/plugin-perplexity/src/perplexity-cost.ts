import { type CostBreakdown, computeTokenCost, findModelPrice, type TokenUsage } from '@citebots/sdk';
import type { PerplexityPriceTable, SearchContextSize } from './perplexity-prices.js';
import type { PerplexityUsage } from './perplexity-response.js';

const round = (usd: number): number => Math.round(usd * 1e10) / 1e10;

/** The charge Perplexity reported in `usage.cost`, when it did. */
export function providerReportedCost(usage: PerplexityUsage | null | undefined): CostBreakdown | null {
  const cost = usage?.cost;
  if (!cost || typeof cost.total_cost !== 'number') return null;
  return {
    totalUsd: cost.total_cost,
    inputUsd: cost.input_tokens_cost ?? null,
    outputUsd: cost.output_tokens_cost ?? null,
    searchUsd: cost.search_queries_cost ?? null,
    requestUsd: cost.request_cost ?? null,
    source: 'provider',
    priceTableDate: null,
  };
}

function contextSize(value: string | null | undefined): SearchContextSize {
  return value === 'medium' || value === 'high' ? value : 'low';
}

/** Cost from the price table: tokens, the request fee for the search context size, and deep-research extras. */
export function priceTableCost(
  table: PerplexityPriceTable,
  model: string,
  usage: TokenUsage | null,
  extras: {
    searchContextSize?: string | null;
    citationTokens?: number | null;
    source?: CostBreakdown['source'];
  },
): CostBreakdown {
  const price = findModelPrice(table, model);
  const size = contextSize(extras.searchContextSize);
  const base = computeTokenCost(price, usage, table.date, {
    requests: 1,
    requestPer1k: price?.requestPer1kByContext?.[size] ?? price?.requestPer1k ?? 0,
    searches: price?.searchPer1k ? (usage?.searchRequests ?? 0) : 0,
    source: extras.source ?? 'price-table',
  });
  if (!price) return base;
  const citationUsd = ((extras.citationTokens ?? 0) * (price.citationPerMTok ?? 0)) / 1e6;
  const reasoningUsd = ((usage?.reasoningTokens ?? 0) * (price.reasoningPerMTok ?? 0)) / 1e6;
  if (citationUsd === 0 && reasoningUsd === 0) return base;
  return {
    ...base,
    inputUsd: round((base.inputUsd ?? 0) + citationUsd),
    outputUsd: round((base.outputUsd ?? 0) + reasoningUsd),
    totalUsd: round(base.totalUsd + citationUsd + reasoningUsd),
  };
}

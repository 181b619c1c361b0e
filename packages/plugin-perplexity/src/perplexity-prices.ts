import type { ModelPrice } from '@citebots/sdk';

export type SearchContextSize = 'low' | 'medium' | 'high';

/** Perplexity prices: tokens per million, plus a request fee per 1,000 requests set by search context size. */
export interface PerplexityModelPrice extends ModelPrice {
  requestPer1kByContext?: Partial<Record<SearchContextSize, number>>;
  citationPerMTok?: number;
  reasoningPerMTok?: number;
}

export interface PerplexityPriceTable {
  date: string;
  models: Record<string, PerplexityModelPrice>;
}

/**
 * Default prices, read from docs.perplexity.ai/docs/getting-started/pricing (page "last verified 2026-02-24").
 * Prices change: override them with the `prices` setting rather than editing this table.
 */
export const PERPLEXITY_DEFAULT_PRICES: PerplexityPriceTable = {
  date: '2026-02-24',
  models: {
    sonar: {
      inputPerMTok: 1,
      outputPerMTok: 1,
      requestPer1k: 5,
      requestPer1kByContext: { low: 5, medium: 8, high: 12 },
    },
    'sonar-pro': {
      inputPerMTok: 3,
      outputPerMTok: 15,
      requestPer1k: 6,
      requestPer1kByContext: { low: 6, medium: 10, high: 14 },
    },
    'sonar-reasoning-pro': {
      inputPerMTok: 2,
      outputPerMTok: 8,
      requestPer1k: 6,
      requestPer1kByContext: { low: 6, medium: 10, high: 14 },
    },
    'sonar-deep-research': {
      inputPerMTok: 2,
      outputPerMTok: 8,
      citationPerMTok: 2,
      reasoningPerMTok: 3,
      searchPer1k: 5,
    },
  },
};

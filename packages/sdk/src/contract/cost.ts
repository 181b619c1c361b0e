import type { TokenUsage } from './platform-result.js';
import type { QueryInput } from './query-input.js';

export interface CostBreakdown {
  totalUsd: number;
  inputUsd?: number | null;
  outputUsd?: number | null;
  /** Web search and per-request fees. */
  searchUsd?: number | null;
  requestUsd?: number | null;
  /** `provider`: the provider reported the cost; `price-table`: computed from usage; `estimate`: before the call. */
  source: 'provider' | 'price-table' | 'estimate';
  /** The date of the price table used, for audit. */
  priceTableDate?: string | null;
}

/** `getCost` is asked either for an estimate before a call or for the actual cost from usage after it. */
export type CostRequest =
  | { kind: 'estimate'; query: QueryInput }
  | { kind: 'actual'; usage: TokenUsage; model?: string; raw?: unknown };

/** Prices for one model, USD per million tokens unless named otherwise. */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number;
  /** USD per 1,000 web searches (or grounded prompts). */
  searchPer1k?: number;
  /** USD per 1,000 requests (Perplexity's request fee). */
  requestPer1k?: number;
}

export interface PriceTable {
  /** The day the prices were read from the vendor's page (YYYY-MM-DD). */
  date: string;
  models: Record<string, ModelPrice>;
}

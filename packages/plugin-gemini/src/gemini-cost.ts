import { type CostBreakdown, computeTokenCost, findModelPrice, type TokenUsage } from '@citebots/sdk';
import type { GeminiPriceTable } from './gemini-prices.js';

/** Tokens plus the grounding fee: once per grounded answer, or per search query, as the price says. */
export function geminiCost(
  table: GeminiPriceTable,
  model: string,
  usage: TokenUsage | null,
  source: CostBreakdown['source'] = 'price-table',
): CostBreakdown {
  const price = findModelPrice(table, model);
  const queries = usage?.searchRequests ?? 0;
  const searches = price?.groundingBilling === 'per-query' ? queries : Math.min(queries, 1);
  return computeTokenCost(price, usage, table.date, { searches, source });
}

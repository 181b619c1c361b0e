import { type CostBreakdown, computeTokenCost, findModelPrice, type TokenUsage } from '@citebots/sdk';
import type { ChatGptPriceTable } from './chatgpt-prices.js';

export interface ChatGptCostOptions {
  tool: 'web_search' | 'web_search_preview' | 'none';
  source?: CostBreakdown['source'];
}

/**
 * Tokens at the model's prices, plus `usage.searchRequests` search calls at `searchPer1k` (the preview tool at
 * `previewSearchPer1k` when given), plus, for the `web_search` tool, the fixed search content block per call.
 */
export function chatGptCost(
  table: ChatGptPriceTable,
  model: string,
  usage: TokenUsage | null,
  options: ChatGptCostOptions,
): CostBreakdown {
  const price = findModelPrice(table, model);
  const searches = options.tool === 'none' ? 0 : (usage?.searchRequests ?? 0);
  const preview = options.tool === 'web_search_preview';
  const effective =
    price && preview && price.previewSearchPer1k !== undefined
      ? { ...price, searchPer1k: price.previewSearchPer1k }
      : price;
  const block = options.tool === 'web_search' ? (price?.searchContentTokensPerCall ?? 0) * searches : 0;
  return computeTokenCost(effective, usage, table.date, {
    searches,
    extraInputTokens: block,
    source: options.source ?? 'price-table',
  });
}

import type { ModelPrice } from '@citebots/sdk';

/** OpenAI prices: tokens per million, web search calls per 1,000. */
export interface ChatGptModelPrice extends ModelPrice {
  /** Input tokens billed per search call with the `web_search` tool, whatever the reported usage (a fixed block). */
  searchContentTokensPerCall?: number;
  /** USD per 1,000 calls of the `web_search_preview` tool, when it differs from `searchPer1k`. */
  previewSearchPer1k?: number;
}

export interface ChatGptPriceTable {
  date: string;
  models: Record<string, ChatGptModelPrice>;
}

/**
 * Default prices from developers.openai.com/api/docs/pricing, as read 2026-09-27. Web search costs $10 per
 * 1,000 calls; gpt-4o-mini and gpt-4.1-mini bill each call's search content as a fixed block of 8,000 input
 * tokens; the preview tool on non-reasoning models costs $25 per 1,000 calls with free content tokens.
 * Prices change: override them with the `prices` setting rather than editing this table.
 */
export const CHATGPT_DEFAULT_PRICES: ChatGptPriceTable = {
  date: '2026-09-27',
  models: {
    'gpt-4.1-mini': {
      inputPerMTok: 0.4,
      cachedInputPerMTok: 0.1,
      outputPerMTok: 1.6,
      searchPer1k: 10,
      searchContentTokensPerCall: 8000,
      previewSearchPer1k: 25,
    },
    'gpt-4o-mini': {
      inputPerMTok: 0.15,
      cachedInputPerMTok: 0.075,
      outputPerMTok: 0.6,
      searchPer1k: 10,
      searchContentTokensPerCall: 8000,
      previewSearchPer1k: 25,
    },
    'gpt-4o': {
      inputPerMTok: 2.5,
      cachedInputPerMTok: 1.25,
      outputPerMTok: 10,
      searchPer1k: 10,
      previewSearchPer1k: 25,
    },
    'gpt-5-mini': { inputPerMTok: 0.25, cachedInputPerMTok: 0.025, outputPerMTok: 2, searchPer1k: 10 },
    'gpt-5-search-api': { inputPerMTok: 1.25, cachedInputPerMTok: 0.125, outputPerMTok: 10 },
    'gpt-4o-search-preview': { inputPerMTok: 2.5, outputPerMTok: 10 },
    'gpt-4o-mini-search-preview': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  },
};

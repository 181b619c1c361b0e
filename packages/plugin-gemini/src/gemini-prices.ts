import type { ModelPrice } from '@citebots/sdk';

/** Gemini prices: tokens per million; Google Search grounding per 1,000 grounded prompts or search queries. */
export interface GeminiModelPrice extends ModelPrice {
  /** `per-prompt`: one fee per grounded answer (Gemini 2.x); `per-query`: one per search query run (Gemini 3.x). */
  groundingBilling?: 'per-prompt' | 'per-query';
}

export interface GeminiPriceTable {
  date: string;
  models: Record<string, GeminiModelPrice>;
}

/**
 * Default prices from ai.google.dev/gemini-api/docs/pricing as quoted 2026-10-07. Grounding: Gemini 2.x
 * $35 per 1,000 grounded prompts; Gemini 3.x $14 per 1,000 search queries. The free daily/monthly grounding
 * allowance is not modelled: every grounded call is charged. Override prices with the `prices` setting.
 */
export const GEMINI_DEFAULT_PRICES: GeminiPriceTable = {
  date: '2026-10-07',
  models: {
    'gemini-2.5-flash': {
      inputPerMTok: 0.3,
      cachedInputPerMTok: 0.03,
      outputPerMTok: 2.5,
      searchPer1k: 35,
      groundingBilling: 'per-prompt',
    },
    'gemini-2.5-flash-lite': {
      inputPerMTok: 0.1,
      cachedInputPerMTok: 0.01,
      outputPerMTok: 0.4,
      searchPer1k: 35,
      groundingBilling: 'per-prompt',
    },
    'gemini-2.0-flash': {
      inputPerMTok: 0.1,
      outputPerMTok: 0.4,
      searchPer1k: 35,
      groundingBilling: 'per-prompt',
    },
    'gemini-3.5-flash': {
      inputPerMTok: 1.5,
      cachedInputPerMTok: 0.15,
      outputPerMTok: 9,
      searchPer1k: 14,
      groundingBilling: 'per-query',
    },
    'gemini-3.8-flash': {
      inputPerMTok: 0.75,
      outputPerMTok: 3.75,
      searchPer1k: 14,
      groundingBilling: 'per-query',
    },
  },
};

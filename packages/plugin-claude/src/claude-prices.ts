import type { PriceTable } from '@citebots/sdk';

/**
 * Default prices from platform.claude.com/docs/en/about-claude/pricing as gathered in 2026-11 (tokens per
 * million; web search $10 per 1,000 searches; cache reads at the cache-hit rate).
 * Prices change: override them with the `prices` setting rather than editing this table.
 */
export const CLAUDE_DEFAULT_PRICES: PriceTable = {
  date: '2026-11-01',
  models: {
    'claude-haiku-4-5': { inputPerMTok: 1, cachedInputPerMTok: 0.1, outputPerMTok: 5, searchPer1k: 10 },
    'claude-sonnet-4-6': { inputPerMTok: 3, cachedInputPerMTok: 0.3, outputPerMTok: 15, searchPer1k: 10 },
    'claude-sonnet-4-5': { inputPerMTok: 3, cachedInputPerMTok: 0.3, outputPerMTok: 15, searchPer1k: 10 },
    'claude-sonnet-4': { inputPerMTok: 3, cachedInputPerMTok: 0.3, outputPerMTok: 15, searchPer1k: 10 },
  },
};

import type { PriceTable } from '@citebots/sdk';

/**
 * The dated default prices (USD per million tokens, per 1,000 searches). Read them from the vendor's
 * pricing page and write the date you read them: users can override both in config.
 */
export const ACME_PRICES: PriceTable = {
  date: '2026-11-01',
  models: {
    'acme-1': { inputPerMTok: 1, outputPerMTok: 4, searchPer1k: 5 },
    'acme-1-mini': { inputPerMTok: 0.2, outputPerMTok: 0.8, searchPer1k: 5 },
  },
};

import { describe, expect, it } from 'vitest';
import { computeTokenCost, findModelPrice, mergePriceTable } from '../../src/platform-utils/index.js';

const table = {
  date: '2026-10-01',
  models: {
    'gpt-4.1-mini': { inputPerMTok: 0.4, cachedInputPerMTok: 0.1, outputPerMTok: 1.6, searchPer1k: 10 },
    'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
    sonar: { inputPerMTok: 1, outputPerMTok: 1, requestPer1k: 5 },
  },
};

describe('findModelPrice', () => {
  it('matches exact ids and dated snapshots by the longest prefix', () => {
    expect(findModelPrice(table, 'gpt-4.1-mini')).toBe(table.models['gpt-4.1-mini']);
    expect(findModelPrice(table, 'gpt-4.1-mini-2025-04-14')).toBe(table.models['gpt-4.1-mini']);
    expect(findModelPrice(table, 'gpt-4.1-2025-04-14')).toBe(table.models['gpt-4.1']);
    expect(findModelPrice(table, 'gpt-4.10')).toBeUndefined();
    expect(findModelPrice(table, 'unknown')).toBeUndefined();
  });
});

describe('computeTokenCost', () => {
  it('bills uncached and cached input, output, searches and requests', () => {
    const cost = computeTokenCost(
      table.models['gpt-4.1-mini'],
      { inputTokens: 1000, cachedInputTokens: 200, outputTokens: 500, totalTokens: 1500 },
      table.date,
      { searches: 2, extraInputTokens: 8000 },
    );
    expect(cost.inputUsd).toBeCloseTo((800 + 8000) * 0.4e-6 + 200 * 0.1e-6, 12);
    expect(cost.outputUsd).toBeCloseTo(500 * 1.6e-6, 12);
    expect(cost.searchUsd).toBeCloseTo(0.02, 12);
    expect(cost.totalUsd).toBeCloseTo(0.00352 + 0.00002 + 0.0008 + 0.02, 12);
    expect(cost).toMatchObject({ source: 'price-table', priceTableDate: '2026-10-01' });
  });

  it('adds a per-1k request fee', () => {
    const cost = computeTokenCost(
      table.models.sonar,
      { inputTokens: 10, outputTokens: 10, totalTokens: 20 },
      table.date,
      { requests: 1 },
    );
    expect(cost.requestUsd).toBeCloseTo(0.005, 12);
    expect(cost.totalUsd).toBeCloseTo(0.00502, 12);
  });

  it('costs an unpriced model zero', () => {
    const cost = computeTokenCost(
      undefined,
      { inputTokens: 10, outputTokens: 10, totalTokens: 20 },
      table.date,
    );
    expect(cost.totalUsd).toBe(0);
    expect(cost.inputUsd).toBeNull();
  });
});

describe('mergePriceTable', () => {
  it('merges partial overrides and new models over the defaults', () => {
    const merged = mergePriceTable(table, {
      date: '2026-11-01',
      models: { sonar: { inputPerMTok: 2 }, 'new-model': { inputPerMTok: 1, outputPerMTok: 3 } },
    });
    expect(merged.date).toBe('2026-11-01');
    expect(merged.models.sonar).toEqual({ inputPerMTok: 2, outputPerMTok: 1, requestPer1k: 5 });
    expect(merged.models['new-model']).toEqual({ inputPerMTok: 1, outputPerMTok: 3 });
    expect(table.models.sonar.inputPerMTok).toBe(1);
  });
});

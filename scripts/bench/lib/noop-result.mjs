/** A platform result with nothing in it: the queue benchmark measures the queue, not the analysis. */
export const NOOP_RESULT = {
  platform: 'noop',
  model: 'noop',
  answer: '',
  citations: [],
  sources: [],
  searchQueries: [],
  usage: null,
  cost: { totalUsd: 0, source: 'estimate' },
  raw: null,
  providerMetadata: {},
};

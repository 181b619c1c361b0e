export {
  type ClientProfile,
  type ClientProfileInput,
  type Competitor,
  clientProfileSchema,
  competitorSchema,
} from './client-profile.js';
export { parseCsv } from './csv.js';
export { domainSchema, normalizeDomain } from './domain.js';
export { loadClientProfile, loadQueryList, parseClientProfile, parseQueryList } from './load-input.js';
export {
  type QueryEntry,
  queryEntrySchema,
  queryIdFor,
  queryListSchema,
  toQueryInputs,
} from './query-list.js';
export { type RunOptions, type RunOptionsInput, runOptionsSchema } from './run-options.js';
export { parseInput } from './validate.js';

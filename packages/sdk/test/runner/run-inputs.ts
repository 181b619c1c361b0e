import type { QueryInput } from '../../src/index.js';
import { parseClientProfile, toQueryInputs } from '../../src/schemas/index.js';

/** The client of the runner tests. */
export const client = parseClientProfile({ name: 'Knak', domain: 'knak.com', competitors: [] });

/** `n` distinct questions, tagged so that each test's items are told apart. */
export const queries = (n: number, tag: string): QueryInput[] =>
  toQueryInputs(Array.from({ length: n }, (_, i) => ({ text: `${tag} ${i}?` })));

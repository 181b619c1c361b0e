import { z } from 'zod';

/**
 * The Acme Answers response body. Keep schemas tolerant (`nullish`, no `strict`) so that a new or
 * missing optional field does not break parsing; only what you really need is required.
 */
export const acmeResponseSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  answer: z.string(),
  sources: z
    .array(z.object({ url: z.string(), title: z.string().nullish(), snippet: z.string().nullish() }))
    .nullish(),
  /** Spans of `answer` (UTF-16 offsets) citing `sources[source]`. */
  citations: z
    .array(z.object({ source: z.number().int(), start: z.number().int(), end: z.number().int() }))
    .nullish(),
  search_queries: z.array(z.string()).nullish(),
  usage: z
    .object({
      input_tokens: z.number().nullish(),
      output_tokens: z.number().nullish(),
      searches: z.number().nullish(),
    })
    .nullish(),
});

export type AcmeResponse = z.output<typeof acmeResponseSchema>;

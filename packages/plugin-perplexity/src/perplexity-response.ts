import { z } from 'zod';

const costSchema = z
  .object({
    input_tokens_cost: z.number().nullish(),
    output_tokens_cost: z.number().nullish(),
    total_cost: z.number().nullish(),
    request_cost: z.number().nullish(),
    citation_tokens_cost: z.number().nullish(),
    reasoning_tokens_cost: z.number().nullish(),
    search_queries_cost: z.number().nullish(),
  })
  .passthrough();

export const perplexityUsageSchema = z
  .object({
    prompt_tokens: z.number().nullish(),
    completion_tokens: z.number().nullish(),
    total_tokens: z.number().nullish(),
    citation_tokens: z.number().nullish(),
    reasoning_tokens: z.number().nullish(),
    num_search_queries: z.number().nullish(),
    search_context_size: z.string().nullish(),
    cost: costSchema.nullish(),
  })
  .passthrough();

export const perplexitySearchResultSchema = z
  .object({
    url: z.string(),
    title: z.string().nullish(),
    snippet: z.string().nullish(),
    date: z.string().nullish(),
    last_updated: z.string().nullish(),
    source: z.string().nullish(),
  })
  .passthrough();

/** The Sonar chat completion, kept tolerant: every optional field may be null or missing. */
export const perplexityResponseSchema = z
  .object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    created: z.number().nullish(),
    choices: z
      .array(
        z
          .object({
            message: z
              .object({ content: z.string().nullish(), role: z.string().nullish() })
              .passthrough()
              .nullish(),
            finish_reason: z.string().nullish(),
          })
          .passthrough(),
      )
      .min(1),
    citations: z.array(z.string()).nullish(),
    search_results: z.array(perplexitySearchResultSchema).nullish(),
    related_questions: z.array(z.string()).nullish(),
    images: z.array(z.unknown()).nullish(),
    usage: perplexityUsageSchema.nullish(),
  })
  .passthrough();

export type PerplexityResponse = z.output<typeof perplexityResponseSchema>;
export type PerplexityUsage = z.output<typeof perplexityUsageSchema>;

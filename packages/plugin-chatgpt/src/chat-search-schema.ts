import { z } from 'zod';

const annotationSchema = z
  .object({
    type: z.string(),
    url_citation: z
      .object({
        url: z.string(),
        title: z.string().nullish(),
        start_index: z.number().nullish(),
        end_index: z.number().nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

export const chatUsageSchema = z
  .object({
    prompt_tokens: z.number().nullish(),
    completion_tokens: z.number().nullish(),
    total_tokens: z.number().nullish(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).passthrough().nullish(),
    completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).passthrough().nullish(),
  })
  .passthrough();

/** A Chat Completions answer from a search model; citations are nested `{type, url_citation:{...}}`. */
export const chatSearchBodySchema = z
  .object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    choices: z
      .array(
        z
          .object({
            message: z
              .object({
                content: z.string().nullish(),
                annotations: z.array(annotationSchema).nullish(),
              })
              .passthrough()
              .nullish(),
            finish_reason: z.string().nullish(),
          })
          .passthrough(),
      )
      .min(1),
    usage: chatUsageSchema.nullish(),
  })
  .passthrough();

export type ChatSearchBody = z.output<typeof chatSearchBodySchema>;

import { z } from 'zod';

export const urlCitationSchema = z
  .object({
    type: z.literal('url_citation'),
    url: z.string(),
    title: z.string().nullish(),
    start_index: z.number().nullish(),
    end_index: z.number().nullish(),
  })
  .passthrough();

const annotationSchema = z.union([urlCitationSchema, z.object({ type: z.string() }).passthrough()]);

const outputTextSchema = z
  .object({
    type: z.string(),
    text: z.string().nullish(),
    annotations: z.array(annotationSchema).nullish(),
  })
  .passthrough();

const actionSchema = z
  .object({
    type: z.string().nullish(),
    query: z.string().nullish(),
    queries: z.array(z.string()).nullish(),
    url: z.string().nullish(),
    sources: z
      .array(z.object({ type: z.string().nullish(), url: z.string().nullish() }).passthrough())
      .nullish(),
  })
  .passthrough();

const outputItemSchema = z
  .object({
    type: z.string(),
    id: z.string().nullish(),
    status: z.string().nullish(),
    action: actionSchema.nullish(),
    content: z.array(outputTextSchema).nullish(),
  })
  .passthrough();

export const responsesUsageSchema = z
  .object({
    input_tokens: z.number().nullish(),
    output_tokens: z.number().nullish(),
    total_tokens: z.number().nullish(),
    input_tokens_details: z.object({ cached_tokens: z.number().nullish() }).passthrough().nullish(),
    output_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).passthrough().nullish(),
  })
  .passthrough();

/** A Responses API response, tolerant of missing and null fields (older, Azure and gateway bodies). */
export const responsesBodySchema = z
  .object({
    id: z.string().nullish(),
    object: z.string().nullish(),
    model: z.string().nullish(),
    status: z.string().nullish(),
    output: z.array(outputItemSchema),
    usage: responsesUsageSchema.nullish(),
    incomplete_details: z.unknown().nullish(),
    error: z.unknown().nullish(),
  })
  .passthrough();

export type ResponsesBody = z.output<typeof responsesBodySchema>;
export type ResponsesUsage = z.output<typeof responsesUsageSchema>;
export type UrlCitation = z.output<typeof urlCitationSchema>;

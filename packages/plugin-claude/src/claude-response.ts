import { z } from 'zod';

const citationSchema = z
  .object({
    type: z.string(),
    url: z.string().nullish(),
    title: z.string().nullish(),
    cited_text: z.string().nullish(),
  })
  .passthrough();

const searchResultSchema = z
  .object({
    type: z.string().nullish(),
    url: z.string(),
    title: z.string().nullish(),
    page_age: z.string().nullish(),
  })
  .passthrough();

const toolResultErrorSchema = z.object({ type: z.string(), error_code: z.string().nullish() }).passthrough();

export const contentBlockSchema = z
  .object({
    type: z.string(),
    text: z.string().nullish(),
    citations: z.array(citationSchema).nullish(),
    id: z.string().nullish(),
    name: z.string().nullish(),
    input: z.unknown().nullish(),
    tool_use_id: z.string().nullish(),
    /** A list of results, an empty list, or an error object with HTTP 200. */
    content: z.union([z.array(searchResultSchema), toolResultErrorSchema, z.unknown()]).nullish(),
  })
  .passthrough();

export const claudeUsageSchema = z
  .object({
    input_tokens: z.number().nullish(),
    output_tokens: z.number().nullish(),
    cache_creation_input_tokens: z.number().nullish(),
    cache_read_input_tokens: z.number().nullish(),
    server_tool_use: z
      .object({ web_search_requests: z.number().nullish(), web_fetch_requests: z.number().nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();

/** A Messages API response, tolerant of optional fields missing in older bodies and doc examples. */
export const claudeMessageSchema = z
  .object({
    id: z.string().nullish(),
    type: z.string().nullish(),
    role: z.string().nullish(),
    model: z.string().nullish(),
    content: z.array(contentBlockSchema),
    stop_reason: z.string().nullish(),
    usage: claudeUsageSchema.nullish(),
  })
  .passthrough();

export type ClaudeMessage = z.output<typeof claudeMessageSchema>;
export type ClaudeContentBlock = z.output<typeof contentBlockSchema>;
export type ClaudeUsage = z.output<typeof claudeUsageSchema>;

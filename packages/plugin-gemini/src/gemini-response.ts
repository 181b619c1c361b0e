import { z } from 'zod';

const segmentSchema = z
  .object({
    startIndex: z.number().nullish(),
    endIndex: z.number().nullish(),
    partIndex: z.number().nullish(),
    text: z.string().nullish(),
  })
  .passthrough();

export const groundingMetadataSchema = z
  .object({
    webSearchQueries: z.array(z.string()).nullish(),
    groundingChunks: z
      .array(
        z
          .object({
            web: z
              .object({
                uri: z.string().nullish(),
                title: z.string().nullish(),
                domain: z.string().nullish(),
              })
              .passthrough()
              .nullish(),
          })
          .passthrough(),
      )
      .nullish(),
    groundingSupports: z
      .array(
        z
          .object({
            segment: segmentSchema.nullish(),
            groundingChunkIndices: z.array(z.number()).nullish(),
            confidenceScores: z.array(z.number()).nullish(),
          })
          .passthrough(),
      )
      .nullish(),
    searchEntryPoint: z.object({ renderedContent: z.string().nullish() }).passthrough().nullish(),
  })
  .passthrough();

export const geminiUsageSchema = z
  .object({
    promptTokenCount: z.number().nullish(),
    candidatesTokenCount: z.number().nullish(),
    totalTokenCount: z.number().nullish(),
    cachedContentTokenCount: z.number().nullish(),
    thoughtsTokenCount: z.number().nullish(),
    toolUsePromptTokenCount: z.number().nullish(),
  })
  .passthrough();

/** A generateContent response; `groundingMetadata` and most fields may be absent. */
export const geminiResponseSchema = z
  .object({
    candidates: z
      .array(
        z
          .object({
            content: z
              .object({
                parts: z
                  .array(
                    z.object({ text: z.string().nullish(), thought: z.boolean().nullish() }).passthrough(),
                  )
                  .nullish(),
                role: z.string().nullish(),
              })
              .passthrough()
              .nullish(),
            finishReason: z.string().nullish(),
            groundingMetadata: groundingMetadataSchema.nullish(),
          })
          .passthrough(),
      )
      .nullish(),
    promptFeedback: z.object({ blockReason: z.string().nullish() }).passthrough().nullish(),
    usageMetadata: geminiUsageSchema.nullish(),
    modelVersion: z.string().nullish(),
    responseId: z.string().nullish(),
  })
  .passthrough()
  .refine((body) => (body.candidates?.length ?? 0) > 0 || !!body.promptFeedback, {
    message: 'neither candidates nor promptFeedback',
    path: ['candidates'],
  });

export type GeminiResponse = z.output<typeof geminiResponseSchema>;
export type GeminiUsage = z.output<typeof geminiUsageSchema>;
export type GroundingMetadata = z.output<typeof groundingMetadataSchema>;

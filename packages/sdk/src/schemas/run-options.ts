import { z } from 'zod';

const platformName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be a platform name such as "perplexity" or "chatgpt"');

export const runOptionsSchema = z
  .object({
    platforms: z
      .array(platformName)
      .min(1, 'must name at least one platform')
      .refine((list) => new Set(list).size === list.length, 'must not name a platform twice'),
    /** Calls in flight at once in this process. */
    concurrency: z.number().int().min(1).max(256).default(4),
    /** Attempts per item before it ends `failed`. */
    maxAttempts: z.number().int().min(1).max(20).default(3),
    /** Stop (pause) the run once its actual cost reaches this many USD. */
    maxCostUsd: z.number().positive().optional().nullable(),
    /** Pause every run once today's spend (UTC) reaches this many USD. */
    dailySpendLimitUsd: z.number().positive().optional().nullable(),
    /** Idempotency key: a second submission with the same client and batch id returns the first run. */
    batchId: z.string().trim().min(1).max(200).optional().nullable(),
    /** Requests per minute per platform account, overriding the platform's hint. */
    requestsPerMinute: z.record(z.string(), z.number().positive()).default({}),
    testMode: z.boolean().default(false),
  })
  .strict();

export type RunOptions = z.output<typeof runOptionsSchema>;
export type RunOptionsInput = z.input<typeof runOptionsSchema>;

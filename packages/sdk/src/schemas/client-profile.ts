import { z } from 'zod';
import { domainSchema } from './domain.js';

const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);

export const competitorSchema = z.object({
  name: nameSchema,
  domain: domainSchema.optional().nullable(),
  aliases: z.array(nameSchema).default([]),
});

/** The client whose visibility is measured, as a user writes it in `client.json`. */
export const clientProfileSchema = z
  .object({
    id: z.uuid().optional(),
    name: nameSchema,
    domain: domainSchema,
    aliases: z.array(nameSchema).default([]),
    competitors: z.array(competitorSchema).default([]),
    keywords: z.array(z.string().trim().min(1)).default([]),
    industry: z.string().trim().min(1).optional().nullable(),
    description: z.string().optional().nullable(),
  })
  .strict();

export type Competitor = z.output<typeof competitorSchema>;
export type ClientProfile = z.output<typeof clientProfileSchema>;
export type ClientProfileInput = z.input<typeof clientProfileSchema>;

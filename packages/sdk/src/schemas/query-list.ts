import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { QueryInput } from '../contract/query-input.js';

export const queryEntrySchema = z
  .object({
    id: z.string().trim().min(1).max(100).optional(),
    text: z.string().trim().min(3, 'must be a question of at least 3 characters').max(2000),
    keyword: z.string().trim().min(1).optional().nullable(),
    intent: z.string().trim().min(1).optional().nullable(),
    category: z.string().trim().min(1).optional().nullable(),
  })
  .strict();

export const queryListSchema = z.array(queryEntrySchema).min(1, 'must hold at least one query');

export type QueryEntry = z.output<typeof queryEntrySchema>;

/** A stable id for a query text: the same question gets the same id in every run. */
export function queryIdFor(text: string): string {
  const normal = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return `q_${createHash('sha256').update(normal).digest('hex').slice(0, 16)}`;
}

/** Gives each entry its id and drops exact duplicates (same normalised text), keeping the first. */
export function toQueryInputs(entries: QueryEntry[]): QueryInput[] {
  const seen = new Set<string>();
  const out: QueryInput[] = [];
  for (const e of entries) {
    const id = e.id ?? queryIdFor(e.text);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      text: e.text,
      keyword: e.keyword ?? null,
      intent: e.intent ?? null,
      category: e.category ?? null,
    });
  }
  return out;
}

import { z } from 'zod';
import { classifyFunnelStage, classifyQueryType, type FunnelStage } from '../analysis/classify.js';
import { extractJson } from '../analysis/llm-judge.js';
import type { AnalysisPlatform } from '../contract/analysis-platform.js';
import type { QueryInput } from '../contract/query-input.js';
import { InputError } from '../errors/input-error.js';
import { redactSecrets } from '../errors/redact.js';
import { queryIdFor } from '../schemas/query-list.js';
import { parseInput } from '../schemas/validate.js';
import { DEFAULT_INTENTS, DEFAULT_TEMPLATES, fill, placeholders } from './templates.js';

/** The parts of a client profile query generation reads. */
export interface GenerationProfile {
  name: string;
  domain?: string | null;
  aliases?: readonly string[];
  keywords?: readonly string[];
  industry?: string | null;
  competitors?: readonly { name: string }[];
}

export const generateQueriesOptionsSchema = z
  .object({
    /** Intents to generate (keys of the templates). */
    intents: z.array(z.string().trim().min(1)).min(1).optional(),
    /** Extra or replacement templates by intent. */
    templates: z.record(z.string(), z.array(z.string().trim().min(1))).optional(),
    /** Replace the built-in templates instead of adding to them. */
    replaceTemplates: z.boolean().default(false),
    /** Keywords to use instead of the profile's. */
    keywords: z.array(z.string().trim().min(1)).min(1).optional(),
    includeBranded: z.boolean().default(true),
    includeCompetitor: z.boolean().default(true),
    /** Competitors used in competitor templates, per keyword (default 2). */
    competitorsPerKeyword: z.number().int().min(0).max(50).default(2),
    /** Cap on the number of queries (after de-duplication). */
    limit: z.number().int().positive().max(100_000).optional(),
    /** Questions to ask the LLM for, when a platform is given. */
    llmCount: z.number().int().positive().max(500).default(20),
  })
  .strict();

export type GenerateQueriesOptions = z.input<typeof generateQueriesOptionsSchema> & {
  /** When given, an LLM adds questions through this platform (one call). */
  platform?: AnalysisPlatform;
};

export type QueryCategory = 'non_branded' | 'branded' | 'competitor';

export interface GeneratedQuery extends QueryInput {
  keyword: string;
  intent: string;
  category: QueryCategory;
  funnelStage: FunnelStage;
  source: 'template' | 'llm';
}

export interface QueryGenerationResult {
  queries: GeneratedQuery[];
  llm: {
    platform: string;
    model: string;
    status: 'ok' | 'failed';
    costUsd: number;
    added: number;
    error: string | null;
  } | null;
}

function dedupeKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function tag(
  text: string,
  keyword: string,
  intent: string,
  category: QueryCategory,
  source: GeneratedQuery['source'],
): GeneratedQuery {
  const type = classifyQueryType(text, intent, category === 'branded');
  return {
    id: queryIdFor(text),
    text,
    keyword,
    intent,
    category,
    funnelStage: classifyFunnelStage(intent, type),
    source,
  };
}

/** Template queries: keywords × intents × templates, de-duplicated, in a stable order. Pure. */
export function templateQueries(
  profile: GenerationProfile,
  input: GenerateQueriesOptions = {},
): GeneratedQuery[] {
  const { platform: _platform, ...raw } = input;
  const options = parseInput(generateQueriesOptionsSchema, raw, 'query generation options');
  const keywords = options.keywords ?? [...(profile.keywords ?? [])];
  if (keywords.length === 0) {
    throw new InputError('client profile', [
      {
        field: 'keywords',
        value: profile.keywords ?? [],
        problem: 'has no keywords to build questions from',
        fix: 'add "keywords": ["email marketing software", ...] to client.json',
      },
    ]);
  }
  const templates: Record<string, readonly string[]> = options.replaceTemplates
    ? {}
    : { ...DEFAULT_TEMPLATES };
  for (const [intent, list] of Object.entries(options.templates ?? {})) {
    templates[intent] = options.replaceTemplates ? list : [...(templates[intent] ?? []), ...list];
  }
  const intents =
    options.intents ?? (options.replaceTemplates ? Object.keys(templates) : [...DEFAULT_INTENTS]);
  const unknown = intents.filter((i) => !templates[i]);
  if (unknown.length > 0) {
    throw new InputError('query generation options', [
      {
        field: 'intents',
        value: unknown,
        problem: 'names intents without templates',
        fix: `use ${Object.keys(templates).join(', ')} or add templates for them`,
      },
    ]);
  }
  const competitors = (profile.competitors ?? []).map((c) => c.name);
  const seen = new Set<string>();
  const out: GeneratedQuery[] = [];
  for (const keyword of keywords) {
    for (const intent of intents) {
      for (const template of templates[intent]!) {
        const keys = placeholders(template);
        const branded = keys.includes('brand');
        const withCompetitor = keys.includes('competitor');
        if (branded && !options.includeBranded) continue;
        if (withCompetitor && !options.includeCompetitor) continue;
        const rivals = withCompetitor ? competitors.slice(0, options.competitorsPerKeyword) : [undefined];
        for (const competitor of rivals) {
          const text = fill(template, {
            keyword,
            brand: profile.name,
            competitor,
            industry: profile.industry ?? undefined,
          });
          if (!text) continue;
          const key = dedupeKey(text);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(
            tag(
              text,
              keyword,
              intent,
              branded ? 'branded' : withCompetitor ? 'competitor' : 'non_branded',
              'template',
            ),
          );
        }
      }
    }
  }
  return options.limit ? out.slice(0, options.limit) : out;
}

const llmReplySchema = z.object({
  queries: z
    .array(
      z.object({
        text: z.string().trim().min(3).max(500),
        keyword: z.string().trim().min(1).optional(),
        intent: z.string().trim().min(1).optional(),
      }),
    )
    .min(1),
});

function llmPrompt(profile: GenerationProfile, keywords: readonly string[], count: number): string {
  return [
    `Write ${count} questions that buyers in ${profile.industry ?? 'this market'} ask an AI assistant when looking for products like these: ${keywords.join(', ')}.`,
    'Do not name any brand. Mix intents: recommendation_request, comparison, how_to, pricing, review, definition.',
    'Reply with ONE JSON object and nothing else: {"queries":[{"text":"...","keyword":"<one of the keywords>","intent":"<intent>"}]}',
  ].join('\n');
}

/**
 * Questions for a client profile: the template queries, plus (when `options.platform` is given)
 * non-branded questions an LLM writes in one call, validated, de-duplicated against the templates
 * and tagged. An LLM failure keeps the template queries and reports the error and cost.
 */
export async function generateQueries(
  profile: GenerationProfile,
  options: GenerateQueriesOptions = {},
): Promise<QueryGenerationResult> {
  const { platform, limit, ...rest } = options;
  const queries = templateQueries(profile, rest);
  if (!platform) return { queries: limit ? queries.slice(0, limit) : queries, llm: null };
  const parsed = parseInput(generateQueriesOptionsSchema, rest, 'query generation options');
  const keywords = parsed.keywords ?? [...(profile.keywords ?? [])];
  const llm: NonNullable<QueryGenerationResult['llm']> = {
    platform: platform.name,
    model: platform.model,
    status: 'failed',
    costUsd: 0,
    added: 0,
    error: null,
  };
  try {
    const result = await platform.execute(
      {
        id: `generate:${queryIdFor(profile.name)}`,
        text: llmPrompt(profile, keywords, parsed.llmCount),
        intent: 'query_generation',
      },
      {
        client: {
          name: profile.name,
          domain: profile.domain ?? '',
          aliases: [...(profile.aliases ?? [])],
          competitors: [],
          keywords,
          industry: profile.industry ?? null,
          description: null,
        },
      },
    );
    llm.model = result.model || platform.model;
    llm.costUsd = result.cost?.totalUsd ?? 0;
    const reply = llmReplySchema.safeParse(extractJson(result.answer));
    if (!reply.success) {
      llm.error = `invalid reply: ${reply.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    } else {
      const seen = new Set(queries.map((q) => dedupeKey(q.text)));
      for (const q of reply.data.queries.slice(0, parsed.llmCount)) {
        const key = dedupeKey(q.text);
        if (seen.has(key)) continue;
        seen.add(key);
        const keyword =
          q.keyword && keywords.includes(q.keyword)
            ? q.keyword
            : (keywords.find((k) => key.includes(dedupeKey(k))) ?? keywords[0]!);
        queries.push(tag(q.text, keyword, q.intent ?? 'informational', 'non_branded', 'llm'));
        llm.added += 1;
      }
      llm.status = 'ok';
    }
  } catch (err) {
    llm.error = redactSecrets(err instanceof Error ? err.message : String(err)).slice(0, 500);
  }
  return { queries: limit ? queries.slice(0, limit) : queries, llm };
}

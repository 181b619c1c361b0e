import {
  type AnalysisPlatform,
  type ApiKeyHelp,
  type CostBreakdown,
  type CostRequest,
  type ExecuteOptions,
  type ExecutionContext,
  malformedBody,
  type PlatformResult,
  platformBasics,
  postJson,
  type QueryInput,
  type TokenUsage,
} from '@citebots/sdk';
import { parsePerplexityAnswer } from './parse-perplexity-response.js';
import {
  PERPLEXITY_DEFAULT_MODEL,
  PERPLEXITY_ENV,
  type PerplexityConfig,
  resolvePerplexityConfig,
} from './perplexity-config.js';
import { priceTableCost, providerReportedCost } from './perplexity-cost.js';
import { mapPerplexityError } from './perplexity-errors.js';
import { PERPLEXITY_DEFAULT_PRICES, type PerplexityPriceTable } from './perplexity-prices.js';
import { type PerplexityUsage, perplexityResponseSchema } from './perplexity-response.js';

export const PERPLEXITY_PLUGIN_VERSION = '0.1.0';
const NAME = 'perplexity';
const API_KEY_HELP: ApiKeyHelp = {
  env: PERPLEXITY_ENV.apiKey,
  provider: 'Perplexity',
  keyFrom: 'perplexity.ai/settings/api',
};

/** Output tokens assumed for a cost estimate before a call. */
const ESTIMATED_OUTPUT_TOKENS = 700;

export interface PerplexityPlatform extends AnalysisPlatform {
  readonly prices: PerplexityPriceTable;
}

/** A Perplexity Sonar platform. Settings come from `config` first, then `env` (default `process.env`). */
export function createPerplexityPlatform(
  config?: Partial<PerplexityConfig>,
  env: Record<string, string | undefined> = process.env,
): PerplexityPlatform {
  const settings = resolvePerplexityConfig(config, env);
  const basics = platformBasics(NAME, settings, PERPLEXITY_DEFAULT_PRICES, API_KEY_HELP);
  const { prices } = basics;
  const contextSize = settings.options.web_search_options?.search_context_size ?? 'low';
  const capabilities = basics.capabilities({
    searchQueries: false,
    defaultModel: PERPLEXITY_DEFAULT_MODEL,
    rateLimits: { requestsPerMinute: 50, maxConcurrency: 5 },
  });

  function getCost(request: CostRequest): CostBreakdown {
    if (request.kind === 'estimate') {
      const usage = basics.estimateUsage(request.query, ESTIMATED_OUTPUT_TOKENS);
      return priceTableCost(prices, settings.model, usage, {
        searchContextSize: contextSize,
        source: 'estimate',
      });
    }
    const parsedRaw = perplexityResponseSchema.safeParse(request.raw);
    return actualCost(
      parsedRaw.success ? parsedRaw.data.usage : null,
      request.usage,
      request.model ?? settings.model,
    );
  }

  /** The cost of a call from the usage of its (parsed) body, as the provider reported it or by the price table. */
  function actualCost(
    rawUsage: PerplexityUsage | null | undefined,
    usage: TokenUsage | null,
    model: string,
  ): CostBreakdown {
    return (
      providerReportedCost(rawUsage) ??
      priceTableCost(prices, model, usage, {
        searchContextSize: rawUsage?.search_context_size ?? contextSize,
        citationTokens: rawUsage?.citation_tokens ?? null,
      })
    );
  }

  async function execute(
    query: QueryInput,
    _context: ExecutionContext,
    options: ExecuteOptions = {},
  ): Promise<PlatformResult> {
    const apiKey = basics.requireApiKey();
    const messages = [
      ...(settings.systemPrompt ? [{ role: 'system', content: settings.systemPrompt }] : []),
      { role: 'user', content: query.text },
    ];
    const response = await postJson({
      platform: NAME,
      url: `${settings.baseUrl}/chat/completions`,
      headers: { authorization: `Bearer ${apiKey}` },
      body: { model: settings.model, messages, ...settings.options },
      signal: options.signal,
      timeoutMs: settings.timeoutMs,
      mapError: mapPerplexityError,
    });
    const parsed = perplexityResponseSchema.safeParse(response.body);
    if (!parsed.success) {
      throw malformedBody(NAME, parsed.error, { status: response.status, requestId: response.requestId });
    }
    const body = parsed.data;
    const answer = parsePerplexityAnswer(body);
    const model = answer.model ?? settings.model;
    // getCost({ kind: 'actual', usage, model, raw: response.body }) without parsing the body again.
    const cost = answer.usage
      ? actualCost(body.usage, answer.usage, model)
      : (providerReportedCost(body.usage) ??
        priceTableCost(prices, model, null, { searchContextSize: contextSize }));
    return {
      platform: NAME,
      model,
      answer: answer.answer,
      citations: answer.citations,
      sources: answer.sources,
      searchQueries: [],
      usage: answer.usage,
      cost,
      raw: response.body,
      providerMetadata: {
        perplexity: {
          id: body.id ?? null,
          relatedQuestions: answer.relatedQuestions,
          searchContextSize: body.usage?.search_context_size ?? null,
          citationTokens: body.usage?.citation_tokens ?? null,
          numSearchQueries: body.usage?.num_search_queries ?? null,
          finishReason: body.choices[0]?.finish_reason ?? null,
          images: body.images ?? null,
        },
      },
      rateLimit: response.rateLimit,
      requestId: response.requestId ?? body.id ?? null,
    };
  }

  return basics.platform({
    version: PERPLEXITY_PLUGIN_VERSION,
    displayName: 'Perplexity',
    capabilities,
    execute,
    getCost,
  });
}

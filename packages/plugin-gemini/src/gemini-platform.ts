import {
  type AnalysisPlatform,
  type ApiKeyHelp,
  type CostBreakdown,
  type CostRequest,
  type ExecuteOptions,
  type ExecutionContext,
  malformedBody,
  PlatformError,
  type PlatformResult,
  platformBasics,
  postJson,
  type QueryInput,
} from '@citebots/sdk';
import {
  GEMINI_ALT_API_KEY_ENV,
  GEMINI_DEFAULT_MODEL,
  GEMINI_ENV,
  type GeminiConfig,
  type ResolvedGeminiConfig,
  resolveGeminiConfig,
} from './gemini-config.js';
import { geminiCost } from './gemini-cost.js';
import { mapGeminiError } from './gemini-errors.js';
import { GEMINI_DEFAULT_PRICES, type GeminiPriceTable } from './gemini-prices.js';
import { geminiResponseSchema } from './gemini-response.js';
import { createHeadResolver, resolveGroundingUrls } from './grounding-redirects.js';
import { applyResolvedUrls, parseGeminiResponse } from './parse-gemini-response.js';

export const GEMINI_PLUGIN_VERSION = '0.1.0';
const NAME = 'gemini';
const API_KEY_HELP: ApiKeyHelp = {
  env: GEMINI_ENV.apiKey,
  altEnv: GEMINI_ALT_API_KEY_ENV,
  provider: 'Gemini',
  keyFrom: 'aistudio.google.com/apikey',
};
const ESTIMATED_OUTPUT_TOKENS = 800;

export interface GeminiPlatform extends AnalysisPlatform {
  readonly prices: GeminiPriceTable;
}

/** The JSON body sent to generateContent, with Google Search grounding. */
export function buildGeminiRequest(settings: ResolvedGeminiConfig, text: string): Record<string, unknown> {
  const o = settings.options;
  const generationConfig = {
    ...(o.max_output_tokens ? { maxOutputTokens: o.max_output_tokens } : {}),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    ...(o.thinking_budget !== undefined ? { thinkingConfig: { thinkingBudget: o.thinking_budget } } : {}),
  };
  return {
    contents: [{ role: 'user', parts: [{ text }] }],
    tools: [{ google_search: {} }],
    ...(settings.systemPrompt ? { systemInstruction: { parts: [{ text: settings.systemPrompt }] } } : {}),
    ...(Object.keys(generationConfig).length ? { generationConfig } : {}),
  };
}

/** A Gemini platform with Google Search grounding over plain fetch. Settings: `config`, then `env`. */
export function createGeminiPlatform(
  config?: Partial<GeminiConfig>,
  env: Record<string, string | undefined> = process.env,
): GeminiPlatform {
  const settings = resolveGeminiConfig(config, env);
  const basics = platformBasics(NAME, settings, GEMINI_DEFAULT_PRICES, API_KEY_HELP);
  const { prices } = basics;
  const resolver = settings.resolveUrl ?? createHeadResolver(settings.redirectTimeoutMs);
  const capabilities = basics.capabilities({
    searchQueries: true,
    defaultModel: GEMINI_DEFAULT_MODEL,
    rateLimits: { requestsPerMinute: 60, maxConcurrency: 5 },
  });

  function getCost(request: CostRequest): CostBreakdown {
    if (request.kind === 'estimate') {
      const usage = { ...basics.estimateUsage(request.query, ESTIMATED_OUTPUT_TOKENS), searchRequests: 1 };
      return geminiCost(prices, settings.model, usage, 'estimate');
    }
    return geminiCost(prices, request.model ?? settings.model, request.usage);
  }

  async function execute(
    query: QueryInput,
    _context: ExecutionContext,
    options: ExecuteOptions = {},
  ): Promise<PlatformResult> {
    const apiKey = basics.requireApiKey();
    const response = await postJson({
      platform: NAME,
      url: `${settings.baseUrl}/v1beta/models/${encodeURIComponent(settings.model)}:generateContent`,
      headers: { 'x-goog-api-key': apiKey },
      body: buildGeminiRequest(settings, query.text),
      signal: options.signal,
      timeoutMs: settings.timeoutMs,
      mapError: mapGeminiError,
      requestIdHeaders: ['x-request-id', 'x-goog-request-id'],
    });
    const parsedBody = geminiResponseSchema.safeParse(response.body);
    if (!parsedBody.success) {
      throw malformedBody(NAME, parsedBody.error, { status: response.status, requestId: response.requestId });
    }
    const body = parsedBody.data;
    const parsed = parseGeminiResponse(body);
    const resolved = settings.resolveRedirects
      ? await resolveGroundingUrls(
          [...parsed.citations, ...parsed.sources].map((c) => c.url),
          {
            host: settings.redirectHost,
            baseUrl: settings.baseUrl,
            resolver,
            signal: options.signal ?? new AbortController().signal,
          },
        )
      : new Map<string, string>();
    if (options.signal?.aborted) {
      throw new PlatformError('the request was cancelled', { platform: NAME, kind: 'cancelled' });
    }
    const { citations, sources } = applyResolvedUrls(parsed, resolved);
    const model = body.modelVersion ?? settings.model;
    return {
      platform: NAME,
      model,
      answer: parsed.answer,
      citations,
      sources,
      searchQueries: parsed.searchQueries,
      usage: parsed.usage,
      cost: geminiCost(
        prices,
        model,
        parsed.usage ?? {
          inputTokens: 0,
          outputTokens: 0,
          totalTokens: 0,
          searchRequests: parsed.grounded ? 1 : 0,
        },
      ),
      raw: response.body,
      providerMetadata: {
        gemini: {
          responseId: body.responseId ?? null,
          finishReason: parsed.finishReason,
          blockReason: parsed.blockReason,
          grounded: parsed.grounded,
          redirects: Object.fromEntries(resolved),
        },
      },
      rateLimit: response.rateLimit,
      requestId: response.requestId ?? body.responseId ?? null,
    };
  }

  return basics.platform({
    version: GEMINI_PLUGIN_VERSION,
    displayName: 'Gemini',
    capabilities,
    execute,
    getCost,
  });
}

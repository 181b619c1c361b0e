import {
  type AnalysisPlatform,
  type ApiKeyHelp,
  type CostBreakdown,
  type CostRequest,
  type ExecuteOptions,
  type ExecutionContext,
  malformedBody,
  malformedResponse,
  type PlatformResult,
  parseRateLimitHeaders,
  platformBasics,
  type QueryInput,
  transportError,
  withTimeout,
} from '@citebots/sdk';
import type { OpenAI } from 'openai';
import type { z } from 'zod';
import { chatSearchBodySchema } from './chat-search-schema.js';
import {
  CHATGPT_DEFAULT_MODEL,
  CHATGPT_ENV,
  type ChatGptConfig,
  type ResolvedChatGptConfig,
  resolveChatGptConfig,
} from './chatgpt-config.js';
import { chatGptCost } from './chatgpt-cost.js';
import { failedResponseError, mapOpenAIClientError } from './chatgpt-errors.js';
import { CHATGPT_DEFAULT_PRICES, type ChatGptPriceTable } from './chatgpt-prices.js';
import { createOpenAIClient, loadOpenAI, type OpenAISdk } from './openai-client.js';
import { parseChatSearchBody } from './parse-chat-search.js';
import { parseResponsesBody } from './parse-responses.js';
import { responsesBodySchema } from './responses-schema.js';

export const CHATGPT_PLUGIN_VERSION = '0.1.0';
const NAME = 'chatgpt';
const API_KEY_HELP: ApiKeyHelp = {
  env: CHATGPT_ENV.apiKey,
  provider: 'OpenAI',
  keyFrom: 'platform.openai.com/api-keys',
};
const ESTIMATED_OUTPUT_TOKENS = 800;

export interface ChatGptPlatform extends AnalysisPlatform {
  readonly prices: ChatGptPriceTable;
}

/** The JSON body sent to the Responses API. */
export function buildResponsesRequest(
  settings: ResolvedChatGptConfig,
  text: string,
): Record<string, unknown> {
  const o = settings.options;
  const tool = o.tool ?? 'web_search';
  return {
    model: settings.model,
    input: text,
    ...(settings.systemPrompt ? { instructions: settings.systemPrompt } : {}),
    tools: [
      {
        type: tool,
        ...(o.search_context_size ? { search_context_size: o.search_context_size } : {}),
        ...(o.user_location ? { user_location: { type: 'approximate', ...o.user_location } } : {}),
        ...(o.allowed_domains && tool === 'web_search'
          ? { filters: { allowed_domains: o.allowed_domains } }
          : {}),
      },
    ],
    ...(tool === 'web_search' && o.include_sources !== false
      ? { include: ['web_search_call.action.sources'] }
      : {}),
    ...(o.max_output_tokens ? { max_output_tokens: o.max_output_tokens } : {}),
    ...(o.reasoning_effort ? { reasoning: { effort: o.reasoning_effort } } : {}),
    store: false,
  };
}

/** The JSON body sent to Chat Completions for a search model. */
export function buildChatSearchRequest(
  settings: ResolvedChatGptConfig,
  text: string,
): Record<string, unknown> {
  const o = settings.options;
  const webSearchOptions = {
    ...(o.search_context_size ? { search_context_size: o.search_context_size } : {}),
    ...(o.user_location ? { user_location: { type: 'approximate', approximate: o.user_location } } : {}),
  };
  return {
    model: settings.model,
    messages: [
      ...(settings.systemPrompt ? [{ role: 'system', content: settings.systemPrompt }] : []),
      { role: 'user', content: text },
    ],
    web_search_options: webSearchOptions,
    ...(o.max_output_tokens ? { max_completion_tokens: o.max_output_tokens } : {}),
  };
}

/**
 * A ChatGPT platform on the official `openai` client (imported on first execute, no retries, sending over
 * the SDK's node:http(s) `nodeFetch`). Settings: `config`, then `env`.
 */
export function createChatGptPlatform(
  config?: Partial<ChatGptConfig>,
  env: Record<string, string | undefined> = process.env,
): ChatGptPlatform {
  const settings = resolveChatGptConfig(config, env);
  const basics = platformBasics(NAME, settings, CHATGPT_DEFAULT_PRICES, API_KEY_HELP);
  const { prices } = basics;
  const tool = settings.api === 'chat' ? 'none' : (settings.options.tool ?? 'web_search');
  let client: OpenAI | undefined;
  const capabilities = basics.capabilities({
    searchQueries: settings.api === 'responses',
    defaultModel: CHATGPT_DEFAULT_MODEL,
    rateLimits: { requestsPerMinute: 500, tokensPerMinute: 200_000, maxConcurrency: 10 },
  });

  function getCost(request: CostRequest): CostBreakdown {
    if (request.kind === 'estimate') {
      const usage = {
        ...basics.estimateUsage(request.query, ESTIMATED_OUTPUT_TOKENS),
        searchRequests: tool === 'none' ? 0 : 1,
      };
      return chatGptCost(prices, settings.model, usage, { tool, source: 'estimate' });
    }
    return chatGptCost(prices, request.model ?? settings.model, request.usage, { tool });
  }

  async function openai(apiKey: string): Promise<{ sdk: OpenAISdk; api: OpenAI }> {
    const sdk = await loadOpenAI();
    client ??= createOpenAIClient(sdk, { ...settings, apiKey });
    return { sdk, api: client };
  }

  async function execute(
    query: QueryInput,
    _context: ExecutionContext,
    options: ExecuteOptions = {},
  ): Promise<PlatformResult> {
    const { sdk, api } = await openai(basics.requireApiKey());
    const timer = withTimeout(options.signal, settings.timeoutMs);
    const state = () => ({
      callerSignal: options.signal,
      timedOut: timer.timedOut(),
      timeoutMs: settings.timeoutMs,
    });
    let response: Response;
    let text: string;
    try {
      try {
        const requestOptions = { signal: timer.signal };
        response =
          settings.api === 'chat'
            ? await api.chat.completions
                .create(buildChatSearchRequest(settings, query.text) as never, requestOptions)
                .asResponse()
            : await api.responses
                .create(buildResponsesRequest(settings, query.text) as never, requestOptions)
                .asResponse();
      } catch (error) {
        throw mapOpenAIClientError(error, state(), sdk);
      }
      try {
        text = await response.text();
      } catch (error) {
        throw transportError(NAME, error, state());
      }
    } finally {
      timer.dispose();
    }
    const requestId = response.headers.get('x-request-id');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw malformedResponse(NAME, 'the body is not JSON', { status: response.status, requestId });
    }
    const result = settings.api === 'chat' ? fromChatSearch(json, requestId) : fromResponses(json, requestId);
    return { ...result, raw: json, rateLimit: parseRateLimitHeaders(response.headers), requestId };
  }

  function invalid(error: z.ZodError, requestId: string | null): never {
    throw malformedBody(NAME, error, { status: 200, requestId });
  }

  type ResultCore = Omit<PlatformResult, 'raw' | 'rateLimit' | 'requestId'>;

  function fromResponses(json: unknown, requestId: string | null): ResultCore {
    const parsed = responsesBodySchema.safeParse(json);
    if (!parsed.success) invalid(parsed.error, requestId);
    const body = parsed.data;
    if (body.status === 'failed' && body.error) throw failedResponseError(body.error, requestId);
    const answer = parseResponsesBody(body);
    const model = body.model ?? settings.model;
    const usage = answer.usage ? { ...answer.usage, searchRequests: answer.searchCalls } : null;
    return {
      platform: NAME,
      model,
      answer: answer.answer,
      citations: answer.citations,
      sources: answer.sources,
      searchQueries: answer.searchQueries,
      usage,
      cost: chatGptCost(
        prices,
        model,
        usage ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0, searchRequests: answer.searchCalls },
        { tool },
      ),
      providerMetadata: {
        chatgpt: {
          api: 'responses',
          id: body.id ?? null,
          status: body.status ?? null,
          tool,
          webSearchCalls: answer.webSearchCalls,
          incompleteDetails: body.incomplete_details ?? null,
        },
      },
    };
  }

  function fromChatSearch(json: unknown, requestId: string | null): ResultCore {
    const parsed = chatSearchBodySchema.safeParse(json);
    if (!parsed.success) invalid(parsed.error, requestId);
    const body = parsed.data;
    const answer = parseChatSearchBody(body);
    const model = body.model ?? settings.model;
    return {
      platform: NAME,
      model,
      answer: answer.answer,
      citations: answer.citations,
      sources: answer.sources,
      searchQueries: [],
      usage: answer.usage,
      cost: chatGptCost(prices, model, answer.usage, { tool: 'none' }),
      providerMetadata: {
        chatgpt: { api: 'chat', id: body.id ?? null, finishReason: body.choices[0]?.finish_reason ?? null },
      },
    };
  }

  return basics.platform({
    version: CHATGPT_PLUGIN_VERSION,
    displayName: 'ChatGPT',
    capabilities,
    execute,
    getCost,
    prepare: async () => {
      await loadOpenAI();
    },
  });
}

import type { Anthropic } from '@anthropic-ai/sdk';
import {
  type AnalysisPlatform,
  type ApiKeyHelp,
  type CostBreakdown,
  type CostRequest,
  computeTokenCost,
  type ExecuteOptions,
  type ExecutionContext,
  findModelPrice,
  malformedBody,
  malformedResponse,
  type PlatformResult,
  parseRateLimitHeaders,
  platformBasics,
  type QueryInput,
  type RateLimitSnapshot,
  transportError,
  withTimeout,
} from '@citebots/sdk';
import { type AnthropicSdk, createAnthropicClient, loadAnthropic } from './anthropic-client.js';
import {
  CLAUDE_DEFAULT_MODEL,
  CLAUDE_ENV,
  type ClaudeConfig,
  type ResolvedClaudeConfig,
  resolveClaudeConfig,
} from './claude-config.js';
import { mapAnthropicClientError } from './claude-errors.js';
import { CLAUDE_DEFAULT_PRICES } from './claude-prices.js';
import { type ClaudeContentBlock, type ClaudeMessage, claudeMessageSchema } from './claude-response.js';
import { mergeClaudeTurns, parseClaudeContent } from './parse-claude-message.js';

export const CLAUDE_PLUGIN_VERSION = '0.1.0';
const NAME = 'claude';
const API_KEY_HELP: ApiKeyHelp = {
  env: CLAUDE_ENV.apiKey,
  provider: 'Anthropic',
  keyFrom: 'platform.claude.com',
};
const ESTIMATED_OUTPUT_TOKENS = 800;
/** Search results come back as input tokens; an estimate assumes this many per call. */
const ESTIMATED_SEARCH_INPUT_TOKENS = 8000;
const DEFAULT_MAX_TOKENS = 4096;
const DEFAULT_MAX_CONTINUATIONS = 3;

/** The JSON body sent to the Messages API, with the assistant turn so far when continuing a paused answer. */
export function buildClaudeRequest(
  settings: ResolvedClaudeConfig,
  text: string,
  pausedContent?: ClaudeContentBlock[],
): Record<string, unknown> {
  const o = settings.options;
  return {
    model: settings.model,
    max_tokens: o.max_tokens ?? DEFAULT_MAX_TOKENS,
    ...(settings.systemPrompt ? { system: settings.systemPrompt } : {}),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    messages: [
      { role: 'user', content: text },
      ...(pausedContent ? [{ role: 'assistant', content: pausedContent }] : []),
    ],
    tools: [
      {
        type: o.tool_version ?? 'web_search_20250305',
        name: 'web_search',
        ...(o.max_uses ? { max_uses: o.max_uses } : {}),
        ...(o.allowed_domains ? { allowed_domains: o.allowed_domains } : {}),
        ...(o.blocked_domains ? { blocked_domains: o.blocked_domains } : {}),
        ...(o.user_location ? { user_location: { type: 'approximate', ...o.user_location } } : {}),
      },
    ],
  };
}

/**
 * A Claude platform on the official `@anthropic-ai/sdk` client (imported on first execute, no retries,
 * sending over the SDK's node:http(s) `nodeFetch`). Settings: `config`, then `env`.
 */
export function createClaudePlatform(
  config?: Partial<ClaudeConfig>,
  env: Record<string, string | undefined> = process.env,
): AnalysisPlatform {
  const settings = resolveClaudeConfig(config, env);
  const basics = platformBasics(NAME, settings, CLAUDE_DEFAULT_PRICES, API_KEY_HELP);
  const { prices } = basics;
  let client: Anthropic | undefined;
  const capabilities = basics.capabilities({
    searchQueries: true,
    defaultModel: CLAUDE_DEFAULT_MODEL,
    rateLimits: { requestsPerMinute: 50, tokensPerMinute: 50_000, maxConcurrency: 5 },
  });

  function getCost(request: CostRequest): CostBreakdown {
    if (request.kind === 'estimate') {
      const usage = basics.estimateUsage(
        request.query,
        ESTIMATED_OUTPUT_TOKENS,
        ESTIMATED_SEARCH_INPUT_TOKENS,
      );
      return computeTokenCost(findModelPrice(prices, settings.model), usage, prices.date, {
        searches: 1,
        source: 'estimate',
      });
    }
    const model = request.model ?? settings.model;
    return computeTokenCost(findModelPrice(prices, model), request.usage, prices.date, {
      searches: request.usage.searchRequests ?? 0,
    });
  }

  async function anthropic(apiKey: string): Promise<{ sdk: AnthropicSdk; api: Anthropic }> {
    const sdk = await loadAnthropic();
    client ??= createAnthropicClient(sdk, { ...settings, apiKey });
    return { sdk, api: client };
  }

  async function execute(
    query: QueryInput,
    _context: ExecutionContext,
    options: ExecuteOptions = {},
  ): Promise<PlatformResult> {
    const { sdk, api } = await anthropic(basics.requireApiKey());
    const maxContinuations = settings.options.max_continuations ?? DEFAULT_MAX_CONTINUATIONS;
    // One deadline for the whole answer, continuations included.
    const timer = withTimeout(options.signal, settings.timeoutMs);
    const state = () => ({
      callerSignal: options.signal,
      timedOut: timer.timedOut(),
      timeoutMs: settings.timeoutMs,
    });
    const turns: ClaudeMessage[] = [];
    let rateLimit: RateLimitSnapshot | null = null;
    let requestId: string | null = null;
    try {
      for (;;) {
        const paused = turns.length ? turns.flatMap((t) => t.content) : undefined;
        let response: Response;
        let text: string;
        try {
          response = await api.messages
            .create(buildClaudeRequest(settings, query.text, paused) as never, { signal: timer.signal })
            .asResponse();
        } catch (error) {
          throw mapAnthropicClientError(error, state(), sdk);
        }
        try {
          text = await response.text();
        } catch (error) {
          throw transportError(NAME, error, state());
        }
        requestId = response.headers.get('request-id');
        rateLimit = parseRateLimitHeaders(response.headers);
        turns.push(parseTurn(text, requestId));
        if (turns.at(-1)!.stop_reason !== 'pause_turn' || turns.length > maxContinuations) break;
      }
    } finally {
      timer.dispose();
    }
    const body = mergeClaudeTurns(turns);
    const parsed = parseClaudeContent(body.content, body.usage);
    const model = body.model ?? settings.model;
    const cost = getCost({
      kind: 'actual',
      usage: parsed.usage ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      model,
    });
    return {
      platform: NAME,
      model,
      answer: parsed.answer,
      citations: parsed.citations,
      sources: parsed.sources,
      searchQueries: parsed.searchQueries,
      usage: parsed.usage,
      cost,
      raw: body,
      providerMetadata: {
        claude: {
          id: body.id ?? null,
          stopReason: body.stop_reason ?? null,
          continuations: turns.length - 1,
          searchErrors: parsed.searchErrors,
        },
      },
      rateLimit,
      requestId: requestId ?? body.id ?? null,
    };
  }

  function parseTurn(text: string, requestId: string | null): ClaudeMessage {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw malformedResponse(NAME, 'the body is not JSON', { status: 200, requestId });
    }
    const parsed = claudeMessageSchema.safeParse(json);
    if (!parsed.success) throw malformedBody(NAME, parsed.error, { status: 200, requestId });
    return parsed.data;
  }

  return basics.platform({
    version: CLAUDE_PLUGIN_VERSION,
    displayName: 'Claude',
    capabilities,
    execute,
    getCost,
    prepare: async () => {
      await loadAnthropic();
    },
  });
}

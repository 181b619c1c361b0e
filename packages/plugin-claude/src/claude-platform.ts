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
  type PlatformResult,
  platformBasics,
  postJson,
  type QueryInput,
  type RateLimitSnapshot,
} from '@citebots/sdk';
import {
  CLAUDE_DEFAULT_MODEL,
  CLAUDE_ENV,
  type ClaudeConfig,
  type ResolvedClaudeConfig,
  resolveClaudeConfig,
} from './claude-config.js';
import { mapAnthropicError } from './claude-errors.js';
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
/** The Messages API version header every request carries. */
const ANTHROPIC_VERSION = '2023-06-01';

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

/** A Claude platform: plain HTTPS POSTs to the Messages API (no retries). Settings: `config`, then `env`. */
export function createClaudePlatform(
  config?: Partial<ClaudeConfig>,
  env: Record<string, string | undefined> = process.env,
): AnalysisPlatform {
  const settings = resolveClaudeConfig(config, env);
  const basics = platformBasics(NAME, settings, CLAUDE_DEFAULT_PRICES, API_KEY_HELP);
  const { prices } = basics;
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

  async function execute(
    query: QueryInput,
    _context: ExecutionContext,
    options: ExecuteOptions = {},
  ): Promise<PlatformResult> {
    const apiKey = basics.requireApiKey();
    const maxContinuations = settings.options.max_continuations ?? DEFAULT_MAX_CONTINUATIONS;
    // One deadline for the whole answer, continuations included.
    const deadline = Date.now() + settings.timeoutMs;
    const turns: ClaudeMessage[] = [];
    let rateLimit: RateLimitSnapshot | null = null;
    let requestId: string | null = null;
    for (;;) {
      const paused = turns.length ? turns.flatMap((t) => t.content) : undefined;
      const response = await postJson({
        platform: NAME,
        url: `${settings.baseUrl}/v1/messages`,
        headers: { 'x-api-key': apiKey, 'anthropic-version': ANTHROPIC_VERSION },
        body: buildClaudeRequest(settings, query.text, paused),
        signal: options.signal,
        timeoutMs: turns.length === 0 ? settings.timeoutMs : Math.max(1, deadline - Date.now()),
        mapError: mapAnthropicError,
        requestIdHeaders: ['request-id'],
      });
      requestId = response.requestId;
      rateLimit = response.rateLimit;
      turns.push(parseTurn(response.body, requestId));
      if (turns.at(-1)!.stop_reason !== 'pause_turn' || turns.length > maxContinuations) break;
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

  function parseTurn(json: unknown, requestId: string | null): ClaudeMessage {
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
  });
}

import {
  type AnalysisPlatform,
  type CostRequest,
  computeAccountKey,
  computeTokenCost,
  estimateTokens,
  findModelPrice,
  malformedResponse,
  missingApiKeyError,
  postJson,
  registerSecret,
} from '@citebots/sdk';
import { ACME_DEFAULT_MODEL, ACME_ENV, type AcmeConfig, resolveAcmeSettings } from './acme-config.js';
import { mapAcmeError } from './acme-errors.js';
import { ACME_PRICES } from './acme-prices.js';
import { acmeResponseSchema } from './acme-response.js';
import { acmeCitations, acmeSources, acmeUsage } from './acme-result.js';

export const ACME_PLUGIN_VERSION = '0.1.0';
const NAME = 'acme';

/** One Acme account's platform. `execute` makes exactly one attempt: the Citebots runner retries. */
export function createAcmePlatform(
  config: Partial<AcmeConfig> | undefined,
  env: Record<string, string | undefined>,
): AnalysisPlatform {
  const settings = resolveAcmeSettings(config, env);
  // From now on the key is redacted from every message the SDK formats.
  registerSecret(settings.apiKey);

  const getCost = (request: CostRequest) => {
    const price = findModelPrice(
      ACME_PRICES,
      request.kind === 'actual' ? (request.model ?? settings.model) : settings.model,
    );
    if (request.kind === 'estimate') {
      const usage = { inputTokens: estimateTokens(request.query.text), outputTokens: 600, totalTokens: 0 };
      return computeTokenCost(price, usage, ACME_PRICES.date, { searches: 1, source: 'estimate' });
    }
    return computeTokenCost(price, request.usage, ACME_PRICES.date, {
      searches: request.usage.searchRequests ?? 0,
    });
  };

  return {
    name: NAME,
    version: ACME_PLUGIN_VERSION,
    displayName: 'Acme Answers',
    model: settings.model,
    prices: ACME_PRICES,
    // A hash of key + base URL: never the key itself.
    accountKey: computeAccountKey(NAME, settings.apiKey, settings.baseUrl),
    capabilities: {
      webSearch: true,
      citations: true,
      searchQueries: true,
      models: Object.keys(ACME_PRICES.models),
      defaultModel: ACME_DEFAULT_MODEL,
      batch: false,
      rateLimits: { requestsPerMinute: 60, maxConcurrency: 4 },
    },
    validateConfig() {
      if (settings.apiKey) return { ok: true, problems: [] };
      return {
        ok: false,
        problems: [
          {
            setting: ACME_ENV.apiKey,
            message: `No Acme API key: ${ACME_ENV.apiKey} is not set.`,
            fix: `Set ${ACME_ENV.apiKey} or pass apiKey in the acme plugin config.`,
          },
        ],
      };
    },
    getCost,
    async execute(query, _context, options = {}) {
      if (!settings.apiKey) throw missingApiKeyError(NAME, ACME_ENV.apiKey);
      // postJson sends once, maps transport failures (abort → cancelled, timeout, network) and non-2xx answers.
      const response = await postJson({
        platform: NAME,
        url: `${settings.baseUrl}/v1/answers`,
        headers: { authorization: `Bearer ${settings.apiKey}` },
        body: { model: settings.model, question: query.text, search: true },
        signal: options.signal,
        timeoutMs: settings.timeoutMs,
        mapError: mapAcmeError,
      });
      const parsed = acmeResponseSchema.safeParse(response.body);
      if (!parsed.success) {
        throw malformedResponse(NAME, parsed.error.issues[0]?.message ?? 'unexpected body', {
          status: response.status,
          requestId: response.requestId,
        });
      }
      const body = parsed.data;
      const usage = acmeUsage(body);
      const model = body.model ?? settings.model;
      return {
        platform: NAME,
        model,
        answer: body.answer,
        citations: acmeCitations(body),
        sources: acmeSources(body),
        searchQueries: body.search_queries ?? [],
        usage,
        cost: usage
          ? getCost({ kind: 'actual', usage, model, raw: response.body })
          : getCost({ kind: 'estimate', query }),
        raw: response.body,
        providerMetadata: { acme: { id: body.id ?? null } },
        rateLimit: response.rateLimit,
        requestId: response.requestId ?? body.id ?? null,
      };
    },
  };
}

import { randomBytes } from 'node:crypto';
import type { AnalysisPlatform, ExecutionContext } from '../../contract/analysis-platform.js';
import type { QueryInput } from '../../contract/query-input.js';
import { PlatformError } from '../../errors/platform-error.js';
import type { ClientProfile } from '../../schemas/client-profile.js';
import { type FakeHttpServer, startFakeHttpServer } from '../fake-http-server.js';
import { SIMULATED_LABEL } from '../fake-provider/simulated-answer.js';
import { vitestApi } from '../vitest-api.js';
import { checkPlatformResult, checkPlatformShape, findSecret } from './conformance-checks.js';
import {
  CONFORMANCE_DOMAINS,
  type StartedConformanceEndpoint,
  startConformanceEndpoint,
} from './conformance-endpoint.js';
import type { ConformanceScenario, PlatformConformanceOptions } from './conformance-options.js';
import { recordedResponses } from './recorded-responses.js';

const DEFAULT_CLIENT: ClientProfile = {
  name: 'Knak',
  domain: 'knak.com',
  aliases: [],
  competitors: [{ name: 'Brevo', domain: 'brevo.com', aliases: [] }],
  keywords: ['email builder'],
};

/** Runs `execute` expecting a PlatformError; fails the test with a clear message otherwise. */
async function expectPlatformError(promise: Promise<unknown>, platform: string): Promise<PlatformError> {
  const { expect } = vitestApi();
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'execute should have thrown').toBeDefined();
  expect(PlatformError.isPlatformError(thrown), `expected a PlatformError, got ${String(thrown)}`).toBe(true);
  const error = thrown as PlatformError;
  expect(error.platform).toBe(platform);
  return error;
}

/**
 * A vitest suite every platform plugin should pass: the contract's shape, missing-key reporting, a
 * parsed answer with ordered citations, cost from usage, error mapping, cancellation and secret hygiene.
 * Call it at the top level of a test file.
 */
export function describePlatformConformance(options: PlatformConformanceOptions): void {
  const { afterAll, beforeAll, beforeEach, describe, expect, it } = vitestApi();
  const apiKey = options.apiKey ?? `conformance-key-${randomBytes(12).toString('hex')}`;
  const client = options.client ?? DEFAULT_CLIENT;
  const context: ExecutionContext = { client, runId: 'conformance-run', attempt: 1 };
  let scenario: ConformanceScenario = 'ok';
  let endpoint: StartedConformanceEndpoint;
  let counter = 0;

  /** `null` creates a platform without a key. */
  const create = (key: string | null = apiKey): AnalysisPlatform =>
    options.createPlatform({ baseUrl: endpoint.url, apiKey: key ?? undefined });
  const query = (text: string): QueryInput => ({ id: `conformance-${++counter}`, text });
  const failWith = async (which: ConformanceScenario) => {
    scenario = which;
    return expectPlatformError(
      create().execute(query(`conformance ${which} question`), context),
      options.name,
    );
  };
  const expectNoKey = (value: unknown, what: string) => {
    expect(findSecret(value, apiKey), `the API key appears in ${what}`).toEqual([]);
  };

  describe(`${options.name} platform conformance (${options.provider ?? 'own endpoint'})`, () => {
    beforeAll(async () => {
      endpoint = await startConformanceEndpoint(options, () => scenario);
    });
    afterAll(async () => {
      await endpoint?.close();
    });
    beforeEach(() => {
      scenario = 'ok';
    });

    it('exposes the contract: name, version, display name, capabilities, model and dated prices', () => {
      expect(checkPlatformShape(create(), options.name)).toEqual([]);
    });

    it('derives a stable account key that holds no part of the API key', () => {
      const platform = create();
      expectNoKey(platform.accountKey, 'accountKey');
      expect(create().accountKey).toBe(platform.accountKey);
      expect(create(`${apiKey}-other`).accountKey).not.toBe(platform.accountKey);
    });

    it('reports a missing API key from validateConfig, naming the setting and the fix', () => {
      const before = endpoint.fake?.stats().total ?? 0;
      const validation = create(null).validateConfig();
      expect(validation.ok).toBe(false);
      expect(validation.problems.length).toBeGreaterThan(0);
      for (const problem of validation.problems) {
        expect(problem.setting.length).toBeGreaterThan(0);
        expect(problem.message.length).toBeGreaterThan(0);
        expect(problem.fix.length).toBeGreaterThan(0);
      }
      expect(create().validateConfig()).toEqual({ ok: true, problems: [] });
      expect(endpoint.fake?.stats().total ?? 0).toBe(before);
    });

    it('answers a question with ordered 1-based citations whose offsets lie in the answer', async () => {
      const platform = create();
      const question = 'best email builders for enterprise teams';
      const result = await platform.execute(query(question), context);
      expect(checkPlatformResult(result, options.name)).toEqual([]);
      expect(result.answer.length).toBeGreaterThan(0);
      const fake = endpoint.fake;
      if (!fake) return;
      // The built-in server always labels its answers, cites pages on its domains and reports usage.
      expect(result.answer).toContain(SIMULATED_LABEL);
      expect(result.answer).toContain(question);
      expect(result.citations.length).toBeGreaterThan(0);
      for (const citation of result.citations) {
        expect(CONFORMANCE_DOMAINS, `citation ${citation.url} should name the cited page`).toContain(
          new URL(citation.url).hostname,
        );
      }
      expect(result.usage).not.toBeNull();
      if (platform.capabilities.searchQueries && options.provider !== 'openai-chat') {
        expect(result.searchQueries.length).toBeGreaterThan(0);
      }
      const stats = fake.stats();
      expect(stats.byProvider[options.provider!]).toBeGreaterThan(0);
      const sent = stats.requests.filter((r) => r.provider === options.provider).at(-1);
      expect(JSON.stringify(sent?.body)).toContain(question);
    });

    it('gives a non-negative cost from usage that equals getCost({ kind: "actual" })', async () => {
      const platform = create();
      const result = await platform.execute(query('cheapest email platform for startups'), context);
      expect(result.cost.totalUsd).toBeGreaterThanOrEqual(0);
      if (result.usage) {
        const again = platform.getCost({
          kind: 'actual',
          usage: result.usage,
          model: result.model,
          raw: result.raw,
        });
        expect(again.totalUsd).toBeCloseTo(result.cost.totalUsd, 10);
        expect(again.source).toBe(result.cost.source);
      }
      const estimate = platform.getCost({ kind: 'estimate', query: query('a question to estimate') });
      expect(estimate.totalUsd).toBeGreaterThanOrEqual(0);
      expect(estimate.source).toBe('estimate');
    });

    it('maps a 429 to a retryable rate_limited error with retryAfterMs', async () => {
      const error = await failWith('rate-limit');
      expect(error.kind).toBe('rate_limited');
      expect(error.isRetryable).toBe(true);
      expect(error.retryAfterMs).toBeGreaterThan(0);
    });

    it('maps a quota error to a non-retryable error that stops the platform', async () => {
      const error = await failWith('quota');
      expect(error.kind).toBe('quota_exceeded');
      expect(error.isRetryable).toBe(false);
      expect(error.stopsPlatform).toBe(true);
    });

    it('maps a 500 to a retryable error', async () => {
      const error = await failWith('server-error');
      expect(error.isRetryable).toBe(true);
      expect(error.status).toBe(500);
    });

    it('maps an unreadable 200 body to malformed_response', async () => {
      const error = await failWith('malformed');
      expect(error.kind).toBe('malformed_response');
    });

    it('settles as cancelled soon after the signal aborts while the provider holds the request', async () => {
      scenario = 'hold';
      const controller = new AbortController();
      const pending = create().execute(query('conformance held question'), context, {
        signal: controller.signal,
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
      const abortedAt = Date.now();
      controller.abort();
      const error = await expectPlatformError(pending, options.name);
      expect(error.kind).toBe('cancelled');
      expect(error.isRetryable).toBe(false);
      expect(Date.now() - abortedAt).toBeLessThan(options.cancelWithinMs ?? 5_000);
    });

    it('settles as cancelled when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await expectPlatformError(
        create().execute(query('conformance pre-aborted question'), context, { signal: controller.signal }),
        options.name,
      );
      expect(error.kind).toBe('cancelled');
    });

    it('keeps the API key out of results, errors and provider messages that echo it', async () => {
      const result = await create().execute(query('which email tool has the best templates'), context);
      expectNoKey(result.raw, 'result.raw');
      expectNoKey(result.providerMetadata, 'result.providerMetadata');
      expectNoKey(result, 'the result');
      for (const which of ['rate-limit', 'quota', 'server-error', 'malformed', 'auth-echo'] as const) {
        const error = await failWith(which);
        expectNoKey(error.message, `the ${which} error message`);
        expectNoKey(JSON.stringify(error.toJSON()), `the ${which} error's JSON`);
        expectNoKey(error, `the ${which} error`);
      }
      const auth = await failWith('auth-echo');
      expect(auth.kind).toBe('authentication');
      expect(auth.stopsPlatform).toBe(true);
    });

    const recorded = recordedResponses(options.provider);
    describe('real recorded responses', () => {
      let replay: FakeHttpServer;
      let body = '';
      beforeAll(async () => {
        replay = await startFakeHttpServer((request, response) => {
          request.resume();
          if (request.method !== 'POST') {
            response.writeHead(404).end();
            return;
          }
          response.writeHead(200, { 'content-type': 'application/json' }).end(body);
        });
      });
      afterAll(async () => {
        await replay?.close();
      });
      if (recorded.length === 0) {
        it.skip('(no recorded responses: ../shared/fixtures/providers not found or no provider given)', () => {});
      }
      for (const response of recorded) {
        it(`reads ${response.name}`, async () => {
          body = response.body(replay.url);
          const platform = options.createPlatform({ baseUrl: replay.url, apiKey });
          const result = await platform.execute(query('a recorded question'), context);
          expect(checkPlatformResult(result, options.name)).toEqual([]);
          expect(result.answer.length).toBeGreaterThan(0);
          expectNoKey(result, 'the result');
        });
      }
    });
  });
}

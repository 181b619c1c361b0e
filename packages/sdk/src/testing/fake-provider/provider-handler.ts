import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody, sendJson } from '../fake-http-server.js';
import { createFaultPicker, createLatency } from './faults-and-latency.js';
import { GROUNDING_REDIRECT_PATH, urlFromGroundingToken } from './formats/gemini.js';
import { type ErrorCase, providerError } from './provider-errors.js';
import { type RateDecision, RateLimiter } from './rate-limiter.js';
import { RenderCache } from './render-cache.js';
import { apiKeyOf, modelOf, questionOf, routeProvider } from './request-routing.js';
import type { RequestStats } from './request-stats.js';
import { successHeaders } from './success-reply.js';
import type { FakeProviderKind, FakeProviderServerOptions, FakeRequestContext, FaultKind } from './types.js';

const POISON_BODY = '{"citebots_simulated":true,"id":"poison","choices":[{"message":{"content":"\\';

export interface ProviderHandler {
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Clears the rate-limit windows. */
  reset(): void;
  /** Cancels every held timer (on close). */
  dispose(): void;
}

export function createProviderHandler(
  options: FakeProviderServerOptions,
  stats: RequestStats,
  serverUrl: () => string,
): ProviderHandler {
  const settings = {
    brands: options.brands ?? ['Brand A', 'Brand B', 'Brand C'],
    domains: options.domains ?? ['example.com', 'example.org', 'example.net'],
    label: options.label ?? true,
    seed: options.seed ?? 0,
  };
  const limiter = options.rateLimits ? new RateLimiter(options.rateLimits) : null;
  const pickFault = createFaultPicker(options.faults);
  const latencyOf = createLatency(options.latency);
  const validKeys = options.validKeys ? new Set(options.validKeys) : null;
  const timers = new Set<NodeJS.Timeout>();
  const renders = new RenderCache(settings);
  const runId = Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0');

  function later(ms: number, fn: () => void, response: ServerResponse): void {
    if (ms <= 0) {
      fn();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    response.once('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  function sendError(
    response: ServerResponse,
    provider: FakeProviderKind,
    c: ErrorCase,
    model: string,
    requestId: string,
  ): void {
    const reply = providerError(provider, c, model, requestId);
    stats.status(reply.status);
    response.writeHead(reply.status, {
      ...reply.headers,
      'content-length': Buffer.byteLength(reply.body),
      'x-citebots-simulated': 'true',
    });
    response.end(reply.body);
  }

  function respond(
    response: ServerResponse,
    ctx: FakeRequestContext,
    fault: FaultKind | 'poison' | null,
    rate: RateDecision | null,
    requestId: string,
  ) {
    const { provider, model } = ctx;
    const limit = options.rateLimits?.requestsPerMinute ?? 60;
    switch (fault) {
      case '429':
        return sendError(
          response,
          provider,
          { kind: 'rate_limit', retryAfterMs: 1000, limit },
          model,
          requestId,
        );
      case 'quota':
        return sendError(response, provider, { kind: 'quota' }, model, requestId);
      case '500':
        return sendError(response, provider, { kind: 'server' }, model, requestId);
      case 'auth': {
        const echoKey = options.echoKeyInErrors ? ctx.apiKey : null;
        return sendError(response, provider, { kind: 'auth', echoKey }, model, requestId);
      }
      case '529':
        return sendError(response, provider, { kind: 'overloaded' }, model, requestId);
      case 'reset':
        response.socket?.destroy();
        return;
      case 'timeout':
        later(options.timeoutFaultMs ?? 120_000, () => response.socket?.destroy(), response);
        return;
      case 'poison':
        stats.status(200);
        return sendJson(response, 200, POISON_BODY, successHeaders(provider, requestId, rate));
    }
    const text = renders.render(
      provider,
      { model, question: ctx.question, body: (ctx.body ?? {}) as Record<string, unknown> },
      serverUrl(),
      requestId,
      Math.floor(Date.now() / 1000),
    );
    stats.status(200);
    const body = fault === 'malformed' ? text.slice(0, Math.floor(text.length / 2)) : text;
    sendJson(response, 200, body, successHeaders(provider, requestId, rate));
  }

  function handleProvider(request: IncomingMessage, response: ServerResponse, url: URL, body: unknown) {
    const route = routeProvider(url.pathname, body);
    if (!route) {
      stats.status(404);
      return sendJson(response, 404, {
        error: { message: `The fake provider has no route ${url.pathname}` },
      });
    }
    const { provider } = route;
    const rawKey = apiKeyOf(request.headers, url.searchParams);
    const apiKey = rawKey ?? 'anonymous';
    const now = Date.now();
    const keySequence = stats.providerRequest(provider, apiKey, now);
    response.once('close', () => stats.providerFinished(apiKey));
    const ctx: FakeRequestContext = {
      provider,
      method: request.method ?? 'POST',
      path: url.pathname,
      apiKey,
      model: route.pathModel ?? modelOf(body),
      question: questionOf(provider, body),
      sequence: ++stats.sequence,
      keySequence,
      body,
      headers: request.headers,
    };
    stats.record({ method: ctx.method, path: ctx.path, provider, apiKey, body, headers: request.headers });
    const requestId = `req_${runId}${ctx.sequence.toString(16).padStart(8, '0')}`;
    const { model } = ctx;

    if (body === null) {
      return sendError(
        response,
        provider,
        { kind: 'bad_request', message: 'The request body is not valid JSON.' },
        model,
        requestId,
      );
    }
    if (!rawKey || (validKeys && !validKeys.has(rawKey))) {
      const echoKey = options.echoKeyInErrors ? rawKey : null;
      return sendError(response, provider, { kind: 'auth', echoKey }, model, requestId);
    }
    if (!model) {
      return sendError(
        response,
        provider,
        { kind: 'bad_request', message: 'model is required.' },
        model,
        requestId,
      );
    }
    let rate: RateDecision | null = null;
    if (limiter) {
      rate = limiter.check(apiKey, now);
      if (!rate.allowed) {
        stats.limited(apiKey);
        return sendError(
          response,
          provider,
          { kind: 'rate_limit', retryAfterMs: rate.resetMs, limit: rate.limit },
          model,
          requestId,
        );
      }
    }
    const fault = options.poison?.(ctx) ? 'poison' : pickFault(ctx);
    if (fault) stats.fault(fault);
    const decided = rate;
    later(latencyOf(ctx), () => respond(response, ctx, fault, decided, requestId), response);
  }

  return {
    handle(request, response) {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      stats.arrived(url.pathname);
      response.once('close', () => stats.finished());
      if (
        url.pathname.startsWith(GROUNDING_REDIRECT_PATH) &&
        (request.method === 'GET' || request.method === 'HEAD')
      ) {
        const target = urlFromGroundingToken(url.pathname.slice(GROUNDING_REDIRECT_PATH.length));
        stats.status(target ? 302 : 404);
        response.writeHead(
          target ? 302 : 404,
          target ? { location: target, 'content-length': 0 } : { 'content-length': 0 },
        );
        response.end();
        return;
      }
      if (request.method === 'GET' && url.pathname === '/health') {
        stats.status(200);
        return sendJson(response, 200, { ok: true, citebots_simulated: true });
      }
      if (request.method !== 'POST') {
        stats.status(405);
        return sendJson(response, 405, {
          error: { message: `The fake provider does not answer ${request.method}` },
        });
      }
      readJsonBody(request).then(
        (body) => handleProvider(request, response, url, body),
        () => response.destroy(),
      );
    },
    reset() {
      limiter?.reset();
    },
    dispose() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

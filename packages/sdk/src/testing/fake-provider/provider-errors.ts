import type { FakeProviderKind } from './types.js';

export type ErrorCase =
  | { kind: 'rate_limit'; retryAfterMs: number; limit: number }
  | { kind: 'quota' }
  | { kind: 'server' }
  | { kind: 'overloaded' }
  | { kind: 'auth'; echoKey: string | null }
  | { kind: 'bad_request'; message: string }
  | { kind: 'not_found'; message: string };

export interface ErrorReply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): ErrorReply {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}

function retryHeaders(ms: number): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) };
}

function keyText(echoKey: string | null): string {
  return echoKey ? ` provided: ${echoKey}` : '';
}

function openai(c: ErrorCase, model: string): ErrorReply {
  const error = (status: number, message: string, type: string, code: string | null, h = {}) =>
    json(status, { error: { message, type, param: null, code } }, h);
  switch (c.kind) {
    case 'rate_limit':
      return error(
        429,
        `Rate limit reached for ${model} in organization org-citebots-fake on requests per min (RPM): ` +
          `Limit ${c.limit}, Used ${c.limit}, Requested 1. Please try again in ${c.retryAfterMs}ms.`,
        'requests',
        'rate_limit_exceeded',
        {
          ...retryHeaders(c.retryAfterMs),
          'retry-after-ms': String(c.retryAfterMs),
          'x-ratelimit-limit-requests': String(c.limit),
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': `${c.retryAfterMs}ms`,
        },
      );
    case 'quota':
      return error(
        429,
        'You exceeded your current quota, please check your plan and billing details.',
        'insufficient_quota',
        'insufficient_quota',
      );
    case 'server':
      return error(
        500,
        'The server had an error while processing your request. Sorry about that!',
        'server_error',
        null,
      );
    case 'overloaded':
      return error(503, 'The engine is currently overloaded, please try again later.', 'server_error', null);
    case 'auth':
      return error(
        401,
        `Incorrect API key${keyText(c.echoKey)}.`,
        'invalid_request_error',
        'invalid_api_key',
      );
    case 'bad_request':
      return error(400, c.message, 'invalid_request_error', null);
    case 'not_found':
      return error(404, c.message, 'invalid_request_error', 'model_not_found');
  }
}

function perplexity(c: ErrorCase): ErrorReply {
  const error = (status: number, message: string, type: string, h = {}) =>
    json(status, { error: { message, type, code: status } }, h);
  switch (c.kind) {
    case 'rate_limit':
      return error(
        429,
        'Rate limit exceeded. Please slow down.',
        'rate_limit_exceeded',
        retryHeaders(c.retryAfterMs),
      );
    case 'quota':
      return error(
        429,
        'Insufficient credits. Add credits to your API account to continue.',
        'insufficient_quota',
      );
    case 'server':
      return error(500, 'Internal server error', 'internal_server_error');
    case 'overloaded':
      return error(503, 'Service temporarily unavailable', 'service_unavailable');
    case 'auth':
      // Perplexity answers a bad key with an HTML page.
      return {
        status: 401,
        body: `<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>openresty${c.echoKey ? ` (key ${c.echoKey})` : ''}</center></body></html>`,
        headers: { 'content-type': 'text/html' },
      };
    case 'bad_request':
      return error(400, c.message, 'invalid_request');
    case 'not_found':
      return error(400, c.message, 'invalid_model');
  }
}

function anthropic(c: ErrorCase, requestId: string): ErrorReply {
  const error = (status: number, type: string, message: string, h = {}, details?: unknown) =>
    json(
      status,
      { type: 'error', error: { type, message, ...(details ? { details } : {}) }, request_id: requestId },
      { 'request-id': requestId, ...h },
    );
  switch (c.kind) {
    case 'rate_limit':
      return error(
        429,
        'rate_limit_error',
        'This request would exceed the rate limit for your organization of requests per minute.',
        {
          ...retryHeaders(c.retryAfterMs),
          'anthropic-ratelimit-requests-limit': String(c.limit),
          'anthropic-ratelimit-requests-remaining': '0',
          'anthropic-ratelimit-requests-reset': new Date(Date.now() + c.retryAfterMs).toISOString(),
        },
      );
    case 'quota':
      return error(
        429,
        'rate_limit_error',
        'You have reached your API usage limits for this month. You will regain access on the first of next month.',
        {},
        { error_code: 'enforced_spend_limit_reached' },
      );
    case 'server':
      return error(500, 'api_error', 'Internal server error');
    case 'overloaded':
      return error(529, 'overloaded_error', 'Overloaded');
    case 'auth':
      return error(401, 'authentication_error', `invalid x-api-key${keyText(c.echoKey)}`);
    case 'bad_request':
      return error(400, 'invalid_request_error', c.message);
    case 'not_found':
      return error(404, 'not_found_error', c.message);
  }
}

function gemini(c: ErrorCase): ErrorReply {
  const error = (code: number, status: string, message: string, details?: unknown[], h = {}) =>
    json(code, { error: { code, message, status, ...(details ? { details } : {}) } }, h);
  switch (c.kind) {
    case 'rate_limit':
      return error(
        429,
        'RESOURCE_EXHAUSTED',
        'You exceeded your current quota, please check your plan and billing details.',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }],
          },
          {
            '@type': 'type.googleapis.com/google.rpc.RetryInfo',
            retryDelay: `${(c.retryAfterMs / 1000).toFixed(1)}s`,
          },
        ],
        retryHeaders(c.retryAfterMs),
      );
    case 'quota':
      return error(
        429,
        'RESOURCE_EXHAUSTED',
        'You exceeded your current quota, please check your plan and billing details.',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }],
          },
        ],
      );
    case 'server':
      return error(
        500,
        'INTERNAL',
        'An internal error has occurred. Please retry or report in the troubleshooting guide.',
      );
    case 'overloaded':
      return error(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
    case 'auth':
      return error(
        400,
        'INVALID_ARGUMENT',
        `API key not valid. Please pass a valid API key.${c.echoKey ? ` (${c.echoKey})` : ''}`,
        [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
          },
        ],
      );
    case 'bad_request':
      return error(400, 'INVALID_ARGUMENT', c.message);
    case 'not_found':
      return error(404, 'NOT_FOUND', c.message);
  }
}

/** The error body, status and headers the named provider sends for this case. */
export function providerError(
  provider: FakeProviderKind,
  c: ErrorCase,
  model: string,
  requestId: string,
): ErrorReply {
  switch (provider) {
    case 'perplexity':
      return perplexity(c);
    case 'anthropic':
      return anthropic(c, requestId);
    case 'gemini':
      return gemini(c);
    default: {
      const reply = openai(c, model);
      reply.headers['x-request-id'] = requestId;
      return reply;
    }
  }
}

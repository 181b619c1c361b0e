import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/errors/platform-error.js';
import { httpError, postJson } from '../../src/platform-utils/index.js';

let server: Server;
let url = '';
let reply: (res: import('node:http').ServerResponse) => void = (res) => res.end('{}');

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => reply(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const call = (extra: Partial<Parameters<typeof postJson>[0]> = {}) =>
  postJson({ platform: 'test', url, headers: {}, body: { a: 1 }, timeoutMs: 2000, ...extra });

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

describe('postJson', () => {
  it('returns the parsed body, the request id and the rate-limit snapshot', async () => {
    reply = (res) => {
      res.writeHead(200, { 'x-request-id': 'r1', 'x-ratelimit-remaining-requests': '3' });
      res.end('{"ok":true}');
    };
    const response = await call();
    expect(response.body).toEqual({ ok: true });
    expect(response.requestId).toBe('r1');
    expect(response.rateLimit?.remainingRequests).toBe(3);
  });

  it('maps non-2xx through the mapper, with the status kind by default', async () => {
    reply = (res) => {
      res.writeHead(503, { 'retry-after': '4' });
      res.end('<html>down</html>');
    };
    const error = await failure(call());
    expect(error.kind).toBe('server_error');
    expect(error.retryAfterMs).toBe(4000);
    const mapped = await failure(call({ mapError: (info) => httpError(info, { kind: 'overloaded' }) }));
    expect(mapped.kind).toBe('overloaded');
  });

  it('maps a non-JSON 200 to malformed_response', async () => {
    reply = (res) => res.end('nope');
    expect((await failure(call())).kind).toBe('malformed_response');
  });

  it('tells cancellation, timeout and network failures apart', async () => {
    reply = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await failure(call({ signal: controller.signal }))).kind).toBe('cancelled');
    expect((await failure(call({ timeoutMs: 50 }))).kind).toBe('timeout');
    expect((await failure(call({ url: 'http://127.0.0.1:1' }))).kind).toBe('network');
  });
});

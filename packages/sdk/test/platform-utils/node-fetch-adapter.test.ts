import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeFetch } from '../../src/platform-utils/index.js';
import { useLocalServer } from './local-server.js';

const local = useLocalServer();

async function refusedUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('nodeFetch', () => {
  it('sends method, Headers and a string body, and answers with a standard Response', async () => {
    let seen: Record<string, unknown> = {};
    local.setHandler((req, body, res) => {
      seen = {
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        length: req.headers['content-length'],
        body,
      };
      res.writeHead(201, 'Made', [
        ['Content-Type', 'application/json'],
        ['X-Request-Id', 'r7'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
      ]);
      res.end('{"ok":"é"}');
    });
    const response = await nodeFetch(`${local.url()}/v1/x?y=1`, {
      method: 'post',
      headers: new Headers({ Authorization: 'Bearer k', 'Content-Type': 'application/json' }),
      body: '{"q":"ä"}',
    });
    expect(seen).toEqual({
      method: 'POST',
      url: '/v1/x?y=1',
      auth: 'Bearer k',
      type: 'application/json',
      length: '10',
      body: '{"q":"ä"}',
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.ok).toBe(true);
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.headers.get('x-request-id')).toBe('r7');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ ok: 'é' });
  });

  it('hands over a gzip body decoded, without the headers that described the encoded one', async () => {
    local.setHandler((_req, _body, res) => {
      const zipped = gzipSync('{"zipped":true}');
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(zipped.length) });
      res.end(zipped);
    });
    const response = await nodeFetch(local.url(), { method: 'POST', body: '{}' });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBeNull();
    expect(await response.text()).toBe('{"zipped":true}');
  });

  it('answers a non-2xx status as a Response, not a rejection', async () => {
    local.setHandler((_req, _body, res) => {
      res.writeHead(429, { 'retry-after': '3' });
      res.end('{"error":{"message":"slow down"}}');
    });
    const response = await nodeFetch(new URL(local.url()), { method: 'POST', body: '{}' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ error: { message: 'slow down' } });
  });

  it('sends a GET without a body and gives a 204 a null body', async () => {
    let seen: { method?: string; length?: string; body?: string } = {};
    local.setHandler((req, body, res) => {
      seen = { method: req.method, length: req.headers['content-length'], body };
      res.writeHead(204);
      res.end();
    });
    const response = await nodeFetch(local.url());
    expect(seen).toEqual({ method: 'GET', length: undefined, body: '' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('reads other body kinds whole, with the content type they imply', async () => {
    let seen: { type?: string; body?: string } = {};
    local.setHandler((req, body, res) => {
      seen = { type: req.headers['content-type'], body };
      res.end('{}');
    });
    await nodeFetch(local.url(), { method: 'POST', body: new URLSearchParams({ a: '1', b: 'x y' }) });
    expect(seen).toEqual({ type: 'application/x-www-form-urlencoded;charset=UTF-8', body: 'a=1&b=x+y' });
    await nodeFetch(local.url(), { method: 'POST', body: new TextEncoder().encode('bytes') });
    expect(seen.body).toBe('bytes');
    await nodeFetch(new Request(`${local.url()}/r`, { method: 'PUT', body: 'from a Request' }));
    expect(seen.body).toBe('from a Request');
  });

  it('rejects with the signal reason when aborted while the server holds the request', async () => {
    local.setHandler(() => {});
    const controller = new AbortController();
    const pending = nodeFetch(local.url(), { method: 'POST', body: '{}', signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const already = AbortSignal.abort(new Error('gone'));
    await expect(nodeFetch(local.url(), { signal: already })).rejects.toThrow('gone');
  });

  it('rejects a refused connection like fetch: TypeError with the socket error as cause', async () => {
    const error = await nodeFetch(await refusedUrl(), { method: 'POST', body: '{}' }).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed');
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses a URL that is not http(s)', async () => {
    await expect(nodeFetch('ftp://example.test/x')).rejects.toThrow(/unsupported protocol/);
  });
});

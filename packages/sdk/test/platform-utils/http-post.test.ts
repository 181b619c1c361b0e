import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { httpPost } from '../../src/platform-utils/http-post.js';
import { postJson } from '../../src/platform-utils/index.js';
import { useLocalServer } from './local-server.js';

const local = useLocalServer();

describe('httpPost', () => {
  it('sends the body with its length and headers, and reads status, headers and text', async () => {
    let seen: { method?: string; length?: string; auth?: string; body?: string } = {};
    local.setHandler((req, body, res) => {
      seen = {
        method: req.method,
        length: req.headers['content-length'],
        auth: req.headers.authorization,
        body,
      };
      res.writeHead(201, [
        ['X-Request-Id', 'r9'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
      ]);
      res.end('héllo');
    });
    const response = await httpPost(`${local.url()}/p`, { authorization: 'Bearer k' }, '{"q":"ä"}');
    expect(seen).toEqual({ method: 'POST', length: '10', auth: 'Bearer k', body: '{"q":"ä"}' });
    expect(response.status).toBe(201);
    expect(response.text).toBe('héllo');
    expect(response.headers.get('x-request-ID')).toBe('r9');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('missing')).toBeNull();
  });

  it('decodes a gzip answer a server sends unasked', async () => {
    local.setHandler((_req, _body, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync('{"zipped":true}'));
    });
    expect((await httpPost(local.url(), {}, '{}')).text).toBe('{"zipped":true}');
  });

  it('keeps the connection alive between calls', async () => {
    const ports: number[] = [];
    local.setHandler((req, _body, res) => {
      ports.push(req.socket.remotePort ?? 0);
      res.end('{}');
    });
    await httpPost(local.url(), {}, '{}');
    await httpPost(local.url(), {}, '{}');
    expect(ports).toHaveLength(2);
    expect(ports[1]).toBe(ports[0]);
  });

  it('refuses a URL that is not http(s)', async () => {
    await expect(httpPost('ftp://example.test/x', {}, '{}')).rejects.toThrow(/unsupported protocol/);
  });
});

describe('postJson over httpPost', () => {
  it('cancels while the answer body is still arriving', async () => {
    local.setHandler((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await postJson({
      platform: 'test',
      url: local.url(),
      headers: {},
      body: {},
      timeoutMs: 2000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((error as { kind?: string }).kind).toBe('cancelled');
  });

  it('times out while the answer body is still arriving', async () => {
    local.setHandler((_req, _body, res) => {
      res.writeHead(200);
      res.write('{');
    });
    const error = await postJson({
      platform: 'test',
      url: local.url(),
      headers: {},
      body: {},
      timeoutMs: 80,
    }).catch((e: unknown) => e);
    expect((error as { kind?: string; message?: string }).kind).toBe('timeout');
    expect((error as Error).message).toContain('80 ms');
  });

  it('sends through a given fetch instead', async () => {
    const calls: string[] = [];
    const response = await postJson({
      platform: 'test',
      url: 'http://fetch.test/x',
      headers: {},
      body: { a: 1 },
      timeoutMs: 1000,
      fetch: async (input, init) => {
        calls.push(`${String(input)} ${String(init?.body)}`);
        return new Response('{"via":"fetch"}', { status: 200, headers: { 'x-request-id': 'f1' } });
      },
    });
    expect(calls).toEqual(['http://fetch.test/x {"a":1}']);
    expect(response.body).toEqual({ via: 'fetch' });
    expect(response.requestId).toBe('f1');
  });
});

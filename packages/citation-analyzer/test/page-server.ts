import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixture, fixtureBytes } from './helpers.js';

export interface PageServer {
  origin: string;
  port: number;
  /** Requests per path (query included). */
  hits: Map<string, number>;
  userAgents: string[];
  /** Bytes written to the socket of /huge before the client hung up. */
  hugeBytesSent: () => number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, server: { origin: string; count: number }) => void;

const html = (res: ServerResponse, body: string | Buffer, type = 'text/html; charset=utf-8', extra = {}) => {
  res.writeHead(200, { 'content-type': type, ...extra });
  res.end(body);
};

/** A local web site on 127.0.0.1 (port 0) serving the fixtures and every failure mode the crawler handles. */
export async function startPageServer(): Promise<PageServer> {
  const hits = new Map<string, number>();
  const userAgents: string[] = [];
  let hugeSent = 0;
  const routes: Record<string, Handler> = {
    '/robots.txt': (_q, res) => html(res, fixture('robots.txt'), 'text/plain'),
    '/blog.html': (_q, res) => html(res, fixture('blog-article.html')),
    '/faq.html': (_q, res) => html(res, fixture('faq-page.html')),
    '/noindex.html': (_q, res) =>
      html(res, fixture('noindex-page.html'), 'text/html', { 'x-robots-tag': 'noindex' }),
    '/latin1.html': (_q, res) => html(res, fixtureBytes('windows-1252-page.html'), 'text/html'),
    '/no-type.html': (_q, res) => {
      res.writeHead(200);
      res.end(fixture('faq-page.html'));
    },
    '/report.pdf': (_q, res) => html(res, '%PDF-1.7 not html', 'application/pdf'),
    '/no-bots/page.html': (_q, res) => html(res, '<title>hidden</title>'),
    '/no-bots/allowed.html': (_q, res) => html(res, '<title>allowed</title>'),
    '/redirect/1': (_q, res) => {
      res.writeHead(301, { location: '/redirect/2' });
      res.end();
    },
    '/redirect/2': (_q, res, s) => {
      res.writeHead(302, { location: `${s.origin}/blog.html?utm_source=redirect` });
      res.end();
    },
    '/loop': (_q, res) => {
      res.writeHead(302, { location: '/loop' });
      res.end();
    },
    '/chain/0': (req, res) => {
      const n = Number(req.url!.split('/')[2] ?? 0);
      res.writeHead(302, { location: `/chain/${n + 1}` });
      res.end();
    },
    '/to-metadata': (_q, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    },
    '/to-private': (_q, res) => {
      res.writeHead(307, { location: 'http://10.0.0.1/admin' });
      res.end();
    },
    '/to-ftp': (_q, res) => {
      res.writeHead(302, { location: 'ftp://127.0.0.1/file' });
      res.end();
    },
    '/missing': (_q, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>not found</h1>');
    },
    '/flaky': (_q, res, s) => {
      if (s.count === 1) {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('busy');
      } else html(res, '<title>recovered</title><p>ok</p>');
    },
    '/reset': (req, res, s) => {
      if (s.count === 1) req.socket.destroy();
      else html(res, '<title>after reset</title>');
    },
    '/rate-limited': (_q, res, s) => {
      if (s.count === 1) {
        res.writeHead(429, { 'retry-after': '0' });
        res.end();
      } else html(res, '<title>after 429</title>');
    },
    '/rate-limited-long': (_q, res) => {
      res.writeHead(429, { 'retry-after': '3600' });
      res.end();
    },
    '/always-500': (_q, res) => {
      res.writeHead(500);
      res.end();
    },
    '/slow-headers': (_q, res) => {
      const timer = setTimeout(() => html(res, '<title>late</title>'), 2_000);
      res.on('close', () => clearTimeout(timer));
    },
    '/huge': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><title>Huge page</title></head><body>');
      const chunk = `<p>${'filler words for a very long page '.repeat(100)}</p>\n`;
      let written = 0;
      const pump = () => {
        while (written < 50 * 1024 * 1024) {
          written += chunk.length;
          hugeSent = written;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('</body></html>');
      };
      res.on('close', () => {
        written = Number.POSITIVE_INFINITY;
      });
      pump();
    },
  };
  const state = { origin: '' };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    userAgents.push(req.headers['user-agent'] ?? '');
    const bare = path.split('?')[0]!;
    const handler = routes[bare] ?? (bare.startsWith('/chain/') ? routes['/chain/0'] : undefined);
    if (handler) handler(req, res, { origin: state.origin, count });
    else if (bare.startsWith('/page/')) html(res, `<title>Page ${bare}</title><p>content of ${bare}</p>`);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.origin = `http://127.0.0.1:${port}`;
  return {
    origin: state.origin,
    port,
    hits,
    userAgents,
    hugeBytesSent: () => hugeSent,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

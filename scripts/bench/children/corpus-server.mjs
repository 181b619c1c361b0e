// Serves the corpus on 127.0.0.1 (GET /NAME/ -> NAME/source.html; robots.txt 404) in its own process.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { childArgs } from '../lib/child-result.mjs';
import { corpusPages } from '../lib/corpus.mjs';

const args = childArgs();
const pages = new Map(
  corpusPages(args.corpusDir).map((n) => [n, readFileSync(join(args.corpusDir, n, 'source.html'))]),
);
const server = createServer((request, response) => {
  const name = decodeURIComponent(new URL(request.url, 'http://x').pathname).replace(/^\/|\/$/g, '');
  const body = pages.get(name);
  if (!body) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  response
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length })
    .end(body);
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }));
process.on('message', (m) => {
  if (m === 'close') server.close(() => process.exit(0));
});

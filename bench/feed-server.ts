/**
 * The feeds bench's server, in its own process so that its CPU time is not counted as the
 * poller's: /feed/N serves feed N with an ETag (304 once the client has it); /fresh/N always
 * answers 200 with the same items. argv: feeds, items per feed. Prints the port, then serves.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syntheticFeed } from '../tests/support/feed-server.js';

const [feeds, items] = process.argv.slice(2).map(Number) as [number, number];
const bodies = Array.from({ length: feeds }, (_, i) => Buffer.from(syntheticFeed(`feed${i}`, items)));
/** Extra items per feed, added from the parent through POST /add/N. */
const extra = new Map<number, string>();

const server = createServer((req, res) => {
  const [, kind, n] = (req.url ?? '').split('/');
  const i = Number(n);
  if (req.method === 'POST' && kind === 'add') {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      extra.set(i, body);
      res.end('ok');
    });
    return;
  }
  const base = bodies[i];
  if (!base) return void res.writeHead(404).end();
  const body = extra.has(i) ? Buffer.from(base.toString().replace('<item>', `${extra.get(i)}<item>`)) : base;
  const etag = `"${i}-${body.length}"`;
  if (kind === 'feed' && req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml', etag: kind === 'feed' ? etag : `"${Date.now()}"` }).end(body);
});
server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));

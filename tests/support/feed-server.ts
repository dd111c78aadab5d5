import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;
/** A document served with an ETag (304 when the client has it), gzip-compressed when `gzip` is set. */
export interface Document {
  body: string | Buffer;
  type?: string;
  gzip?: boolean;
}

export interface FeedServer {
  /** Path → what it serves; change it between polls. */
  routes: Map<string, Document | Handler>;
  /** Requests per path. */
  hits: Map<string, number>;
  /** Request headers of the last request per path. */
  lastHeaders: Map<string, IncomingMessage['headers']>;
  url(pathname: string): string;
  close(): Promise<void>;
}

export function fixture(name: string): Buffer {
  return readFileSync(path.join('tests/fixtures/feeds', name));
}

/** A local HTTP server on 127.0.0.1 serving feed fixtures and misbehaving on demand. */
export async function startFeedServer(routes: Record<string, Document | Handler> = {}): Promise<FeedServer> {
  const state = {
    routes: new Map(Object.entries(routes)),
    hits: new Map<string, number>(),
    lastHeaders: new Map<string, IncomingMessage['headers']>(),
  };
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    state.hits.set(pathname, (state.hits.get(pathname) ?? 0) + 1);
    state.lastHeaders.set(pathname, req.headers);
    const route = state.routes.get(pathname);
    if (!route) return void res.writeHead(404).end('not found');
    if (typeof route === 'function') return route(req, res);
    const body = Buffer.from(route.body);
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    const headers: Record<string, string> = { 'content-type': route.type ?? 'application/rss+xml', etag };
    const gzip = route.gzip && /gzip/.test(String(req.headers['accept-encoding']));
    if (gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers).end(gzip ? gzipSync(body) : body);
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...state,
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An RSS 2.0 feed of `count` distinct dated items with two-sentence bodies (for scale tests and the bench). */
export function syntheticFeed(name: string, count: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    items.push(
      `<item><title>${name} report ${i}: harbour cargo volumes</title><link>https://${name}.example/story/${i}</link><guid>${name}-${i}</guid>` +
        `<pubDate>Mon, ${day} Sep 2025 10:00:00 +0000</pubDate><description>The ${name} desk filed report number ${i} on cargo moved through the harbour. ` +
        `Shipping agents counted ${1000 + i} containers and ${i % 17} delayed vessels in the week.</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${name}</title><link>https://${name}.example/</link><description>d</description>${items.join('')}</channel></rss>`;
}

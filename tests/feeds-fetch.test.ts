import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../src/feeds/address.js';
import { FetchError, SafeFetcher, USER_AGENT, type FetchPolicy, type Resolver } from '../src/feeds/fetch.js';
import { fixture, startFeedServer, type FeedServer } from './support/feed-server.js';

let server: FeedServer;
const fetchers: SafeFetcher[] = [];
afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
  await server?.close();
});

function fetcher(policy: FetchPolicy): SafeFetcher {
  const made = new SafeFetcher(policy);
  fetchers.push(made);
  return made;
}

/** Plays DNS: each name answers with the given addresses. */
const dns =
  (answers: Record<string, string[]>): Resolver =>
  async (hostname) =>
    (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, CGNAT, multicast, metadata, unspecified and their IPv6 forms', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::',
    ])
      expect([address, isPublicAddress(address)]).toEqual([address, false]);
  });

  it('accepts public IPv4 and IPv6 unicast addresses', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect([address, isPublicAddress(address)]).toEqual([address, true]);
  });
});

describe('SafeFetcher: server-side request forgery', () => {
  it('refuses a name resolving to 127.0.0.1 before any request reaches it, unless private addresses are allowed', async () => {
    server = await startFeedServer({ '/feed': { body: fixture('rss2.xml') } });
    const url = server.url('/feed').replace('127.0.0.1', 'news.test');
    const resolve = dns({ 'news.test': ['127.0.0.1'] });
    expect((await failure(fetcher({ resolve }).fetch(url))).message).toMatch(
      /news\.test resolves to 127\.0\.0\.1, which is not a public address/,
    );
    expect(server.hits.get('/feed')).toBeUndefined();
    const allowed = await fetcher({ resolve, allowPrivate: true }).fetch(url);
    expect(allowed.status).toBe('ok');
  });

  it('refuses a name with one private address among public ones', async () => {
    const resolve = dns({ 'mixed.test': ['93.184.216.34', '10.0.0.7'] });
    expect((await failure(fetcher({ resolve }).fetch('http://mixed.test/feed'))).message).toMatch(/10\.0\.0\.7/);
  });

  it('refuses literal private addresses, including IPv4-mapped IPv6', async () => {
    server = await startFeedServer({ '/feed': { body: fixture('rss2.xml') } });
    const port = new URL(server.url('/')).port;
    for (const url of [
      server.url('/feed'),
      `http://[::ffff:127.0.0.1]:${port}/feed`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
    ])
      expect((await failure(fetcher({}).fetch(url))).message).toMatch(/not a public address/);
    const mapped = dns({ 'mapped.test': ['::ffff:127.0.0.1'] });
    expect((await failure(fetcher({ resolve: mapped }).fetch(`http://mapped.test:${port}/feed`))).message).toMatch(/::ffff:127\.0\.0\.1/);
    expect(server.hits.get('/feed')).toBeUndefined();
  });

  it('checks every redirect: a public name redirecting to a private one is refused', async () => {
    server = await startFeedServer({
      '/go': (_req, res) => res.writeHead(302, { location: `http://intranet.test:${port}/feed` }).end(),
      '/meta': (_req, res) => res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/feed': { body: fixture('rss2.xml') },
    });
    const port = new URL(server.url('/')).port;
    // Stands in for a public host: only this name's address counts as public here.
    const policy: FetchPolicy = {
      resolve: dns({ 'public.test': ['127.0.0.1'], 'intranet.test': ['10.20.30.40'] }),
      isPublic: (a) => a === '127.0.0.1',
    };
    expect((await failure(fetcher(policy).fetch(`http://public.test:${port}/go`))).message).toMatch(
      /intranet\.test resolves to 10\.20\.30\.40/,
    );
    expect((await failure(fetcher(policy).fetch(`http://public.test:${port}/meta`))).message).toMatch(/169\.254\.169\.254/);
    expect(server.hits.get('/go')).toBe(1);
    expect(server.hits.get('/feed')).toBeUndefined();
  });

  it('fetches only http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/feed', 'gopher://example.com/'])
      expect((await failure(fetcher({}).fetch(url))).message).toMatch(/only http and https/);
  });
});

describe('SafeFetcher: HTTP', () => {
  it('names Newsdesk, asks for compression, decodes gzip, and gets a 304 with its validators', async () => {
    server = await startFeedServer({ '/feed': { body: fixture('rss2.xml'), gzip: true } });
    const safe = fetcher({ allowPrivate: true });
    const first = await safe.fetch(server.url('/feed'));
    if (first.status !== 'ok') throw new Error('expected a body');
    expect(Buffer.from(first.body).equals(fixture('rss2.xml'))).toBe(true);
    expect(server.lastHeaders.get('/feed')).toMatchObject({ 'user-agent': USER_AGENT, 'accept-encoding': expect.stringMatching(/gzip/) });
    expect(USER_AGENT).toMatch(/Newsdesk/);
    expect(await safe.fetch(server.url('/feed'), { etag: first.etag })).toEqual({ status: 'not-modified' });
  });

  it('reports 404 and 500, and Retry-After on 429 (seconds) and 503 (a date)', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    server = await startFeedServer({
      '/busy': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end(),
      '/down': (_req, res) => res.writeHead(503, { 'retry-after': new Date(now + 3_600_000).toUTCString() }).end(),
      '/error': (_req, res) => res.writeHead(500).end(),
    });
    const safe = fetcher({ allowPrivate: true, now: () => now });
    expect((await failure(safe.fetch(server.url('/missing')))).message).toMatch(/HTTP 404/);
    expect((await failure(safe.fetch(server.url('/error')))).message).toMatch(/HTTP 500/);
    expect((await failure(safe.fetch(server.url('/busy')))).retryAfterMs).toBe(120_000);
    expect((await failure(safe.fetch(server.url('/down')))).retryAfterMs).toBe(3_600_000);
  });

  it('stops a redirect loop after 5 redirects', async () => {
    server = await startFeedServer({ '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end() });
    expect((await failure(fetcher({ allowPrivate: true }).fetch(server.url('/loop')))).message).toMatch(/more than 5 redirects/);
    expect(server.hits.get('/loop')).toBe(6);
  });

  it('gives up on a slow server at the total time-out', async () => {
    server = await startFeedServer({
      '/silent': () => {},
      '/trickle': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<rss>');
      },
    });
    const safe = fetcher({ allowPrivate: true, totalTimeoutMs: 200 });
    expect((await failure(safe.fetch(server.url('/silent')))).message).toMatch(/timed out after 0.2 s/);
    expect((await failure(safe.fetch(server.url('/trickle')))).message).toMatch(/timed out/);
  });

  it('caps a 50 MB streamed body at 5 MB, and a small gzip body that inflates past it', async () => {
    let sent = 0;
    server = await startFeedServer({
      '/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (sent < 50 * 1024 * 1024 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => res.destroy());
        pump();
      },
      '/bomb': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(8 * 1024 * 1024))),
    });
    const safe = fetcher({ allowPrivate: true });
    expect((await failure(safe.fetch(server.url('/huge')))).message).toMatch(/larger than 5 MB/);
    expect(sent).toBeLessThan(50 * 1024 * 1024);
    expect((await failure(safe.fetch(server.url('/bomb')))).message).toMatch(/larger than 5 MB/);
  });
});

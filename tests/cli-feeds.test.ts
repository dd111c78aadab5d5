import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, startFeedServer, type FeedServer } from './support/feed-server.js';
import { runChild } from './support/spawn.js';

let server: FeedServer;
let root: string;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  server = await startFeedServer({
    '/rss': { body: fixture('rss2.xml') },
    '/atom': { body: fixture('atom.xml') },
    '/page': { body: fixture('not-a-feed.html'), type: 'text/html' },
  });
  root = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-feeds-'));
  env = {
    SEEDS_DIR: path.join(root, 'seeds'),
    STATE_DIR: path.join(root, 'state'),
    FEEDS_ALLOW_PRIVATE: '1',
    FEEDS_KEEP_DAYS: '',
    DISCORD_TOKEN: '',
  };
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const feeds = (args: string[], extra: NodeJS.ProcessEnv = {}) => runChild('src/cli/feeds.ts', args, { ...env, ...extra });
const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const articleFiles = (name: string) => {
  const dir = path.join(root, 'seeds', 'feeds', name);
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('npm run feeds', () => {
  it('add validates by fetching (writing no article), poll writes, list and remove report; --json lines keep the contract', async () => {
    const added = await feeds(['add', server.url('/rss'), '--every', '30']);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toMatch(/^Added feed "harbour-gazette" \(Harbour Gazette\): 2 items now, polled every 30 minutes\./);
    expect(articleFiles('harbour-gazette')).toEqual([]);
    expect((await feeds(['add', server.url('/atom'), '--name', 'Herald', '--full-text'])).code).toBe(0);

    const polled = await feeds(['poll', '--json']);
    expect(polled.code).toBe(0);
    expect(jsonLines(polled.stdout)).toEqual([
      { feed: 'harbour-gazette', url: server.url('/rss'), status: 'ok', new: 2, updated: 0, error: null },
      { feed: 'herald', url: server.url('/atom'), status: 'ok', new: 2, updated: 0, error: null },
    ]);
    expect(articleFiles('harbour-gazette')).toHaveLength(2);
    expect(jsonLines((await feeds(['poll', '--json'])).stdout).map((r) => r.status)).toEqual(['not-modified', 'not-modified']);

    const listed = jsonLines((await feeds(['list', '--json'])).stdout);
    expect(listed[0]).toMatchObject({
      feed: 'harbour-gazette',
      url: server.url('/rss'),
      title: 'Harbour Gazette',
      status: 'ok',
      every: 30,
      fullText: false,
      articles: 2,
      failures: 0,
      error: null,
    });
    expect(listed[1]).toMatchObject({ feed: 'herald', fullText: true, every: 15, articles: 2 });

    const kept = await feeds(['remove', 'harbour-gazette']);
    expect(kept).toMatchObject({ code: 0 });
    expect(kept.stdout).toMatch(/kept its 2 articles/);
    expect(articleFiles('harbour-gazette')).toHaveLength(2);
    const purged = await feeds(['remove', server.url('/atom'), '--purge']);
    expect(purged.stdout).toMatch(/deleted its 2 articles/);
    expect(articleFiles('herald')).toEqual([]);
    expect((await feeds(['list', '--json'])).stdout).toBe('');
    expect((await feeds(['remove', 'herald'])).code).toBe(1);
  }, 240_000);

  it('add exits 1 for a page that is not a feed, an unreachable feed, a duplicate, and a private address without FEEDS_ALLOW_PRIVATE', async () => {
    const page = await feeds(['add', server.url('/page')]);
    expect(page.code).toBe(1);
    expect(page.stderr).toMatch(/Not added: not a feed: the address serves an HTML page/);
    expect((await feeds(['add', server.url('/missing')])).stderr).toMatch(/Not added: HTTP 404/);
    const refused = await feeds(['add', server.url('/rss')], { FEEDS_ALLOW_PRIVATE: '' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not a public address/);
    expect((await feeds(['add', server.url('/rss')])).code).toBe(0);
    expect(await feeds(['add', server.url('/rss')])).toMatchObject({ code: 1, stderr: expect.stringMatching(/already in the list/) });
    expect(server.hits.get('/rss')).toBe(1);
  }, 240_000);

  it('bad usage exits 2 and changes nothing', async () => {
    const cases = [
      ['frobnicate'],
      ['add', 'not a url'],
      ['add', 'https://x.example/', '--every', '2'],
      ['list', '--purge'],
      ['poll', 'extra'],
    ];
    const codes = await Promise.all(cases.map(async (args) => [args, (await feeds(args)).code]));
    expect(codes).toEqual(cases.map((args) => [args, 2]));
    expect((await feeds(['poll', '--json'])).code).toBe(0);
    expect((await feeds(['list'], { FEEDS_KEEP_DAYS: 'soon' })).code).toBe(2);
    expect(existsSync(path.join(root, 'seeds'))).toBe(false);
  }, 240_000);
});

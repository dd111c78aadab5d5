import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { AnnounceStore } from '../src/bot/announce-store.js';
import { linkedTitle } from '../src/bot/escape.js';
import { renderAnnouncement } from '../src/bot/feed-message.js';
import { matchesKeywords, startFeeds, type Feeds } from '../src/bot/feeds.js';
import { limitProblem } from '../src/bot/limits.js';
import { loadSettings } from '../src/settings.js';
import type { OutgoingMessage, Sender } from '../src/digest/deliver.js';
import type { ArticleSearch } from '../src/search/article-search.js';
import { startFeedServer, syntheticFeed, type FeedServer } from './support/feed-server.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('linked titles', () => {
  it('links an escaped title to an http(s) address, and shows any other address as plain text', () => {
    expect(linkedTitle('Ferries *resume*', 'https://news.example/a?b=1')).toBe('[Ferries \\*resume\\*](https://news.example/a?b=1)');
    expect(linkedTitle('A [bracketed] title', 'http://x.example/(1)')).toBe('[A \\[bracketed\\] title](http://x.example/%281%29)');
    expect(linkedTitle('Plain', 'javascript:alert(1)')).toBe('Plain');
    expect(linkedTitle('Plain', null)).toBe('Plain');
    expect(linkedTitle('@everyone look', 'https://x.example/')).toBe('[@\u200beveryone look](https://x.example/)');
  });
});

describe('keywords', () => {
  it('match whole words and phrases, case-insensitively; no keywords match everything', () => {
    expect(matchesKeywords('The Port of Valletta reopened', ['port'])).toBe(true);
    expect(matchesKeywords('A report on cargo', ['port'])).toBe(false);
    expect(matchesKeywords('Night ferries to Sicily', ['bus', 'night ferries'])).toBe(true);
    expect(matchesKeywords('anything', [])).toBe(true);
  });
});

describe('announcement messages', () => {
  const article = (i: number) => ({
    title: `Story ${i}`,
    url: `https://news.example/${i}`,
    date: '2026-06-01',
    source: 'Harbour News',
    summary: ['A first sentence.', 'A second one.'],
  });

  it('a burst of 40 articles is a few messages within limits, each article once, never 40 posts', () => {
    const messages = renderAnnouncement(Array.from({ length: 40 }, (_, i) => article(i)));
    expect(messages).toHaveLength(4);
    expect(messages.every((m) => limitProblem(m) === null)).toBe(true);
    expect(messages.flatMap((m) => m.embeds)).toHaveLength(40);
    expect(messages[0]!.content).toBe('📰 **News feeds** · 40 new articles · part 1/4 · Story 0');
    expect(messages[0]!.embeds[0]).toEqual({
      description: '**[Story 0](https://news.example/0)**\nA first sentence. A second one.',
      footer: { text: '2026-06-01 · Harbour News' },
    });
  });
});

/** Discord in memory: a message per nonce (enforce_nonce), or a refusal while `refuse` is set. */
function memorySender() {
  const posts: { channelId: string; payload: OutgoingMessage; nonce: string }[] = [];
  const state = { refuse: false };
  const sender: Sender = {
    selfId: 'bot',
    async send(channelId, payload, nonce) {
      if (state.refuse) throw new Error('Missing Access');
      const index = posts.findIndex((p) => p.nonce === nonce);
      if (index < 0) posts.push({ channelId, payload, nonce });
      return { id: String(index < 0 ? posts.length : index + 1) };
    },
    recent: async () => [],
  };
  return { sender, posts, state };
}

describe('the announcement queue', () => {
  it('queues an article once per channel, even when a poll repeated after a crash reports it again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-announce-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = await AnnounceStore.open(dir);
    const entry = (n: number) => ({
      feed: 'burst',
      source: `feeds/burst/${n}.txt`,
      title: `Story ${n}`,
      date: null,
      url: null,
      queuedAt: 1,
    });
    await store.enqueue('g1', 'c1', [entry(1), entry(2)]);
    await store.enqueue('g1', 'c1', [entry(2), entry(3)]);
    await store.enqueue('g1', 'c2', [entry(2)]);
    const reopened = await AnnounceStore.open(dir);
    expect(reopened.channel('g1', 'c1')!.queue.map((e) => e.title)).toEqual(['Story 1', 'Story 2', 'Story 3']);
    expect(reopened.channel('g1', 'c2')!.queue.map((e) => e.title)).toEqual(['Story 2']);
  });
});

describe('the feeds service', () => {
  async function world(): Promise<{ feeds: Feeds; server: FeedServer; clock: { t: number }; memory: ReturnType<typeof memorySender> }> {
    const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-bot-feeds-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const settings = loadSettings(
      {
        DISCORD_TOKEN: 'token',
        DISCORD_CLIENT_ID: '100000000000000001',
        SEEDS_DIR: path.join(root, 'seeds'),
        STATE_DIR: path.join(root, 'state'),
        FEEDS_ALLOW_PRIVATE: '1',
        NEWSDESK_TEST_FEEDS_TICK_MS: '100',
      },
      { needArticles: false },
    );
    const server = await startFeedServer({ '/burst.xml': { body: syntheticFeed('burst', 2) } });
    cleanups.push(() => server.close());
    const clock = { t: Date.parse('2026-06-01T12:00:00Z') };
    const memory = memorySender();
    const client = { isReady: () => false, once: () => undefined, on: () => undefined } as unknown as Client;
    const index = { article: () => undefined } as unknown as ArticleSearch;
    const feeds = await startFeeds(client, {
      settings,
      clock: { now: () => clock.t, setTimeout: () => ({ cancel() {} }) },
      index,
      log: { info: () => {}, error: () => {} },
      sender: memory.sender,
      indexWaitMs: 0,
    });
    cleanups.push(() => feeds.close());
    const url = server.url('/burst.xml');
    await feeds.store.addFeed({ name: 'burst', url, title: 'Burst', fullText: false, everyMinutes: 5, addedAt: clock.t });
    await feeds.store.follow({ guildId: 'g1', feed: 'burst', channelId: 'c1', keywords: [], since: clock.t });
    return { feeds, server, clock, memory };
  }

  it('announces nothing on the first poll; a burst of 40 becomes one batch; at most one post per channel per minute', async () => {
    const { feeds, server, clock, memory } = await world();
    await feeds.tick();
    expect(memory.posts).toHaveLength(0);

    server.routes.set('/burst.xml', { body: syntheticFeed('burst', 42) });
    await feeds.tick();
    expect(memory.posts).toHaveLength(4);
    expect(memory.posts[0]!.payload.content).toMatch(/^📰 \*\*News feeds\*\* · 40 new articles · part 1\/4 · /);

    server.routes.set('/burst.xml', { body: syntheticFeed('burst', 43) });
    clock.t += 30_000;
    await feeds.tick();
    expect(memory.posts).toHaveLength(4); // the channel posted 30 s ago
    clock.t += 31_000;
    await feeds.tick();
    expect(memory.posts).toHaveLength(5);
    expect(memory.posts[4]!.payload.content).toBe('📰 **News feeds** · 1 new article · burst report 42: harbour cargo volumes');
    await feeds.tick();
    expect(memory.posts).toHaveLength(5);
  });

  it('a channel that refuses the bot: retried with back-off, then given up; the batch and its nonces survive a reopen', async () => {
    const { feeds, server, clock, memory } = await world();
    await feeds.tick();
    memory.state.refuse = true;
    server.routes.set('/burst.xml', { body: syntheticFeed('burst', 3) });
    await feeds.tick();
    const failed = feeds.announcements.channel('g1', 'c1')!;
    expect(failed.failure).toMatchObject({ message: 'Missing Access', attempts: 1, nextRetryAt: clock.t + 60_000 });
    const reopened = await AnnounceStore.open(feeds.announcements.dir);
    expect(reopened.channel('g1', 'c1')!.parts.map((p) => [p.nonce, p.status])).toEqual(failed.parts.map((p) => [p.nonce, 'pending']));

    await feeds.tick(); // not due yet
    expect(feeds.announcements.channel('g1', 'c1')!.failure!.attempts).toBe(1);
    for (let attempt = 2; attempt <= 5; attempt++) {
      clock.t = feeds.announcements.channel('g1', 'c1')!.failure!.nextRetryAt!;
      await feeds.tick();
      expect(feeds.announcements.channel('g1', 'c1')!.failure!.attempts).toBe(attempt);
    }
    const givenUp = feeds.announcements.channel('g1', 'c1')!;
    expect(givenUp.failure!.nextRetryAt).toBeNull();
    expect(givenUp.parts).toEqual([]);
    expect(memory.posts).toHaveLength(0);

    // the channel works again: the next new article is posted, and the failure is cleared
    memory.state.refuse = false;
    server.routes.set('/burst.xml', { body: syntheticFeed('burst', 4) });
    await feeds.tick();
    expect(memory.posts).toHaveLength(1);
    expect(feeds.announcements.channel('g1', 'c1')!.failure).toBeNull();
  });
});

import { existsSync, mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpora } from '../src/articles/load.js';
import { acquirePollLock, PollerBusyError } from '../src/feeds/lock.js';
import { FAILING_AFTER } from '../src/feeds/poller.js';
import { feedArticleCount, removeFeed } from '../src/feeds/remove.js';
import { FeedStore } from '../src/feeds/store.js';
import { fixture, startFeedServer, type FeedServer } from './support/feed-server.js';
import { feedWorld } from './support/feeds.js';

let server: FeedServer;
afterEach(() => server?.close());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('FeedPoller: formats and text', () => {
  it('writes RSS 2.0 items in the article format, then costs nothing on a 304', async () => {
    server = await startFeedServer({ '/rss': { body: fixture('rss2.xml') } });
    const world = await feedWorld();
    await world.add('gazette', server.url('/rss'));
    const [first] = await world.poller.pollAll();
    expect(first).toMatchObject({ feed: 'gazette', status: 'ok', new: 2, updated: 0, error: null, firstPoll: true });
    const ferry = first!.articles.find((a) => a.title === 'Ferry service resumes after storm')!;
    expect(await world.read(ferry.source)).toBe(
      'date 2025-06-10 Ferry service resumes after storm\n' +
        'url https://gazette.example/ferry-resumes?utm_source=rss&utm_medium=feed#top\n\n' +
        'The harbour ferry resumed its crossings on Tuesday after a three-day storm kept the boats in port.\n\n' +
        'Captain Mira Olsen said the first crossing carried forty passengers and two delivery vans.\n',
    );
    expect(ferry.source).toMatch(/^feeds\/gazette\/[0-9a-f]{20}\.txt$/);
    const { articles, skipped } = await loadCorpora([{ dir: world.seedsDir }]);
    expect(skipped).toEqual([]);
    expect(articles.map((a) => [a.title, a.date, a.url]).sort()).toEqual([
      ['Council approves new lighthouse budget', '2025-06-09', 'https://gazette.example/lighthouse-budget'],
      ['Ferry service resumes after storm', '2025-06-10', 'https://gazette.example/ferry-resumes?utm_source=rss&utm_medium=feed#top'],
    ]);

    const [second] = await world.poller.pollAll();
    expect(second).toMatchObject({ status: 'not-modified', new: 0, updated: 0, firstPoll: false, articles: [] });
    expect(server.hits.get('/rss')).toBe(2);
  });

  it('reads RDF 1.0, Atom 1.0 and JSON Feed 1.1, dating each item in its own offset (Atom: published, else updated)', async () => {
    server = await startFeedServer({
      '/rdf': { body: fixture('rdf.xml') },
      '/atom': { body: fixture('atom.xml'), type: 'application/atom+xml' },
      '/json': { body: fixture('feed.json'), type: 'application/feed+json' },
    });
    const world = await feedWorld();
    await world.add('valley', server.url('/rdf'));
    await world.add('herald', server.url('/atom'));
    await world.add('river', server.url('/json'));
    const reports = await world.poller.pollAll();
    expect(reports.map((r) => [r.feed, r.status, r.new])).toEqual([
      ['valley', 'ok', 1],
      ['herald', 'ok', 2],
      ['river', 'ok', 1],
    ]);
    const texts = await Promise.all((await world.files()).map(world.read));
    const firstLines = texts.map((t) => t.split('\n')[0]).sort();
    expect(firstLines).toEqual([
      'date 2025-03-01 Avalanche warning raised & roads closed',
      'date 2025-03-02 Ski season extended',
      'date 2025-04-03 Flood barrier tested',
      'date 2025-09-30 Orchard harvest breaks record',
    ]);
    expect(texts.find((t) => t.includes('Avalanche'))).toContain(
      '\n\nRangers raised the avalanche warning to level four on Saturday night.\n\nThe pass road will stay closed until the snow settles.\n',
    );
  });

  it('turns HTML into paragraphs: entities decoded; scripts, styles, figures and share widgets left out', async () => {
    server = await startFeedServer({ '/html': { body: fixture('html-item.xml') } });
    const world = await feedWorld();
    await world.add('markup', server.url('/html'));
    await world.poller.pollAll();
    const [file] = await world.files();
    expect(await world.read(file!)).toBe(
      'date 2025-03-14 Café owners & the new “quiet hours” rule\nurl https://markup.example/quiet-hours\n\n' +
        'Café owners on the square say the new “quiet hours” rule costs them customers — about 20 % fewer after 10 pm.\n\n' +
        'The rule was adopted in January after complaints from residents.\n\nFirst point\n\nSecond point\n',
    );
  });

  it('decodes ISO-8859-1 (XML declaration), a UTF-8 BOM, and gzip', async () => {
    server = await startFeedServer({
      '/latin': { body: fixture('latin1.xml'), type: 'application/rss+xml' },
      '/bom': { body: fixture('bom.xml'), type: 'text/xml; charset=iso-8859-1' },
      '/gz': { body: fixture('rss2.xml'), gzip: true },
    });
    const world = await feedWorld();
    await world.add('journal', server.url('/latin'));
    await world.add('bom', server.url('/bom'));
    await world.add('gz', server.url('/gz'));
    const reports = await world.poller.pollAll();
    expect(reports.map((r) => r.articles.map((a) => a.title))).toEqual([
      ['Café français récompensé'],
      ['Naïve café opens'],
      ['Ferry service resumes after storm', 'Council approves new lighthouse budget'],
    ]);
    const latin = reports[0]!.articles[0]!.source;
    expect(await world.read(latin)).toContain('la meilleure crème brûlée de la région cette année.');
  });

  it('fetches the linked page of a teaser-only item for a full-text feed, keeping only its main text', async () => {
    server = await startFeedServer({
      '/teaser': { body: fixture('teaser.xml') },
      '/pages/bridge.html': { body: fixture('pages/bridge.html'), type: 'text/html' },
    });
    const world = await feedWorld();
    await world.add('teaser-full', server.url('/teaser'), { fullText: true });
    const [report] = await world.poller.pollAll();
    const text = await world.read(report!.articles[0]!.source);
    expect(text.split('\n').slice(0, 2)).toEqual([
      'date 2025-02-05 Bridge inspection finds cracks',
      `url ${server.url('/pages/bridge.html')}`,
    ]);
    expect(text).toContain('Engineers inspecting the old stone bridge over the river found three deep cracks');
    expect(text).toContain('The city council will discuss the repair budget');
    for (const unwanted of ['central arch seen from the river bank', 'Share this', 'var tracking', 'Home', 'Copyright'])
      expect(text).not.toContain(unwanted);
    expect(server.hits.get('/pages/bridge.html')).toBe(1);

    server.routes.set('/teaser', { body: fixture('teaser.xml') });
    const plain = await feedWorld();
    await plain.add('teaser', server.url('/teaser'));
    const [teaserOnly] = await plain.poller.pollAll();
    expect(await plain.read(teaserOnly!.articles[0]!.source)).toContain('\n\nEngineers found cracks in the old bridge…\n');
    expect(server.hits.get('/pages/bridge.html')).toBe(1);
  });
});

describe('FeedPoller: HTML nested deeper than a parser can afford', () => {
  it("reads an item whose HTML keeps a million elements open from its tags alone, and keeps a teaser whose linked page does (not the page's text)", async () => {
    // 3 MB each, within the 5 MB a fetch may read. linkedom's parse time grows with the square of the depth: it would
    // take minutes here, holding the bot, and Readability longer.
    const story = 'Divers found the wreck of a ferry lost in the storm of 1921 off the northern cape.';
    const deepItem = fixture('rss2.xml')
      .toString()
      .replace(
        /<content:encoded>.*?<\/content:encoded>/s,
        `<content:encoded><![CDATA[${'<b>'.repeat(1_000_000)}<p>${story}</p>]]></content:encoded>`,
      );
    server = await startFeedServer({
      '/deep': { body: deepItem },
      '/teaser': { body: fixture('teaser.xml') },
      '/pages/bridge.html': { body: `<html><body>${'<b>'.repeat(1_000_000)}<p>Deep page text.</p></body></html>`, type: 'text/html' },
    });
    const world = await feedWorld();
    await world.add('deep', server.url('/deep'));
    await world.add('teaser-full', server.url('/teaser'), { fullText: true });
    const [deep, teaser] = await world.poller.pollAll();
    expect(deep!.status).toBe('ok');
    expect(await world.read(deep!.articles[0]!.source)).toContain(`\n\n${story}\n`);
    expect(teaser!.status).toBe('ok');
    expect(server.hits.get('/pages/bridge.html')).toBe(1);
    const text = await world.read(teaser!.articles[0]!.source);
    expect(text).toContain('\n\nEngineers found cracks in the old bridge…\n');
    expect(text).not.toContain('Deep page text.');
  });
});

describe('FeedPoller: items and duplicates', () => {
  it('handles items without date, title or GUID, and keeps the first of duplicate GUIDs', async () => {
    server = await startFeedServer({ '/odd': { body: fixture('odd-items.xml') } });
    const world = await feedWorld();
    await world.add('odd', server.url('/odd'));
    const [report] = await world.poller.pollAll();
    expect(report!.new).toBe(5);
    const heads = await Promise.all(report!.articles.map(async (a) => (await world.read(a.source)).split('\n')[0]));
    expect(heads).toEqual([
      'No date on this one',
      'date 2025-03-02 The market square fountain was switched back on today.',
      'date 2025-03-02 No guid, only a link',
      'date 2025-03-02 Neither guid nor link',
      'date 2025-03-02 First of two with one GUID',
    ]);
    const { articles, skipped } = await loadCorpora([{ dir: world.seedsDir }]);
    expect(skipped).toEqual([]);
    expect(articles.find((a) => a.title === 'No date on this one')!.date).toBeNull();
  });

  it('writes one story carried by two feeds once: same normalised link, or near-identical text', async () => {
    server = await startFeedServer({ '/a': { body: fixture('story-a.xml') }, '/b': { body: fixture('story-b.xml') } });
    const world = await feedWorld({ concurrency: 2 });
    await world.add('wire-a', server.url('/a'));
    await world.add('wire-b', server.url('/b'));
    const reports = await world.poller.pollAll();
    expect(reports.reduce((n, r) => n + r.new, 0)).toBe(2);
    expect(await world.files()).toHaveLength(2);
    // Polled again with new content in feed B only: its duplicates stay unwritten.
    server.routes.set('/b', { body: fixture('story-b.xml').toString().replace('Wire B', 'Wire B!') });
    const again = await world.poller.pollAll();
    expect(again.map((r) => [r.status, r.new, r.updated])).toEqual([
      ['not-modified', 0, 0],
      ['ok', 0, 0],
    ]);
    expect(await world.files()).toHaveLength(2);
  });

  it('rewrites an item whose content changed, in its own file', async () => {
    server = await startFeedServer({ '/rss': { body: fixture('rss2.xml') } });
    const world = await feedWorld();
    await world.add('gazette', server.url('/rss'));
    const [first] = await world.poller.pollAll();
    const files = await world.files();
    server.routes.set('/rss', { body: fixture('rss2.xml').toString().replace('forty passengers', 'forty-two passengers') });
    const [second] = await world.poller.pollAll();
    expect(second).toMatchObject({ status: 'ok', new: 0, updated: 1, firstPoll: false });
    expect(second!.articles[0]).toMatchObject({ change: 'updated', source: first!.articles[0]!.source });
    expect(await world.read(second!.articles[0]!.source)).toContain('forty-two passengers');
    expect(await world.files()).toEqual(files);
  });

  it('deletes feed-written articles older than FEEDS_KEEP_DAYS, never hand-placed files, and does not write them again', async () => {
    server = await startFeedServer({ '/rss': { body: fixture('rss2.xml') } });
    const world = await feedWorld({ keepDays: 6 });
    mkdirSync(path.join(world.seedsDir, 'feeds', 'gazette'), { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(world.seedsDir, 'feeds', 'gazette', 'mine.txt'), 'date 2000-01-01 Old hand-written\n\nKept forever.\n');
    await world.add('gazette', server.url('/rss'));
    await world.poller.pollAll();
    // Today is 2025-06-15: the 2025-06-09 item is older than 6 days, the 2025-06-10 one is not.
    expect((await world.files()).length).toBe(2);
    const texts = await Promise.all((await world.files()).map(world.read));
    expect(texts.some((t) => t.includes('lighthouse'))).toBe(false);
    expect(texts.some((t) => t.includes('Kept forever.'))).toBe(true);
    server.routes.set('/rss', { body: fixture('rss2.xml').toString().replace('2.4 million', '2.5 million') });
    const [again] = await world.poller.pollAll();
    expect(again).toMatchObject({ status: 'ok', new: 0, updated: 0 });
  });

  it('a removed feed keeps its articles; its state goes', async () => {
    server = await startFeedServer({ '/rss': { body: fixture('rss2.xml') } });
    const world = await feedWorld();
    await world.add('gazette', server.url('/rss'));
    await world.poller.pollAll();
    expect(await world.store.removeFeed('gazette')).toMatchObject({ name: 'gazette' });
    expect(await world.files()).toHaveLength(2);
    expect(await world.store.loadState('gazette')).toBeNull();
    expect(await world.poller.pollAll()).toEqual([]);
  });

  it('hands each report over before saving the feed state: after a crash in between, the next poll reports the items again', async () => {
    server = await startFeedServer({ '/rss': { body: fixture('rss2.xml') } });
    const savedPolls: (number | undefined)[] = [];
    let crash = true;
    const world = await feedWorld({
      onPolled: async (report) => {
        savedPolls.push((await world.store.loadState(report.feed))?.polls);
        if (crash) throw new Error('killed before the state was saved');
      },
    });
    await world.add('gazette', server.url('/rss'));
    await expect(world.poller.pollAll()).rejects.toThrow('killed before the state was saved');
    crash = false;
    const [again] = await world.poller.pollAll();
    expect(again).toMatchObject({ status: 'ok', new: 2, firstPoll: true });
    const [third] = await world.poller.pollAll();
    expect(third).toMatchObject({ status: 'not-modified', new: 0 });
    // The hook ran before each save: nothing saved at the first two, the second poll's state at the third.
    expect(savedPolls).toEqual([undefined, undefined, 1]);
  });
});

describe('FeedPoller: failures and schedule', () => {
  it('reports 404, 500, HTML instead of a feed, and malformed XML as failed, writing nothing', async () => {
    server = await startFeedServer({
      '/500': (_req, res) => res.writeHead(500).end(),
      '/html': { body: fixture('not-a-feed.html'), type: 'text/html' },
      '/bad': { body: fixture('malformed.xml') },
    });
    const world = await feedWorld();
    for (const [name, route] of [
      ['missing', '/404'],
      ['broken', '/500'],
      ['page', '/html'],
      ['bad', '/bad'],
    ])
      await world.add(name!, server.url(route!));
    const reports = await world.poller.pollAll();
    expect(reports.map((r) => [r.feed, r.status, r.error])).toEqual([
      ['missing', 'failed', 'HTTP 404 Not Found'],
      ['broken', 'failed', 'HTTP 500 Internal Server Error'],
      ['page', 'failed', 'not a feed: the address serves an HTML page'],
      ['bad', 'failed', expect.stringMatching(/^not a feed: malformed XML \(line \d+/)],
    ]);
    expect(await world.files()).toEqual([]);
  });

  it('honours Retry-After, backs off exponentially, marks a feed failing after 10 failures and retries it daily', async () => {
    let answer: 'busy' | 'down' | 'ok' = 'busy';
    server = await startFeedServer({
      '/feed': (_req, res) => {
        if (answer === 'busy') return void res.writeHead(429, { 'retry-after': '7200' }).end();
        if (answer === 'down') return void res.writeHead(500).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('rss2.xml'));
      },
    });
    const world = await feedWorld();
    await world.add('flaky', server.url('/feed'));
    const due = async () => (await world.poller.pollDue()).map((r) => r.status);
    expect(await due()).toEqual(['failed']);
    expect((await world.store.loadState('flaky'))!.nextPollAt).toBe(world.clock.now + 2 * HOUR);
    world.clock.now += HOUR;
    expect(await due()).toEqual([]);
    world.clock.now += HOUR;
    answer = 'down';
    const delays: number[] = [];
    for (let failures = 2; failures < FAILING_AFTER; failures++) {
      expect(await due()).toEqual(['failed']);
      const state = (await world.store.loadState('flaky'))!;
      delays.push((state.nextPollAt - world.clock.now) / MINUTE);
      world.clock.now = state.nextPollAt;
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1440, 1440]);
    const [tenth] = await world.poller.pollDue();
    expect(tenth).toMatchObject({ status: 'failed', failing: true });
    expect((await world.store.loadState('flaky'))!.nextPollAt).toBe(world.clock.now + 24 * HOUR);
    answer = 'ok';
    world.clock.now += 23 * HOUR;
    expect(await due()).toEqual([]);
    world.clock.now += HOUR;
    const [recovered] = await world.poller.pollDue();
    expect(recovered).toMatchObject({ status: 'ok', new: 2, failing: false, firstPoll: true });
    expect((await world.store.loadState('flaky'))!).toMatchObject({
      failures: 0,
      failing: false,
      nextPollAt: world.clock.now + 15 * MINUTE,
    });
  });
});

describe('Feed store and poll lock', () => {
  it('one poller at a time; a lock left by a killed process goes stale', async () => {
    const world = await feedWorld();
    const release = await acquirePollLock(world.stateDir, 0);
    await expect(world.poller.pollAll()).rejects.toBeInstanceOf(PollerBusyError);
    await release();
    expect(await world.poller.pollAll()).toEqual([]);

    // What a killed holder leaves: the lock folder, no longer refreshed.
    const lock = path.join(world.stateDir, 'feeds-poll.lock');
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const taken = await acquirePollLock(world.stateDir, 0);
    expect(existsSync(lock)).toBe(true);
    await taken();
  });

  it('removing a feed waits for a poll in progress, then deletes its state and, with purge, its articles', async () => {
    server = await startFeedServer({ '/rss': { body: fixture('rss2.xml') } });
    const world = await feedWorld();
    await world.add('gazette', server.url('/rss'));
    await world.poller.pollAll();
    expect(await feedArticleCount(world.seedsDir, 'gazette')).toBe(2);

    const polling = await acquirePollLock(world.stateDir, 0);
    await expect(removeFeed(world.store, world.seedsDir, 'gazette', { purge: true, lockWaitMs: 0 })).rejects.toBeInstanceOf(
      PollerBusyError,
    );
    expect(world.store.feed('gazette')).toBeDefined();
    expect(await feedArticleCount(world.seedsDir, 'gazette')).toBe(2);
    await polling();

    const removed = await removeFeed(world.store, world.seedsDir, 'gazette', { purge: true, lockWaitMs: 0 });
    expect(removed).toMatchObject({ feed: { name: 'gazette' }, articles: 2 });
    expect(world.store.feed('gazette')).toBeUndefined();
    expect(await world.store.loadState('gazette')).toBeNull();
    expect(await world.files()).toEqual([]);
    expect(await removeFeed(world.store, world.seedsDir, 'gazette', { purge: true, lockWaitMs: 0 })).toBeNull();
  });

  it('another process sees list changes on refresh (revision), and follows live in the same list', async () => {
    const world = await feedWorld();
    const other = await FeedStore.open(world.stateDir);
    await world.add('gazette', 'https://gazette.example/rss');
    expect(other.feeds()).toEqual([]);
    expect(await other.refresh()).toBe(true);
    expect(other.feeds().map((f) => f.name)).toEqual(['gazette']);
    expect(await other.refresh()).toBe(false);
    expect(await other.follow({ guildId: 'g1', feed: 'gazette', channelId: 'c1', keywords: ['ferry'], since: 0 })).toBe(true);
    expect(await other.follow({ guildId: 'g1', feed: 'unknown', channelId: 'c1', keywords: [], since: 0 })).toBe(false);
    await world.store.refresh();
    expect(world.store.follows({ feed: 'gazette' })).toEqual([
      { guildId: 'g1', feed: 'gazette', channelId: 'c1', keywords: ['ferry'], since: 0 },
    ]);
    expect(world.store.revision).toBe(2);
    expect(
      await world.store.addFeed({ name: 'gazette', url: 'https://x.example/', title: null, fullText: false, everyMinutes: 15, addedAt: 0 }),
    ).toBe(false);
    await world.store.removeFeed('https://gazette.example/rss');
    await other.refresh();
    expect(other.follows()).toEqual([]);
  });
});

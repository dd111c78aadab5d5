import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byImportance, digestSummary, leadSummary } from '../src/digest/assemble.js';
import { DigestRunner } from '../src/digest/runner.js';
import { renderDigest } from '../src/bot/digest-message.js';
import { DigestStore, type DigestSettings } from '../src/digest/store.js';
import { buildIndex } from '../src/search/build.js';
import { FakeChannels, FakeClock, fakeSource, newsArticle, type FakeArticle } from './support/digest.js';
import { tempCorpus } from './support/tmp.js';

const at = (s: string) => Date.parse(s);

/**
 * A bot's surroundings that outlive its process (state folder, clock, Discord); each start()
 * is a fresh "process": the store reopened from the folder and a new runner.
 */
function world(start: string) {
  const dir = path.join(tempCorpus({}, 'x'), '..', 'state');
  const clock = new FakeClock(at(start));
  const channels = new FakeChannels(() => clock.now());
  return {
    clock,
    channels,
    async start(articles: FakeArticle[] = []) {
      const store = await DigestStore.open(dir, clock.now());
      await store.recordStartup(
        articles.map((a) => a.id),
        clock.now(),
      );
      const runner = new DigestRunner({ store, source: fakeSource(articles), sender: channels, render: renderDigest, clock });
      return { store, runner };
    },
  };
}

function settings(channelId: string, time: string, timezone: string, since: number, extra: Partial<DigestSettings> = {}): DigestSettings {
  return { channelId, time, timezone, size: 10, quietDay: 'silent', since, ...extra };
}

describe('digest runner', () => {
  it('posts each server at its own local time, once, and resumes correctly across restarts', async () => {
    const { clock, channels, start } = world('2026-06-01T00:00:00Z');
    const archive = [newsArticle('old', '2026-05-01', 'archive')];
    let { store, runner } = await start(archive);
    await store.setSettings('berlin', settings('cb', '08:00', 'Europe/Berlin', clock.now()));
    await store.setSettings('newyork', settings('cn', '08:00', 'America/New_York', clock.now()));
    await store.setSettings('kolkata', settings('ck', '08:00', 'Asia/Kolkata', clock.now(), { quietDay: 'line' }));
    const articles = [...archive, newsArticle('a1', '2026-06-01', 'elections'), newsArticle('a2', null, 'storms')];
    clock.set('2026-06-01T01:00:00Z');
    ({ store, runner } = await start(articles));

    clock.set('2026-06-01T02:30:00Z'); // 08:00 in Kolkata
    await runner.tick();
    expect(channels.messages().map((m) => m.channelId)).toEqual(['ck']);
    expect(channels.messages('ck')[0]!.payload.embeds.map((e) => e.title)).toEqual(
      expect.arrayContaining(['elections update a1', 'storms update a2']),
    );
    expect(channels.messages('ck')[0]!.payload.embeds).toHaveLength(2); // the archive article was there at first start

    clock.set('2026-06-01T05:59:00Z');
    ({ store, runner } = await start(articles)); // restart before Berlin's minute
    await runner.tick();
    expect(channels.messages('cb')).toHaveLength(0);
    clock.set('2026-06-01T06:00:00Z');
    await runner.tick();
    await runner.tick();
    expect(channels.messages('cb')).toHaveLength(1);
    expect(channels.messages('cb')[0]!.content).toContain('News digest 2026-06-01');
    expect(channels.messages('cb')[0]!.content).not.toContain('late');

    clock.set('2026-06-01T12:10:00Z');
    ({ store, runner } = await start(articles)); // restart ten minutes after New York's minute
    await runner.tick();
    expect(channels.messages('cn')).toHaveLength(1);
    expect(channels.messages('cn')[0]!.content).toContain('posted late');
    expect(runner.status('newyork').lastRun).toMatchObject({ outcome: 'late', date: '2026-06-01' });

    // nothing happens twice, whatever the restarts
    ({ store, runner } = await start(articles));
    await runner.tick();
    expect(channels.messages()).toHaveLength(3);

    // the next day: nothing new; Kolkata posts its short line, the others stay silent
    clock.set('2026-06-02T02:30:00Z');
    await runner.tick();
    expect(channels.messages('ck').at(-1)!.content).toBe('**News digest 2026-06-02** · nothing new since the last digest.');
    clock.set('2026-06-02T12:00:00Z');
    await runner.tick();
    expect(channels.messages()).toHaveLength(4);
    expect(runner.status('berlin').lastRun).toMatchObject({ outcome: 'empty', date: '2026-06-02' });
  });

  it('beyond the grace window the missed digest is skipped and the next one covers the gap', async () => {
    const { clock, channels, start } = world('2026-06-01T00:00:00Z');
    let { store, runner } = await start();
    await store.setSettings('g', settings('c', '08:00', 'UTC', clock.now()));
    const articles = [newsArticle('monday', '2026-06-01', 'markets')];
    clock.set('2026-06-01T07:00:00Z');
    ({ store, runner } = await start(articles));
    clock.set('2026-06-01T08:00:00Z');
    await runner.tick();
    expect(channels.messages()).toHaveLength(1);

    // down from Monday evening until Tuesday 15:00 (7 h after the minute: past the 6 h window)
    const more = [...articles, newsArticle('tuesday', '2026-06-02', 'sport'), newsArticle('wednesday', '2026-06-03', 'weather')];
    clock.set('2026-06-02T15:00:00Z');
    ({ store, runner } = await start(more));
    await runner.tick();
    expect(channels.messages()).toHaveLength(1);
    expect(runner.status('g').lastRun).toMatchObject({ outcome: 'missed', date: '2026-06-02' });

    clock.set('2026-06-03T08:00:00Z');
    await runner.tick();
    expect(channels.messages()).toHaveLength(2);
    const titles = channels.messages()[1]!.payload.embeds.map((e) => e.title);
    expect(titles.sort()).toEqual(['sport update tuesday', 'weather update wednesday']);
  });

  it('a failing channel is retried with back-off a bounded number of times and never blocks another server', async () => {
    const { clock, channels, start } = world('2026-06-01T00:00:00Z');
    let { store, runner } = await start();
    await store.setSettings('bad', settings('gone', '08:00', 'UTC', clock.now()));
    await store.setSettings('good', settings('ok', '08:00', 'UTC', clock.now()));
    clock.set('2026-06-01T07:00:00Z');
    ({ store, runner } = await start([newsArticle('n', '2026-06-01', 'trade')]));
    channels.failing.add('gone');

    clock.set('2026-06-01T08:00:00Z');
    await runner.tick();
    expect(channels.messages('ok')).toHaveLength(1);
    expect(runner.status('bad').failure).toMatchObject({
      message: 'Missing Permissions',
      attempts: 1,
      nextRetryAt: at('2026-06-01T08:01:00Z'),
    });
    expect(runner.status('bad').lastRun).toMatchObject({ outcome: 'failed', detail: 'Missing Permissions' });

    await runner.tick(); // not yet time to retry
    expect(runner.status('bad').failure?.attempts).toBe(1);
    const retries = ['08:01', '08:06', '08:21', '09:21'];
    for (const time of retries) {
      clock.set(`2026-06-01T${time}:00Z`);
      await runner.tick();
    }
    expect(runner.status('bad').failure).toMatchObject({ attempts: 5, nextRetryAt: null });
    clock.set('2026-06-01T13:00:00Z');
    await runner.tick();
    expect(runner.status('bad').failure?.attempts).toBe(5);

    // permission restored: the next day's digest posts (a server's first posted digest looks back 24 h) and the failure clears
    clock.set('2026-06-02T07:00:00Z');
    ({ store, runner } = await start([newsArticle('n', '2026-06-01', 'trade'), newsArticle('n2', '2026-06-02', 'trade')]));
    channels.failing.delete('gone');
    clock.set('2026-06-02T08:00:00Z');
    await runner.tick();
    expect(channels.messages('gone')).toHaveLength(1);
    expect(runner.status('bad').failure).toBeNull();
  });

  it('a server whose channel hangs never delays the others', async () => {
    const { clock, channels, start } = world('2026-06-01T00:00:00Z');
    let { store, runner } = await start();
    for (const id of ['a', 'b', 'c']) await store.setSettings(id, settings(`ch-${id}`, '08:00', 'UTC', clock.now()));
    clock.set('2026-06-01T07:00:00Z');
    ({ store, runner } = await start([newsArticle('n', '2026-06-01', 'ports')]));
    channels.hanging.add('ch-b');
    clock.set('2026-06-01T08:00:00Z');
    void runner.tick(); // never settles: b's post hangs
    for (let waited = 0; channels.messages().length < 2 && waited < 10_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(
      channels
        .messages()
        .map((m) => m.channelId)
        .sort(),
    ).toEqual(['ch-a', 'ch-c']);
    await runner.tick(); // b is still busy: not started twice, and the others are done
    expect(channels.messages()).toHaveLength(2);
    // a's and c's runs are recorded after their posts: let those writes end before the test's folder is removed.
    for (let waited = 0; !(store.guild('a')?.lastRun && store.guild('c')?.lastRun) && waited < 10_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await store.flush();
  });

  it('a server removed while its digest is being posted leaves nothing behind', async () => {
    const { clock, channels, start } = world('2026-06-01T00:00:00Z');
    const { store } = await start([newsArticle('n', '2026-06-01', 'ports')]);
    await store.setSettings('g', settings('c', '08:00', 'UTC', clock.now()));
    const sender = {
      selfId: channels.selfId,
      recent: channels.recent.bind(channels),
      async send() {
        await store.removeGuild('g'); // GUILD_DELETE arrives mid-post
        throw new Error('Unknown Guild');
      },
    };
    const runner = new DigestRunner({
      store,
      source: fakeSource([newsArticle('n', '2026-06-01', 'ports')]),
      sender,
      render: renderDigest,
      clock,
    });
    clock.set('2026-06-01T08:00:00Z');
    await runner.tick();
    expect(store.guildIds()).toEqual([]);
  });

  it('/digest now posts the next digest at once and the scheduled run then does nothing', async () => {
    const { clock, channels, start } = world('2026-06-01T00:00:00Z');
    let { store, runner } = await start();
    await store.setSettings('g', settings('c', '18:00', 'Europe/Paris', clock.now()));
    clock.set('2026-06-01T09:00:00Z');
    ({ store, runner } = await start([newsArticle('x', '2026-06-01', 'health')]));
    expect(await runner.postNow('g')).toMatchObject({ date: '2026-06-01', outcome: 'posted', parts: 1 });
    expect(await runner.postNow('g')).toMatchObject({ outcome: 'already-posted' });
    clock.set('2026-06-01T16:00:00Z');
    await runner.tick();
    expect(channels.messages()).toHaveLength(1);
    expect(runner.status('g').nextRunAt).toBe(at('2026-06-02T16:00:00Z'));

    // an early digest that fails is retried on the back-off schedule, not only at its own time
    channels.failing.add('c');
    ({ store, runner } = await start([newsArticle('x', '2026-06-01', 'health'), newsArticle('y', null, 'sport')]));
    expect(await runner.postNow('g')).toMatchObject({ date: '2026-06-02', outcome: 'failed', detail: 'Missing Permissions' });
    channels.failing.delete('c');
    clock.set('2026-06-01T16:00:59Z');
    await runner.tick();
    expect(channels.messages()).toHaveLength(1);
    clock.set('2026-06-01T16:01:00Z');
    await runner.tick();
    expect(channels.messages().map((m) => m.content)).toEqual([
      '**News digest 2026-06-01** · 1 new article',
      '**News digest 2026-06-02** · 1 new article',
    ]);
    expect(runner.status('g').failure).toBeNull();
  });

  it('assembles: first digest at most 24 h, undated by first-seen, ordered by importance, size-limited and split', async () => {
    const { clock, channels, start } = world('2026-06-10T00:00:00Z');
    let { store, runner } = await start();
    await store.setSettings('g', settings('c', '09:00', 'UTC', clock.now(), { size: 12 }));
    const arrived = [
      newsArticle('yesterday', '2026-06-09', 'budget'), // arrived within the 24 h: counted
      ...Array.from({ length: 11 }, (_, i) => newsArticle(`today${i}`, '2026-06-10', i < 3 ? 'flood river' : `topic${i}`)),
      {
        id: 'cut',
        title: 'Cut short',
        date: '2026-06-10',
        sentences: ['A complete first sentence.', 'A second one that stops in the mid'],
      },
    ];
    clock.set('2026-06-09T08:00:00Z');
    ({ store, runner } = await start());
    await store.recordSeen(['old-undated'], at('2026-06-09T08:00:00Z')); // seen 25 h before the digest
    clock.set('2026-06-10T08:30:00Z');
    ({ store, runner } = await start([...arrived, newsArticle('old-undated', null, 'x')]));
    clock.set('2026-06-10T09:00:00Z');
    await runner.tick();
    const parts = channels.messages();
    expect(parts.map((m) => m.content)).toEqual([
      '**News digest 2026-06-10** · part 1/2 · the 12 most important of 13 new articles',
      '**News digest 2026-06-10** · part 2/2',
    ]);
    const embeds = parts.flatMap((m) => m.payload.embeds);
    expect(parts[0]!.payload.embeds).toHaveLength(10);
    expect(
      embeds
        .slice(0, 3)
        .map((e) => e.title)
        .sort(),
    ).toEqual(['flood river update today0', 'flood river update today1', 'flood river update today2']);
    expect(embeds.map((e) => e.title)).not.toContain('x update old-undated');
    const source = fakeSource(arrived);
    const cut = [...source.allArticles()].find((a) => a.id === 'cut')!;
    expect(leadSummary(cut, source)).toEqual(['A complete first sentence.']);
    expect(embeds[0]!.description).toBe('Sentence 1 of today0 is about flood river.'); // the others say the same: redundant
    expect(embeds[0]!.footer?.text).toBe('2026-06-10 · today0.txt');
  });

  it('wakes itself at the next scheduled minute, and at once after a schedule change', async () => {
    const { clock, channels, start } = world('2026-06-01T00:00:00Z');
    let { store, runner } = await start();
    clock.set('2026-06-01T05:00:00Z');
    ({ store, runner } = await start([newsArticle('t', '2026-06-01', 'timers')]));
    runner.start();
    await store.setSettings('g', settings('c', '05:00', 'UTC', at('2026-06-01T04:00:00Z')));
    runner.reschedule(); // the 05:00 run is due now (set before it, within the grace window)
    await runner.idle();
    expect(channels.messages()).toHaveLength(1);
    await store.setSettings('h', settings('d', '07:30', 'UTC', clock.now()));
    runner.reschedule();
    clock.set('2026-06-01T07:29:59Z');
    await runner.idle();
    expect(channels.messages('d')).toHaveLength(0);
    clock.set('2026-06-01T07:30:00Z'); // fires the timer the runner set for 07:30
    await runner.idle();
    expect(channels.messages('d')).toHaveLength(1);
    runner.stop();
  });

  it('/digest now twice at once, and now beside off, run one after the other: one message, one "posted" line, no error', async () => {
    const { clock, channels } = world('2026-06-01T09:00:00Z');
    const dir = path.join(tempCorpus({}, 'x'), '..', 'state');
    const store = await DigestStore.open(dir, clock.now());
    await store.setSettings('g', settings('c', '18:00', 'Europe/Paris', clock.now()));
    const lines: string[] = [];
    const source = fakeSource([newsArticle('x', '2026-06-01', 'health')]);
    const runner = new DigestRunner({ store, source, sender: channels, render: renderDigest, clock, log: (line) => lines.push(line) });
    const [first, second] = await Promise.all([runner.postNow('g'), runner.postNow('g')]);
    expect([first!.outcome, second!.outcome]).toEqual(['posted', 'already-posted']);
    expect(channels.messages()).toHaveLength(1);
    expect(lines.filter((line) => / posted \(/.test(line))).toHaveLength(1);

    // off sent while a digest is being posted waits for it; a now sent after off finds nothing to post
    await store.setSettings('h', settings('ch', '18:00', 'Europe/Paris', clock.now()));
    const [posted, off, after] = await Promise.all([runner.postNow('h'), runner.turnOff('h'), runner.postNow('h')]);
    expect(posted).toMatchObject({ date: '2026-06-01', outcome: 'posted' });
    expect(off).toBe(true);
    expect(after).toEqual({ date: null, outcome: 'not-set-up', parts: 0 });
    expect(await runner.turnOff('h')).toBe(false);
    expect(channels.messages()).toHaveLength(2);
  });

  it('preview shows what is due and, with a date, the articles dated that day, without posting', async () => {
    const { clock, channels, start } = world('2026-06-01T10:00:00Z');
    const { store, runner } = await start([newsArticle('p', '2021-12-29', 'geneva talks')]);
    await store.setSettings('g', settings('c', '08:00', 'UTC', clock.now(), { quietDay: 'silent' }));
    expect(runner.preview('g')[0]!.content).toContain('nothing new');
    const dated = runner.preview('g', '2021-12-29');
    expect(dated[0]!.embeds.map((e) => e.title)).toEqual(['geneva talks update p']);
    expect(channels.messages()).toHaveLength(0);
  });

  it('summarises a real article with one or two complete, verbatim sentences', async () => {
    const index = await buildIndex([{ dir: 'seeds' }]);
    const article = [...index.allArticles()][0]!;
    const summary = digestSummary(article, index);
    expect(summary.length).toBeGreaterThanOrEqual(1);
    expect(summary.length).toBeLessThanOrEqual(2);
    for (const sentence of summary) {
      expect(article.body).toContain(sentence);
      expect(sentence).toMatch(/[.!?”"]$/);
    }
    expect(summary.join(' ').length).toBeLessThanOrEqual(400);
  });

  it('puts first the story several new articles share', async () => {
    const dir = tempCorpus({
      'a.txt': 'date 2026-06-01 Award for a local bakery\n\nA small bakery in Leeds won the national bread award on Sunday.\n',
      'b.txt':
        'date 2026-06-01 Ceasefire talks open in Geneva\n\nDiplomats from both countries opened ceasefire talks in Geneva on Monday.\n',
      'c.txt':
        'date 2026-06-01 Geneva ceasefire talks stall\n\nThe ceasefire talks in Geneva stalled after diplomats disagreed over the border.\n',
      'd.txt': 'date 2026-06-01 Storm closes ferry port\n\nA winter storm closed the ferry port at Dover for two days.\n',
    });
    const index = await buildIndex([{ dir }]);
    const order = byImportance([...index.allArticles()], index).map((a) => a.source);
    expect(order.slice(0, 2).sort()).toEqual(['b.txt', 'c.txt']);
  });
});

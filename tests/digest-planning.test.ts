import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDigest } from '../src/bot/digest-message.js';
import { DigestRunner } from '../src/digest/runner.js';
import { nextCheckAt } from '../src/digest/schedule.js';
import { DigestStore, type DigestSettings, type GuildState } from '../src/digest/store.js';
import { FakeChannels, FakeClock, fakeSource, newsArticle } from './support/digest.js';
import { tempCorpus } from './support/tmp.js';

const at = (s: string) => Date.parse(s);

function settings(channelId: string, time: string, timezone: string, since: number): DigestSettings {
  return { channelId, time, timezone, size: 10, quietDay: 'line', since };
}

/** A store and runner whose schedule computations are counted, per channel (one channel per server here). */
async function setup(start: string) {
  const clock = new FakeClock(at(start));
  const store = await DigestStore.open(path.join(tempCorpus({}, 'x'), 'state'), clock.now());
  const channels = new FakeChannels(() => clock.now());
  const planned: string[] = [];
  const counting: typeof nextCheckAt = (guild: Readonly<GuildState>, now, graceMs) => {
    planned.push(guild.settings?.channelId ?? '(none)');
    return nextCheckAt(guild, now, graceMs);
  };
  const runner = () =>
    new DigestRunner({
      store,
      source: fakeSource([newsArticle('n', '2026-06-01', 'ports')]),
      sender: channels,
      render: renderDigest,
      clock,
      nextCheck: counting,
    });
  return { clock, store, channels, planned, runner };
}

describe('digest planning', () => {
  it('a change, a tick and a run each look at the one server concerned, whatever the number of servers', async () => {
    const { clock, store, channels, planned, runner } = await setup('2026-06-01T00:00:00Z');
    const zones = ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/New_York'];
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.setSettings(`g${i}`, settings(`c${i}`, `${String(10 + (i % 12)).padStart(2, '0')}:00`, zones[i % 4]!, clock.now())),
      ),
    );
    const digests = runner();
    await digests.tick(); // waits for the start-up planning (done in slices); nothing is due at midnight
    expect(planned).toHaveLength(200); // start-up: each server once
    planned.length = 0;

    await store.setSettings('g7', settings('c7', '09:15', 'Asia/Tokyo', clock.now()));
    await store.clearSettings('g8');
    await store.removeGuild('g9');
    expect(planned).toEqual(['c7', '(none)']); // g9's state is gone: nothing left to compute
    planned.length = 0;

    clock.set('2026-06-01T00:10:00Z'); // before the first server's time (09:15 in Tokyo is 00:15 UTC)
    await digests.tick();
    expect(planned).toEqual([]); // nothing due: nothing computed

    clock.set('2026-06-01T06:00:00Z');
    await digests.tick();
    const posted = channels.messages().map((m) => m.channelId);
    expect(posted).toContain('c7');
    expect(posted.length).toBeGreaterThan(1);
    expect(planned.sort()).toEqual(posted.sort()); // each server that ran planned again once, after its run; no other
    planned.length = 0;
    await digests.tick();
    expect(planned).toEqual([]);
  });

  it('a changed zone or time moves the next run, and runs stay right across daylight saving changes', async () => {
    const { clock, store, channels, runner } = await setup('2026-03-07T12:00:00Z');
    const digests = runner();
    await store.setSettings('g', settings('c', '02:30', 'America/New_York', clock.now()));
    clock.set('2026-03-08T06:59:00Z'); // spring forward: 02:30 does not exist; the run comes at 03:00 EDT
    await digests.tick();
    expect(channels.messages()).toHaveLength(0);
    clock.set('2026-03-08T07:00:00Z');
    await digests.tick();
    expect(channels.messages().map((m) => m.content)).toEqual([expect.stringContaining('News digest 2026-03-08')]);

    // moved to Berlin at 08:00: no longer at New York's 02:30, but at Berlin's 08:00 (CET, before Europe's own change)
    await store.setSettings('g', settings('c', '08:00', 'Europe/Berlin', clock.now()));
    clock.set('2026-03-09T06:30:00Z');
    await digests.tick();
    expect(channels.messages()).toHaveLength(1);
    clock.set('2026-03-09T07:00:00Z');
    await digests.tick();
    expect(channels.messages().at(-1)!.content).toContain('2026-03-09');

    // fall back in New York: 01:30 comes twice on 2026-11-01; one run, at the first
    await store.setSettings('g', settings('c', '01:30', 'America/New_York', clock.now()));
    clock.set('2026-11-01T05:30:00Z');
    await digests.tick();
    expect(channels.messages().at(-1)!.content).toContain('2026-11-01');
    const count = channels.messages().length;
    clock.set('2026-11-01T06:30:00Z');
    await digests.tick();
    expect(channels.messages()).toHaveLength(count);
    expect(digests.status('g').nextRunAt).toBe(at('2026-11-02T06:30:00Z'));
  });

  it('plans again when the clock goes back (as checking every server each minute did)', async () => {
    const { clock, store, channels, runner } = await setup('2026-06-02T07:00:00Z');
    await store.setSettings('g', settings('c', '08:00', 'UTC', at('2026-05-31T00:00:00Z')));
    await store.recordRun('g', { at: at('2026-06-01T08:00:00Z'), date: '2026-06-01', outcome: 'posted' }, null);
    const digests = runner(); // planned at 06-02 07:00: next check 06-02 08:00
    clock.set('2026-05-31T08:05:00Z'); // the clock is put back two days: the 05-31 digest never ran
    await digests.tick();
    expect(channels.messages().map((m) => m.content)).toEqual([expect.stringContaining('News digest 2026-05-31')]);
  });
});

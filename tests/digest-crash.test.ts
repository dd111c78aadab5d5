import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DigestStore, STATE_FILE } from '../src/digest/store.js';
import { inBatches, runChild } from './support/spawn.js';
import { tempCorpus } from './support/tmp.js';

const DELIVERY_CHILD = 'tests/support/digest-crash-child.ts';
const STORE_CHILD = 'tests/support/store-crash-child.ts';
const SCHEDULED = Date.parse('2026-06-01T08:00:00Z');
const MINUTES = 60_000;

describe('exactly-once delivery across crashes', () => {
  // Each scenario: the bot is killed at one step of posting a two-part digest, then restarts
  // (at once, while Discord still remembers the nonce, or 10 minutes later, when it does not).
  // (pending:K is "after part K-1 was recorded posted", so pending:1 covers the step between parts)
  const scenarios = [
    ...['send:0', 'sent:0', 'posted:0', 'pending:1', 'sent:1'].map((crash) => ({ crash, restartAfter: 0 })),
    { crash: 'sent:0', restartAfter: 10 * MINUTES },
    { crash: 'send:1', restartAfter: 10 * MINUTES },
  ];

  // about 20 short-lived processes: allow for a busy machine
  it('posts every part exactly once whatever step the process dies at', { timeout: 180_000 }, async () => {
    const results = await inBatches(scenarios, 3, async ({ crash, restartAfter }) => {
      const root = tempCorpus({}, 'run');
      const state = path.join(root, 'state');
      const channel = path.join(root, 'channel.json');
      const killed = await runChild(DELIVERY_CHILD, [state, channel, String(SCHEDULED), crash]);
      const restarted = await runChild(DELIVERY_CHILD, [state, channel, String(SCHEDULED + restartAfter), 'none']);
      const messages = JSON.parse(readFileSync(channel, 'utf8')) as { content: string; id: string }[];
      return {
        crash,
        restartAfter,
        killed: killed.signal,
        restarted: restarted.stdout.trim() || restarted.stderr,
        contents: messages.map((m) => m.content),
      };
    });
    const expected = ['**News digest 2026-06-01** · part 1/2 · 15 new articles', '**News digest 2026-06-01** · part 2/2'];
    for (const result of results) {
      expect(result, `${result.crash} +${result.restartAfter / MINUTES} min`).toMatchObject({
        killed: 'SIGKILL',
        restarted: '["posted","posted"]',
        contents: expected,
      });
    }
  });
});

describe('the state store under kill -9 during a write', () => {
  it('reopens with every acknowledged change and nothing corrupt, at each step of the write', { timeout: 120_000 }, async () => {
    const points = ['write', 'torn', 'fsync', 'rename', 'renamed'];
    const results = await inBatches(points, 3, async (point) => {
      const dir = path.join(tempCorpus({}, 'x'), 'state');
      const child = await runChild(STORE_CHILD, [dir, point]);
      const leftover = readdirSync(dir).filter((name) => name !== STATE_FILE);
      const store = await DigestStore.open(dir, 2);
      const seen = Array.from({ length: 20 }, (_, i) => store.firstSeen(`a${i + 1}`));
      return {
        point,
        signal: child.signal,
        leftoverBeforeOpen: leftover.length > 0,
        leftoverAfterOpen: readdirSync(dir).filter((name) => name !== STATE_FILE),
        seen,
        last: store.firstSeen('last') ?? null,
        settings: store.settings('g')?.timezone,
        firstStart: store.firstStart,
      };
    });
    const acknowledged = Array.from({ length: 20 }, (_, i) => i + 1);
    for (const r of results) {
      expect(r, r.point).toMatchObject({
        signal: 'SIGKILL',
        seen: acknowledged,
        settings: 'Europe/Berlin',
        firstStart: false,
        leftoverAfterOpen: [],
      });
      // killed before the rename: the old version; after it: the new one. Never a mix.
      expect(r.last, r.point).toBe(r.point === 'renamed' ? 99 : null);
    }
    expect(results.filter((r) => r.leftoverBeforeOpen).map((r) => r.point)).toEqual(['write', 'torn', 'fsync', 'rename']);
  });
});

describe('the state store', () => {
  it('refuses corrupt or invalid state with a clear error and keeps the file', async () => {
    const dir = tempCorpus({ [STATE_FILE]: '{"version":1,"initializedAt":5,"seen":{' }, 'state');
    await expect(DigestStore.open(dir, 1)).rejects.toThrow(/digest state file .*state\.json is corrupt .*left untouched for inspection/);
    expect(readFileSync(path.join(dir, STATE_FILE), 'utf8')).toBe('{"version":1,"initializedAt":5,"seen":{');

    const other = tempCorpus(
      { [STATE_FILE]: JSON.stringify({ version: 1, initializedAt: 5, seen: {}, guilds: { g: { settings: { time: '25:00' } } } }) },
      'state',
    );
    await expect(DigestStore.open(other, 1)).rejects.toThrow(/is not valid \(guilds\.g\.settings\.channelId/);
    expect(existsSync(path.join(other, STATE_FILE))).toBe(true);

    const zone = { channelId: 'c', time: '08:00', timezone: 'Mars/Olympus', size: 3, quietDay: 'line', since: 1 };
    const third = tempCorpus(
      {
        [STATE_FILE]: JSON.stringify({
          version: 1,
          initializedAt: 5,
          seen: {},
          guilds: { g: { settings: zone, digests: [], lastRun: null, failure: null } },
        }),
      },
      'state',
    );
    await expect(DigestStore.open(third, 1)).rejects.toThrow(/guilds\.g\.settings\.timezone: not an IANA time zone/);
  });

  it('keeps every change of a burst of concurrent updates', async () => {
    const dir = path.join(tempCorpus({}, 'x'), 'state');
    const store = await DigestStore.open(dir, 1);
    const ids = Array.from({ length: 200 }, (_, i) => `burst${i}`);
    await Promise.all(ids.map((id, i) => store.recordSeen([id], 10 + i)));
    const reopened = await DigestStore.open(dir, 2);
    expect(ids.map((id) => reopened.firstSeen(id))).toEqual(ids.map((_, i) => 10 + i));
  });

  it('keeps everything across reopen, and knows the first start', async () => {
    const dir = path.join(tempCorpus({}, 'x'), 'state');
    const first = await DigestStore.open(dir, 100);
    expect(first.firstStart).toBe(true);
    await first.recordSeen(['a', 'b'], 100);
    expect(await first.recordSeen(['b', 'c'], 200)).toBe(1);
    await first.setSettings('g', { channelId: 'c', time: '07:05', timezone: 'Asia/Tokyo', size: 3, quietDay: 'line', since: 100 });
    await expect(
      first.setSettings('h', { channelId: 'c', time: '7:5', timezone: 'UTC', size: 3, quietDay: 'line', since: 1 }),
    ).rejects.toThrow();
    expect(await first.recordStartup(['d'], 150)).toBe(1);
    expect(first.firstSeen('d')).toBe(100); // the folder's content at the first start is the baseline
    const second = await DigestStore.open(dir, 300);
    expect(await second.recordStartup(['d', 'e'], 300)).toBe(1);
    expect(second.firstSeen('e')).toBe(300); // arrived while the bot was down
    expect(second.firstStart).toBe(false);
    expect(second.initializedAt).toBe(100);
    expect([second.firstSeen('a'), second.firstSeen('c')]).toEqual([100, 200]);
    expect(second.settings('g')?.time).toBe('07:05');
    expect(second.guildIds()).toEqual(['g']);
    expect(await second.clearSettings('g')).toBe(true);
    expect(await second.clearSettings('g')).toBe(false);
    expect((await DigestStore.open(dir, 350)).settings('g')).toBeNull();
    expect(await second.removeGuild('g')).toBe(true);
    expect((await DigestStore.open(dir, 400)).guildIds()).toEqual([]);
  });
});

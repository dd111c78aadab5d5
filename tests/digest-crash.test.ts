import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DigestStore, readSavedState, SERVERS_FOLDER, STATE_FILE } from '../src/digest/store.js';
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

/** Temporary files of writes that never finished (a server's file, or the snapshot, is not one). */
function leftovers(dir: string): string[] {
  const servers = path.join(dir, SERVERS_FOLDER);
  return [
    ...readdirSync(dir).filter((name) => name !== STATE_FILE && name !== SERVERS_FOLDER),
    ...(existsSync(servers) ? readdirSync(servers).filter((name) => !name.endsWith('.json')) : []),
  ];
}

describe('the state store under kill -9 during a write', () => {
  // the write killed: the snapshot (an article seen), server g's file (a change of its settings),
  // the snapshot that opening folds the servers' files into, and the first open of a single-file folder
  const expectations = {
    seen: (point: string) => ({ guilds: ['g'], settings: 'Europe/Berlin', last: point === 'renamed' ? 99 : null }),
    server: (point: string) => ({ guilds: ['g'], settings: point === 'renamed' ? 'Asia/Tokyo' : 'Europe/Berlin', last: null }),
    reopen: () => ({ guilds: ['g', 'h'], settings: 'Europe/Berlin', last: null }),
    'single-file': () => ({ guilds: ['g'], settings: 'Europe/Berlin', last: null }),
  };
  const points = ['write', 'torn', 'fsync', 'rename', 'renamed'];

  it('reopens with every acknowledged change and nothing corrupt, at each step of each write', { timeout: 300_000 }, async () => {
    const runs = Object.keys(expectations).flatMap((write) => points.map((point) => ({ write, point })));
    const results = await inBatches(runs, 3, async ({ write, point }) => {
      const dir = path.join(tempCorpus({}, 'x'), 'state');
      const child = await runChild(STORE_CHILD, [dir, point, write]);
      const leftover = leftovers(dir);
      const store = await DigestStore.open(dir, 2);
      const seen = Array.from({ length: 20 }, (_, i) => store.firstSeen(`a${i + 1}`));
      return {
        write,
        point,
        signal: child.signal,
        leftoverBeforeOpen: leftover.length > 0,
        leftoverAfterOpen: leftovers(dir),
        serverFilesAfterOpen: readdirSync(path.join(dir, SERVERS_FOLDER)),
        seen,
        last: store.firstSeen('last') ?? null,
        guilds: store.guildIds(),
        settings: store.settings('g')?.timezone,
        h: store.settings('h')?.time,
        firstStart: store.firstStart,
        saved: await readSavedState(dir),
        inMemory: Object.fromEntries(store.guildIds().map((id) => [id, store.guild(id)])),
      };
    });
    const acknowledged = Array.from({ length: 20 }, (_, i) => i + 1);
    for (const r of results) {
      const label = `${r.write} ${r.point}`;
      expect(r, label).toMatchObject({
        signal: 'SIGKILL',
        seen: acknowledged,
        firstStart: false,
        leftoverAfterOpen: [],
        serverFilesAfterOpen: [], // folded into the snapshot
      });
      // killed before the rename: the old version; after it: the new one. Never a mix.
      const expected = expectations[r.write as keyof typeof expectations](r.point);
      expect({ guilds: r.guilds, settings: r.settings, last: r.last }, label).toEqual(expected);
      if (r.write === 'reopen') expect(r.h, label).toBe('09:30');
      // what was opened is what is on disk, in the snapshot's current version
      expect(r.saved, label).toMatchObject({ version: 2, guilds: r.inMemory });
    }
    for (const write of Object.keys(expectations)) {
      const torn = results.filter((r) => r.write === write && r.leftoverBeforeOpen).map((r) => r.point);
      expect(torn, write).toEqual(['write', 'torn', 'fsync', 'rename']);
    }
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

  it('a change of one server rewrites that server file alone; opening folds the files into the snapshot', async () => {
    const dir = path.join(tempCorpus({}, 'x'), 'state');
    const berlin = { channelId: 'c', time: '08:00', timezone: 'Europe/Berlin', size: 3, quietDay: 'line' as const, since: 1 };
    const first = await DigestStore.open(dir, 1);
    for (const id of ['g', 'h', 'k']) await first.setSettings(id, berlin);
    const store = await DigestStore.open(dir, 2);
    expect(readdirSync(path.join(dir, SERVERS_FOLDER))).toEqual([]);
    const snapshot = readFileSync(store.file, 'utf8');
    expect(JSON.parse(snapshot).guilds).toEqual(Object.fromEntries(['g', 'h', 'k'].map((id) => [id, store.guild(id)])));

    await store.setSettings('h', { ...berlin, time: '09:15' });
    await store.removeGuild('k');
    expect(readFileSync(store.file, 'utf8')).toBe(snapshot);
    expect(readdirSync(path.join(dir, SERVERS_FOLDER)).sort()).toEqual(['h.json', 'k.json']);
    expect(JSON.parse(readFileSync(store.serverFile('h'), 'utf8'))).toEqual(store.guild('h'));
    expect(JSON.parse(readFileSync(store.serverFile('k'), 'utf8'))).toBeNull();
    await store.recordSeen(['a'], 3); // rewrites the snapshot, with its servers as they were
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toEqual({ ...JSON.parse(snapshot), seen: { a: 3 } });
    const saved = await readSavedState(dir);
    expect(Object.keys(saved!.guilds)).toEqual(['g', 'h']);
    expect(saved!.guilds.h!.settings!.time).toBe('09:15');

    const reopened = await DigestStore.open(dir, 4);
    expect(readdirSync(path.join(dir, SERVERS_FOLDER))).toEqual([]);
    expect(JSON.parse(readFileSync(reopened.file, 'utf8'))).toEqual(saved);
    expect([reopened.guildIds(), reopened.settings('h')?.time, reopened.firstSeen('a')]).toEqual([['g', 'h'], '09:15', 3]);
  });

  it('opens the state of the single-file version as it was, and rewrites it in the current version', async () => {
    const settings = { channelId: 'c', time: '07:05', timezone: 'Asia/Tokyo', size: 3, quietDay: 'line', since: 1 };
    const guilds = Object.fromEntries(
      ['g', 'h'].map((id) => [id, { settings, digests: [], lastRun: { at: 5, date: '2026-06-01', outcome: 'empty' }, failure: null }]),
    );
    const single = { version: 1, initializedAt: 5, seen: { a: 5 }, guilds };
    const dir = tempCorpus({ [STATE_FILE]: JSON.stringify(single) }, 'state');
    const store = await DigestStore.open(dir, 9);
    expect([store.firstStart, store.initializedAt, store.firstSeen('a'), store.guildIds()]).toEqual([false, 5, 5, ['g', 'h']]);
    expect(store.guild('h')).toEqual(guilds.h);
    expect(JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8'))).toEqual({ ...single, version: 2 });
  });

  it("refuses a corrupt server's file with a clear error and keeps it", async () => {
    const dir = path.join(tempCorpus({}, 'x'), 'state');
    await DigestStore.open(dir, 1);
    writeFileSync(path.join(dir, SERVERS_FOLDER, 'g.json'), '{"settings":');
    await expect(DigestStore.open(dir, 2)).rejects.toThrow(/digest state file .*g\.json is corrupt .*left untouched for inspection/);
    expect(readFileSync(path.join(dir, SERVERS_FOLDER, 'g.json'), 'utf8')).toBe('{"settings":');
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

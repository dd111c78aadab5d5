import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { SafeFetcher } from '../../src/feeds/fetch.js';
import { FeedPoller, type PollerOptions } from '../../src/feeds/poller.js';
import { FeedStore, type FeedConfig } from '../../src/feeds/store.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export interface FeedWorld {
  seedsDir: string;
  stateDir: string;
  store: FeedStore;
  poller: FeedPoller;
  clock: { now: number };
  add(name: string, url: string, extra?: Partial<FeedConfig>): Promise<void>;
  /** Article files below SEEDS_DIR/feeds, relative to SEEDS_DIR, sorted. */
  files(): Promise<string[]>;
  read(source: string): Promise<string>;
}

/** Temporary SEEDS_DIR and STATE_DIR, a store, and a poller allowed to reach the local test server. */
export async function feedWorld(options: Partial<PollerOptions> = {}): Promise<FeedWorld> {
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-feeds-'));
  const seedsDir = path.join(root, 'seeds');
  const stateDir = path.join(root, 'state');
  const fetcher = new SafeFetcher({ allowPrivate: true, totalTimeoutMs: 5_000 });
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  cleanups.push(() => fetcher.close());
  const store = await FeedStore.open(stateDir);
  const clock = { now: Date.parse('2025-06-15T12:00:00Z') };
  const poller = new FeedPoller({ store, fetcher, seedsDir, now: () => clock.now, random: () => 0.5, ...options });
  return {
    seedsDir,
    stateDir,
    store,
    poller,
    clock,
    add: async (name, url, extra = {}) => {
      await store.addFeed({ name, url, title: null, fullText: false, everyMinutes: 15, addedAt: clock.now, ...extra });
    },
    files: async () => {
      const root = path.join(seedsDir, 'feeds');
      const out: string[] = [];
      for (const feed of await readdir(root).catch(() => [] as string[]))
        for (const file of await readdir(path.join(root, feed))) out.push(`feeds/${feed}/${file}`);
      return out.sort();
    },
    read: (source) => readFile(path.join(seedsDir, source), 'utf8'),
  };
}

import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { acquirePollLock } from './lock.js';
import { FEEDS_FOLDER, type FeedConfig, type FeedStore } from './store.js';

/** How many articles a feed has written (its files under SEEDS_DIR/feeds/<name>). */
export async function feedArticleCount(seedsDir: string, name: string): Promise<number> {
  const names = await readdir(path.join(seedsDir, FEEDS_FOLDER, name)).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.txt')).length;
}

/**
 * Removes a feed and, with `purge`, the articles it wrote; null when no feed has that name or address.
 * Holds the poll lock throughout (waiting up to `lockWaitMs`, else PollerBusyError): a poll running
 * meanwhile would save the feed's state, and write its articles, again after they were deleted.
 */
export async function removeFeed(
  store: FeedStore,
  seedsDir: string,
  target: string,
  options: { purge: boolean; lockWaitMs: number },
): Promise<{ feed: FeedConfig; articles: number } | null> {
  const release = await acquirePollLock(store.dir, options.lockWaitMs);
  try {
    const feed = await store.removeFeed(target);
    if (!feed) return null;
    const articles = await feedArticleCount(seedsDir, feed.name);
    if (options.purge) await rm(path.join(seedsDir, FEEDS_FOLDER, feed.name), { recursive: true, force: true });
    return { feed, articles };
  } finally {
    await release();
  }
}

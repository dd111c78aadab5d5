import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { writeDurably } from '../state/durable.js';

/**
 * The feed list (STATE_DIR/feeds.json) and each feed's fetch state (STATE_DIR/feeds/<name>.json),
 * both rewritten whole and durably (see writeDurably), so a kill never leaves half a file.
 *
 * The list is shared by the command line and the bot: every change takes a short lock on the file,
 * re-reads it, applies the change and bumps `revision`, so neither loses the other's edits, and
 * `refresh()` picks up changes made by another process (its file's mtime, size and revision).
 * Announcement follows (which server posts which feed where) live in the same file, so one lock
 * and one re-read cover both.
 */

/** Articles written by feeds live below this folder of SEEDS_DIR. */
export const FEEDS_FOLDER = 'feeds';
export const FEEDS_FILE = 'feeds.json';
export const FEED_STATE_DIR = 'feeds';
export const DEFAULT_EVERY_MINUTES = 15;
export const MIN_EVERY_MINUTES = 5;
const VERSION = 1;

const feedConfig = z.object({
  /** Slug: the feed's folder under SEEDS_DIR/feeds and how the command line names it. */
  name: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  url: z.string(),
  /** The feed's own title when it was added. */
  title: z.string().nullable(),
  /** Fetch each item's linked page when the feed carries only teasers. */
  fullText: z.boolean(),
  everyMinutes: z.number().int().min(MIN_EVERY_MINUTES),
  addedAt: z.number(),
});
const follow = z.object({
  guildId: z.string(),
  /** The feed's name. */
  feed: z.string(),
  channelId: z.string(),
  /** Announce only items matching one of these (any, case-insensitive); empty: every item. */
  keywords: z.array(z.string()),
  since: z.number(),
});
const listSchema = z.object({
  version: z.literal(VERSION),
  revision: z.number().int(),
  feeds: z.array(feedConfig),
  follows: z.array(follow),
});

const itemRecord = z.object({
  /** The article file, relative to SEEDS_DIR; null when the story was already written from another feed. */
  file: z.string().nullable(),
  /** The other feed's file holding the same story. */
  duplicateOf: z.string().nullable(),
  /** Hash of the item as the feed gave it: an unchanged item is skipped before any work. */
  sourceHash: z.string(),
  link: z.string().nullable(),
  fingerprint: z.string().nullable(),
  title: z.string(),
  date: z.string().nullable(),
  firstSeenAt: z.number(),
  updatedAt: z.number(),
  /** Deleted by retention (FEEDS_KEEP_DAYS): not written again. */
  expired: z.boolean(),
});
const feedState = z.object({
  version: z.literal(VERSION),
  url: z.string(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  /** Successful fetches so far: 0 until the first poll, whose items are archive, not news. */
  polls: z.number().int(),
  lastAttemptAt: z.number().nullable(),
  lastSuccessAt: z.number().nullable(),
  nextPollAt: z.number(),
  /** Consecutive failures; at FAILING_AFTER the feed is marked failing and retried daily. */
  failures: z.number().int(),
  failing: z.boolean(),
  lastError: z.string().nullable(),
  items: z.record(z.string(), itemRecord),
});

export type FeedConfig = z.infer<typeof feedConfig>;
export type Follow = z.infer<typeof follow>;
export type ItemRecord = z.infer<typeof itemRecord>;
export type FeedState = z.infer<typeof feedState>;
type FeedList = z.infer<typeof listSchema>;

/** A state file that exists but cannot be used; it is left in place for inspection. */
export class FeedStateError extends Error {}

export function newFeedState(url: string, now: number): FeedState {
  return {
    version: VERSION,
    url,
    etag: null,
    lastModified: null,
    polls: 0,
    lastAttemptAt: null,
    lastSuccessAt: null,
    nextPollAt: now,
    failures: 0,
    failing: false,
    lastError: null,
    items: {},
  };
}

async function readJson<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new FeedStateError(`cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
  let parsed;
  try {
    parsed = schema.safeParse(JSON.parse(text));
  } catch (error) {
    throw new FeedStateError(`the ${what} ${file} is corrupt (${(error as Error).message}); it was left untouched for inspection`);
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FeedStateError(`the ${what} ${file} is not valid (${issue.path.join('.') || 'root'}: ${issue.message}); left untouched`);
  }
  return parsed.data;
}

const signature = (info: { mtimeMs: number; size: number } | null) => (info ? `${info.mtimeMs}:${info.size}` : 'none');
const statOrNull = (file: string) => stat(file).catch(() => null);

export class FeedStore {
  private list: FeedList = { version: VERSION, revision: 0, feeds: [], follows: [] };
  private seen = 'unread';
  private readonly stateCache = new Map<string, { signature: string; state: FeedState }>();

  private constructor(readonly dir: string) {}

  /** Opens the store in `dir` (created when missing); throws FeedStateError when the list is unusable. */
  static async open(dir: string): Promise<FeedStore> {
    await mkdir(path.join(dir, FEED_STATE_DIR), { recursive: true });
    const store = new FeedStore(dir);
    await store.removeLeftovers();
    await store.refresh();
    return store;
  }

  get file(): string {
    return path.join(this.dir, FEEDS_FILE);
  }

  /** Bumped by every change to the list or the follows, by any process. */
  get revision(): number {
    return this.list.revision;
  }

  feeds(): readonly Readonly<FeedConfig>[] {
    return this.list.feeds;
  }

  /** A feed by its name or its URL. */
  feed(nameOrUrl: string): Readonly<FeedConfig> | undefined {
    return this.list.feeds.find((f) => f.name === nameOrUrl || f.url === nameOrUrl);
  }

  follows(filter: { guildId?: string; feed?: string } = {}): readonly Readonly<Follow>[] {
    return this.list.follows.filter((f) => (filter.guildId ?? f.guildId) === f.guildId && (filter.feed ?? f.feed) === f.feed);
  }

  /** Re-reads the list when another process changed it; true when it did. */
  async refresh(): Promise<boolean> {
    const now = signature(await statOrNull(this.file));
    if (now === this.seen) return false;
    const read = await readJson(this.file, listSchema, 'feed list');
    const changed = (read?.revision ?? 0) !== this.list.revision || this.seen === 'unread';
    if (read) this.list = read;
    this.seen = now;
    return changed;
  }

  /** Adds a feed; false when its name or URL is already in the list. */
  addFeed(config: FeedConfig): Promise<boolean> {
    const valid = feedConfig.parse(config);
    return this.update((list) => {
      if (list.feeds.some((f) => f.name === valid.name || f.url === valid.url)) return false;
      list.feeds.push(valid);
      return true;
    });
  }

  /** Removes a feed (and its follows and fetch state); the removed feed, or null when none matched. */
  async removeFeed(nameOrUrl: string): Promise<FeedConfig | null> {
    let removed: FeedConfig | null = null;
    await this.update((list) => {
      removed = list.feeds.find((f) => f.name === nameOrUrl || f.url === nameOrUrl) ?? null;
      if (!removed) return false;
      list.feeds = list.feeds.filter((f) => f !== removed);
      list.follows = list.follows.filter((f) => f.feed !== removed!.name);
      return true;
    });
    if (removed) await this.deleteState((removed as FeedConfig).name);
    return removed;
  }

  /** Adds or replaces a server's follow of a feed in a channel; false when the feed is unknown. */
  follow(value: Follow): Promise<boolean> {
    const valid = follow.parse(value);
    return this.update((list) => {
      if (!list.feeds.some((f) => f.name === valid.feed)) return false;
      list.follows = list.follows.filter((f) => !(f.guildId === valid.guildId && f.feed === valid.feed && f.channelId === valid.channelId));
      list.follows.push(valid);
      return true;
    });
  }

  /** Removes a server's follows of a feed (in one channel, or in all); how many were removed. */
  async unfollow(guildId: string, feed: string, channelId?: string): Promise<number> {
    let removed = 0;
    await this.update((list) => {
      const kept = list.follows.filter((f) => !(f.guildId === guildId && f.feed === feed && (channelId ?? f.channelId) === f.channelId));
      removed = list.follows.length - kept.length;
      list.follows = kept;
      return removed > 0;
    });
    return removed;
  }

  /** A feed's fetch state, re-read only when its file changed since this process last saw it. */
  async loadState(name: string): Promise<FeedState | null> {
    const file = this.stateFile(name);
    const sig = signature(await statOrNull(file));
    const cached = this.stateCache.get(name);
    if (cached?.signature === sig) return cached.state;
    const state = await readJson(file, feedState, 'feed state');
    if (state) this.stateCache.set(name, { signature: sig, state });
    else this.stateCache.delete(name);
    return state;
  }

  async saveState(name: string, state: FeedState): Promise<void> {
    const file = this.stateFile(name);
    await writeDurably(path.dirname(file), file, JSON.stringify(state));
    this.stateCache.set(name, { signature: signature(await statOrNull(file)), state });
  }

  private async deleteState(name: string): Promise<void> {
    await unlink(this.stateFile(name)).catch(() => {});
    this.stateCache.delete(name);
  }

  private stateFile(name: string): string {
    return path.join(this.dir, FEED_STATE_DIR, `${name}.json`);
  }

  /** Temporary files a killed write left behind. */
  async removeLeftovers(): Promise<void> {
    for (const folder of [this.dir, path.join(this.dir, FEED_STATE_DIR)]) {
      for (const name of await readdir(folder)) {
        const leftover =
          folder === this.dir ? name.startsWith(`${FEEDS_FILE}.`) && name !== `${FEEDS_FILE}.lock` : /\.json\.[0-9a-f]+$/.test(name);
        if (leftover) await unlink(path.join(folder, name)).catch(() => {});
      }
    }
  }

  /**
   * Applies a change to the newest list under the list's lock; the change returns false to leave
   * the file untouched. Resolves with that value once the change is durable.
   */
  private async update(change: (list: FeedList) => boolean): Promise<boolean> {
    const release = await lockfile.lock(this.file, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 40, minTimeout: 25, maxTimeout: 250 },
      onCompromised: () => {},
    });
    try {
      this.seen = 'unread';
      await this.refresh();
      const list = structuredClone(this.list);
      if (!change(list)) return false;
      list.revision++;
      await writeDurably(this.dir, this.file, JSON.stringify(list, null, 1));
      this.list = list;
      this.seen = signature(await statOrNull(this.file));
      return true;
    } finally {
      await release();
    }
  }
}

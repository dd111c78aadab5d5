import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Events, type Client } from 'discord.js';
import { articleId } from '../articles/article.js';
import { nameCorpora } from '../articles/load.js';
import { digestSummary } from '../digest/assemble.js';
import { deliverParts, type Sender } from '../digest/deliver.js';
import { MINUTE, nextRetry, type Clock } from '../digest/schedule.js';
import { PollerBusyError } from '../feeds/lock.js';
import { pollerFromSettings, type FeedPoller, type FeedPollReport } from '../feeds/poller.js';
import { FeedStore } from '../feeds/store.js';
import type { ArticleSearch } from '../search/article-search.js';
import { AnnounceStore, type AnnouncementEntry, type ChannelAnnouncements } from './announce-store.js';
import { discordSender } from './digests.js';
import { renderAnnouncement } from './feed-message.js';
import type { Log } from './log.js';
import type { Settings } from '../settings.js';

/**
 * News feeds inside the bot process: the poller on a timer (the same store and lock as `npm run
 * feeds`, re-read every cycle, so feeds added or removed from the command line are noticed), and
 * announcements of new articles in followed channels. The articles the poller writes reach the
 * index through the article folder's watcher, like any file dropped there.
 */

/** How often the bot looks for due feeds and channels ready to post. */
const TICK_MS = 15_000;
/** At most one announcement post per channel per this long. */
export const CHANNEL_GAP_MS = MINUTE;
const INDEX_WAIT_MS = 2 * MINUTE;

export interface Feeds {
  store: FeedStore;
  announcements: AnnounceStore;
  poller: FeedPoller;
  /** One cycle now: poll what is due, queue announcements, post what may be posted. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export interface FeedsOptions {
  settings: Settings;
  clock: Clock;
  /** The loaded index (for announcement summaries). */
  index: ArticleSearch;
  log: Log;
  /** Default: Discord's REST API through the client. */
  sender?: Sender;
  /** How long a new article may take to reach the index before it is announced without a summary. */
  indexWaitMs?: number;
}

/** Whether any keyword occurs in the text as a whole word or phrase (case-insensitive). */
export function matchesKeywords(text: string, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return true;
  const lower = text.toLowerCase();
  return keywords.some((keyword) => {
    const escaped = keyword.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(lower);
  });
}

/** Opens the feed and announcement state (a bad file stops start-up) and runs the cycle once the client is ready. */
export async function startFeeds(client: Client, options: FeedsOptions): Promise<Feeds> {
  const { settings, clock, index } = options;
  const log = (line: string) => options.log.info(line);
  const store = await FeedStore.open(settings.stateDir);
  const announcements = await AnnounceStore.open(settings.stateDir);
  const sender = options.sender ?? discordSender(client);
  const corpus = nameCorpora([{ dir: settings.seedsDir }])[0]!.name;

  /** Queues a poll's new articles for every channel following the feed (matching its keywords). */
  const queue = async (report: FeedPollReport) => {
    const fresh = report.articles.filter((a) => a.change === 'new');
    const follows = store.follows({ feed: report.feed });
    if (report.firstPoll || fresh.length === 0 || follows.length === 0) return;
    const texts = await Promise.all(fresh.map((a) => readFile(path.join(settings.seedsDir, a.source), 'utf8').catch(() => a.title)));
    const now = clock.now();
    for (const follow of follows) {
      const entries: AnnouncementEntry[] = fresh
        .filter((_, i) => matchesKeywords(texts[i]!, follow.keywords))
        .map((a) => ({ feed: report.feed, source: a.source, title: a.title, date: a.date, url: a.url, queuedAt: now }));
      await announcements.enqueue(follow.guildId, follow.channelId, entries);
    }
  };
  // Announcements are queued before the poller records the items as seen (see PollerOptions.onPolled).
  const poller = pollerFromSettings(store, settings, { now: () => clock.now(), log, onPolled: queue });

  /** Polls what is due; each feed's report reaches `queue` through the poller's onPolled. */
  const poll = async (): Promise<void> => {
    try {
      // Test only: every feed on every tick, whatever its interval.
      await (settings.testFeedsTickMs === undefined ? poller.pollDue() : poller.pollAll());
    } catch (error) {
      if (error instanceof PollerBusyError) log('feeds: another poller holds the lock; polling on the next cycle');
      else options.log.error(`feeds: poll cycle failed: ${(error as Error).stack}`);
    }
  };

  /** Renders the channel's queue into a batch once its minute has passed and the index has its articles. */
  const batch = async (channel: Readonly<ChannelAnnouncements>): Promise<boolean> => {
    const { guildId, channelId } = channel;
    const follows = (feed: string) => store.follows({ guildId, feed }).some((f) => f.channelId === channelId);
    await announcements.prune(guildId, channelId, (entry) => follows(entry.feed));
    const queued = channel.queue;
    const now = clock.now();
    if (queued.length === 0 || (channel.lastPostAt !== null && now - channel.lastPostAt < CHANNEL_GAP_MS)) return false;
    const found = queued.map((entry) => index.article(articleId(corpus, entry.source)));
    if (found.some((a) => !a) && now - Math.max(...queued.map((e) => e.queuedAt)) < (options.indexWaitMs ?? INDEX_WAIT_MS)) return false;
    const payloads = renderAnnouncement(
      queued.map((entry, i) => ({
        title: entry.title,
        url: entry.url,
        date: entry.date,
        source: store.feed(entry.feed)?.title ?? entry.feed,
        summary: found[i] ? digestSummary(found[i], index) : [],
      })),
    );
    await announcements.startBatch(guildId, channelId, payloads);
    return true;
  };

  /** Posts the channel's batch exactly once (the digest's protocol); failures back off, then give up. */
  const deliver = async (channel: Readonly<ChannelAnnouncements>) => {
    const { guildId, channelId } = channel;
    const now = clock.now();
    if (channel.parts.length === 0 && !(await batch(channel))) return;
    if (channel.failure?.nextRetryAt && channel.failure.nextRetryAt > now) return;
    try {
      await deliverParts(channel.parts, channelId, announcements.deliveryLog(guildId, channelId), sender, () => clock.now());
      log(`feeds: announced in channel ${channelId} of server ${guildId} (${channel.parts.length} message(s))`);
      await announcements.batchPosted(guildId, channelId, clock.now());
    } catch (error) {
      const previous = channel.failure;
      const attempts = (previous && previous.nextRetryAt !== null ? previous.attempts : 0) + 1;
      const message = (error as Error).message || String(error);
      const retryAt = nextRetry(attempts, clock.now());
      log(
        `feeds: announcing in channel ${channelId} of server ${guildId} failed (attempt ${attempts}): ${message}; ${retryAt === null ? 'giving up on these articles' : `retrying at ${new Date(retryAt).toISOString()}`}`,
      );
      await announcements.recordFailure(guildId, channelId, { message, attempts, at: clock.now(), nextRetryAt: retryAt });
    }
  };

  let running: Promise<void> | null = null;
  const tick = () =>
    (running ??= (async () => {
      await poll();
      await store.refresh();
      // Channels are independent: a slow or failing one never holds up another.
      await Promise.allSettled(announcements.channels().map(deliver));
    })()
      .catch((error: Error) => options.log.error(`feeds: cycle failed: ${error.stack}`))
      .finally(() => (running = null)));

  let timer: { cancel(): void } | null = null;
  let stopped = false;
  const loop = () => {
    void tick().then(() => {
      if (!stopped) timer = clock.setTimeout(loop, settings.testFeedsTickMs ?? TICK_MS);
    });
  };
  // Removed from a server (not an outage: that is GuildUnavailable): its follows go, as its digest schedule does.
  client.on(Events.GuildDelete, (guild) => {
    const feeds = new Set(store.follows({ guildId: guild.id }).map((f) => f.feed));
    void Promise.all([...feeds].map((feed) => store.unfollow(guild.id, feed))).then(
      () => feeds.size > 0 && log(`feeds: removed from server ${guild.id}; its follows are deleted`),
      (error: Error) => options.log.error(`feeds: could not delete the follows of server ${guild.id}: ${error.message}`),
    );
  });
  if (client.isReady()) loop();
  else client.once(Events.ClientReady, loop);
  log(`feeds: ${store.feeds().length} feed(s), ${store.follows().length} follow(s)`);
  return {
    store,
    announcements,
    poller,
    tick,
    async close() {
      stopped = true;
      timer?.cancel();
      await running;
      await announcements.flush();
      await poller.close();
    },
  };
}

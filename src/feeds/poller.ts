import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { decodeBody } from './charset.js';
import { FetchError, SafeFetcher } from './fetch.js';
import { fetchFullText, TEASER_CHARS } from './full-text.js';
import { htmlToLine, htmlToParagraphs } from './html-text.js';
import { contentHash, firstSentence, formatArticle, itemFileName, itemKey, normaliseLink, textFingerprint } from './item.js';
import { acquirePollLock } from './lock.js';
import { NotAFeedError, parseFeedText, type FeedEntry, type ParsedFeed } from './parse-feed.js';
import { FEEDS_FOLDER, newFeedState, type FeedConfig, type FeedState, type FeedStore, type ItemRecord } from './store.js';
import writeFileAtomic from 'write-file-atomic';
import { syncDirectory } from '../state/durable.js';

export const FAILING_AFTER = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
const PARALLEL_WRITES = 32;
/** Each interval is stretched or shrunk by up to this share, so feeds added together do not poll together. */
const JITTER = 0.1;
const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** One article a poll wrote. `source` is its path relative to SEEDS_DIR (the loader's `source`). */
export interface WrittenArticle {
  change: 'new' | 'updated';
  source: string;
  title: string;
  date: string | null;
  url: string | null;
}

/** What one feed's poll did: the `poll --json` line plus what the bot needs to announce. */
export interface FeedPollReport {
  feed: string;
  url: string;
  status: 'ok' | 'not-modified' | 'failed';
  new: number;
  updated: number;
  error: string | null;
  /** The feed's first successful poll: its items are archive, announced to no one. */
  firstPoll: boolean;
  /** Marked failing (FAILING_AFTER failures in a row): retried daily. */
  failing: boolean;
  articles: WrittenArticle[];
}

export interface PollerOptions {
  store: FeedStore;
  fetcher: SafeFetcher;
  seedsDir: string;
  now?: () => number;
  /** In [0, 1): the jitter source. */
  random?: () => number;
  /** Fetches at once. */
  concurrency?: number;
  /** FEEDS_KEEP_DAYS: feed-written articles older than this are deleted; null keeps them. */
  keepDays?: number | null;
  /** How long to wait for another poller's lock before giving up (PollerBusyError). */
  lockWaitMs?: number;
  log?: (line: string) => void;
  /**
   * Given each feed's report before the feed's state is saved: what the caller does with the news (the
   * bot queues announcements) is durable before the items count as seen, so a crash in between makes the
   * next poll report them again instead of losing them. A throw fails the cycle with the state unsaved.
   */
  onPolled?: (report: FeedPollReport) => Promise<void>;
}

/** What a poller needs of the settings (the bot and the command line build theirs alike). */
export interface PollerSettings {
  seedsDir: string;
  feedsAllowPrivate: boolean;
  feedsKeepDays: number | null;
}

/** A poller over `store` with the fetcher (private addresses or not) and retention the settings ask for. */
export function pollerFromSettings(
  store: FeedStore,
  settings: PollerSettings,
  options: Pick<PollerOptions, 'now' | 'lockWaitMs' | 'log' | 'onPolled'>,
): FeedPoller {
  const fetcher = new SafeFetcher({ allowPrivate: settings.feedsAllowPrivate });
  return new FeedPoller({ store, fetcher, seedsDir: settings.seedsDir, keepDays: settings.feedsKeepDays, ...options });
}

interface Claim {
  feed: string;
  file: string;
}

/**
 * Polls feeds and writes their items as article files. Knows nothing of Discord: the bot runs
 * `pollDue()` on a timer and announces from the reports; the command line runs `pollAll()`.
 * Each cycle holds the one-poller lock and re-reads the feed list and states that another process
 * may have changed.
 */
export class FeedPoller {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly concurrency: number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: PollerOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.concurrency = options.concurrency ?? 8;
    this.log = options.log ?? (() => {});
  }

  /** Closes the fetcher's open connections (when the poller is done for good). */
  close(): Promise<void> {
    return this.options.fetcher.close();
  }

  /** Polls the feeds whose time has come (the bot's timer). */
  pollDue(): Promise<FeedPollReport[]> {
    return this.cycle((state) => state.nextPollAt <= this.now());
  }

  /** Polls every feed once, now (`npm run feeds -- poll`). */
  pollAll(): Promise<FeedPollReport[]> {
    return this.cycle(() => true);
  }

  /** Fetches and parses a feed without writing anything (`feeds add` validates with it). */
  async preview(url: string): Promise<ParsedFeed> {
    const result = await this.options.fetcher.fetch(url, {}, FEED_ACCEPT);
    if (result.status !== 'ok') throw new FetchError('the server answered 304 Not Modified to a first request');
    return parseFeedText(decodeBody(result.body, result.contentType));
  }

  /** The earliest time a feed is due, for scheduling the next timer (null: no feeds). */
  async nextDueAt(): Promise<number | null> {
    const { store } = this.options;
    await store.refresh();
    let next: number | null = null;
    for (const feed of store.feeds()) {
      const due = (await store.loadState(feed.name))?.nextPollAt ?? this.now();
      next = next === null ? due : Math.min(next, due);
    }
    return next;
  }

  private async cycle(isDue: (state: FeedState) => boolean): Promise<FeedPollReport[]> {
    const { store } = this.options;
    const release = await acquirePollLock(store.dir, this.options.lockWaitMs ?? 0);
    try {
      await store.refresh();
      const feeds = [...store.feeds()];
      const states = new Map<string, FeedState>();
      for (const feed of feeds) {
        const saved = await store.loadState(feed.name);
        states.set(feed.name, saved && saved.url === feed.url ? structuredClone(saved) : newFeedState(feed.url, this.now()));
      }
      const claims = claimsOf(states);
      const due = feeds.filter((feed) => isDue(states.get(feed.name)!));
      const reports: FeedPollReport[] = new Array(due.length);
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < due.length; i = next++) reports[i] = await this.pollFeed(due[i]!, states.get(due[i]!.name)!, claims);
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker));
      return reports;
    } finally {
      await release();
    }
  }

  private async pollFeed(feed: FeedConfig, state: FeedState, claims: Claims): Promise<FeedPollReport> {
    const started = this.now();
    const report: FeedPollReport = {
      feed: feed.name,
      url: feed.url,
      status: 'ok',
      new: 0,
      updated: 0,
      error: null,
      firstPoll: state.polls === 0,
      failing: false,
      articles: [],
    };
    state.lastAttemptAt = started;
    try {
      const result = await this.options.fetcher.fetch(feed.url, state, FEED_ACCEPT);
      if (result.status === 'not-modified') report.status = 'not-modified';
      else {
        const parsed = parseFeedText(decodeBody(result.body, result.contentType));
        await this.writeItems(feed, state, parsed.entries, claims, report);
        state.etag = result.etag;
        state.lastModified = result.lastModified;
      }
      state.polls++;
      state.failures = 0;
      state.failing = false;
      state.lastError = null;
      state.lastSuccessAt = this.now();
      state.nextPollAt = this.now() + this.jittered(feed.everyMinutes * 60_000);
    } catch (error) {
      // Anything else (a full disk, say) also fails only this feed, loudly.
      if (!(error instanceof FetchError || error instanceof NotAFeedError))
        this.log(`feed ${feed.name}: unexpected ${(error as Error).stack}`);
      this.recordFailure(feed, state, error as Error);
      Object.assign(report, { status: 'failed', error: (error as Error).message, new: 0, updated: 0, articles: [] });
    }
    await this.expire(state);
    report.failing = state.failing;
    await this.options.onPolled?.(report);
    await this.options.store.saveState(feed.name, state);
    return report;
  }

  /** Exponential back-off from the feed's interval, at least what Retry-After asked; daily once failing. */
  private recordFailure(feed: FeedConfig, state: FeedState, error: Error): void {
    state.failures++;
    state.lastError = error.message;
    state.failing = state.failures >= FAILING_AFTER;
    const backOff = Math.min(DAY_MS, feed.everyMinutes * 60_000 * 2 ** (state.failures - 1));
    const asked = error instanceof FetchError && error.retryAfterMs !== null ? Math.min(DAY_MS, error.retryAfterMs) : 0;
    state.nextPollAt = this.now() + (state.failing ? DAY_MS : Math.max(backOff, asked));
    this.log(`feed ${feed.name}: ${error.message} (${state.failures} in a row${state.failing ? '; marked failing, retried daily' : ''})`);
  }

  private jittered(ms: number): number {
    return Math.round(ms * (1 + (this.random() * 2 - 1) * JITTER));
  }

  private async writeItems(
    feed: FeedConfig,
    state: FeedState,
    entries: FeedEntry[],
    claims: Claims,
    report: FeedPollReport,
  ): Promise<void> {
    const folder = path.join(this.options.seedsDir, FEEDS_FOLDER, feed.name);
    await mkdir(folder, { recursive: true });
    const inThisPoll = new Set<string>();
    const writes: { file: string; text: string; record: ItemRecord; key: string; change: WrittenArticle['change']; url: string | null }[] =
      [];
    for (const entry of entries) {
      const link = entry.link ? absoluteLink(entry.link, feed.url) : null;
      const key = itemKey({ ...entry, link });
      // The first of several items sharing a GUID wins.
      if (!key || inThisPoll.has(key)) continue;
      inThisPoll.add(key);
      const sourceHash = contentHash(JSON.stringify([entry, feed.fullText]));
      const known = state.items[key];
      if (known && (known.sourceHash === sourceHash || known.expired)) continue;

      const normalised = link && normaliseLink(link);
      const file = known?.file ?? `${FEEDS_FOLDER}/${feed.name}/${itemFileName(key)}`;
      const elsewhere = !known && normalised ? claims.byLink.get(normalised) : undefined;
      if (elsewhere && elsewhere.feed !== feed.name) {
        state.items[key] = this.record(null, elsewhere.file, sourceHash, normalised, null, entry);
        continue;
      }
      if (normalised && !known) claims.byLink.set(normalised, { feed: feed.name, file });

      const text = await this.itemText(feed, entry, link);
      if (!text) continue;
      const fingerprint = textFingerprint(text.paragraphs);
      const twin = !known && fingerprint ? claims.byFingerprint.get(fingerprint) : undefined;
      if (twin && twin.feed !== feed.name) {
        state.items[key] = this.record(null, twin.file, sourceHash, normalised, fingerprint, { ...entry, title: text.title });
        continue;
      }
      if (fingerprint) claims.byFingerprint.set(fingerprint, { feed: feed.name, file });

      if (known?.duplicateOf) {
        // Another feed owns the story; its changes come through that feed.
        known.sourceHash = sourceHash;
        continue;
      }
      const record = this.record(file, null, sourceHash, normalised, fingerprint, { ...entry, title: text.title });
      if (known) record.firstSeenAt = known.firstSeenAt;
      writes.push({
        file,
        text: formatArticle({ ...text, date: entry.date, url: link }),
        record,
        key,
        change: known ? 'updated' : 'new',
        url: link,
      });
    }
    // Each file is fsynced before its rename; many at once let the file system commit them together.
    for (let i = 0; i < writes.length; i += PARALLEL_WRITES) {
      await Promise.all(
        writes.slice(i, i + PARALLEL_WRITES).map((w) => writeFileAtomic(path.join(this.options.seedsDir, w.file), w.text, { fsync: true })),
      );
    }
    if (writes.length > 0) await syncDirectory(folder);
    for (const { file, record, key, change, url } of writes) {
      state.items[key] = record;
      report[change]++;
      report.articles.push({ change, source: file, title: record.title, date: record.date, url });
    }
  }

  private record(
    file: string | null,
    duplicateOf: string | null,
    sourceHash: string,
    link: string | null,
    fingerprint: string | null,
    entry: Pick<FeedEntry, 'title' | 'date'>,
  ): ItemRecord {
    const now = this.now();
    return {
      file,
      duplicateOf,
      sourceHash,
      link,
      fingerprint,
      title: entry.title ?? '',
      date: entry.date,
      firstSeenAt: now,
      updatedAt: now,
      expired: false,
    };
  }

  /** Title and paragraphs of an item; for a `full text` feed whose item is only a teaser, the linked page's main text. */
  private async itemText(feed: FeedConfig, entry: FeedEntry, link: string | null): Promise<{ title: string; paragraphs: string[] } | null> {
    let paragraphs = htmlToParagraphs(entry.content ?? entry.summary ?? '');
    const teaser = paragraphs.join(' ').length < TEASER_CHARS;
    if (feed.fullText && teaser && link) {
      const page = await fetchFullText(this.options.fetcher, link);
      if (page && page.join(' ').length > paragraphs.join(' ').length) paragraphs = page;
    }
    const title = (entry.title && htmlToLine(entry.title)) || (paragraphs[0] && firstSentence(paragraphs[0]));
    if (!title) return null;
    return { title, paragraphs: paragraphs.length > 0 ? paragraphs : [title] };
  }

  /** FEEDS_KEEP_DAYS: deletes this feed's articles dated (or, undated, first seen) before the cut-off. */
  private async expire(state: FeedState): Promise<void> {
    const keepDays = this.options.keepDays;
    if (!keepDays) return;
    const cutOff = this.now() - keepDays * DAY_MS;
    for (const record of Object.values(state.items)) {
      if (!record.file || record.expired) continue;
      const at = record.date ? Date.parse(`${record.date}T00:00:00Z`) : record.firstSeenAt;
      if (at >= cutOff) continue;
      await unlink(path.join(this.options.seedsDir, record.file)).catch(() => {});
      record.expired = true;
    }
  }
}

interface Claims {
  byLink: Map<string, Claim>;
  byFingerprint: Map<string, Claim>;
}

/** Which feed wrote each story (by normalised link and by text fingerprint), across every feed. */
function claimsOf(states: Map<string, FeedState>): Claims {
  const claims: Claims = { byLink: new Map(), byFingerprint: new Map() };
  for (const [feed, state] of states) {
    for (const record of Object.values(state.items)) {
      if (!record.file) continue;
      if (record.link) claims.byLink.set(record.link, { feed, file: record.file });
      if (record.fingerprint) claims.byFingerprint.set(record.fingerprint, { feed, file: record.file });
    }
  }
  return claims;
}

function absoluteLink(raw: string, base: string): string | null {
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { DeliveryLog } from '../digest/deliver.js';
import { deliveryPart } from '../digest/store.js';
import { writeDurably } from '../state/durable.js';

/**
 * Durable state of feed announcements (STATE_DIR/announcements.json), per followed channel: the
 * new articles waiting for the channel's next post, the batch of messages being delivered (with
 * its nonces, for the digest's exactly-once protocol), when the channel was last posted in, and
 * its delivery failure. Rewritten whole and durably on every change, like the digest state.
 */

export const ANNOUNCEMENTS_FILE = 'announcements.json';
const VERSION = 1;

const entry = z.object({
  feed: z.string(),
  /** The article file, relative to SEEDS_DIR. */
  source: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  url: z.string().nullable(),
  queuedAt: z.number(),
});
const embed = z.object({ description: z.string(), footer: z.object({ text: z.string() }) });
const payload = z.object({ content: z.string(), embeds: z.array(embed) });
const part = deliveryPart(payload);
const failure = z.object({
  message: z.string(),
  attempts: z.number().int(),
  at: z.number(),
  /** Null once the retries are used up: the batch was given up. */
  nextRetryAt: z.number().nullable(),
});
const channel = z.object({
  guildId: z.string(),
  channelId: z.string(),
  queue: z.array(entry),
  /** Batches made so far in this channel: numbers each batch, so nonces never repeat. */
  batches: z.number().int(),
  parts: z.array(part),
  lastPostAt: z.number().nullable(),
  failure: failure.nullable(),
});
const stateSchema = z.object({ version: z.literal(VERSION), channels: z.record(z.string(), channel) });

export type AnnouncementEntry = z.infer<typeof entry>;
export type AnnouncementPayload = z.infer<typeof payload>;
export type ChannelAnnouncements = z.infer<typeof channel>;
export type AnnouncementFailure = z.infer<typeof failure>;
type State = z.infer<typeof stateSchema>;

const keyOf = (guildId: string, channelId: string) => `${guildId}:${channelId}`;

/** A part's nonce (at most 25 characters): the same for every attempt at it, different for any other. */
function announcementNonce(guildId: string, channelId: string, batch: number, index: number): string {
  return createHash('sha256').update(`feeds:${guildId}:${channelId}:${batch}:${index}`).digest('base64url').slice(0, 24);
}

export class AnnounceStore {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly state: State,
  ) {}

  /** Opens (or starts) the state in `dir`; throws when the file exists but is unusable (left in place). */
  static async open(dir: string): Promise<AnnounceStore> {
    const file = path.join(dir, ANNOUNCEMENTS_FILE);
    let state: State = { version: VERSION, channels: {} };
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text !== null) {
      const parsed = stateSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`the announcement state ${file} is not valid; it was left untouched for inspection`);
      state = parsed.data;
    }
    return new AnnounceStore(dir, state);
  }

  channels(): readonly Readonly<ChannelAnnouncements>[] {
    return Object.values(this.state.channels);
  }

  channel(guildId: string, channelId: string): Readonly<ChannelAnnouncements> | undefined {
    return this.state.channels[keyOf(guildId, channelId)];
  }

  /** Queues new articles for a channel's next post. */
  async enqueue(guildId: string, channelId: string, entries: AnnouncementEntry[]): Promise<void> {
    // An article queued already (a poll repeated after a crash reports it again) is announced once.
    const queued = new Set(this.state.channels[keyOf(guildId, channelId)]?.queue.map((e) => e.source));
    const fresh = entries.filter((e) => !queued.has(e.source));
    if (fresh.length === 0) return;
    const target = (this.state.channels[keyOf(guildId, channelId)] ??= {
      guildId,
      channelId,
      queue: [],
      batches: 0,
      parts: [],
      lastPostAt: null,
      failure: null,
    });
    target.queue.push(...fresh.map((e) => entry.parse(e)));
    await this.persist();
  }

  /**
   * Turns the channel's queue into a batch of messages to deliver, in one durable change (the
   * queue is emptied as the batch is stored), numbering its parts' nonces.
   */
  async startBatch(guildId: string, channelId: string, payloads: AnnouncementPayload[]): Promise<void> {
    const target = this.existing(guildId, channelId);
    const batch = ++target.batches;
    target.queue = [];
    target.parts = payloads.map((p, index) => ({
      index,
      nonce: announcementNonce(guildId, channelId, batch, index),
      payload: payload.parse(p),
      status: 'pending',
      pendingSince: null,
      messageId: null,
    }));
    await this.persist();
  }

  /** The delivery steps of the channel's batch, recorded durably. */
  deliveryLog(guildId: string, channelId: string): DeliveryLog {
    const partAt = (index: number) => {
      const found = this.existing(guildId, channelId).parts.find((p) => p.index === index);
      if (!found) throw new Error(`no announcement part ${index} for channel ${channelId}`);
      return found;
    };
    return {
      markPending: async (index, at) => {
        partAt(index).pendingSince = at;
        await this.persist();
      },
      markPosted: async (index, messageId) => {
        Object.assign(partAt(index), { status: 'posted', messageId });
        await this.persist();
      },
    };
  }

  /** The channel's batch was delivered: it is cleared and the channel's minute starts. */
  async batchPosted(guildId: string, channelId: string, at: number): Promise<void> {
    const target = this.existing(guildId, channelId);
    target.parts = [];
    target.lastPostAt = at;
    target.failure = null;
    await this.persist();
  }

  /** Records a failed delivery; a failure with no retry left drops the batch (given up). */
  async recordFailure(guildId: string, channelId: string, value: AnnouncementFailure): Promise<void> {
    const target = this.existing(guildId, channelId);
    target.failure = failure.parse(value);
    if (value.nextRetryAt === null) target.parts = [];
    await this.persist();
  }

  /** Drops queued articles a channel no longer follows (an unfollow, a removed feed). */
  async prune(guildId: string, channelId: string, keep: (entry: AnnouncementEntry) => boolean): Promise<void> {
    const target = this.existing(guildId, channelId);
    const kept = target.queue.filter(keep);
    if (kept.length === target.queue.length) return;
    target.queue = kept;
    await this.persist();
  }

  /** Resolves once every change so far is durable. */
  flush(): Promise<void> {
    return this.writes;
  }

  private existing(guildId: string, channelId: string): ChannelAnnouncements {
    const found = this.state.channels[keyOf(guildId, channelId)];
    if (!found) throw new Error(`no announcements for channel ${channelId}`);
    return found;
  }

  /** Queues a write of the whole state; writes never overlap, and each caller resolves after one that includes its change. */
  private persist(): Promise<void> {
    const snapshot = JSON.stringify(this.state);
    const write = this.writes.catch(() => {}).then(() => writeDurably(this.dir, path.join(this.dir, ANNOUNCEMENTS_FILE), snapshot));
    this.writes = write;
    return write;
  }
}

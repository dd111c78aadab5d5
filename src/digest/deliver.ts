import { createHash } from 'node:crypto';
import { MINUTE } from './schedule.js';
import type { DigestStore } from './store.js';

/** A message as read back from a channel. */
export interface ChannelMessage {
  id: string;
  authorId: string;
  content: string;
  /** Discord echoes the nonce on the message it created; history reads may omit it. */
  nonce?: string | number | null;
}

/** A message as posted: text, and embeds of a title, a description and a footer (all optional). */
export interface OutgoingMessage {
  content: string;
  embeds: { title?: string; description?: string; footer?: { text: string } }[];
}

/** How digests and feed announcements reach a channel; the bot implements it over Discord's REST API, tests in memory. */
export interface Sender {
  /** The bot's own user id, to recognise its messages in a channel. */
  readonly selfId: string;
  /** Posts a message with `nonce` and `enforce_nonce: true`, returning the (possibly existing) message's id. */
  send(channelId: string, payload: OutgoingMessage, nonce: string): Promise<{ id: string }>;
  /** The channel's most recent messages, newest first. */
  recent(channelId: string, limit: number): Promise<ChannelMessage[]>;
}

/**
 * Discord returns the existing message for a repeated nonce only for "a few minutes"; past this,
 * a pending part is first looked for in the channel.
 */
export const NONCE_WINDOW_MS = 2 * MINUTE;
/** How far back the channel is searched (Discord's maximum page). */
export const RECENT_LIMIT = 100;

/**
 * A part's nonce (at most 25 characters, as Discord allows): the same for every attempt at the
 * same part, different for any other part, day, server or schedule.
 */
export function partNonce(guildId: string, scheduleSince: number, date: string, index: number): string {
  return createHash('sha256').update(`${guildId}:${scheduleSince}:${date}:${index}`).digest('base64url').slice(0, 24);
}

/** A message to deliver exactly once: its nonce, exact payload, and how far delivery got. */
export interface DeliveryPart {
  index: number;
  nonce: string;
  payload: OutgoingMessage;
  status: 'pending' | 'posted';
  pendingSince: number | null;
}

/** Where the delivery steps of a batch of parts are recorded durably (each resolves once on disk). */
export interface DeliveryLog {
  markPending(index: number, at: number): Promise<void>;
  markPosted(index: number, messageId: string): Promise<void>;
}

/**
 * Posts the parts that are not posted yet, in order, exactly once each: record "pending" durably
 * → send with the part's nonce → record "posted". A crash between the steps leaves the part
 * pending; the next call sends it again with the same nonce (Discord answers with the message it
 * already created), or, once Discord's nonce memory may have lapsed, looks for it in the channel
 * first. Errors from the sender propagate with the part still pending.
 */
export async function deliverParts(
  parts: readonly DeliveryPart[],
  channelId: string,
  log: DeliveryLog,
  sender: Sender,
  now: () => number,
): Promise<void> {
  for (const part of parts) {
    if (part.status === 'posted') continue;
    if (part.pendingSince === null) {
      await log.markPending(part.index, now());
    } else if (now() - part.pendingSince > NONCE_WINDOW_MS) {
      const recent = await sender.recent(channelId, RECENT_LIMIT);
      const found = recent.find((m) => m.nonce === part.nonce || (m.authorId === sender.selfId && m.content === part.payload.content));
      if (found) {
        await log.markPosted(part.index, found.id);
        continue;
      }
    }
    const message = await sender.send(channelId, part.payload, part.nonce);
    await log.markPosted(part.index, message.id);
  }
}

/** Posts the parts of a stored digest that are not posted yet (see deliverParts). */
export async function deliverDigest(store: DigestStore, guildId: string, date: string, sender: Sender, now: () => number): Promise<void> {
  const record = store.digest(guildId, date);
  if (!record) throw new Error(`no ${date} digest for server ${guildId}`);
  const log: DeliveryLog = {
    markPending: (index, at) => store.markPending(guildId, date, index, at),
    markPosted: (index, messageId) => store.markPosted(guildId, date, index, messageId),
  };
  await deliverParts(record.parts, record.channelId, log, sender, now);
}

import { slugify } from './item.js';
import type { FeedPoller } from './poller.js';
import type { FeedConfig, FeedStore } from './store.js';

export interface AddFeedRequest {
  url: string;
  /** Wanted name (slugified); default: from the feed's title, else its host, made unique. */
  name?: string;
  fullText: boolean;
  everyMinutes: number;
  now: number;
}

export type AddFeedResult = { ok: true; feed: FeedConfig; items: number } | { ok: false; reason: string };

/**
 * Adds a feed once it has been fetched and parsed (nothing is written to the archive): the command
 * line's `add` and the bot's `/feeds add` share it. A refusal says why, fit to show the person.
 */
export async function addFeed(store: FeedStore, poller: FeedPoller, request: AddFeedRequest): Promise<AddFeedResult> {
  await store.refresh();
  const name = request.name === undefined ? undefined : slugify(request.name);
  if (name === '') return { ok: false, reason: 'The name needs letters or digits.' };
  const existing = store.feed(request.url);
  if (existing) return { ok: false, reason: `This feed is already in the list, as "${existing.name}".` };
  if (name && store.feed(name)) return { ok: false, reason: `A feed named "${name}" is already in the list.` };

  let parsed;
  try {
    parsed = await poller.preview(request.url);
  } catch (error) {
    return { ok: false, reason: `Not added: ${(error as Error).message}` };
  }
  const feed: FeedConfig = {
    name: name ?? uniqueName(store, slugify(parsed.title ?? '') || slugify(new URL(request.url).hostname) || 'feed'),
    url: request.url,
    title: parsed.title,
    fullText: request.fullText,
    everyMinutes: request.everyMinutes,
    addedAt: request.now,
  };
  if (!(await store.addFeed(feed))) return { ok: false, reason: 'Not added: a feed with this name or URL was added meanwhile.' };
  return { ok: true, feed, items: parsed.entries.length };
}

function uniqueName(store: FeedStore, base: string): string {
  let name = base;
  for (let n = 2; store.feed(name); n++) name = `${base}-${n}`;
  return name;
}

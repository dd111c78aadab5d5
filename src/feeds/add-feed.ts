import { slugify } from './item.js';
import type { FeedPoller } from './poller.js';
import { MIN_EVERY_MINUTES, type FeedConfig, type FeedStore } from './store.js';

/** Why a feed was not added, in words for the person who asked. */
export class AddFeedError extends Error {}

export interface AddFeedRequest {
  url: string;
  /** The feed's name (slugified); default from its title, else its host. */
  name?: string;
  fullText: boolean;
  everyMinutes: number;
  now: number;
}

/** A URL people may add as a feed: http or https, nothing else. */
export function isFeedUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol } = new URL(text);
  return protocol === 'http:' || protocol === 'https:';
}

/**
 * Adds a feed after fetching it once to check it is one (through the poller's safe fetcher:
 * the same SSRF rules and limits as polling); writes no article. Throws AddFeedError on bad input,
 * a duplicate, or a URL that is not a reachable feed.
 */
export async function addFeed(store: FeedStore, poller: FeedPoller, request: AddFeedRequest): Promise<{ feed: FeedConfig; items: number }> {
  const { url } = request;
  if (!isFeedUrl(url)) throw new AddFeedError('The address must be a web address starting with http:// or https://.');
  if (!Number.isInteger(request.everyMinutes) || request.everyMinutes < MIN_EVERY_MINUTES)
    throw new AddFeedError(`The interval must be a whole number of minutes, at least ${MIN_EVERY_MINUTES}.`);
  const name = request.name === undefined ? undefined : slugify(request.name);
  if (name === '') throw new AddFeedError('The name needs letters or digits.');
  await store.refresh();
  const existing = store.feed(url);
  if (existing) throw new AddFeedError(`This feed is already in the list, as "${existing.name}".`);
  if (name && store.feed(name)) throw new AddFeedError(`A feed named "${name}" is already in the list.`);

  let parsed;
  try {
    parsed = await poller.preview(url);
  } catch (error) {
    throw new AddFeedError(`Not added: ${(error as Error).message}`);
  }
  const base = name ?? (slugify(parsed.title ?? '') || slugify(new URL(url).hostname) || 'feed');
  let chosen = base;
  for (let n = 2; !name && store.feed(chosen); n++) chosen = `${base}-${n}`;
  const feed: FeedConfig = {
    name: chosen,
    url,
    title: parsed.title,
    fullText: request.fullText,
    everyMinutes: request.everyMinutes,
    addedAt: request.now,
  };
  if (!(await store.addFeed(feed))) throw new AddFeedError('Not added: a feed with this name or address was added meanwhile.');
  return { feed, items: parsed.entries.length };
}

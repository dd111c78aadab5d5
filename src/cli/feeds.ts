import { config as loadDotenv } from 'dotenv';
import { addFeed } from '../feeds/add.js';
import { slugify } from '../feeds/item.js';
import { PollerBusyError } from '../feeds/lock.js';
import { feedArticleCount, removeFeed } from '../feeds/remove.js';
import type { FeedPoller, FeedPollReport } from '../feeds/poller.js';
import { feedSettings, readSettings, storageSettings, type SettingsOf } from '../settings.js';
import { feedStatus } from '../feeds/feed-status.js';
import { DEFAULT_EVERY_MINUTES, FeedStore, MIN_EVERY_MINUTES } from '../feeds/store.js';
import { parseCommandLine, runMain, usageError, wholeNumber } from './common.js';

const USAGE = `Usage: npm run feeds -- add URL [--name NAME] [--full-text] [--every MINUTES]
       npm run feeds -- list [--json]
       npm run feeds -- remove URL|NAME [--purge]
       npm run feeds -- poll [--json]

  add        fetch the feed once to check it, then add it (writes no article yet)
  list       the feeds, their state and how many articles each wrote
  remove     stop polling a feed; its articles stay unless --purge
  poll       fetch every feed once now and write new or changed articles
  --name     the feed's name (default: from its title); its articles go to SEEDS_DIR/feeds/NAME
  --full-text  fetch each item's page when the feed carries only teasers
  --every    minutes between polls (at least ${MIN_EVERY_MINUTES}, default ${DEFAULT_EVERY_MINUTES})
  --json     one JSON line per feed
  --help     show this help

Settings (environment or .env): SEEDS_DIR, STATE_DIR, FEEDS_ALLOW_PRIVATE, FEEDS_KEEP_DAYS.`;

const OPTIONS_OF: Record<string, string[]> = {
  add: ['name', 'full-text', 'every'],
  list: ['json'],
  remove: ['purge'],
  poll: ['json'],
};
/** How long `poll` waits for a poller already running (the bot's cycle) before saying so. */
const LOCK_WAIT_MS = 30_000;

type FeedSettings = SettingsOf<[typeof storageSettings, typeof feedSettings]>;

interface Context {
  settings: FeedSettings;
  store: FeedStore;
}

/** Exit codes: 0 done, 1 the feed could not be added/found or another poller kept the lock, 2 bad usage or settings. */
async function main(): Promise<number> {
  const args = parseCommandLine(USAGE, {
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'full-text': { type: 'boolean' },
      every: { type: 'string' },
      json: { type: 'boolean' },
      purge: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  const [command, target, ...extra] = positionals;
  if (!command || !OPTIONS_OF[command]) return usageError(command ? `Unknown command "${command}".` : 'Give a command.', USAGE);
  const stray = Object.keys(values).find((option) => option !== 'help' && !OPTIONS_OF[command]!.includes(option));
  if (stray) return usageError(`--${stray} does not apply to "${command}".`, USAGE);
  const needsTarget = command === 'add' || command === 'remove';
  if (needsTarget ? !target || extra.length > 0 : target !== undefined) {
    return usageError(
      needsTarget ? `"${command}" takes one URL${command === 'remove' ? ' or name' : ''}.` : `"${command}" takes no argument.`,
      USAGE,
    );
  }

  loadDotenv({ quiet: true });
  let settings: FeedSettings;
  try {
    settings = readSettings(process.env, storageSettings, feedSettings);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const store = await FeedStore.open(settings.stateDir);
  const context = { settings, store };
  if (command === 'remove') return remove(context, target!, values.purge === true);
  if (command === 'list') return list(context, values.json === true);
  // The fetching, parsing and HTML modules load only for the commands that fetch.
  const { pollerFromSettings } = await import('../feeds/poller.js');
  const poller = pollerFromSettings(store, settings, { lockWaitMs: LOCK_WAIT_MS, log: (line) => console.error(line) });
  try {
    return command === 'add' ? await add(context, poller, target!, values) : await poll(poller, values.json === true);
  } finally {
    await poller.close();
  }
}

async function add(
  { store }: Context,
  poller: FeedPoller,
  url: string,
  values: { name?: string; 'full-text'?: boolean; every?: string },
): Promise<number> {
  const every = wholeNumber(values.every, DEFAULT_EVERY_MINUTES, MIN_EVERY_MINUTES, 7 * 24 * 60);
  if (every === null) return usageError(`--every must be a whole number of minutes, at least ${MIN_EVERY_MINUTES}.`);
  if (!URL.canParse(url)) return usageError(`Not a URL: ${url}`);
  if (values.name !== undefined && !slugify(values.name)) return usageError('--name needs letters or digits.');
  const result = await addFeed(store, poller, {
    url,
    name: values.name,
    fullText: values['full-text'] === true,
    everyMinutes: every,
    now: Date.now(),
  });
  if (!result.ok) return failure(result.reason);
  const { feed, items } = result;
  console.log(`Added feed "${feed.name}"${feed.title ? ` (${feed.title})` : ''}: ${items} items now, polled every ${every} minutes.`);
  return 0;
}

async function remove({ store, settings }: Context, target: string, purge: boolean): Promise<number> {
  let result;
  try {
    result = await removeFeed(store, settings.seedsDir, target, { purge, lockWaitMs: LOCK_WAIT_MS });
  } catch (error) {
    if (!(error instanceof PollerBusyError)) throw error;
    return failure(`Not removed: ${error.message}.`);
  }
  if (!result) return failure(`No feed named or at "${target}".`);
  const { feed, articles } = result;
  console.log(
    `Removed feed "${feed.name}"; ${purge ? `deleted its ${articles} articles` : `kept its ${articles} articles (--purge deletes them)`}.`,
  );
  return 0;
}

async function list({ store, settings }: Context, json: boolean): Promise<number> {
  if (!json && store.feeds().length === 0) console.log('No feeds. Add one with: npm run feeds -- add URL');
  for (const feed of store.feeds()) {
    const state = await store.loadState(feed.name);
    const articles = await feedArticleCount(settings.seedsDir, feed.name);
    const line = {
      feed: feed.name,
      url: feed.url,
      title: feed.title,
      status: feedStatus(state),
      every: feed.everyMinutes,
      fullText: feed.fullText,
      articles,
      failures: state?.failures ?? 0,
      error: state?.lastError ?? null,
      lastPolled: isoOrNull(state?.lastSuccessAt),
      nextPoll: isoOrNull(state?.nextPollAt),
    };
    if (json) console.log(JSON.stringify(line));
    else {
      const problem = line.error ? ` — ${line.status === 'failing' ? 'FAILING' : 'last fetch failed'}: ${line.error}` : '';
      console.log(
        `${feed.name}  ${feed.url}  every ${feed.everyMinutes} min${feed.fullText ? ', full text' : ''}, ${articles} articles, ${line.status}${problem}`,
      );
    }
  }
  return 0;
}

async function poll(poller: FeedPoller, json: boolean): Promise<number> {
  let reports: FeedPollReport[];
  try {
    reports = await poller.pollAll();
  } catch (error) {
    if (!(error instanceof PollerBusyError)) throw error;
    return failure(`Not polled: ${error.message}.`);
  }
  if (!json && reports.length === 0) console.log('No feeds to poll.');
  for (const r of reports) {
    if (json) console.log(JSON.stringify({ feed: r.feed, url: r.url, status: r.status, new: r.new, updated: r.updated, error: r.error }));
    else if (r.status === 'failed') console.log(`${r.feed}: failed: ${r.error}`);
    else console.log(`${r.feed}: ${r.status === 'not-modified' ? 'not modified' : `${r.new} new, ${r.updated} updated`}`);
  }
  return 0;
}

function failure(message: string): number {
  console.error(message);
  return 1;
}

const isoOrNull = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

runMain('feeds', main);

/**
 * Feeds bench: CPU and wall time of one poll cycle over many local feeds that all answer 304, and
 * over the same feeds answering 200 with nothing new; optionally (--latency) the time from the
 * start of the poll that sees a new item to ask() answering from it, with a large archive loaded.
 * The feeds are served by bench/feed-server.ts in a child process (its CPU is not counted).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadArticleFile } from '../src/articles/load.js';
import { SafeFetcher } from '../src/feeds/fetch.js';
import { FeedPoller } from '../src/feeds/poller.js';
import { FeedStore } from '../src/feeds/store.js';
import { ask } from '../src/search/ask.js';
import { openIndex } from '../src/search/open-index.js';

const USAGE = `Usage: npm run bench:feeds -- [--feeds N] [--items N] [--latency] [--shared DIR] [--cache DIR]

  --feeds N     local feeds (default 200)
  --items N     items per feed (default 50)
  --latency     also time new item → ask() answer with the Reuters archive loaded
  --shared DIR  data folder for --latency (default ../shared)
  --cache DIR   index cache for the archive (default ./data/cache)`;

const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '200' },
    items: { type: 'string', default: '50' },
    latency: { type: 'boolean' },
    shared: { type: 'string', default: '../shared' },
    cache: { type: 'string', default: './data/cache' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const FEEDS = Number(values.feeds);
const ITEMS = Number(values.items);

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/feed-server.ts', String(FEEDS), String(ITEMS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
  return { port, stop: () => child.kill() };
}

/** CPU (user + system) and wall milliseconds of one call. */
async function measure<T>(run: () => Promise<T>): Promise<{ cpuMs: number; wallMs: number; result: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const used = process.cpuUsage(cpu);
  return { cpuMs: Math.round((used.user + used.system) / 1000), wallMs: Math.round(performance.now() - started), result };
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-feeds-'));
  const server = await startServer();
  const fetcher = new SafeFetcher({ allowPrivate: true });
  try {
    const seedsDir = path.join(root, 'seeds');
    const store = await FeedStore.open(path.join(root, 'state'));
    const poller = new FeedPoller({ store, fetcher, seedsDir });
    const kinds = ['feed', 'fresh'] as const;
    for (const kind of kinds)
      for (let i = 0; i < FEEDS; i++)
        await store.addFeed({
          name: `${kind}-${i}`,
          url: `http://127.0.0.1:${server.port}/${kind}/${i}`,
          title: null,
          fullText: false,
          everyMinutes: 15,
          addedAt: 0,
        });
    const cycle = (kind: (typeof kinds)[number]) => {
      const only = new FeedPoller({ store: filtered(store, kind), fetcher, seedsDir });
      return measure(() => only.pollAll());
    };
    const first = await measure(() => poller.pollAll());
    console.log(`first poll: ${FEEDS * 2} feeds × ${ITEMS} items written: ${first.cpuMs} ms CPU, ${first.wallMs} ms wall`);
    const notModified = await cycle('feed');
    const statuses = (rs: { status: string; new: number }[]) =>
      `${rs.filter((r) => r.status === 'not-modified').length} not modified, ${rs.reduce((n, r) => n + r.new, 0)} new`;
    console.log(
      `poll cycle, ${FEEDS} feeds answering 304: ${notModified.cpuMs} ms CPU, ${notModified.wallMs} ms wall (${statuses(notModified.result)})`,
    );
    const unchanged = await cycle('fresh');
    console.log(
      `poll cycle, ${FEEDS} feeds × ${ITEMS} items answering 200, nothing new: ${unchanged.cpuMs} ms CPU, ${unchanged.wallMs} ms wall (${statuses(unchanged.result)})`,
    );
    if (values.latency) await latency(root, server.port, fetcher);
  } finally {
    await fetcher.close();
    server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** A view of the store holding only one kind of feed (so each cycle polls one half). */
function filtered(store: FeedStore, kind: string): FeedStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'feeds') return () => target.feeds().filter((f) => f.name.startsWith(`${kind}-`));
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** New item in one feed → poll → the file is read and upserted (as the live watcher does) → ask() finds it. */
async function latency(root: string, port: number, fetcher: SafeFetcher): Promise<void> {
  const seedsDir = path.join(root, 'latency-seeds');
  const store = await FeedStore.open(path.join(root, 'latency-state'));
  await store.addFeed({ name: 'wire', url: `http://127.0.0.1:${port}/feed/0`, title: null, fullText: false, everyMinutes: 15, addedAt: 0 });
  const poller = new FeedPoller({ store, fetcher, seedsDir });
  await poller.pollAll();
  const archive = path.join(values.shared, 'corpora/reuters21578');
  const opened = await openIndex({ corpora: [{ dir: archive }, { dir: seedsDir, name: 'seeds' }], cacheDir: values.cache });
  await opened.save();
  console.log(`archive loaded: ${opened.stats.articles} articles (${opened.stats.reused} from the cache)`);
  const item =
    '<item><title>Lighthouse keeper rescues stranded kayakers</title><link>https://wire.example/kayak</link><guid>kayak-1</guid>' +
    '<pubDate>Tue, 30 Sep 2025 09:00:00 +0000</pubDate><description>The lighthouse keeper Ingrid Vasquez rescued four stranded kayakers off the northern cape on Tuesday morning.</description></item>';
  await fetch(`http://127.0.0.1:${port}/add/0`, { method: 'POST', body: item });
  const started = performance.now();
  const [report] = await poller.pollAll();
  const written = report!.articles[0]!;
  const parsed = await loadArticleFile(seedsDir, 'seeds', written.source);
  if (!parsed.ok) throw new Error(parsed.reason);
  await opened.upsert(parsed.article);
  const answer = ask(opened.index, 'who rescued the stranded kayakers');
  const ms = Math.round(performance.now() - started);
  const top = answer.results[0];
  console.log(`new item → ask() answers from it: ${ms} ms (top result: "${top?.title}", url ${top?.url})`);
}

await main();

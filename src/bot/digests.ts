import path from 'node:path';
import { Events, Routes, type APIMessage, type Client } from 'discord.js';
import type { Article } from '../articles/article.js';
import { nameCorpora } from '../articles/load.js';
import { watchArticles, type ArticleSink, type ArticleWatcher } from '../articles/watch.js';
import type { ArticleSource } from '../digest/assemble.js';
import type { Sender } from '../digest/deliver.js';
import { DigestRunner } from '../digest/runner.js';
import { shiftedClock, systemClock, type Clock } from '../digest/schedule.js';
import { DigestStore } from '../digest/store.js';
import { renderDigest } from './digest-message.js';
import type { Log } from './log.js';
import { NO_MENTIONS } from './reply.js';

/**
 * Daily digests inside the bot process: the durable store, the schedule runner, the live
 * article folder, and the Discord side of posting. The bot's start-up calls openDigests()
 * before logging in (a bad state file stops it) and startDigests() once the index is ready.
 */

interface DigestSetup {
  store: DigestStore;
  clock: Clock;
}

/**
 * Reads the digest settings and opens the state, before the bot logs in: a bad setting or an
 * unreadable state file stops start-up. Settings: STATE_DIR (default ./data/state) and, for
 * tests only, NEWSDESK_TEST_NOW (an ISO instant the bot's clock reads at start-up, then runs on from).
 */
export async function openDigests(env: NodeJS.ProcessEnv): Promise<DigestSetup> {
  const stateDir = path.resolve(env.STATE_DIR?.trim() || './data/state');
  const testNow = env.NEWSDESK_TEST_NOW?.trim();
  const start = testNow ? Date.parse(testNow) : NaN;
  if (testNow && Number.isNaN(start)) throw new Error(`NEWSDESK_TEST_NOW is not an ISO date-time: ${testNow}`);
  const clock = testNow ? shiftedClock(start) : systemClock;
  return { store: await DigestStore.open(stateDir, clock.now()), clock };
}

/** Posts digests through Discord's REST API (nonce + enforce_nonce; mentions never ping). */
function discordSender(client: Client): Sender {
  return {
    get selfId() {
      return client.user?.id ?? '';
    },
    async send(channelId, payload, nonce) {
      const body = { ...payload, nonce, enforce_nonce: true, allowed_mentions: NO_MENTIONS };
      const message = (await client.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
      return { id: message.id };
    },
    async recent(channelId, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      const messages = (await client.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
      return messages.map((m) => ({ id: m.id, authorId: m.author.id, content: m.content, nonce: m.nonce ?? null }));
    },
  };
}

export interface Digests {
  store: DigestStore;
  runner: DigestRunner;
  clock: Clock;
  close(): Promise<void>;
}

let running: Digests | undefined;

/** The digest service of this process, once started (commands/digest.ts reads it). */
export function digests(): Digests | undefined {
  return running;
}

export interface StartOptions extends DigestSetup {
  /** The loaded index, read by digests. */
  index: ArticleSource;
  /** Applies a changed article file to the index (the persisted index's upsert/remove). */
  updater: ArticleSink;
  /** The article folder the index was loaded from (as one corpus), watched for changes. */
  seedsDir: string;
  log: Log;
}

/**
 * Records the articles now in the folder, starts watching it, runs the schedules once the client
 * is ready, and forgets a server the bot was removed from (discord.js emits GuildDelete only for
 * a removal; an outage, `unavailable: true`, is GuildUnavailable and changes nothing).
 */
export async function startDigests(client: Client, options: StartOptions): Promise<Digests> {
  const { store, clock, index, updater, seedsDir } = options;
  const log = (line: string) => options.log.info(line);
  const corpus = nameCorpora([{ dir: seedsDir }])[0]!.name;
  const loaded = new Set([...index.allArticles()].map((a) => a.id));
  await store.recordStartup(loaded, clock.now());
  const watcher: ArticleWatcher = watchArticles({
    dir: seedsDir,
    corpus,
    log,
    isLoaded: (id) => loaded.has(id),
    sink: {
      async upsert(article: Article) {
        await updater.upsert(article);
        await store.recordSeen([article.id], clock.now());
      },
      remove: (id: string) => updater.remove(id),
    },
  });
  const runner = new DigestRunner({ store, source: index, sender: discordSender(client), render: renderDigest, clock, log });
  client.on(Events.GuildDelete, (guild) => {
    void store.removeGuild(guild.id).then((removed) => removed && log(`digest: removed from server ${guild.id}; its schedule is deleted`));
  });
  if (client.isReady()) runner.start();
  else client.once(Events.ClientReady, () => runner.start());
  await watcher.ready;
  log(
    `digests: ${store.guildIds().filter((id) => store.settings(id)).length} server schedule(s); watching ${seedsDir} for article changes`,
  );
  running = {
    store,
    runner,
    clock,
    async close() {
      runner.stop();
      await watcher.close();
      await runner.idle();
      await store.flush();
    },
  };
  return running;
}

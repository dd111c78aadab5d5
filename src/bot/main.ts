import { config as loadDotenv } from 'dotenv';
import { Events } from 'discord.js';
import { shiftedClock, systemClock } from '../digest/schedule.js';
import { DigestStore } from '../digest/store.js';
import { openIndex } from '../search/open-index.js';
import { watchArticleFolder } from './article-folder.js';
import { createClient } from './client.js';
import { startDigests } from './digests.js';
import { startFeeds } from './feeds.js';
import { loadCommands } from './commands.js';
import { createContext } from './context.js';
import { createLog } from './log.js';
import { createRest, registrationScope, syncCommands } from './registration.js';
import { createRouter } from './router.js';
import { loadSettings, SettingsError } from '../settings.js';

/** `npm start`: validate settings, load the articles while logging in, serve interactions. */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let settings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`newsdesk: cannot start: ${error.message}`);
    process.exit(2);
  }
  const log = createLog([settings.token]);
  process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${(reason as Error)?.stack ?? reason}`));

  // The digest state opens before login, so a bad state file stops start-up.
  const clock = settings.testNow === undefined ? systemClock : shiftedClock(settings.testNow);
  const digestStore = await DigestStore.open(settings.stateDir, clock.now()).catch((error: Error) => {
    console.error(`newsdesk: cannot start: ${error.message}`);
    process.exit(1);
  });

  const commands = await loadCommands();
  const started = Date.now();
  // The one place the bot loads its articles.
  const persisted = openIndex({
    corpora: [{ dir: settings.seedsDir }],
    cacheDir: settings.indexCacheDir,
    wordVectors: settings.wordVectors,
    log: (line) => log.info(line),
    autoSaveMs: 5000,
  });
  const index = persisted.then((p) => p.index);
  index.then(
    (i) => log.info(`loaded ${i.articleCount} articles, ${i.sentenceCount} sentences in ${Date.now() - started} ms`),
    (error: Error) => {
      log.error(`cannot load the articles in ${settings.seedsDir}: ${error.message}`);
      process.exit(1);
    },
  );

  const client = createClient(settings);
  const digests = persisted.then((p) => startDigests(client, { store: digestStore, clock, index: p.index, log }));
  digests.catch((error: Error) => log.error(`digests could not start: ${error.message}`));
  const feeds = persisted.then((p) => startFeeds(client, { settings, clock, index: p.index, log }));
  feeds.catch((error: Error) => log.error(`feeds could not start: ${error.message}`));
  const ctx = createContext({ settings, log, commands: commands.byName, clock, index, digests, feeds });
  // The folder is watched beside the index, whatever becomes of digests; they only hear of arrivals.
  void persisted.then((p) =>
    watchArticleFolder({
      dir: settings.seedsDir,
      index: p,
      log,
      onArrival: (id) => ctx.digests()?.store.recordSeen([id], clock.now()),
    }),
  );
  client.on(Events.InteractionCreate, createRouter(commands, ctx));
  client.on(Events.Error, (error) => log.error(`discord client error: ${error.message}`));
  // discord.js reconnects and resumes by itself; these lines only tell the operator it happened.
  client.on(Events.ShardReconnecting, () => log.info('gateway reconnecting'));
  client.on(Events.ShardResume, (_shard, replayed) => log.info(`gateway resumed (${replayed} events replayed)`));
  client.once(Events.ClientReady, async (ready) => {
    log.info(`logged in as ${ready.user.tag}; ${ready.guilds.cache.size} servers`);
    try {
      const local = [...commands.byName.values()].map((c) => c.data.toJSON());
      const outcome = await syncCommands(createRest(settings), settings, local);
      log.info(
        `commands ${outcome === 'unchanged' ? 'already up to date' : 'registered'} ${registrationScope(settings)} (${local.length})`,
      );
    } catch (error) {
      log.error(`could not register commands: ${(error as Error).message}`);
    }
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return; // a second signal (a process group and its launcher both relaying one) changes nothing
    closing = true;
    log.info(`${signal}: closing the gateway`);
    await ctx.feeds()?.close();
    await client.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await client.login(settings.token);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    log.error(
      code === 'TokenInvalid'
        ? 'Discord rejected DISCORD_TOKEN: reset it in the developer portal (Bot → Reset Token)'
        : `cannot log in: ${message}`,
    );
    process.exit(1);
  }
}

main().catch((error: Error) => {
  console.error(`newsdesk: failed: ${error.stack ?? error.message}`);
  process.exit(1);
});

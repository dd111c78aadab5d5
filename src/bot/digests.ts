import { Events, Routes, type APIMessage, type Client } from 'discord.js';
import type { ArticleSource } from '../digest/assemble.js';
import type { Sender } from '../digest/deliver.js';
import { DigestRunner } from '../digest/runner.js';
import type { Clock } from '../digest/schedule.js';
import type { DigestStore } from '../digest/store.js';
import { renderDigest } from './digest-message.js';
import type { Log } from './log.js';
import { postToChannel } from './reply.js';

/**
 * Daily digests inside the bot process: the durable store (opened by main.ts before login, so
 * a bad state file stops start-up), the schedule runner, and the Discord side of posting. The
 * article folder is watched beside the index (src/bot/article-folder.ts); main.ts tells the
 * store about arrivals.
 */

/** Posts digests through Discord's REST API (nonce + enforce_nonce; mentions never ping). */
export function discordSender(client: Client): Sender {
  return {
    get selfId() {
      return client.user?.id ?? '';
    },
    send: (channelId, payload, nonce) => postToChannel(client.rest, channelId, payload, nonce),
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
  close(): Promise<void>;
}

export interface StartOptions {
  store: DigestStore;
  clock: Clock;
  /** The loaded index, read by digests. */
  index: ArticleSource;
  log: Log;
}

/**
 * Records the articles now loaded, runs the schedules once the client is ready, and forgets a
 * server the bot was removed from (discord.js emits GuildDelete only for a removal; an outage,
 * `unavailable: true`, is GuildUnavailable and changes nothing).
 */
export async function startDigests(client: Client, options: StartOptions): Promise<Digests> {
  const { store, clock, index } = options;
  const log = (line: string) => options.log.info(line);
  await store.recordStartup(
    [...index.allArticles()].map((a) => a.id),
    clock.now(),
  );
  const runner = new DigestRunner({ store, source: index, sender: discordSender(client), render: renderDigest, clock, log });
  client.on(Events.GuildDelete, (guild) => {
    void store.removeGuild(guild.id).then((removed) => removed && log(`digest: removed from server ${guild.id}; its schedule is deleted`));
  });
  if (client.isReady()) runner.start();
  else client.once(Events.ClientReady, () => runner.start());
  log(`digests: ${store.guildIds().filter((id) => store.settings(id)).length} server schedule(s)`);
  return {
    store,
    runner,
    async close() {
      runner.stop();
      await runner.idle();
      await store.flush();
    },
  };
}

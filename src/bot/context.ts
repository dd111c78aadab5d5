import type { Clock } from '../digest/schedule.js';
import type { ArticleSearch } from '../search/article-search.js';
import type { BotContext, Command } from './command.js';
import { Cooldown } from './cooldown.js';
import type { Digests } from './digests.js';
import type { Feeds } from './feeds.js';
import type { Log } from './log.js';
import { deferReply, deferUpdate } from './reply.js';
import type { Settings } from '../settings.js';
import { createSummaryPreviews } from './summary-message.js';

export interface ContextServices {
  settings: Settings;
  log: Log;
  commands: ReadonlyMap<string, Command>;
  clock: Clock;
  /** The index as it finishes loading. */
  index: Promise<ArticleSearch>;
  /** The digest service as it starts (a failure leaves digests() undefined). */
  digests?: Promise<Digests>;
  /** The feeds service as it starts (a failure leaves feeds() undefined). */
  feeds?: Promise<Feeds>;
}

/** The handlers' view of the bot: its settings, log, commands and services, the slow ones as they become ready. */
export function createContext({ settings, log, commands, clock, index, digests, feeds }: ContextServices): BotContext {
  const ready = <T>(promise: Promise<T> | undefined) => {
    const holder: { value?: T } = {};
    void promise?.then(
      (value) => (holder.value = value),
      () => undefined,
    );
    return holder;
  };
  const loaded = ready(index);
  const digestService = ready(digests);
  const feedService = ready(feeds);
  return {
    settings,
    log,
    commands,
    clock,
    askCooldown: new Cooldown(),
    summaryPreviews: createSummaryPreviews(),
    digests: () => digestService.value,
    feeds: () => feedService.value,
    loadedArticles: () => loaded.value,
    async articles(interaction, options = {}) {
      if (loaded.value) return loaded.value;
      if (options.update && interaction.isMessageComponent()) await deferUpdate(interaction);
      else await deferReply(interaction, options.ephemeral);
      return index;
    },
  };
}

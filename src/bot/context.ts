import type { ArticleSearch } from '../search/article-search.js';
import type { BotContext, Command } from './command.js';
import type { Log } from './log.js';
import { deferReply, deferUpdate } from './reply.js';
import type { Settings } from './settings.js';

/** The handlers' view of the bot: settings, log, commands, and the index as it finishes loading. */
export function createContext(
  settings: Settings,
  log: Log,
  commands: ReadonlyMap<string, Command>,
  index: Promise<ArticleSearch>,
): BotContext {
  let loaded: ArticleSearch | undefined;
  void index.then(
    (i) => (loaded = i),
    () => undefined,
  );
  return {
    settings,
    log,
    commands,
    loadedArticles: () => loaded,
    async articles(interaction, options = {}) {
      if (loaded) return loaded;
      if (options.update && interaction.isMessageComponent()) await deferUpdate(interaction);
      else await deferReply(interaction, options.ephemeral);
      return index;
    },
  };
}

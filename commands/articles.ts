import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { z } from 'zod';
import type { ArticleSearch } from '../src/search/article-search.js';
import { matchesWords, newestFirst } from '../src/bot/article-order.js';
import type { Command } from '../src/bot/command.js';
import { ARTICLES_PAGE_BUTTON, articleListMessage, articleQueryOf, type ListedArticle } from '../src/bot/format.js';
import { wholeNumberArg, withArgs } from '../src/bot/options.js';
import { respond } from '../src/bot/reply.js';
import { withoutDiscordMarkup } from '../src/bot/discord-markup.js';

/** A page number a Previous/Next button carries (a page past the last shows the last). */
const PAGE_ARGS = z.tuple([wholeNumberArg(0, 100_000)]);

/** Loaded articles, newest first (undated last), optionally only those whose title or file name holds every word of `query`. */
function listArticles(index: ArticleSearch, query: string | null): ListedArticle[] {
  return [...index.allArticles()]
    .filter((a) => matchesWords(`${a.title} ${a.source}`, query ?? ''))
    .sort(newestFirst)
    .map(({ title, date, source }) => ({ title, date, source }));
}

const command: Command = {
  data: new SlashCommandBuilder()
    .setName('articles')
    .setDescription('List the loaded news articles, newest first')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName('query').setDescription('Only titles containing these words').setMaxLength(100)),
  help: 'lists the loaded articles, newest first, 10 per page; `query` keeps titles containing its words.',

  async execute(interaction, ctx) {
    const query = withoutDiscordMarkup(interaction.options.getString('query') ?? '') || null;
    const index = await ctx.articles(interaction, { ephemeral: true });
    await respond(interaction, { ...articleListMessage(listArticles(index, query), 0, query), ephemeral: true });
  },

  components: {
    /** Previous/Next: args: [page]; the filter is read back from the page's footer. */
    [ARTICLES_PAGE_BUTTON]: withArgs(PAGE_ARGS, async (interaction, [page], ctx) => {
      const query = articleQueryOf(interaction.message.embeds.map((e) => e.toJSON()));
      const index = await ctx.articles(interaction, { update: true });
      await respond(interaction, { ...articleListMessage(listArticles(index, query), page, query), update: true });
    }),
  },
};

export default command;

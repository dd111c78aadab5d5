import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { ArticleSearch } from '../src/search/article-search.js';
import { matchesWords, newestFirst } from '../src/bot/article-order.js';
import type { Command } from '../src/bot/command.js';
import { ARTICLES_PAGE_BUTTON, articleListMessage, articleQueryOf, type ListedArticle } from '../src/bot/format.js';
import { respond } from '../src/bot/reply.js';

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
    const query = interaction.options.getString('query')?.trim() || null;
    const index = await ctx.articles(interaction, { ephemeral: true });
    await respond(interaction, { ...articleListMessage(listArticles(index, query), 0, query), ephemeral: true });
  },

  components: {
    /** Previous/Next: args: [page]; the filter is read back from the page's footer. */
    async [ARTICLES_PAGE_BUTTON](interaction, [page = '0'], ctx) {
      const query = articleQueryOf(interaction.message.embeds.map((e) => e.toJSON()));
      const index = await ctx.articles(interaction, { update: true });
      await respond(interaction, { ...articleListMessage(listArticles(index, query), Number(page), query), update: true });
    },
  },
};

export default command;

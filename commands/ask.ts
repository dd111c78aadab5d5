import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder, type MessageComponentInteraction } from 'discord.js';
import { z } from 'zod';
import { ask, MAX_QUESTION_LENGTH, QuestionError, validateQuestion, type AskResult } from '../src/search/ask.js';
import type { ArticleSearch } from '../src/search/article-search.js';
import { byDateNewestFirst } from '../src/bot/article-order.js';
import { withoutDiscordMarkup } from '../src/bot/discord-markup.js';
import type { BotContext, Command } from '../src/bot/command.js';
import { resolveRef, resultsHash } from '../src/bot/excerpt-ref.js';
import { answerMessage, ASK_BUTTONS, contextMessages, questionOf, STALE_ANSWER } from '../src/bot/format.js';
import { wholeNumberArg, withArgs } from '../src/bot/options.js';
import { respond, type ReplyTarget } from '../src/bot/reply.js';

const MAX_COUNT = 5;
const DEFAULT_COUNT = 3;
/** Further than any ranking reaches (it keeps a few hundred candidates). */
const MAX_OFFSET = 1000;

/** What the buttons' custom ids carry (see answerMessage): an excerpt reference, a page of results, a page fingerprint. */
const ARGS = {
  context: z.tuple([z.string().regex(/^[\w-]{8}\.[\da-z]{1,10}\.[\da-z]{1,10}\.[\w-]{8}$/)]),
  more: z.tuple([wholeNumberArg(0, MAX_OFFSET), wholeNumberArg(1, MAX_COUNT)]),
  share: z.tuple([wholeNumberArg(0, MAX_OFFSET), wholeNumberArg(1, MAX_COUNT), z.string().regex(/^[\w-]{8}$/)]),
};

/** Titles of the articles the closest results came from, else the newest: what to suggest asking about. */
function suggestions(index: ArticleSearch, result: AskResult): string[] {
  const titles = new Set(result.results.map((r) => r.title));
  if (titles.size === 0) {
    const newest = [...index.allArticles()].sort(byDateNewestFirst);
    for (const article of newest.slice(0, 3)) titles.add(article.title);
  }
  return [...titles].slice(0, 3);
}

/** Runs the question and answers with one page of results; a bad question gets its reason, privately. */
async function answer(
  interaction: ReplyTarget,
  ctx: BotContext,
  question: string,
  page: { offset: number; count: number; private: boolean },
) {
  const index = await ctx.articles(interaction, { ephemeral: page.private });
  let result: AskResult;
  try {
    // One extra result tells whether a "More" button is worth showing.
    result = ask(index, question, { k: page.count + 1, offset: page.offset });
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
    return respond(interaction, { content: error.message, ephemeral: true });
  }
  const more = result.results.length > page.count;
  const message = answerMessage(result, { ...page, more, suggestions: result.confident ? [] : suggestions(index, result) });
  await respond(interaction, { ...message, ephemeral: page.private });
}

/** The question echoed on the message a button sits on, or a polite refusal when it cannot be read or asked again. */
async function echoedQuestion(interaction: MessageComponentInteraction): Promise<string | null> {
  const question = questionOf(interaction.message.embeds.map((e) => e.toJSON()));
  try {
    if (question !== null) return validateQuestion(question);
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
  }
  await respond(interaction, { content: 'This message no longer shows its question; please ask again.', ephemeral: true });
  return null;
}

const command: Command = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question about the news articles; get quoted, attributed sentences')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) =>
      o.setName('question').setDescription('What do you want to know?').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
    )
    .addIntegerOption((o) =>
      o
        .setName('count')
        .setDescription(`How many sentences (1-${MAX_COUNT}, default ${DEFAULT_COUNT})`)
        .setMinValue(1)
        .setMaxValue(MAX_COUNT),
    )
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer (you can share it after)')),
  help: 'answers a question with sentences quoted from the articles, matched words in bold, each with its title, date, file and paragraph. Ask as you would type in chat: slips of the keyboard, shorthand ("u", "b4") and abbreviations ("govt", "q1") are read the way the articles write, and a slip put right is said under the answer; "in the bbc article, …" asks the articles too. Options: `count` (1-5), `private`. Buttons: Context, More, Share.',

  async execute(interaction, ctx) {
    const isPrivate = interaction.options.getBoolean('private') ?? false;
    const wait = ctx.askCooldown.take(interaction.user.id, ctx.settings.askCooldown);
    if (wait > 0) {
      const { uses, seconds } = ctx.settings.askCooldown;
      return respond(interaction, {
        content: `You can ask ${uses} questions every ${seconds} seconds; try again in ${wait} s.`,
        ephemeral: true,
      });
    }
    const count = Math.min(MAX_COUNT, Math.max(1, interaction.options.getInteger('count') ?? DEFAULT_COUNT));
    const question = withoutDiscordMarkup(interaction.options.getString('question', true));
    await answer(interaction, ctx, question, { offset: 0, count, private: isPrivate });
  },

  components: {
    /** "Context N": the excerpt's paragraph, privately (a very long sentence in several messages); args: [excerpt ref]. */
    [ASK_BUTTONS.context]: withArgs(ARGS.context, async (interaction, [ref], ctx) => {
      const index = await ctx.articles(interaction, { ephemeral: true });
      const resolved = resolveRef(index, ref);
      if (!resolved) return respond(interaction, { content: STALE_ANSWER, ephemeral: true });
      for (const message of contextMessages(resolved)) await respond(interaction, { ...message, ephemeral: true });
    }),
    /** "More": the next results, privately; args: [offset, count]. */
    [ASK_BUTTONS.more]: withArgs(ARGS.more, async (interaction, [offset, count], ctx) => {
      const question = await echoedQuestion(interaction);
      if (question) await answer(interaction, ctx, question, { offset, count, private: true });
    }),
    /** "Share": posts a private answer to the channel, if the articles still give the same sentences; args: [offset, count, hash]. */
    [ASK_BUTTONS.share]: withArgs(ARGS.share, async (interaction, [offset, count, hash], ctx) => {
      const question = await echoedQuestion(interaction);
      if (!question) return;
      const index = await ctx.articles(interaction);
      const result = ask(index, question, { k: count, offset });
      if (resultsHash(result.results) !== hash) return respond(interaction, { content: STALE_ANSWER, ephemeral: true });
      const message = answerMessage(result, { offset, count, private: false, more: false, suggestions: [] });
      await respond(interaction, { ...message, content: `Shared by ${interaction.user}` });
    }),
  },
};

export default command;

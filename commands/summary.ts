import {
  DiscordAPIError,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
  type SlashCommandStringOption,
} from 'discord.js';
import { z } from 'zod';
import { matchesWords, newestFirst } from '../src/bot/article-order.js';
import type { BotContext, Command } from '../src/bot/command.js';
import { escapeText, quoted } from '../src/bot/escape.js';
import { articleByHash, shortHash } from '../src/bot/excerpt-ref.js';
import { LIMITS, truncate } from '../src/bot/limits.js';
import { withArgs } from '../src/bot/options.js';
import { botCanPostIn } from '../src/bot/permissions.js';
import { postToChannel, respond, tell, UserFacingError } from '../src/bot/reply.js';
import { postedMessages, previewMessage, SUMMARY_COMPONENTS, type SummaryPreview, type SummaryView } from '../src/bot/summary-message.js';
import { withoutDiscordMarkup } from '../src/bot/discord-markup.js';
import type { ArticleSearch, IndexedArticle } from '../src/search/article-search.js';
import { articleNamed } from '../src/search/find-article.js';
import { summarizeArticle } from '../src/summarize/summarize.js';
import { summarizeTopic, SummaryError } from '../src/summarize/topic.js';

const LENGTHS = { short: 3, medium: 5, long: 8 } as const;
/** What the preview's buttons carry: the preview's key in the pending store. */
const PREVIEW_KEY = z.tuple([z.string().regex(/^[\w-]{8}$/)]);
type Length = keyof typeof LENGTHS;

const lengthOption = (o: SlashCommandStringOption) =>
  o
    .setName('length')
    .setDescription('How long (default short: 3 sentences)')
    .addChoices(
      { name: 'short (3 sentences)', value: 'short' },
      { name: 'medium (5)', value: 'medium' },
      { name: 'long (8)', value: 'long' },
    );

const data = new SlashCommandBuilder()
  .setName('summary')
  .setDescription('Preview a summary of an article or a topic privately, then post it in a channel')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('article')
      .setDescription('Summarise one article')
      .addStringOption((o) =>
        o.setName('article').setDescription('Start typing its title').setRequired(true).setAutocomplete(true).setMaxLength(200),
      )
      .addStringOption(lengthOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('topic')
      .setDescription('Summarise what the articles say about a topic')
      .addStringOption((o) => o.setName('topic').setDescription('Words to look for, e.g. Geneva talks').setRequired(true).setMaxLength(200))
      .addStringOption((o) =>
        o.setName('from').setDescription('Only articles dated on or after YYYY-MM-DD').setMinLength(10).setMaxLength(10),
      )
      .addStringOption((o) =>
        o.setName('to').setDescription('Only articles dated on or before YYYY-MM-DD').setMinLength(10).setMaxLength(10),
      )
      .addStringOption(lengthOption),
  );

/** Discord hides the command from members without Manage Messages, but a server can override that: check every use. */
function isModerator(interaction: ChatInputCommandInteraction | MessageComponentInteraction): boolean {
  return interaction.inGuild() && interaction.memberPermissions.has(PermissionFlagsBits.ManageMessages);
}
const NOT_MODERATOR = 'Only moderators (members with the Manage Messages permission) can make and post summaries.';

/** The article an option names: an autocomplete pick (a short hash of its id), its file, or its exact title. */
function resolveArticle(index: ArticleSearch, value: string): IndexedArticle {
  const article = articleByHash(index, value) ?? articleNamed(index, value);
  if (!article) throw new UserFacingError(`No article matches ${quoted(value)}. Start typing its title and pick it from the list.`);
  return article;
}

function articleView(article: IndexedArticle, sentences: number, index: ArticleSearch): SummaryView {
  const chosen = summarizeArticle(index, article, { sentences });
  if (chosen.length === 0) throw new UserFacingError(`${quoted(article.title)} has no complete sentence to quote.`);
  return { kind: 'article', heading: article.title, subtitle: `${article.date ?? 'undated'} · ${article.source}`, sentences: chosen };
}

function topicView(interaction: ChatInputCommandInteraction, sentences: number, index: ArticleSearch): SummaryView {
  const topic = withoutDiscordMarkup(interaction.options.getString('topic', true));
  const from = interaction.options.getString('from')?.trim() || undefined;
  const to = interaction.options.getString('to')?.trim() || undefined;
  try {
    const summary = summarizeTopic(index, topic, { sentences, from, to });
    if (summary.sentences.length === 0)
      throw new UserFacingError(
        `Nothing in the articles matches ${quoted(topic)}${from || to ? ' in that date range' : ''}. Try other words.`,
      );
    const used = new Set(summary.sentences.map((s) => s.articleId)).size;
    const range = from || to ? `, ${from ?? 'the start'} to ${to ?? 'today'}` : '';
    return {
      kind: 'topic',
      heading: summary.query,
      subtitle: `From ${used} article${used === 1 ? '' : 's'}${range}`,
      sentences: summary.sentences,
    };
  } catch (error) {
    throw error instanceof SummaryError ? new UserFacingError(escapeText(error.message)) : error;
  }
}

const cannotPost = (channelId: string) =>
  `⚠️ I cannot post in <#${channelId}>: I need the View Channel, Send Messages and Embed Links permissions there. Pick another channel, or ask an admin to let me post there.`;

/** The preview a button belongs to, if it is still there and the presser may use it (else they are told why not). */
async function ownPreview(
  interaction: MessageComponentInteraction,
  key: string | undefined,
  ctx: BotContext,
): Promise<SummaryPreview | null> {
  const preview = key ? ctx.summaryPreviews.get(key) : undefined;
  let refusal: string | null = null;
  if (!isModerator(interaction)) refusal = NOT_MODERATOR;
  else if (preview && preview.userId !== interaction.user.id) refusal = 'This preview belongs to another moderator.';
  if (refusal) {
    await tell(interaction, refusal);
    return null;
  }
  if (!preview) {
    await respond(interaction, { content: 'This preview has expired. Run /summary again.', embeds: [], components: [], update: true });
    return null;
  }
  return preview;
}

async function post(interaction: MessageComponentInteraction, [key]: string[], ctx: BotContext): Promise<void> {
  const preview = await ownPreview(interaction, key, ctx);
  if (!preview) return;
  const { channelId, view } = preview;
  if (botCanPostIn(interaction, channelId) === false) {
    return respond(interaction, { ...previewMessage(view, key!, channelId, cannotPost(channelId)), update: true });
  }
  await interaction.deferUpdate();
  const messages = postedMessages(view, interaction.user.id);
  let posted = 0;
  try {
    for (const message of messages) {
      await postToChannel(interaction.client.rest, channelId, message);
      posted++;
    }
  } catch (error) {
    const forbidden = error instanceof DiscordAPIError && (error.status === 403 || error.status === 404);
    if (!forbidden) throw error;
    const note =
      posted > 0
        ? `⚠️ Only ${posted} of ${messages.length} messages could be posted in <#${channelId}>. ${cannotPost(channelId).slice(3)}`
        : cannotPost(channelId);
    return respond(interaction, { ...previewMessage(view, key!, channelId, note), update: true });
  }
  ctx.summaryPreviews.delete(key!);
  await respond(interaction, {
    content: `Posted the summary in <#${channelId}>${messages.length > 1 ? ` (${messages.length} messages)` : ''}.`,
    embeds: [],
    components: [],
    update: true,
  });
}

async function pickChannel(interaction: MessageComponentInteraction, [key]: string[], ctx: BotContext): Promise<void> {
  const preview = await ownPreview(interaction, key, ctx);
  if (!preview || !interaction.isChannelSelectMenu()) return;
  const [channelId] = interaction.values;
  if (channelId) preview.channelId = channelId;
  await respond(interaction, { ...previewMessage(preview.view, key!, preview.channelId), update: true });
}

async function cancel(interaction: MessageComponentInteraction, [key]: string[], ctx: BotContext): Promise<void> {
  const preview = await ownPreview(interaction, key, ctx);
  if (!preview) return;
  ctx.summaryPreviews.delete(key!);
  await respond(interaction, { content: 'Summary discarded.', embeds: [], components: [], update: true });
}

async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!interaction.inGuild()) return tell(interaction, 'Summaries are posted in a server: use this command there.');
  if (!isModerator(interaction)) return tell(interaction, NOT_MODERATOR);
  const index = await ctx.articles(interaction, { ephemeral: true });
  const sentences = LENGTHS[(interaction.options.getString('length') as Length | null) ?? 'short'] ?? LENGTHS.short;
  const view =
    interaction.options.getSubcommand() === 'article'
      ? articleView(resolveArticle(index, interaction.options.getString('article', true)), sentences, index)
      : topicView(interaction, sentences, index);
  const preview: SummaryPreview = { userId: interaction.user.id, channelId: interaction.channelId, view };
  const key = ctx.summaryPreviews.add(preview);
  await respond(interaction, { ...previewMessage(view, key, preview.channelId), ephemeral: true });
}

/** Titles containing every typed word, newest first, as Discord's choices (25 at most, 100 characters each). */
async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const index = ctx.loadedArticles();
  if (!index) return interaction.respond([]);
  const typed = interaction.options.getFocused();
  const matches = [...index.allArticles()].filter((a) => matchesWords(a.title, typed)).sort(newestFirst);
  await interaction.respond(
    matches
      .slice(0, LIMITS.choices)
      .map((a) => ({ name: truncate(`${a.title} (${a.date ?? 'undated'})`, LIMITS.choiceName), value: shortHash(a.id) })),
  );
}

const command: Command = {
  data,
  help: 'a summary of an article or a topic, previewed privately, then posted in a channel with its sources (Manage Messages).',
  execute,
  autocomplete,
  components: {
    [SUMMARY_COMPONENTS.post]: withArgs(PREVIEW_KEY, post),
    [SUMMARY_COMPONENTS.channel]: withArgs(PREVIEW_KEY, pickChannel),
    [SUMMARY_COMPONENTS.cancel]: withArgs(PREVIEW_KEY, cancel),
  },
};

export default command;

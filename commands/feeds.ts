import {
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandStringOption,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { BotContext, Command } from '../src/bot/command.js';
import { escapeText } from '../src/bot/escape.js';
import type { Feeds } from '../src/bot/feeds.js';
import { fitBlocks, LIMITS, truncate } from '../src/bot/limits.js';
import { isApplicationOwner } from '../src/bot/owners.js';
import { botCanPostIn, missingBotPermissions, POSTING } from '../src/bot/permissions.js';
import { deferReply, tell, UserFacingError } from '../src/bot/reply.js';
import { localDateTime } from '../src/digest/schedule.js';
import { addFeed } from '../src/feeds/add.js';
import { feedStatus } from '../src/feeds/feed-status.js';
import { PollerBusyError } from '../src/feeds/lock.js';
import { removeFeed } from '../src/feeds/remove.js';
import { DEFAULT_EVERY_MINUTES, MIN_EVERY_MINUTES, type FeedConfig } from '../src/feeds/store.js';

const MAX_EVERY_MINUTES = 7 * 24 * 60;
const MAX_KEYWORDS = 10;
/** How long `/feeds remove` waits for a poll in progress (the reply is deferred meanwhile). */
const REMOVE_LOCK_WAIT_MS = 10_000;
const MAX_KEYWORD_CHARS = 50;
const KEYWORDS_CHARS = 200;
const POSTABLE: (ChannelType.GuildText | ChannelType.GuildAnnouncement)[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

const feedOption = (o: SlashCommandStringOption) =>
  o.setName('feed').setDescription('The feed, by name').setRequired(true).setAutocomplete(true).setMaxLength(100);

// Discord's default_member_permissions covers a whole command, and /feeds list is for everyone:
// who may use each subcommand is checked here, on every use.
const data = new SlashCommandBuilder()
  .setName('feeds')
  .setDescription('News feeds: which feeds fill the archive, and where new articles are announced')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription("Add a feed to the archive (the bot's owner only)")
      .addStringOption((o) =>
        o.setName('url').setDescription('The feed address (RSS, Atom, RDF or JSON Feed)').setRequired(true).setMaxLength(2000),
      )
      .addStringOption((o) => o.setName('name').setDescription('A short name (default: from its title)').setMaxLength(48))
      .addBooleanOption((o) => o.setName('full_text').setDescription("Fetch each item's page when the feed carries only teasers"))
      .addIntegerOption((o) =>
        o
          .setName('every')
          .setDescription(`Minutes between polls (default ${DEFAULT_EVERY_MINUTES})`)
          .setMinValue(MIN_EVERY_MINUTES)
          .setMaxValue(MAX_EVERY_MINUTES),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('remove')
      .setDescription("Stop polling a feed (the bot's owner only)")
      .addStringOption(feedOption)
      .addBooleanOption((o) => o.setName('purge').setDescription('Also delete the articles it wrote')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('follow')
      .setDescription("Announce a feed's new articles in a channel (Manage Server)")
      .addStringOption(feedOption)
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('Where to announce')
          .setRequired(true)
          .addChannelTypes(...POSTABLE),
      )
      .addStringOption((o) =>
        o.setName('keywords').setDescription('Only articles with one of these words, comma-separated').setMaxLength(KEYWORDS_CHARS),
      ),
  )
  .addSubcommand((sub) =>
    sub.setName('unfollow').setDescription('Stop announcing a feed in this server (Manage Server)').addStringOption(feedOption),
  )
  .addSubcommand((sub) => sub.setName('list').setDescription("The feeds, how they fare, and this server's announcements"));

/** Refuses anyone but the application's owner or its team, as Discord's application object says now. */
async function requireOwner(interaction: ChatInputCommandInteraction): Promise<void> {
  await deferReply(interaction, true);
  if (!(await isApplicationOwner(interaction.client, interaction.user.id)))
    throw new UserFacingError("Only the bot's owner decides which feeds fill the archive: it is shared by every server the bot is in.");
}

function requireModerator(interaction: ChatInputCommandInteraction): string {
  if (!interaction.inGuild()) throw new UserFacingError('Announcements are set per server: use this command in a server.');
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild))
    throw new UserFacingError('Only members with the Manage Server permission can choose what is announced here.');
  return interaction.guildId;
}

async function knownFeed(service: Feeds, name: string): Promise<Readonly<FeedConfig>> {
  await service.store.refresh();
  const feed = service.store.feed(name.trim());
  if (!feed) throw new UserFacingError(`There is no feed named "${escapeText(truncate(name, 100))}". See \`/feeds list\`.`);
  return feed;
}

/** Comma-separated keywords (words or phrases), lower-cased, without repeats; too many or too long is refused. */
export function parseKeywords(text: string | null): string[] {
  if (!text) return [];
  const keywords = [...new Set(text.split(',').map((k) => k.replace(/\s+/g, ' ').trim().toLowerCase()))].filter(Boolean);
  if (keywords.length > MAX_KEYWORDS) throw new UserFacingError(`Give at most ${MAX_KEYWORDS} keywords, separated by commas.`);
  if (keywords.some((k) => k.length > MAX_KEYWORD_CHARS))
    throw new UserFacingError(`Each keyword may have at most ${MAX_KEYWORD_CHARS} characters; separate keywords with commas.`);
  return keywords;
}

/** A web address people may add as a feed: http or https, nothing else. */
function isFeedUrl(text: string): boolean {
  return URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);
}

async function add(interaction: ChatInputCommandInteraction, service: Feeds, ctx: BotContext) {
  await requireOwner(interaction);
  const url = interaction.options.getString('url', true).trim();
  if (!isFeedUrl(url)) throw new UserFacingError('The address must be a web address starting with http:// or https://.');
  const everyMinutes = interaction.options.getInteger('every') ?? DEFAULT_EVERY_MINUTES;
  if (everyMinutes < MIN_EVERY_MINUTES || everyMinutes > MAX_EVERY_MINUTES)
    throw new UserFacingError(`The interval must be between ${MIN_EVERY_MINUTES} and ${MAX_EVERY_MINUTES} minutes.`);
  const added = await addFeed(service.store, service.poller, {
    url,
    name: interaction.options.getString('name') ?? undefined,
    fullText: interaction.options.getBoolean('full_text') ?? false,
    everyMinutes,
    now: ctx.clock.now(),
  });
  if (!added.ok) throw new UserFacingError(escapeText(added.reason));
  const { feed, items } = added;
  const title = feed.title ? ` (${escapeText(truncate(feed.title, 200))})` : '';
  await tell(
    interaction,
    `Added feed **${feed.name}**${title}: ${items} items now, polled every ${feed.everyMinutes} minutes. What it holds now goes to the archive; only later items are announced. Servers choose where with \`/feeds follow\`.`,
  );
}

async function remove(interaction: ChatInputCommandInteraction, service: Feeds, ctx: BotContext) {
  await requireOwner(interaction);
  const feed = await knownFeed(service, interaction.options.getString('feed', true));
  const purge = interaction.options.getBoolean('purge') ?? false;
  let removed;
  try {
    removed = await removeFeed(service.store, ctx.settings.seedsDir, feed.name, { purge, lockWaitMs: REMOVE_LOCK_WAIT_MS });
  } catch (error) {
    if (!(error instanceof PollerBusyError)) throw error;
    throw new UserFacingError('The feeds are being polled right now; try again in a minute.');
  }
  if (!removed) throw new UserFacingError(`The feed "${feed.name}" was removed meanwhile.`);
  const { articles } = removed;
  await tell(
    interaction,
    `Removed feed **${feed.name}** and its announcements; ${purge ? `deleted its ${articles} articles` : `kept its ${articles} articles (\`purge\` deletes them)`}.`,
  );
}

async function follow(interaction: ChatInputCommandInteraction, service: Feeds, ctx: BotContext) {
  const guildId = requireModerator(interaction);
  const feed = await knownFeed(service, interaction.options.getString('feed', true));
  const channelId = String(interaction.options.get('channel', true).value);
  const channel = interaction.options.getChannel('channel', false) ?? interaction.guild?.channels.cache.get(channelId);
  if (channel && !(POSTABLE as ChannelType[]).includes(channel.type))
    throw new UserFacingError('Announcements go to a text or announcement channel; pick one of those.');
  if (botCanPostIn(interaction, channelId) === false) {
    const missing = missingBotPermissions(interaction, channelId, POSTING) ?? [];
    throw new UserFacingError(
      `I cannot post in <#${channelId}>: I am missing ${missing.join(', ')} there. Grant it, or pick another channel.`,
    );
  }
  const keywords = parseKeywords(interaction.options.getString('keywords'));
  const followed = await service.store.follow({ guildId, feed: feed.name, channelId, keywords, since: ctx.clock.now() });
  if (!followed) throw new UserFacingError(`The feed "${feed.name}" was removed meanwhile.`);
  const filter = keywords.length ? ` that mention ${keywords.map((k) => `“${escapeText(k)}”`).join(' or ')}` : '';
  await tell(interaction, `Done: new articles of **${feed.name}**${filter} will be announced in <#${channelId}>.`);
}

async function unfollow(interaction: ChatInputCommandInteraction, service: Feeds) {
  const guildId = requireModerator(interaction);
  const feed = await knownFeed(service, interaction.options.getString('feed', true));
  const removed = await service.store.unfollow(guildId, feed.name);
  await tell(
    interaction,
    removed ? `Done: **${feed.name}** is no longer announced in this server.` : `**${feed.name}** is not announced in this server.`,
  );
}

async function list(interaction: ChatInputCommandInteraction, service: Feeds) {
  const { store, announcements } = service;
  await store.refresh();
  const feedLines: string[] = [];
  for (const feed of store.feeds()) {
    const state = await store.loadState(feed.name);
    const status = feedStatus(state);
    const problem =
      state?.lastError && status !== 'ok'
        ? ` — ${status === 'failing' ? '⚠️ failing, retried daily' : 'last fetch failed'}: ${state.lastError}`
        : '';
    feedLines.push(
      truncate(
        `**${feed.name}**${feed.title ? ` (${escapeText(feed.title)})` : ''} · every ${feed.everyMinutes} min · ${status}${escapeText(problem)}`,
        400,
      ),
    );
  }
  const blocks = [feedLines.length ? `**Feeds**\n${feedLines.join('\n')}` : "No feeds yet. The bot's owner adds them with `/feeds add`."];
  if (interaction.inGuild()) {
    const follows = store.follows({ guildId: interaction.guildId });
    const followLines = follows.map(
      (f) => `**${f.feed}** → <#${f.channelId}>${f.keywords.length ? ` (keywords: ${f.keywords.map(escapeText).join(', ')})` : ''}`,
    );
    blocks.push(
      followLines.length ? `**Announced in this server**\n${followLines.join('\n')}` : 'Nothing is announced in this server yet.',
    );
    const failures = announcements.channels().filter((c) => c.guildId === interaction.guildId && c.failure);
    const failureLines = failures.map(({ channelId, failure }) => {
      const next = failure!.nextRetryAt === null ? 'given up on those articles' : `next try ${localDateTime(failure!.nextRetryAt, 'UTC')}`;
      return `⚠️ <#${channelId}>: posting failed ${failure!.attempts} time(s): ${escapeText(failure!.message)} — ${next}. Check that the bot can view the channel, send messages and embed links there.`;
    });
    if (failureLines.length) blocks.push(`**Delivery problems**\n${failureLines.join('\n')}`);
  }
  await tell(interaction, '', [{ title: 'News feeds', description: fitBlocks(blocks, LIMITS.embedDescription).text }]);
}

const command: Command = {
  data,
  help: "news feeds: `list` (everyone), `follow`/`unfollow` (Manage Server), `add`/`remove` (the bot's owner).",
  async execute(interaction, ctx) {
    const service = ctx.feeds();
    if (!service) return tell(interaction, 'Feeds are still starting up; try again in a moment.');
    const sub = interaction.options.getSubcommand();
    if (sub === 'add') return add(interaction, service, ctx);
    if (sub === 'remove') return remove(interaction, service, ctx);
    if (sub === 'follow') return follow(interaction, service, ctx);
    if (sub === 'unfollow') return unfollow(interaction, service);
    return list(interaction, service);
  },
  async autocomplete(interaction: AutocompleteInteraction, ctx) {
    const typed = interaction.options.getFocused().toLowerCase();
    const feeds = ctx.feeds()?.store.feeds() ?? [];
    const matches = feeds.filter((f) => f.name.includes(typed) || (f.title ?? '').toLowerCase().includes(typed));
    await interaction.respond(
      matches
        .slice(0, LIMITS.choices)
        .map((f) => ({ name: truncate(f.title ? `${f.name} — ${f.title}` : f.name, LIMITS.choiceName), value: f.name })),
    );
  },
};

export default command;

import {
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { isCalendarDate } from '../src/articles/parse.js';
import type { BotContext, Command } from '../src/bot/command.js';
import type { Digests } from '../src/bot/digests.js';
import { missingBotPermissions, POSTING } from '../src/bot/permissions.js';
import { escapeText } from '../src/bot/escape.js';
import { deferReply, tell } from '../src/bot/reply.js';
import { isTimeZone, localDateTime, timeZones } from '../src/digest/schedule.js';
import type { DigestSettings } from '../src/digest/store.js';
import { parseTimeOfDay } from '../src/digest/time-of-day.js';

const DEFAULT_SIZE = 10;
const MAX_SIZE = 25;

const data = new SlashCommandBuilder()
  .setName('digest')
  .setDescription('A daily digest of the news, posted in a channel of this server')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('set')
      .setDescription('Post a digest in a channel every day at a time of day')
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('Where to post')
          .setRequired(true)
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addStringOption((o) =>
        o.setName('time').setDescription('Time of day, 24-hour HH:MM (e.g. 08:00)').setRequired(true).setMinLength(4).setMaxLength(5),
      )
      .addStringOption((o) =>
        o.setName('timezone').setDescription('IANA time zone, e.g. Europe/Berlin').setRequired(true).setAutocomplete(true).setMaxLength(64),
      )
      .addIntegerOption((o) =>
        o.setName('size').setDescription(`Most articles listed (default ${DEFAULT_SIZE})`).setMinValue(1).setMaxValue(MAX_SIZE),
      )
      .addStringOption((o) =>
        o
          .setName('quiet')
          .setDescription('On a day with nothing new')
          .addChoices({ name: 'post nothing', value: 'silent' }, { name: 'post a short line', value: 'line' }),
      ),
  )
  .addSubcommand((sub) => sub.setName('off').setDescription('Stop posting digests in this server'))
  .addSubcommand((sub) => sub.setName('status').setDescription('When the next digest comes, and how the last one went'))
  .addSubcommand((sub) =>
    sub
      .setName('preview')
      .setDescription('Show privately what the next digest would post')
      .addStringOption((o) =>
        o.setName('date').setDescription('Instead: the digest of the articles dated YYYY-MM-DD').setMinLength(10).setMaxLength(10),
      ),
  )
  .addSubcommand((sub) => sub.setName('now').setDescription('Post the next digest now'));

const NOT_SET_UP = 'No digest is set up here. Use `/digest set` first.';

// Every answer of /digest is private (tell): it is the server's staff managing a setting.

function describeSchedule(s: DigestSettings): string {
  return `every day at ${s.time} (${s.timezone}) in <#${s.channelId}>, at most ${s.size} articles; a quiet day posts ${s.quietDay === 'line' ? 'a short line' : 'nothing'}`;
}

function statusText(service: Digests, guildId: string): string {
  const status = service.runner.status(guildId);
  if (!status.settings) return 'No digest is set up here. Use `/digest set` to start one.';
  const zone = status.settings.timezone;
  const lines = [`Digest: ${describeSchedule(status.settings)}.`, `Next: ${localDateTime(status.nextRunAt!, zone)}.`];
  const last = status.lastRun;
  if (last)
    lines.push(
      `Last run: ${localDateTime(last.at, zone)}, digest of ${last.date}: ${last.outcome}${last.detail ? ` (${last.detail})` : ''}.`,
    );
  else lines.push('Last run: none yet.');
  const failure = status.failure;
  if (failure) {
    const retry = failure.nextRetryAt === null ? 'no more retries for that day' : `next try ${localDateTime(failure.nextRetryAt, zone)}`;
    lines.push(
      `⚠️ Posting the ${failure.date} digest failed ${failure.attempts} time(s): ${failure.message} — ${retry}. Check that the bot can view the channel, send messages, embed links and read message history there.`,
    );
  }
  return lines.join('\n');
}

/** What posting a digest needs in its channel (reading history is for the exactly-once check). */
const NEEDED = { ...POSTING, 'Read Message History': PermissionFlagsBits.ReadMessageHistory };

async function set(interaction: ChatInputCommandInteraction, service: Digests, guildId: string, ctx: BotContext) {
  const time = parseTimeOfDay(interaction.options.getString('time', true));
  if (!time) return tell(interaction, 'The time must be HH:MM on a 24-hour clock, such as 08:00 or 18:30.');
  const timezone = interaction.options.getString('timezone', true).trim();
  if (!isTimeZone(timezone))
    return tell(
      interaction,
      `"${escapeText(timezone.slice(0, 64))}" is not a time zone I know. Pick one from the list, such as Europe/Berlin or America/New_York.`,
    );
  // the id is all a digest needs (Discord only offers text and announcement channels here)
  const channelId = String(interaction.options.get('channel', true).value);
  const previous = service.store.settings(guildId);
  const settings: DigestSettings = {
    channelId,
    time,
    timezone,
    size: interaction.options.getInteger('size') ?? previous?.size ?? DEFAULT_SIZE,
    quietDay: (interaction.options.getString('quiet') as DigestSettings['quietDay'] | null) ?? previous?.quietDay ?? 'silent',
    since: ctx.clock.now(),
  };
  await service.store.setSettings(guildId, settings);
  service.runner.reschedule();
  const missing = missingBotPermissions(interaction, channelId, NEEDED);
  const warning = missing?.length
    ? `\n⚠️ I am missing ${missing.join(', ')} in <#${channelId}>: digests there will fail until a moderator grants it.`
    : '';
  return tell(interaction, `Done. ${statusText(service, guildId)}${warning}`);
}

async function preview(interaction: ChatInputCommandInteraction, service: Digests, guildId: string) {
  const date = interaction.options.getString('date')?.trim();
  if (date !== undefined && !isCalendarDate(date))
    return tell(interaction, 'The date must be a day written YYYY-MM-DD, such as 2021-12-29.');
  const parts = service.runner.preview(guildId, date);
  if (parts.length === 0) return tell(interaction, `No articles are dated ${date}.`);
  const [first, ...rest] = parts;
  await tell(interaction, first!.content, first!.embeds);
  for (const part of rest) await tell(interaction, part.content, part.embeds);
}

async function now(interaction: ChatInputCommandInteraction, service: Digests, guildId: string) {
  await deferReply(interaction, true);
  const result = await service.runner.postNow(guildId);
  const text: Record<typeof result.outcome, string> = {
    posted: `Posted the ${result.date} digest (${result.parts} message${result.parts === 1 ? '' : 's'}).`,
    late: `Posted the ${result.date} digest.`,
    empty: `Nothing new for the ${result.date} digest, and this server posts nothing on a quiet day.`,
    missed: `The ${result.date} digest was missed.`,
    failed: `Posting the ${result.date} digest failed: ${result.detail ?? 'unknown error'}. It will be retried; see /digest status.`,
    'already-posted': `The ${result.date} digest has already been posted.`,
    'not-set-up': NOT_SET_UP,
  };
  await tell(interaction, text[result.outcome]);
}

const command: Command = {
  data,
  help: 'a daily news digest posted in a channel: `set`, `off`, `status`, `preview`, `now` (Manage Server).',
  async execute(interaction, ctx) {
    if (!interaction.inGuild()) return tell(interaction, 'Digests are set up per server: use this command in a server.');
    // Discord hides the command from members without the permission, but a server can override that.
    if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
      return tell(interaction, 'Only members with the Manage Server permission can manage the digest.');
    }
    const service = ctx.digests();
    if (!service) return tell(interaction, 'Digests are still starting up; try again in a moment.');
    const guildId = interaction.guildId;
    const sub = interaction.options.getSubcommand();
    if (sub === 'set') return void (await set(interaction, service, guildId, ctx));
    if (sub === 'now' || sub === 'preview') {
      if (!service.store.settings(guildId)) return tell(interaction, NOT_SET_UP);
      return void (await (sub === 'now' ? now : preview)(interaction, service, guildId));
    }
    if (sub === 'off') {
      await deferReply(interaction, true); // waits for a digest being posted at this moment
      const was = await service.runner.turnOff(guildId);
      return tell(interaction, was ? 'Digests are off for this server.' : 'No digest was set up here.');
    }
    await tell(interaction, statusText(service, guildId));
  },
  async autocomplete(interaction: AutocompleteInteraction) {
    const typed = interaction.options.getFocused().toLowerCase().replace(/\s+/g, '_');
    const matches = timeZones().filter((zone) => zone.toLowerCase().includes(typed));
    await interaction.respond(matches.slice(0, 25).map((zone) => ({ name: zone, value: zone })));
  },
};

export default command;

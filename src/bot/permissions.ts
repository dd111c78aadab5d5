import { PermissionFlagsBits, type BaseInteraction, type PermissionsBitField } from 'discord.js';

/** What the bot needs in a channel to post a message with embeds there. */
export const POSTING = {
  'View Channel': PermissionFlagsBits.ViewChannel,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
};

/**
 * The bot's permissions in a channel: from the interaction itself for the channel it came from,
 * from the cached guild otherwise; null when discord.js cannot tell.
 */
function botPermissionsIn(interaction: BaseInteraction, channelId: string): Readonly<PermissionsBitField> | null {
  if (channelId === interaction.channelId && interaction.appPermissions) return interaction.appPermissions;
  const channel = interaction.guild?.channels.cache.get(channelId);
  const me = interaction.guild?.members.me;
  if (!channel || !me || !('permissionsFor' in channel)) return null;
  return channel.permissionsFor(me);
}

/** The names of the `needed` permissions the bot lacks in the channel; null when unknown (posting will tell). */
export function missingBotPermissions(interaction: BaseInteraction, channelId: string, needed: Record<string, bigint>): string[] | null {
  const granted = botPermissionsIn(interaction, channelId);
  if (!granted) return null;
  return Object.entries(needed)
    .filter(([, bit]) => !granted.has(bit))
    .map(([name]) => name);
}

/** Whether the bot may post (with embeds) in the channel; null when unknown (the post itself then tells). */
export function botCanPostIn(interaction: BaseInteraction, channelId: string): boolean | null {
  const missing = missingBotPermissions(interaction, channelId, POSTING);
  return missing && missing.length === 0;
}

import {
  MessageFlags,
  Routes,
  type APIMessage,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type CommandInteraction,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
  type REST,
} from 'discord.js';
import { limitProblem } from './limits.js';

/** Anything that can be answered (every interaction but autocomplete). */
export type ReplyTarget = CommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Only the person who used the command sees it. */
  ephemeral?: boolean;
  /** On a button or select: replace the message it sits on instead of answering. */
  update?: boolean;
}

/** Nothing the bot sends may ping anyone, whatever the text contains. */
export const NO_MENTIONS = { parse: [] as [] };

/**
 * A refusal or problem meant for the person who used the command, in words they can act on.
 * Thrown from anywhere below a handler, the router answers with its message, privately, and logs
 * nothing (anything else thrown is a bug: logged, and answered with a reference).
 */
export class UserFacingError extends Error {}

const checkLimits = (message: Parameters<typeof limitProblem>[0]) => {
  const problem = limitProblem(message);
  if (problem) throw new Error(`reply over Discord's limits: ${problem}`);
};

/**
 * Posts a message in a channel (not as an answer to an interaction): through the same limit check
 * as respond(), never pinging. With a `nonce`, Discord refuses a second message with the same one
 * (what makes digests exactly-once).
 */
export async function postToChannel(
  rest: REST,
  channelId: string,
  message: { content?: string; embeds?: APIEmbed[] },
  nonce?: string,
): Promise<{ id: string }> {
  checkLimits(message);
  const body = {
    content: message.content,
    embeds: message.embeds,
    allowed_mentions: NO_MENTIONS,
    ...(nonce ? { nonce, enforce_nonce: true } : {}),
  };
  const posted = (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
  return { id: posted.id };
}

/**
 * The one way handlers answer. It picks reply, edit of a deferred reply, follow-up or update by
 * the interaction's state, never pings, and refuses a message Discord would reject, so a limit
 * bug surfaces as a logged error with a reference instead of a silent 400.
 */
export async function respond(interaction: ReplyTarget, reply: Reply): Promise<void> {
  checkLimits(reply);
  const body = {
    content: reply.content ?? '',
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    allowedMentions: NO_MENTIONS,
  };
  const flags = reply.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (reply.update && interaction.isMessageComponent()) {
    if (interaction.deferred || interaction.replied) await interaction.editReply(body);
    else await interaction.update(body);
    return;
  }
  if (interaction.replied) await interaction.followUp({ ...body, flags });
  else if (interaction.deferred && reply.ephemeral && !interaction.ephemeral) {
    // Deferred in public (say, while the articles loaded) but the answer is private: swap the placeholder.
    await interaction.deleteReply();
    await interaction.followUp({ ...body, flags });
  } else if (interaction.deferred) await interaction.editReply(body);
  else await interaction.reply({ ...body, flags });
}

/** A private answer: only the person who used the command or button sees it. */
export const tell = (interaction: ReplyTarget, content: string, embeds: APIEmbed[] = []) =>
  respond(interaction, { content, embeds, ephemeral: true });

/** Acknowledges now (answer to follow with respond()); a no-op when already acknowledged. */
export async function deferReply(interaction: ReplyTarget, ephemeral = false): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
}

/** Acknowledges a button or select whose answer will replace its message (respond() with `update`). */
export async function deferUpdate(interaction: MessageComponentInteraction): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  await interaction.deferUpdate();
}

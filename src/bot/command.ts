import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Clock } from '../digest/schedule.js';
import type { ArticleSearch } from '../search/article-search.js';
import type { Cooldown } from './cooldown.js';
import type { Digests } from './digests.js';
import type { Feeds } from './feeds.js';
import { LIMITS } from './limits.js';
import type { Log } from './log.js';
import type { PendingStore } from './pending.js';
import type { ReplyTarget } from './reply.js';
import type { Settings } from '../settings.js';
import type { SummaryPreview } from './summary-message.js';

/**
 * One slash command: a module in commands/ whose default export is a Command. Adding a command
 * is adding a file there; the loader finds it, registration and routing follow.
 */
export interface Command {
  /** A SlashCommandBuilder (or anything with a name and toJSON()). Set contexts to make it server-only. */
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** One line for /help (defaults to the command's description). */
  help?: string;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /**
   * Buttons and selects, by custom-id prefix (unique across all commands, e.g. "ask.more").
   * A custom id is `prefix:arg:arg…` (see customId()); the handler gets the args back.
   */
  components?: Record<string, ComponentHandler>;
}

export type ComponentHandler = (interaction: MessageComponentInteraction, args: string[], ctx: BotContext) => Promise<void>;

/**
 * What every handler gets besides its interaction: every service of the process, built once in
 * src/bot/main.ts (commands keep no state of their own).
 */
export interface BotContext {
  readonly settings: Settings;
  readonly log: Log;
  /** Every loaded command, by name (for /help). */
  readonly commands: ReadonlyMap<string, Command>;
  /** The bot's clock (digests; a test may start it at a fixed instant with NEWSDESK_TEST_NOW). */
  readonly clock: Clock;
  /** /ask uses per member (ASK_COOLDOWN). */
  readonly askCooldown: Cooldown;
  /** /summary previews waiting for Post or Cancel. */
  readonly summaryPreviews: PendingStore<SummaryPreview>;
  /** The digest service once started; undefined while it starts, or if it could not. */
  digests(): Digests | undefined;
  /** The feeds service (poller, feed list, announcements) once started; undefined while it starts, or if it could not. */
  feeds(): Feeds | undefined;
  /**
   * The article index. While it is still loading, the interaction is deferred first (ephemerally
   * when `ephemeral`; for a button whose answer replaces its message, `update`), so the answer can
   * follow without missing Discord's 3-second window.
   */
  articles(interaction: ReplyTarget, options?: { ephemeral?: boolean; update?: boolean }): Promise<ArticleSearch>;
  /** The index if it has loaded (autocomplete cannot be deferred: answer with nothing until then). */
  loadedArticles(): ArticleSearch | undefined;
}

/** Builds a component custom id `prefix:arg:arg…`, refusing one Discord would reject. */
export function customId(prefix: string, ...args: (string | number)[]): string {
  const parts = [prefix, ...args.map(String)];
  if (parts.some((p) => p.includes(':'))) throw new Error(`custom id parts may not contain ':' (${parts.join(' | ')})`);
  const id = parts.join(':');
  if (id.length > LIMITS.customId) throw new Error(`custom id over ${LIMITS.customId} characters: ${id}`);
  return id;
}

export function parseCustomId(id: string): { prefix: string; args: string[] } {
  const [prefix = '', ...args] = id.split(':');
  return { prefix, args };
}

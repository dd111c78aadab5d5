import {
  ApplicationCommandOptionType as Type,
  ChannelType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type CommandInteractionOption,
  type MessageComponentInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { BotContext, ComponentHandler } from './command.js';
import { UserFacingError } from './reply.js';

/**
 * Server-side checks of what a client sent. Discord validates options against a command's
 * definition, but nothing guarantees a client went through Discord's checks: the bot checks
 * again, with schemas built from the very definitions it registers (and, for custom-id
 * arguments, with schemas kept next to the buttons that build them).
 */

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;
/** What the bot reads of one option: discord.js's parsed option (a channel option carries its resolved channel). */
type Sent = Pick<CommandInteractionOption, 'name' | 'type' | 'value' | 'options'> & { channel?: { type: number } | null };

const CHANNEL_KINDS: Partial<Record<ChannelType, string>> = {
  [ChannelType.GuildText]: 'text',
  [ChannelType.GuildAnnouncement]: 'announcement',
  [ChannelType.GuildVoice]: 'voice',
  [ChannelType.GuildForum]: 'forum',
};

const SNOWFLAKE = z.string().regex(/^\d{17,20}$/);

/** A whole number written in decimal from `min` to `max`, as a custom id carries it. */
export const wholeNumberArg = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

function stringValue(o: Extract<APIApplicationCommandBasicOption, { type: Type.String }>): z.ZodType {
  if (o.choices?.length) {
    const names = o.choices.map((c) => `“${c.name}”`).join(', ');
    return z.enum(o.choices.map((c) => c.value) as [string, ...string[]], `\`${o.name}\` must be one of ${names}`);
  }
  return z.string(`\`${o.name}\` must be text`).superRefine((value, ctx) => {
    const length = value.trim().length;
    // worded as the commands word their own checks (/ask: "The question is too long (…)")
    if (o.max_length !== undefined && length > o.max_length)
      ctx.addIssue({ code: 'custom', message: `The ${o.name} is too long (${length} characters; at most ${o.max_length})` });
    if (o.min_length !== undefined && length < o.min_length)
      ctx.addIssue({ code: 'custom', message: `The ${o.name} is too short (${length} characters; at least ${o.min_length})` });
  });
}

function numberValue(o: Extract<APIApplicationCommandBasicOption, { type: Type.Integer | Type.Number }>): z.ZodType {
  const whole = o.type === Type.Integer;
  const range =
    o.min_value !== undefined && o.max_value !== undefined
      ? ` from ${o.min_value} to ${o.max_value}`
      : o.min_value !== undefined
        ? ` of at least ${o.min_value}`
        : o.max_value !== undefined
          ? ` of at most ${o.max_value}`
          : '';
  const message = `\`${o.name}\` must be a ${whole ? 'whole ' : ''}number${range}`;
  let schema = z.number(message).finite(message);
  if (whole) schema = schema.int(message);
  if (o.min_value !== undefined) schema = schema.min(o.min_value, message);
  if (o.max_value !== undefined) schema = schema.max(o.max_value, message);
  return o.choices?.length ? schema.refine((v) => o.choices!.some((c) => c.value === v), message) : schema;
}

/** One option as sent: its name, its type as defined, and a value the definition allows. */
function optionSchema(o: APIApplicationCommandBasicOption): z.ZodType {
  const shape = { name: z.literal(o.name), type: z.literal(o.type, `\`${o.name}\` has the wrong type`) };
  switch (o.type) {
    case Type.String:
      return z.object({ ...shape, value: stringValue(o) });
    case Type.Integer:
    case Type.Number:
      return z.object({ ...shape, value: numberValue(o) });
    case Type.Boolean:
      return z.object({ ...shape, value: z.boolean(`\`${o.name}\` must be true or false`) });
    case Type.Channel: {
      const types = o.channel_types ?? [];
      const kinds = types.map((t) => CHANNEL_KINDS[t] ?? 'other').join(' or ');
      const message = `\`${o.name}\` must be a ${kinds ? `${kinds} ` : ''}channel of this server`;
      // Discord sends the channel resolved; an id that resolves to no channel (a role, say) is refused
      const channel = z.object({ type: z.number() }, message).refine((c) => types.length === 0 || types.includes(c.type), message);
      return z.object({ ...shape, value: SNOWFLAKE, channel });
    }
    default:
      return z.object({ ...shape, value: SNOWFLAKE });
  }
}

/** A list of options: each one defined, none twice, every required one present. */
function optionList(defined: readonly APIApplicationCommandBasicOption[]): z.ZodType {
  const byName = new Map(defined.map((o) => [o.name, optionSchema(o)]));
  return z.array(z.looseObject({ name: z.string() })).superRefine((sent, ctx) => {
    const names = sent.map((o) => o.name);
    for (const o of defined)
      if (o.required && !names.includes(o.name)) ctx.addIssue({ code: 'custom', message: `\`${o.name}\` is required` });
    for (const [i, o] of sent.entries()) {
      const schema = byName.get(o.name);
      if (!schema || names.indexOf(o.name) !== i) {
        ctx.addIssue({ code: 'custom', message: `\`${o.name}\` is not an option of this command` });
        continue;
      }
      const checked = schema.safeParse(o);
      if (!checked.success) ctx.addIssue({ code: 'custom', message: checked.error.issues[0]!.message });
    }
  });
}

const isGroup = (o: APIApplicationCommandOption) => o.type === Type.Subcommand || o.type === Type.SubcommandGroup;

function levelSchema(defined: readonly APIApplicationCommandOption[]): z.ZodType {
  if (!defined.some(isGroup)) return optionList(defined as APIApplicationCommandBasicOption[]);
  const subcommands = defined.filter(isGroup).map((sub) =>
    z.object({
      name: z.literal(sub.name),
      type: z.literal(sub.type),
      options: levelSchema('options' in sub ? (sub.options ?? []) : []).optional(),
    }),
  );
  const [first, ...rest] = subcommands;
  return z.tuple([z.discriminatedUnion('name', [first!, ...rest], 'no such subcommand')], 'a subcommand is required');
}

/** The schema of everything a command's options may be, built from its definition. */
export function commandSchema(definition: Definition): z.ZodType {
  return levelSchema(definition.options ?? []);
}

/** Why the options sent do not fit the command's schema (a sentence for the person), or null when they do. */
export function optionProblem(schema: z.ZodType, sent: readonly Sent[]): string | null {
  const checked = schema.safeParse(sent);
  return checked.success ? null : checked.error.issues[0]!.message;
}

/** Whether an autocomplete names the option being typed in, with text in it (else it is answered with no choices). */
export function focusedText(sent: readonly (Sent & { focused?: boolean })[]): boolean {
  return sent.some((o) => (o.focused && typeof o.value === 'string') || focusedText(o.options ?? []));
}

/** The polite answer to options that do not fit: nothing was done. */
export const refusal = (problem: string) => `Sorry, I cannot use that: ${problem}. Nothing was changed.`;

export const FOREIGN_BUTTON =
  'This button was not made by this version of Newsdesk (or its data is damaged): please run the command again.';

/**
 * A component handler whose custom-id arguments are checked first: arguments that do not fit the
 * schema are refused (politely, privately, by the router), and the handler runs only with arguments that do.
 */
export function withArgs<S extends z.ZodType>(
  schema: S,
  handler: (interaction: MessageComponentInteraction, args: z.output<S>, ctx: BotContext) => Promise<void>,
): ComponentHandler {
  return async (interaction, args, ctx) => {
    const checked = schema.safeParse(args);
    if (!checked.success) throw new UserFacingError(FOREIGN_BUTTON);
    await handler(interaction, checked.data, ctx);
  };
}

import { randomBytes } from 'node:crypto';
import type { Interaction } from 'discord.js';
import type { BotContext } from './command.js';
import { parseCustomId } from './command.js';
import type { CommandSet } from './commands.js';
import { commandSchema, focusedText, optionProblem, refusal } from './options.js';
import { respond, UserFacingError } from './reply.js';

/** Test only (NEWSDESK_TEST_FAULTS=1): a command whose string option equals this throws inside its handler. */
export const TEST_FAULT_TRIGGER = 'newsdesk-test-fault';

function injectTestFault(interaction: Interaction, ctx: BotContext): void {
  if (!ctx.settings.testFaults || !interaction.isChatInputCommand()) return;
  if (interaction.options.data.some((o) => o.value === TEST_FAULT_TRIGGER)) throw new Error('injected test fault');
}

/** A short id shown to the person and written in the log, to find one failure among many. */
const referenceId = () => randomBytes(4).toString('hex');

function describe(interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent()) return `component ${parseCustomId(interaction.customId).prefix}`;
  return `interaction type ${interaction.type}`;
}

/** Sends each interaction to its command, autocomplete or component handler; no error escapes. */
export function createRouter(commands: CommandSet, ctx: BotContext): (interaction: Interaction) => Promise<void> {
  // options are checked again with schemas built from the definitions registered with Discord
  const schemas = new Map([...commands.byName].map(([name, command]) => [name, commandSchema(command.data.toJSON())]));
  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) {
        const command = commands.byName.get(interaction.commandName);
        if (!command) throw new Error(`no handler for /${interaction.commandName} (registered commands are stale?)`);
        const problem = optionProblem(schemas.get(interaction.commandName)!, interaction.options.data);
        if (problem) throw new UserFacingError(refusal(problem));
        injectTestFault(interaction, ctx);
        await command.execute(interaction, ctx);
      } else if (interaction.isAutocomplete()) {
        const command = commands.byName.get(interaction.commandName);
        if (command?.autocomplete && focusedText(interaction.options.data)) await command.autocomplete(interaction, ctx);
        else await interaction.respond([]);
      } else if (interaction.isMessageComponent()) {
        const { prefix, args } = parseCustomId(interaction.customId);
        const handler = commands.components.get(prefix);
        if (!handler)
          await respond(interaction, { content: 'This button belongs to an older version of Newsdesk; ask again.', ephemeral: true });
        else await handler(interaction, args, ctx);
      }
    } catch (error) {
      if (error instanceof UserFacingError && interaction.isRepliable()) {
        await respond(interaction, { content: error.message, ephemeral: true }).catch((replyError: Error) =>
          ctx.log.error(`could not tell user ${interaction.user.id} "${error.message}": ${replyError.message}`),
        );
        return;
      }
      const ref = referenceId();
      ctx.log.error(`error ref=${ref} in ${describe(interaction)} by user ${interaction.user.id}: ${(error as Error).stack ?? error}`);
      if (!interaction.isRepliable()) return;
      await respond(interaction, {
        content: `Something went wrong on my side (reference \`${ref}\`). Please try again.`,
        ephemeral: true,
      }).catch((replyError: Error) => ctx.log.error(`error ref=${ref}: could not tell the user: ${replyError.message}`));
    }
  };
}

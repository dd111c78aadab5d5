import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { respond } from '../src/bot/reply.js';

const command: Command = {
  data: new SlashCommandBuilder().setName('help').setDescription('How to use Newsdesk').setContexts(InteractionContextType.Guild),
  help: 'this message.',
  async execute(interaction, ctx) {
    const lines = [...ctx.commands.values()]
      .sort((a, b) => a.data.name.localeCompare(b.data.name))
      .map((c) => `**/${c.data.name}** — ${c.help ?? c.data.toJSON().description}`);
    const intro =
      'Newsdesk answers questions about its news articles with sentences quoted word for word, each with its ' +
      'article, date, file and paragraph. It never makes text up: when nothing matches well it says so.';
    await respond(interaction, { embeds: [{ title: 'Newsdesk', description: `${intro}\n\n${lines.join('\n')}` }], ephemeral: true });
  },
};

export default command;

import { config as loadDotenv } from 'dotenv';
import { loadCommands } from './commands.js';
import { createRest, registrationScope, syncCommands } from './registration.js';
import { discordSettings, readSettings, SettingsError } from '../settings.js';

/** `npm run register`: one bulk PUT of every command in commands/ (guild or global). */
async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  let settings;
  try {
    settings = readSettings(process.env, discordSettings);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`newsdesk register: ${error.message}`);
    return 2;
  }
  const local = [...(await loadCommands()).byName.values()].map((c) => c.data.toJSON());
  await syncCommands(createRest(settings), settings, local, true);
  console.log(`registered ${local.length} commands ${registrationScope(settings)}: ${local.map((c) => `/${c.name}`).join(', ')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`newsdesk register failed: ${error.message}`);
    process.exit(1);
  },
);

import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Command, ComponentHandler } from './command.js';

const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

export interface CommandSet {
  byName: Map<string, Command>;
  /** Component handlers by custom-id prefix. */
  components: Map<string, ComponentHandler>;
}

function isCommand(value: unknown): value is Command {
  const c = value as Command | undefined;
  return typeof c?.data?.name === 'string' && typeof c.data.toJSON === 'function' && typeof c.execute === 'function';
}

/** Every module in commands/ (one per slash command, default export), sorted by file name. */
export async function loadCommands(dir = COMMANDS_DIR): Promise<CommandSet> {
  const files = (await readdir(dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
  const set: CommandSet = { byName: new Map(), components: new Map() };
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
    if (!isCommand(mod.default)) throw new Error(`commands/${file} must export default a Command ({ data, execute })`);
    const command = mod.default;
    if (set.byName.has(command.data.name)) throw new Error(`two commands are named /${command.data.name}`);
    set.byName.set(command.data.name, command);
    for (const [prefix, handler] of Object.entries(command.components ?? {})) {
      if (set.components.has(prefix)) throw new Error(`component prefix "${prefix}" is used twice (commands/${file})`);
      set.components.set(prefix, handler);
    }
  }
  return set;
}

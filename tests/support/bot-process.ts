import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiscordStandIn } from './discord-stand-in.js';

// tsx's loader inside the bot's own node process: the tsx command line would sit between the test and the bot and,
// when the machine is busy, force-kill the bot if it has not acknowledged a relayed SIGTERM within 30 ms.
const TSX_LOADER = pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href;
export const BOT_MAIN = path.resolve('src/bot/main.ts');
export const REGISTER_CLI = path.resolve('src/bot/register-cli.ts');
export const SEEDS = path.resolve('seeds');

export interface BotProcess {
  child: ChildProcess;
  /** Everything the bot wrote, stdout and stderr interleaved. */
  output(): string;
  /** Resolves when the output matches (rejects if the bot exits first or after `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Stops the bot with SIGTERM, then kills its whole process group, and removes its temporary folder. */
  stop(): Promise<void>;
}

/**
 * Spawns one of the bot's entry points (default: `npm start`'s) in its own process group, in a
 * temporary working folder (so no developer .env is read and state/cache folders land in temp),
 * with only the environment given.
 */
export function spawnBot(env: Record<string, string>, script = BOT_MAIN): BotProcess {
  const cwd = mkdtempSync(path.join(tmpdir(), 'newsdesk-bot-'));
  const child = spawn(process.execPath, ['--import', TSX_LOADER, script], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      STATE_DIR: path.join(cwd, 'state'),
      INDEX_CACHE_DIR: path.join(cwd, 'cache'),
      WORD_VECTORS: process.env.WORD_VECTORS ?? 'off',
      ...env,
    },
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const check of waiters) check();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let alive = true;
  void exited.then(() => {
    alive = false;
    for (const check of waiters) check();
  });

  const waitFor = (pattern: RegExp, ms = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`bot output never matched ${pattern} in ${ms} ms:\n${output}`)), ms);
      const done = (error?: Error, match?: string) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) reject(error);
        else resolve(match!);
      };
      const check = () => {
        const match = pattern.exec(output);
        if (match) done(undefined, match[0]);
        else if (!alive) done(new Error(`bot exited before ${pattern}:\n${output}`));
      };
      waiters.add(check);
      check();
    });

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  const stop = async () => {
    if (alive) {
      // SIGTERM to the bot alone; the whole group is killed afterwards regardless.
      child.kill('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    killGroup('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  };
  return { child, output: () => output, waitFor, exited, stop };
}

/** Starts the bot against the stand-in and waits until it has logged in, registered and loaded. */
export async function startBot(discord: DiscordStandIn, env: Record<string, string> = {}): Promise<BotProcess> {
  const bot = spawnBot({ ...discord.botEnv(), SEEDS_DIR: SEEDS, ...env });
  try {
    await bot.waitFor(/commands (registered|already up to date)/);
    await bot.waitFor(/loaded \d+ articles/);
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return bot;
}

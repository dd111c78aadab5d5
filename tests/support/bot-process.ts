import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DiscordStandIn } from './discord-stand-in.js';

const TSX = path.resolve('node_modules/.bin/tsx');
const MAIN = path.resolve('src/bot/main.ts');
export const SEEDS = path.resolve('seeds');

export interface BotProcess {
  child: ChildProcess;
  /** Everything the bot wrote, stdout and stderr interleaved. */
  output(): string;
  /** Resolves when the output matches (rejects if the bot exits first or after `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Kills the bot's whole process group and removes its temporary folder. */
  stop(): Promise<void>;
}

/**
 * Spawns the real bot (`npm start`'s entry) in its own process group, in a temporary working
 * folder (so no developer .env is read and state/cache folders land in temp), with only the
 * environment given: by default the stand-in's settings and SEEDS_DIR=./seeds.
 */
export function spawnBot(env: Record<string, string>): BotProcess {
  const cwd = mkdtempSync(path.join(tmpdir(), 'newsdesk-bot-'));
  const child = spawn(TSX, [MAIN], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      STATE_DIR: path.join(cwd, 'state'),
      INDEX_CACHE_DIR: path.join(cwd, 'cache'),
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

  const stop = async () => {
    if (alive) {
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => alive && process.kill(-child.pid!, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
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

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEEDS, startBot, type BotProcess } from './bot-process.js';
import { DiscordStandIn } from './discord-stand-in.js';

export const BOT_FIXTURES = path.resolve('tests/fixtures/bot-articles');

/**
 * A temporary article folder with ./seeds and tests/fixtures/bot-articles (markdown and
 * @everyone in article text, very long sentences), which a test may change; remove() deletes it.
 */
export function articleFolder(): { dir: string; remove(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-articles-'));
  const dir = path.join(root, 'articles');
  cpSync(SEEDS, dir, { recursive: true });
  cpSync(BOT_FIXTURES, dir, { recursive: true });
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

let users = 0;
/** A fresh member, so per-user cooldowns in one bot process never link two tests. */
export function newUser() {
  users++;
  return { id: String(410000000000000000n + BigInt(users)), username: `reader${users}` };
}

/**
 * A Discord stand-in and the real bot on a fresh article folder (`prepare` adds to it first);
 * close() stops both and removes the folder.
 */
export async function botOnArticles(env: Record<string, string> = {}, prepare: (dir: string) => void = () => undefined) {
  const discord = await DiscordStandIn.start();
  const folder = articleFolder();
  prepare(folder.dir);
  const bot: BotProcess = await startBot(discord, { SEEDS_DIR: folder.dir, ...env });
  const close = async () => {
    await bot.stop();
    await discord.close();
    folder.remove();
  };
  return { discord, bot, folder, close };
}

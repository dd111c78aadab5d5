import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_CLI, SEEDS, spawnBot, startBot } from '../support/bot-process.js';
import { articleFolder, newUser } from '../support/bot-fixture.js';
import { buttonId, DiscordStandIn, HiddenCommandError } from '../support/discord-stand-in.js';

/** Start-up, shutdown, restarts and registration of the real bot process against the stand-in. */

const GENEVA_FILE = '000_d0dc32616b42ff6f.txt';
const SECRET = 'very-secret-token-value-1234567890';
const STALE = /The articles have changed since this answer was given/;

let discord: DiscordStandIn;
beforeAll(async () => {
  discord = await DiscordStandIn.start();
});
afterAll(async () => {
  await discord?.close();
});

describe('bad settings stop start-up with one clear line', () => {
  const valid = { DISCORD_TOKEN: SECRET, DISCORD_CLIENT_ID: '100000000000000001', SEEDS_DIR: SEEDS };
  it.each([
    [{ ...valid, DISCORD_TOKEN: '' }, /^newsdesk: cannot start: DISCORD_TOKEN is empty: set it in \.env/],
    [{ ...valid, DISCORD_CLIENT_ID: 'my-app' }, /^newsdesk: cannot start: DISCORD_CLIENT_ID must be the numeric application id/],
    [
      { ...valid, DISCORD_API_BASE: 'http://127.0.0.1:1/api/v10' },
      /^newsdesk: cannot start: DISCORD_API_BASE must not end with the version/,
    ],
    [{ ...valid, SEEDS_DIR: '/no/such/folder' }, /^newsdesk: cannot start: SEEDS_DIR is not a folder: \/no\/such\/folder$/],
    [{ ...valid, ASK_COOLDOWN: 'often' }, /^newsdesk: cannot start: ASK_COOLDOWN must be USES\/SECONDS/],
    [
      { ...valid, WORD_VECTORS: '/no/such/vectors.json' },
      /^newsdesk: cannot start: WORD_VECTORS must be a word-vector file that exists, or off$/,
    ],
  ])('%#', async (env, line) => {
    const bot = spawnBot(env);
    expect(await bot.exited).toBe(2);
    const lines = bot.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(bot.output()).not.toContain(SECRET);
    await bot.stop();
  });

  it('a token Discord rejects says so, exits 1 and never shows the token', async () => {
    const bot = spawnBot({ ...discord.botEnv(), DISCORD_TOKEN: SECRET, SEEDS_DIR: SEEDS });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/Discord rejected DISCORD_TOKEN: reset it in the developer portal/);
    expect(bot.output()).not.toContain(SECRET);
    await bot.stop();
  });
});

describe('restarts', () => {
  let folder: ReturnType<typeof articleFolder>;
  beforeAll(() => {
    folder = articleFolder();
  });
  afterAll(() => folder.remove());

  it('buttons keep working after a restart, and say so once the article they quote has changed', async () => {
    const user = newUser();
    const env = { SEEDS_DIR: folder.dir };
    const first = await startBot(discord, env);
    const answer = await (await discord.slash('ask', { question: 'who will meet in Geneva', count: 1, private: true }, { user })).reply();
    // SIGTERM closes the gateway and exits cleanly.
    await first.stop();
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/SIGTERM: closing the gateway/);

    const second = await startBot(discord, env);
    try {
      // The registered commands already match commands/: no second PUT.
      expect(second.output()).toMatch(/commands already up to date server \d+ \(\d+\)/);
      const context = await (await discord.click(answer, buttonId(answer, 'Context 1'), { user })).reply();
      expect(context.embeds[0].description).toContain('**Senior US and Russian officials intend to meet in Geneva');
      const more = await (await discord.click(answer, buttonId(answer, 'More'), { user })).reply();
      expect(more.embeds[0].footer.text).toBe('Asked: who will meet in Geneva\nResults 2–2');
    } finally {
      await second.stop();
    }

    const file = path.join(folder.dir, GENEVA_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('intend to meet in Geneva', 'plan to meet in Geneva'));
    const third = await startBot(discord, env);
    try {
      const context = await (await discord.click(answer, buttonId(answer, 'Context 1'), { user })).reply();
      expect(context.content).toMatch(STALE);
      const share = await (await discord.click(answer, buttonId(answer, 'Share'), { user })).reply();
      expect(share.content).toMatch(STALE);
      expect(share.flags & 64).toBe(64);
    } finally {
      await third.stop();
    }
  }, 90_000); // several bot start-ups on a busy machine
});

describe('npm run register', () => {
  it('replaces the global commands with one bulk PUT when no server is set', async () => {
    const before = discord.requests.filter((r) => r.method === 'PUT').length;
    const env = { ...discord.botEnv(), DISCORD_GUILD_ID: '' };
    const run = spawnBot(env, REGISTER_CLI);
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/^registered \d+ commands globally: .*\/articles, \/ask, .*\/help/m);
    const puts = discord.requests.filter((r) => r.method === 'PUT').slice(before);
    expect(puts.map((r) => r.path)).toEqual([`/applications/${discord.appId}/commands`]);
    expect(discord.commands.get('global')?.map((c) => c.name)).toEqual(expect.arrayContaining(['ask', 'articles', 'help']));
    await run.stop();
  });
});

describe('global commands', () => {
  it('/ask answers in a DM with the bot; the server-only commands are not offered there', async () => {
    const bot = await startBot(discord, { DISCORD_GUILD_ID: '' });
    try {
      expect(bot.output()).toMatch(/commands (registered|already up to date) globally/);
      const reply = await (
        await discord.slash('ask', { question: 'who will meet in Geneva', count: 1 }, { dm: true, user: newUser() })
      ).reply();
      expect(reply.embeds[0].description).toContain('**Geneva**');
      await expect(discord.slash('articles', {}, { dm: true })).rejects.toThrow(HiddenCommandError);
      await expect(discord.slash('help', {}, { dm: true })).rejects.toThrow(HiddenCommandError);
    } finally {
      await bot.stop();
    }
  }, 90_000); // several bot start-ups on a busy machine
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS, startBot, type BotProcess } from '../support/bot-process.js';
import { DiscordStandIn, HiddenCommandError, MEMBER_PERMISSIONS, PERMISSIONS, type Json } from '../support/discord-stand-in.js';

const MODERATOR = MEMBER_PERMISSIONS | PERMISSIONS.ManageMessages;
const SEED = '000_d0dc32616b42ff6f.txt';
const SEED_TITLE = 'In the midst of the Ukraine standoff, Biden and Putin will hold a new phone call.';
const seedBody = readFileSync(path.join(SEEDS, SEED), 'utf8');
const OTHER_CHANNEL = '300000000000000033';
const FORBIDDEN_CHANNEL = '300000000000000044';
const moderator = { id: '400000000000000010', username: 'mod' };
const otherModerator = { id: '400000000000000011', username: 'mod2' };

/** The seed and 30 harbour articles (one with a title far over 100 characters), for the whole file: the bot watches it. */
function articleFolder(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'newsdesk-summary-')), 'articles');
  cpSync(SEEDS, dir, { recursive: true });
  for (let i = 1; i <= 30; i++) {
    const day = String(i).padStart(2, '0');
    const title = i === 30 ? `Harbour ${'very '.repeat(30)}long title` : `Harbour news ${day}`;
    writeFileSync(
      path.join(dir, `harbour-${day}.txt`),
      `date 2022-01-${day} ${title}\n\nThe harbour master reported ${i} ships in port. Repairs to the quay went on.\n`,
    );
  }
  return dir;
}

let discord: DiscordStandIn;
let bot: BotProcess;
let articles: string;

beforeAll(async () => {
  discord = await DiscordStandIn.start();
  articles = articleFolder();
  bot = await startBot(discord, { SEEDS_DIR: articles });
});
afterAll(async () => {
  await bot?.stop();
  await discord?.close();
  rmSync(path.dirname(articles), { recursive: true, force: true });
});

const componentIds = (message: Json): string[] => message.components.flatMap((row: Json) => row.components.map((c: Json) => c.custom_id));
const idStarting = (message: Json, prefix: string) => componentIds(message).find((id) => id.startsWith(`${prefix}:`))!;

async function seedChoice(): Promise<string> {
  const choices = await (
    await discord.autocomplete('summary', { article: 'biden putin' }, 'article', { subcommand: 'article', permissions: MODERATOR })
  ).autocompleteChoices();
  expect(choices[0]!.name).toBe(`${SEED_TITLE} (2021-12-29)`);
  return choices[0]!.value;
}

async function preview(values: Record<string, unknown>, subcommand = 'article', user = moderator): Promise<Json> {
  const interaction = await discord.slash('summary', values, { subcommand, permissions: MODERATOR, user });
  return interaction.reply();
}

describe('/summary end to end', () => {
  it('a moderator previews privately, picks a channel and posts, with attribution and no ping', async () => {
    const message = await preview({ article: await seedChoice(), length: 'medium' });
    expect(message.flags & (1 << 6)).toBeTruthy();
    expect(message.embeds[0].title).toBe(`Summary: ${SEED_TITLE}`);
    const quoted = [...message.embeds[0].description.matchAll(/“([^”]+)”/g)].map((m) => m[1]);
    expect(quoted.length).toBeGreaterThan(0);
    for (const sentence of quoted) expect(seedBody.replace(/\s+/g, ' ')).toContain(sentence.replace(/\\/g, ''));
    expect(discord.channelMessages(OTHER_CHANNEL)).toHaveLength(0);

    const picked = await (
      await discord.click(message, idStarting(message, 'summary.channel'), {
        values: [OTHER_CHANNEL],
        componentType: 8,
        user: moderator,
        permissions: MODERATOR,
      })
    ).reply();
    expect(picked.content).toContain(`<#${OTHER_CHANNEL}>`);

    const done = await discord.click(message, idStarting(message, 'summary.post'), { user: moderator, permissions: MODERATOR });
    await done.until(() => done.original?.content?.startsWith('Posted'), 'posted note');
    const [posted] = discord.channelMessages(OTHER_CHANNEL);
    expect(posted.content).toBe(`Summary posted by <@${moderator.id}>`);
    expect(posted.allowed_mentions).toEqual({ parse: [] });
    expect(posted.embeds[0].title).toBe(`Summary: ${SEED_TITLE}`);
    expect(posted.embeds[0].description).toContain('— paragraph 1');
    expect(posted.components).toEqual([]);
  });

  it('a topic summary names the article of every sentence; Cancel discards it', async () => {
    const message = await preview({ topic: 'harbour ships quay', from: '2022-01-10', to: '2022-01-20', length: 'short' }, 'topic');
    const blocks = message.embeds[0].description.split('\n\n').slice(1);
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) expect(b).toMatch(/\n— \*Harbour news (1\d|20)\* \(2022-01-(1\d|20)\), harbour-(1\d|20)\.txt, paragraph 1$/);
    const before = discord.channelMessages().length;
    const cancelled = await (
      await discord.click(message, idStarting(message, 'summary.cancel'), { user: moderator, permissions: MODERATOR })
    ).reply();
    expect(cancelled).toMatchObject({ content: 'Summary discarded.', components: [] });
    expect(discord.channelMessages()).toHaveLength(before);
  });

  it('refuses members without Manage Messages: hidden, re-checked on use, and on every button', async () => {
    await expect(discord.slash('summary', { topic: 'harbour' }, { subcommand: 'topic' })).rejects.toBeInstanceOf(HiddenCommandError);
    const registered = discord.commands.get(discord.guildId)!.find((c) => c.name === 'summary')!;
    expect(registered.default_member_permissions).toBe(String(PERMISSIONS.ManageMessages));
    registered.default_member_permissions = null; // a server override shows it to everyone
    try {
      const refused = await (
        await discord.slash('summary', { topic: 'harbour' }, { subcommand: 'topic', permissions: MEMBER_PERMISSIONS })
      ).reply();
      expect(refused.content).toMatch(/Only moderators/);
      expect(refused.flags & (1 << 6)).toBeTruthy();
    } finally {
      registered.default_member_permissions = String(PERMISSIONS.ManageMessages);
    }

    const message = await preview({ topic: 'harbour ships' }, 'topic');
    const post = idStarting(message, 'summary.post');
    const before = discord.channelMessages().length;
    const demoted = await (await discord.click(message, post, { user: moderator, permissions: MEMBER_PERMISSIONS })).reply();
    expect(demoted.content).toMatch(/Only moderators/);
    const stranger = await (await discord.click(message, post, { user: otherModerator, permissions: MODERATOR })).reply();
    expect(stranger.content).toMatch(/belongs to another moderator/);
    expect(discord.channelMessages()).toHaveLength(before);
  });

  it('autocompletes titles newest first within 25 choices of at most 100 characters', async () => {
    const choices = await (
      await discord.autocomplete('summary', { article: 'harbour' }, 'article', { subcommand: 'article', permissions: MODERATOR })
    ).autocompleteChoices();
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(String(c.value).length).toBeLessThanOrEqual(100);
    }
    expect(choices[0]!.name).toMatch(/^Harbour very .*…$/);
    expect(choices[1]!.name).toBe('Harbour news 29 (2022-01-29)');
    const dates = choices.map((c) => /\((\d{4}-\d{2}-\d{2})\)$/.exec(c.name)?.[1] ?? '2022-01-30');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('says clearly when the bot may not post in the chosen channel, and posts nothing', async () => {
    discord.channelPermissions.set(FORBIDDEN_CHANNEL, PERMISSIONS.ViewChannel);
    const message = await preview({ article: await seedChoice() });
    await (
      await discord.click(message, idStarting(message, 'summary.channel'), {
        values: [FORBIDDEN_CHANNEL],
        componentType: 8,
        user: moderator,
        permissions: MODERATOR,
      })
    ).reply();
    const refused = await discord.click(message, idStarting(message, 'summary.post'), { user: moderator, permissions: MODERATOR });
    const shown = await refused.until(() => refused.original?.content?.includes('cannot post') && refused.original, 'refusal');
    expect(shown.content).toContain(
      `I cannot post in <#${FORBIDDEN_CHANNEL}>: I need the View Channel, Send Messages and Embed Links permissions there.`,
    );
    expect(componentIds(shown).some((id) => id.startsWith('summary.post:'))).toBe(true);
    expect(discord.channelMessages(FORBIDDEN_CHANNEL)).toHaveLength(0);

    // Asked from a channel where the bot may not write: it knows before trying.
    const here = await (
      await discord.slash(
        'summary',
        { article: await seedChoice() },
        { subcommand: 'article', permissions: MODERATOR, user: moderator, channelId: FORBIDDEN_CHANNEL },
      )
    ).reply();
    const knew = await (
      await discord.click(here, idStarting(here, 'summary.post'), { user: moderator, permissions: MODERATOR, channelId: FORBIDDEN_CHANNEL })
    ).reply();
    expect(knew.content).toContain(`I cannot post in <#${FORBIDDEN_CHANNEL}>`);
    expect(discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${FORBIDDEN_CHANNEL}/messages`)).toHaveLength(1);
  });
});

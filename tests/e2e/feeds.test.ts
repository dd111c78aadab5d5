import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS, startBot, type BotProcess } from '../support/bot-process.js';
import { DiscordStandIn, MEMBER_PERMISSIONS, PERMISSIONS, type Json } from '../support/discord-stand-in.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';

/**
 * News feeds through the real bot process: a feed served on 127.0.0.1 (FEEDS_ALLOW_PRIVATE=1),
 * the feeds cycle every 300 ms (NEWSDESK_TEST_FEEDS_TICK_MS, test only), one folder and state
 * across a restart.
 */

const MODERATOR = MEMBER_PERMISSIONS | PERMISSIONS.ManageGuild;
const EPHEMERAL = 64;
const SEED = '000_d0dc32616b42ff6f.txt';
const NEW_TITLE = 'Valletta harbour opens a night ferry terminal';

const item = (n: number, title: string, body: string) =>
  `<item><title>${title}</title><link>LINK/story/${n}</link><guid>story-${n}</guid><pubDate>Mon, 01 Jun 2026 0${n}:00:00 +0000</pubDate><description>${body}</description></item>`;
const ARCHIVE = [
  item(1, 'Gozo ferry timetable changes', 'The Gozo ferry will sail every forty minutes from next week. Operators cited higher demand.'),
  item(2, 'Mdina bridge repairs finish', 'Repairs to the stone bridge in Mdina finished two weeks early. The bridge reopens to walkers.'),
];
const NEW_ITEM = item(
  3,
  NEW_TITLE,
  'The harbour of Valletta opened a terminal for night ferries on Monday. Crossings to Sicily now leave at midnight. The port authority expects ten thousand passengers a month.',
);

let discord: DiscordStandIn;
let server: FeedServer;
let root: string;
let seeds: string;
let stateDir: string;
const bots: BotProcess[] = [];

const rss = (items: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Harbour News</title><link>${server.url('/')}</link><description>d</description>${items.join('').replaceAll('LINK', server.url('')).replace(/\/$/, '')}</channel></rss>`;

beforeAll(async () => {
  discord = await DiscordStandIn.start();
  server = await startFeedServer();
  server.routes.set('/feed.xml', { body: rss(ARCHIVE) });
  server.routes.set('/page.html', { body: '<html><body>not a feed</body></html>', type: 'text/html' });
  root = mkdtempSync(path.join(tmpdir(), 'newsdesk-feeds-e2e-'));
  seeds = path.join(root, 'seeds');
  stateDir = path.join(root, 'state');
  mkdirSync(seeds);
  copyFileSync(path.join(SEEDS, SEED), path.join(seeds, SEED));
});
afterAll(async () => {
  for (const bot of bots) await bot.stop();
  await discord?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

async function start(): Promise<BotProcess> {
  const bot = await startBot(discord, {
    SEEDS_DIR: seeds,
    STATE_DIR: stateDir,
    FEEDS_ALLOW_PRIVATE: '1',
    NEWSDESK_TEST_FEEDS_TICK_MS: '300',
  });
  bots.push(bot);
  await bot.waitFor(/feeds: \d+ feed\(s\)/);
  return bot;
}

const owner = () => discord.applicationOwner;
async function feeds(subcommand: string, values: Record<string, unknown> = {}, options: { user?: Json; permissions?: bigint } = {}) {
  const interaction = await discord.slash('feeds', values, { subcommand, ...options } as never);
  return (await interaction.reply()) as { content: string; flags: number; embeds: { title?: string; description: string }[] };
}

/** Resolves once `test` holds (checked every 100 ms), failing after `ms`. */
async function until<T>(test: () => T | null | undefined | false | Promise<T | false>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const announcements = () => discord.channelMessages().filter((m) => m.content.startsWith('📰'));
const feedState = () => {
  const file = path.join(stateDir, 'feeds', 'harbour.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
};

describe('news feeds end to end', () => {
  it(
    'owner adds, non-owner refused, moderator follows; a new item is announced once, across a restart; /ask links it; the digest lists it',
    { timeout: 180_000 },
    async () => {
      let bot = await start();

      // only the application's owner (read from Discord's application object) may add feeds
      const refused = await feeds('add', { url: server.url('/feed.xml') });
      expect(refused.content).toBe(
        "Only the bot's owner decides which feeds fill the archive: it is shared by every server the bot is in.",
      );
      expect(refused.flags & EPHEMERAL).toBeTruthy();
      expect(existsSync(path.join(stateDir, 'feeds.json'))).toBe(false);
      expect(discord.requests.some((r) => r.method === 'GET' && r.path === '/applications/@me')).toBe(true);

      // bad input from the owner: a polite private answer, nothing added
      expect((await feeds('add', { url: 'ftp://example.com/feed' }, { user: owner() })).content).toBe(
        'The address must be a web address starting with http:// or https://.',
      );
      expect((await feeds('add', { url: server.url('/page.html') }, { user: owner() })).content).toMatch(/^Not added: /);

      const added = await feeds('add', { url: server.url('/feed.xml'), name: 'Harbour', every: 5 }, { user: owner() });
      expect(added.content).toMatch(/^Added feed \*\*harbour\*\* \(Harbour News\): 2 items now, polled every 5 minutes\./);
      expect(added.flags & EPHEMERAL).toBeTruthy();

      // a team member counts as an owner; an invited one who has not accepted does not
      const member = { id: '400000000000000077', username: 'teammate' };
      discord.team = { ownerId: owner().id, members: [{ user: member, accepted: false }] };
      expect((await feeds('remove', { feed: 'harbour' }, { user: member })).content).toMatch(/^Only the bot's owner/);
      discord.team = null;

      // follow: Manage Server, checked by the bot; the channel must be one it can post in
      expect((await feeds('follow', { feed: 'harbour', channel: discord.channelId })).content).toBe(
        'Only members with the Manage Server permission can choose what is announced here.',
      );
      expect((await feeds('follow', { feed: 'nope', channel: discord.channelId }, { permissions: MODERATOR })).content).toBe(
        'There is no feed named "nope". See `/feeds list`.',
      );
      const followed = await feeds('follow', { feed: 'harbour', channel: discord.channelId }, { permissions: MODERATOR });
      expect(followed.content).toBe(`Done: new articles of **harbour** will be announced in <#${discord.channelId}>.`);

      // the first poll writes the archive and announces nothing
      await until(() => feedState()?.polls >= 2, 'two polls');
      expect(readdirSync(path.join(seeds, 'feeds', 'harbour'))).toHaveLength(2);
      expect(announcements()).toHaveLength(0);

      // a new item: announced once, with its linked title, date, source and summary
      server.routes.set('/feed.xml', { body: rss([NEW_ITEM, ...ARCHIVE]) });
      const [posted] = await until(() => announcements().length > 0 && announcements(), 'an announcement');
      expect(posted!.content).toBe(`📰 **News feeds** · 1 new article · ${NEW_TITLE}`);
      expect(posted!.embeds).toHaveLength(1);
      expect(posted!.embeds[0].description).toBe(
        `**[${NEW_TITLE}](${server.url('/story/3')})**\nThe harbour of Valletta opened a terminal for night ferries on Monday. Crossings to Sicily now leave at midnight.`,
      );
      expect(posted!.embeds[0].footer.text).toBe('2026-06-01 · Harbour News');
      expect(posted!.allowed_mentions).toEqual({ parse: [] });
      const polls = feedState().polls;
      await until(() => feedState().polls >= polls + 3, 'three more polls');
      expect(announcements()).toHaveLength(1);

      // /ask answers from it, its title a link
      const answer = await (await discord.slash('ask', { question: 'when do night ferries to Sicily leave' })).reply();
      expect(answer.embeds[0].description).toContain(`[${NEW_TITLE}](${server.url('/story/3')})`);

      // list: the feed, its status, this server's follow
      const list = await feeds('list');
      expect(list.flags & EPHEMERAL).toBeTruthy();
      expect(list.embeds[0]!.description).toContain('**harbour** (Harbour News) · every 5 min · ok');
      expect(list.embeds[0]!.description).toContain(`**harbour** → <#${discord.channelId}>`);

      // after a restart: nothing announced again
      await bot.stop();
      bot = await start();
      const restarted = feedState().polls;
      await until(() => feedState().polls >= restarted + 3, 'polls after the restart');
      expect(announcements()).toHaveLength(1);

      // the next digest lists it
      await discord.slash(
        'digest',
        { channel: discord.channelId, time: '08:00', timezone: 'UTC' },
        { subcommand: 'set', permissions: MODERATOR },
      );
      await (await discord.slash('digest', {}, { subcommand: 'now', permissions: MODERATOR })).reply();
      const digest = await until(() => discord.channelMessages().find((m) => m.content.startsWith('**News digest')), 'a digest');
      expect(digest.embeds.map((e: { title: string }) => e.title)).toContain(NEW_TITLE);
    },
  );

  it(
    'a channel the bot cannot post in: refused at follow; a lost permission shown in /feeds list; removal from the server; remove with purge',
    { timeout: 60_000 },
    async () => {
      const elsewhere = '300000000000000055';
      discord.channelPermissions.set(discord.channelId, PERMISSIONS.ViewChannel);
      const refused = await feeds('follow', { feed: 'harbour', channel: discord.channelId }, { permissions: MODERATOR });
      expect(refused.content).toBe(
        `I cannot post in <#${discord.channelId}>: I am missing Send Messages, Embed Links there. Grant it, or pick another channel.`,
      );
      discord.channelPermissions.delete(discord.channelId);

      // followed in a channel that then refuses the bot: the failure is recorded and shown
      await feeds('follow', { feed: 'harbour', channel: elsewhere }, { permissions: MODERATOR });
      discord.channelPermissions.set(elsewhere, 0n);
      server.routes.set('/feed.xml', {
        body: rss([
          item(4, 'Marsaxlokk market moves indoors', 'The fish market moves indoors. Stalls reopen on Sunday.'),
          NEW_ITEM,
          ...ARCHIVE,
        ]),
      });
      const list = await until(async () => {
        const { embeds } = await feeds('list');
        return embeds[0]!.description.includes('Delivery problems') && embeds[0]!.description;
      }, 'a delivery problem in /feeds list');
      expect(list).toContain(`⚠️ <#${elsewhere}>: posting failed 1 time(s)`);

      // unfollow and remove (owner) with purge
      expect((await feeds('unfollow', { feed: 'harbour' }, { permissions: MODERATOR })).content).toBe(
        'Done: **harbour** is no longer announced in this server.',
      );
      // removed from the server: its follows go
      await feeds('follow', { feed: 'harbour', channel: discord.channelId }, { permissions: MODERATOR });
      await discord.dispatch('GUILD_DELETE', { id: discord.guildId });
      await bots.at(-1)!.waitFor(/feeds: removed from server \d+; its follows are deleted/);
      expect(JSON.parse(readFileSync(path.join(stateDir, 'feeds.json'), 'utf8')).follows).toEqual([]);

      const removed = await feeds('remove', { feed: 'harbour', purge: true }, { user: owner() });
      expect(removed.content).toMatch(/^Removed feed \*\*harbour\*\* and its announcements; deleted its \d+ articles\.$/);
      expect(existsSync(path.join(seeds, 'feeds', 'harbour'))).toBe(false);
    },
  );
});

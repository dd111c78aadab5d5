import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSavedState } from '../../src/digest/store.js';
import { SEEDS, startBot, type BotProcess } from '../support/bot-process.js';
import { DiscordStandIn, HiddenCommandError, MEMBER_PERMISSIONS, PERMISSIONS } from '../support/discord-stand-in.js';

const ADMIN = MEMBER_PERMISSIONS | PERMISSIONS.ManageGuild;
const SEED = '000_d0dc32616b42ff6f.txt';
const HARBOUR =
  'date 2026-06-01 Harbour reopens after the storm\n\nThe harbour of Valletta reopened on Monday after the storm closed it for three days.\n';
const BRIDGE =
  'date 2026-06-01 Bridge repairs finish early\n\nRepairs to the old stone bridge in Mdina finished two weeks ahead of schedule.\n';

let discord: DiscordStandIn;
let seeds: string;
let stateDir: string;
const bots: BotProcess[] = [];

let root: string;

// One bot's life across two tests and a restart: folders outlive each test (not tempCorpus).
beforeAll(async () => {
  discord = await DiscordStandIn.start();
  root = mkdtempSync(path.join(tmpdir(), 'newsdesk-digest-e2e-'));
  seeds = path.join(root, 'seeds');
  mkdirSync(seeds);
  copyFileSync(path.join(SEEDS, SEED), path.join(seeds, SEED));
  stateDir = path.join(root, 'state');
});
afterAll(async () => {
  for (const bot of bots) await bot.stop();
  await discord?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Starts the bot with its clock reading `now` (NEWSDESK_TEST_NOW, test only) and the shared folders. */
async function start(now: string): Promise<BotProcess> {
  const bot = await startBot(discord, { SEEDS_DIR: seeds, STATE_DIR: stateDir, NEWSDESK_TEST_NOW: now });
  bots.push(bot);
  await bot.waitFor(/digests: \d+ server schedule/);
  return bot;
}

async function digest(subcommand: string, values: Record<string, unknown> = {}, permissions = ADMIN) {
  const interaction = await discord.slash('digest', values, { subcommand, permissions });
  return (await interaction.reply()) as { content: string; flags: number; embeds: { title: string }[] };
}

const digestPosts = () => discord.channelMessages().filter((m) => m.content.startsWith('**News digest'));
/** The digest state on disk, as the next start will read it. */
const savedState = async (dir = stateDir) => (await readSavedState(dir))!;

describe('daily digests end to end', () => {
  // two bot start-ups: allow for a busy machine
  it(
    'sets up, picks up a dropped file, posts at the scheduled minute across a restart; /digest now, status, preview, 403',
    { timeout: 120_000 },
    async () => {
      let bot = await start('2026-06-01T07:58:00Z');

      // hidden from ordinary members, and refused by the bot if a server override shows it to them
      await expect(discord.slash('digest', {}, { subcommand: 'status' })).rejects.toBeInstanceOf(HiddenCommandError);
      const registered = discord.commands.get(discord.guildId)!.find((c) => c.name === 'digest')!;
      expect(registered.default_member_permissions).toBe(String(PERMISSIONS.ManageGuild));
      registered.default_member_permissions = null;
      expect((await digest('status', {}, MEMBER_PERMISSIONS)).content).toBe(
        'Only members with the Manage Server permission can manage the digest.',
      );
      registered.default_member_permissions = String(PERMISSIONS.ManageGuild);

      const zones = await (
        await discord.autocomplete('digest', { channel: discord.channelId, time: '08:00', timezone: 'berl' }, 'timezone', {
          subcommand: 'set',
          permissions: ADMIN,
        })
      ).autocompleteChoices();
      expect(zones.map((z) => z.value)).toContain('Europe/Berlin');

      expect((await digest('set', { channel: discord.channelId, time: '25:00', timezone: 'UTC' })).content).toMatch(/HH:MM/);
      expect((await digest('set', { channel: discord.channelId, time: '08:00', timezone: 'Mars/Olympus' })).content).toMatch(
        /"Mars\/Olympus" is not a time zone I know/,
      );
      const sized = await digest('set', { channel: discord.channelId, time: '07:00', timezone: 'UTC', size: 5, quiet: 'line' });
      expect(sized.content).toContain('at most 5 articles; a quiet day posts a short line');
      // a later set without size and quiet keeps them
      const set = await digest('set', { channel: discord.channelId, time: '8:00', timezone: 'UTC' });
      expect(set.content).toContain('at most 5 articles; a quiet day posts a short line');
      expect(set.flags & (1 << 6)).toBeTruthy();
      expect(set.content).toContain('every day at 08:00 (UTC)');
      expect(set.content).toContain('Next: 2026-06-01 08:00 UTC.');
      // the stand-in grants View Channel, Send Messages and Embed Links only
      expect(set.content).toContain(`⚠️ I am missing Read Message History in <#${discord.channelId}>`);

      // a file dropped into the folder is answered by /ask without a restart
      writeFileSync(path.join(seeds, 'harbour.txt'), HARBOUR);
      await bot.waitFor(/article loaded: harbour\.txt/);
      const answer = await (await discord.slash('ask', { question: 'when did the harbour of Valletta reopen' })).reply();
      expect(answer.embeds[0].description).toContain('— Harbour reopens after the storm (2026-06-01), harbour.txt, paragraph 1');
      expect(digestPosts()).toHaveLength(0);
      await bot.stop();

      // back three seconds before the minute: the digest is posted at 08:00, on time, with the new article only
      bot = await start('2026-06-01T07:59:57Z');
      await bot.waitFor(/digest \d+ 2026-06-01: posted/);
      const [posted] = digestPosts();
      expect(posted!.content).toBe('**News digest 2026-06-01** · 1 new article');
      expect(posted!.embeds.map((e: { title: string }) => e.title)).toEqual(['Harbour reopens after the storm']);
      expect(posted!.embeds[0].description).toBe('The harbour of Valletta reopened on Monday after the storm closed it for three days.');
      expect(posted!.nonce).toMatch(/^[\w-]{24}$/);

      // /digest now posts the next digest (2026-06-02) at once, with what arrived since; a channel the
      // bot may not post in is reported and the digest goes out once it can
      writeFileSync(path.join(seeds, 'bridge.txt'), BRIDGE);
      await bot.waitFor(/article loaded: bridge\.txt/);
      // an undated preview shows, privately, what the next digest (2026-06-02) would post
      const next = await digest('preview');
      expect(next.flags & (1 << 6)).toBeTruthy();
      expect(next.embeds.map((e) => e.title)).toEqual(['Bridge repairs finish early']);
      discord.channelPermissions.set(discord.channelId, PERMISSIONS.ViewChannel);
      expect((await digest('now')).content).toMatch(/^Posting the 2026-06-02 digest failed: Missing Permissions\. It will be retried/);
      expect((await digest('status')).content).toContain('⚠️ Posting the 2026-06-02 digest failed 1 time(s): Missing Permissions');
      discord.channelPermissions.delete(discord.channelId);
      expect((await digest('now')).content).toBe('Posted the 2026-06-02 digest (1 message).');
      expect((await digest('now')).content).toBe('The 2026-06-02 digest has already been posted.');
      expect(digestPosts().map((m) => m.content)).toEqual([
        '**News digest 2026-06-01** · 1 new article',
        '**News digest 2026-06-02** · 1 new article',
      ]);
      expect(digestPosts()[1]!.embeds.map((e: { title: string }) => e.title)).toEqual(['Bridge repairs finish early']);
      const status = (await digest('status')).content;
      expect(status).toContain('Next: 2026-06-02 08:00 UTC.');
      expect(status).toMatch(/Last run: 2026-06-01 \d\d:\d\d UTC, digest of 2026-06-02: posted\./);
      expect(status).not.toContain('⚠️');

      const preview = await digest('preview', { date: '2021-12-29' });
      expect(preview.embeds.map((e) => e.title)).toEqual([
        'In the midst of the Ukraine standoff, Biden and Putin will hold a new phone call.',
      ]);
      expect(preview.flags & (1 << 6)).toBeTruthy();
    },
  );

  it('a server outage (GUILD_DELETE unavailable) keeps the schedule; /digest off; removal from the server deletes its state', async () => {
    const bot = bots.at(-1)!;
    await discord.dispatch('GUILD_DELETE', { id: discord.guildId, unavailable: true });
    await discord.slash('help').then((i) => i.reply()); // the bot has handled the event by then
    expect((await savedState()).guilds[discord.guildId]!.settings!.time).toBe('08:00');

    expect((await digest('off')).content).toBe('Digests are off for this server.');
    expect((await digest('status')).content).toBe('No digest is set up here. Use `/digest set` to start one.');
    expect((await digest('now')).content).toBe('No digest is set up here. Use `/digest set` first.');
    expect((await digest('preview')).content).toBe('No digest is set up here. Use `/digest set` first.');

    await discord.dispatch('GUILD_DELETE', { id: discord.guildId });
    await bot.waitFor(/removed from server \d+; its schedule is deleted/);
    expect(existsSync(path.join(stateDir, 'state.json'))).toBe(true);
    expect((await savedState()).guilds[discord.guildId]).toBeUndefined();
  });
});

describe("exactly once across a restart, through Discord's REST API", () => {
  it(
    'a part left pending past the nonce memory is found in the channel, not posted again; the rest is posted',
    { timeout: 60_000 },
    async () => {
      for (const earlier of bots.splice(0)) await earlier.stop();
      const channelId = '300000000000000099';
      const scheduledAt = Date.parse('2026-06-01T08:00:00Z');
      const part = (index: number) => ({
        index,
        nonce: `pending-part-${index}`,
        payload: { content: `**News digest 2026-06-01** · part ${index + 1}/2`, embeds: [{ title: `Story ${index + 1}` }] },
        status: 'pending',
        pendingSince: scheduledAt, // then the bot died: did Discord get it?
        messageId: null,
      });
      const settings = { channelId, time: '08:00', timezone: 'UTC', size: 10, quietDay: 'silent', since: 0 };
      const digest = {
        date: '2026-06-01',
        channelId,
        scheduledAt,
        createdAt: scheduledAt,
        late: false,
        articleIds: [],
        parts: [part(0), part(1)],
      };
      const state = {
        version: 1,
        initializedAt: 0,
        seen: {},
        guilds: { [discord.guildId]: { settings, digests: [digest], lastRun: null, failure: null } },
      };
      const dir = path.join(root, 'state-pending');
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'state.json'), JSON.stringify(state));
      // part 1 reached Discord before the crash (history reads carry no nonce); part 2 did not
      discord.messages.set(channelId, [
        {
          id: '600000000000000001',
          channel_id: channelId,
          author: discord.botUser,
          content: part(0).payload.content,
          embeds: [],
          timestamp: new Date().toISOString(),
        },
      ]);

      const bot = await startBot(discord, { SEEDS_DIR: seeds, STATE_DIR: dir, NEWSDESK_TEST_NOW: '2026-06-01T08:10:00Z' });
      bots.push(bot);
      await bot.waitFor(/digest \d+ 2026-06-01: posted/);
      expect(discord.channelMessages(channelId).map((m) => m.content)).toEqual([part(0).payload.content, part(1).payload.content]);
      const saved = (await savedState(dir)).guilds[discord.guildId]!.digests[0]!.parts;
      expect(saved.map((p: { status: string }) => p.status)).toEqual(['posted', 'posted']);
      expect(saved[0].messageId).toBe('600000000000000001');
      expect(discord.requests.some((r) => r.method === 'GET' && r.path === `/channels/${channelId}/messages`)).toBe(true);
    },
  );
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../support/bot-process.js';
import { botOnArticles, newUser } from '../support/bot-fixture.js';
import { buttonId, MEMBER_PERMISSIONS, PERMISSIONS, type DiscordStandIn, type Json } from '../support/discord-stand-in.js';

/**
 * What a client that skips Discord's checks can send (option values outside a command's
 * definition, custom ids the bot never made), commands racing for one server, and text too long
 * for one message, against the real bot process: polite private answers, nothing changed, no error.
 */

const EPHEMERAL = 64;
const ADMIN = MEMBER_PERMISSIONS | PERMISSIONS.ManageGuild;
const MODERATOR = MEMBER_PERMISSIONS | PERMISSIONS.ManageMessages;
/** One sentence of about 13,000 characters, with a word found nowhere else. */
const LONG_SENTENCE = `The zebracrossing survey ${Array.from({ length: 1500 }, (_, i) => `item${i}`).join(' ')} ended.`;
const FOREIGN = 'This button was not made by this version of Newsdesk (or its data is damaged): please run the command again.';

let discord: DiscordStandIn;
let bot: BotProcess;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ discord, bot, close } = await botOnArticles({}, (dir) =>
    writeFileSync(path.join(dir, 'long.txt'), `date 2024-02-02 A very long sentence\n\n${LONG_SENTENCE}\n`),
  ));
  await bot.waitFor(/digests: \d+ server schedule/);
});

afterAll(() => close?.());

const digest = async (subcommand: string, values: Record<string, unknown> = {}, resolved?: Json) =>
  (await discord.slash('digest', values, { subcommand, permissions: ADMIN, ...(resolved ? { resolved } : {}) })).reply();
/** The message with one button carrying `customId`, as a client that forges ids would press it. */
const withButton = (message: Json, customId: string) => ({
  ...message,
  components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Forged', custom_id: customId }] }],
});
const press = async (message: Json, customId: string) => (await discord.click(withButton(message, customId), customId)).reply();
/** `**` bold markers (not escaped stars). */
const boldMarkers = (text: string) => text.match(/(?<!\\)\*\*/g)?.length ?? 0;

describe('input a client could forge, races, and long text, against the real bot', () => {
  it('refuses /digest set options outside the definition privately and stores nothing', async () => {
    const set = { channel: discord.channelId, time: '08:00', timezone: 'UTC' };
    const refusals = [
      [{ ...set, size: 0 }, '`size` must be a whole number from 1 to 25'],
      [{ ...set, size: 1_000_000 }, '`size` must be a whole number from 1 to 25'],
      [{ ...set, quiet: 'loud' }, '`quiet` must be one of “post nothing”, “post a short line”'],
    ] as const;
    for (const [values, problem] of refusals) {
      const reply = await digest('set', values);
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.content).toBe(`Sorry, I cannot use that: ${problem}. Nothing was changed.`);
    }
    // a role mention as the channel: the id resolves to no channel
    const role = await digest('set', { ...set, channel: '456000000000000000' }, { roles: { '456000000000000000': { id: '456' } } });
    expect(role.content).toBe(
      'Sorry, I cannot use that: `channel` must be a text or announcement channel of this server. Nothing was changed.',
    );
    expect((await digest('status')).content).toBe('No digest is set up here. Use `/digest set` to start one.');
  });

  it('refuses an /articles query over its length, and answers an autocomplete with nothing being typed with no choices', async () => {
    const reply = await (await discord.slash('articles', { query: 'q'.repeat(150) }, { user: newUser() })).reply();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toBe('Sorry, I cannot use that: The query is too long (150 characters; at most 100). Nothing was changed.');
    const typing = await discord.autocomplete('digest', { timezone: 'Eu' }, 'none', { subcommand: 'set', permissions: ADMIN });
    expect(await typing.autocompleteChoices()).toEqual([]);
  });

  it('refuses custom ids the bot never made, and Share under a footer that is no question, politely', async () => {
    const user = newUser();
    const answer = await (await discord.slash('ask', { question: 'who will meet in Geneva', private: true }, { user })).reply();
    for (const id of ['ask.more:0:0', 'ask.more:0:1000000000', 'ask.more:NaN:3', 'ask.ctx:nonsense', 'ask.share:0:3']) {
      const reply = await press(answer, id);
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.content).toBe(FOREIGN);
    }
    const list = await (await discord.slash('articles', {}, { user })).reply();
    expect((await press(list, 'articles.page:NaN')).content).toBe(FOREIGN);
    const noQuestion = { ...answer, embeds: [{ ...answer.embeds[0], footer: { text: 'Asked: ?!…' } }] };
    const share = buttonId(answer, 'Share');
    expect((await (await discord.click(noQuestion, share)).reply()).content).toBe(
      'This message no longer shows its question; please ask again.',
    );
  });

  it('escapes what a person typed when it is echoed back', async () => {
    const reply = await (
      await discord.slash('summary', { article: '@everyone ```x' }, { subcommand: 'article', permissions: MODERATOR })
    ).reply();
    expect(reply.content).toBe('No article matches “@\u200beveryone \\`\\`\\`x”. Start typing its title and pick it from the list.');
  });

  it('trims a sentence too long for the answer, and Context shows it in parts, each within the limits, bold never broken', async () => {
    const user = newUser();
    const answer = await (await discord.slash('ask', { question: 'zebracrossing survey', count: 1 }, { user })).reply();
    const { description } = answer.embeds[0];
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/ item\d+ … \(trimmed\)”\n\*\*1\*\* — A very long sentence \(2024-02-02\), long\.txt, paragraph 1$/);
    expect(boldMarkers(description) % 2).toBe(0);
    const context = await discord.click(answer, buttonId(answer, 'Context 1'), { user });
    const first = await context.reply();
    const count = Number(/part 1 of (\d+)$/.exec(first.embeds[0].footer.text)![1]);
    expect(count).toBeGreaterThan(2);
    // parts are packed into as few messages as the limits allow
    const parts = [first];
    while (parts.flatMap((message) => message.embeds).length < count) parts.push(await context.followup(parts.length - 1));
    const embeds = parts.flatMap((message) => message.embeds);
    expect(embeds.map((e) => e.footer.text)).toEqual(
      Array.from({ length: count }, (_, i) => `2024-02-02 · long.txt · paragraph 1 · part ${i + 1} of ${count}`),
    );
    for (const embed of embeds) expect(boldMarkers(embed.description)).toBe(2);
    expect(embeds.map((e) => e.description.replace(/\*\*/g, '')).join(' ')).toBe(LONG_SENTENCE);
    expect(parts.every((m) => m.flags & EPHEMERAL)).toBe(true);
  });

  it('/digest now twice at once posts one message and logs "posted" once; now beside off answers both without an error', async () => {
    // a quiet day posts a short line: a digest is posted even with nothing new
    const set = { channel: discord.channelId, time: '23:59', timezone: 'UTC', quiet: 'line' };
    expect((await digest('set', set)).content).toMatch(/^Done\./);
    const replies = await Promise.all([digest('now'), digest('now')]);
    expect(replies.map((r) => r.content.replace(/\d{4}-\d\d-\d\d/, 'DAY')).sort()).toEqual([
      'Posted the DAY digest (1 message).',
      'The DAY digest has already been posted.',
    ]);
    await bot.waitFor(/digest \d+ \d{4}-\d\d-\d\d: posted/);
    expect(bot.output().match(/: posted \(/g)).toHaveLength(1);
    expect(discord.channelMessages().filter((m) => m.content.startsWith('**News digest'))).toHaveLength(1);

    const [now, off] = await Promise.all([digest('now'), digest('off')]);
    expect(now.content).not.toMatch(/Something went wrong/);
    expect(off.content).toBe('Digests are off for this server.');
    expect((await digest('status')).content).toBe('No digest is set up here. Use `/digest set` to start one.');
  });

  it('logged no error and no unhandled rejection', () => {
    expect(bot.output()).not.toMatch(/error ref=|unhandled rejection/);
  });
});

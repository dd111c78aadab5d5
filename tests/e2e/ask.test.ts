import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../support/bot-process.js';
import { botOnArticles, newUser } from '../support/bot-fixture.js';
import { buttonId, componentsOf, type DiscordStandIn, type InteractionRecord, type Json } from '../support/discord-stand-in.js';

/**
 * The real bot process (src/bot/main.ts) against the Discord stand-in: one process for the file,
 * every test a different member (so the /ask cooldown of one never affects another).
 */

const GENEVA = 'Senior US and Russian officials intend to meet in Geneva on January 10 in an effort to ease tensions.';
const GENEVA_TITLE = 'In the midst of the Ukraine standoff, Biden and Putin will hold a new phone call.';
const EPHEMERAL = 64;

let discord: DiscordStandIn;
let bot: BotProcess;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ discord, bot, close } = await botOnArticles({ NEWSDESK_TEST_FAULTS: '1', ASK_COOLDOWN: '3/60' }, (dir) => {
    // Enough undated briefs for /articles to need a second page, even when filtered to briefs.
    for (let i = 1; i <= 11; i++) writeFileSync(path.join(dir, `brief-${i}.txt`), `Brief ${i}\n\nA short note number ${i}.\n`);
  }));
});

afterAll(() => close?.());

const askAs = (values: Record<string, unknown>, user = newUser()) => discord.slash('ask', values, { user });
const labels = (message: Json) => componentsOf(message).map((c) => c.label);
/** Every interaction so far was acknowledged within Discord's 3 seconds. */
const noneLate = () => expect([...discord.interactions.values()].filter((r: InteractionRecord) => r.late)).toEqual([]);

describe('the bot against the Discord stand-in', () => {
  it('registers /ask, /articles and /help in the server with the expected schema', () => {
    const registered = discord.commands.get(discord.guildId) ?? [];
    const ask = registered.find((c) => c.name === 'ask')!;
    expect(ask.contexts).toEqual([0, 1]);
    expect(ask.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true, max_length: 500 }),
      expect.objectContaining({ name: 'count', type: 4, min_value: 1, max_value: 5 }),
      expect.objectContaining({ name: 'private', type: 5 }),
    ]);
    expect(registered.find((c) => c.name === 'articles')).toMatchObject({
      contexts: [0],
      options: [expect.objectContaining({ name: 'query', type: 3 })],
    });
    expect(registered.find((c) => c.name === 'help')).toMatchObject({ contexts: [0] });
    // One GET to compare, one bulk PUT: the set was new.
    expect(discord.requests.filter((r) => r.path.endsWith('/commands')).map((r) => r.method)).toEqual(['GET', 'PUT']);
  });

  it('answers /ask who will meet in Geneva with the sentence, bold matches and its attribution', async () => {
    const reply = await (await askAs({ question: 'who will meet in Geneva' })).reply();
    expect(reply.flags & EPHEMERAL).toBe(0);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    const embed = reply.embeds[0];
    expect(embed.description).toContain('> “Senior US and **Russian** officials intend to **meet** in **Geneva** on January 10');
    expect(embed.description).toContain(`**1** — ${GENEVA_TITLE} (2021-12-29), 000\\_d0dc32616b42ff6f.txt, paragraph 7`);
    expect(embed.footer.text).toBe('Asked: who will meet in Geneva');
    // A third sentence ("The conference comes after …") refers back to the Geneva talks, so it is an answer too.
    expect(labels(reply)).toEqual(['Context 1', 'Context 2', 'Context 3']);
    expect(discord.channelMessages()).toContainEqual(expect.objectContaining({ id: reply.id }));
    noneLate();
  });

  it('reads a question typed the chat way (no apostrophe, slang, a typo) as the articles write it', async () => {
    const reply = await (await askAs({ question: 'whos gonna meet in genva' })).reply();
    expect(reply.embeds[0].description).toContain('> “Senior US and **Russian** officials intend to **meet** in **Geneva** on January 10');
    // The slip it put right is said under the question, which "More" and "Share" still read back whole.
    expect(reply.embeds[0].footer.text).toBe('Asked: whos gonna meet in genva\nRead “genva” as “geneva”.');
    // The chat words around a question ask nothing: the answer is the same without them.
    const chatty = await (await askAs({ question: 'hey, does anyone know who will meet in geneva? thanks' })).reply();
    expect(chatty.embeds[0].description).toContain('> “Senior US and **Russian** officials intend to **meet** in **Geneva** on January 10');
    // Nor do the ways people open and close a question to a bot: the answer is given as surely as without them.
    const opened = await (await askAs({ question: 'wait, can you explain who will meet in geneva, any idea?' })).reply();
    expect(opened.embeds[0].description).toBe(chatty.embeds[0].description);
    expect(opened.embeds[0].footer.text).toBe('Asked: wait, can you explain who will meet in geneva, any idea?');
    const excused = await (await askAs({ question: 'sorry if this is a dumb question but lol who tf will meet in geneva or nah' })).reply();
    expect(excused.embeds[0].description).toBe(chatty.embeds[0].description);
    // Nor do Discord's mentions and custom emoji, which the question is echoed without.
    const marked = await (
      await askAs({ question: '<@123456789012345678> who will meet in geneva <:thinking:123456789012345678>' })
    ).reply();
    expect(marked.embeds[0].description).toBe(chatty.embeds[0].description);
    expect(marked.embeds[0].footer.text).toBe('Asked: who will meet in geneva');
  });

  it('count and private: one excerpt, only for the asker, with a Share button that posts the same answer', async () => {
    const user = newUser();
    const reply = await (await askAs({ question: 'who will meet in Geneva', count: 1, private: true }, user)).reply();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(discord.channelMessages()).not.toContainEqual(expect.objectContaining({ id: reply.id }));
    expect(reply.embeds[0].description.match(/^\*\*\d+\*\* — /gm)).toHaveLength(1);
    const share = await discord.click(reply, buttonId(reply, 'Share'), { user });
    const shared = await share.reply();
    expect(shared.flags & EPHEMERAL).toBe(0);
    expect(shared.content).toBe(`Shared by <@${user.id}>`);
    expect(shared.embeds[0].description).toBe(reply.embeds[0].description);
    expect(labels(shared)).toEqual(['Context 1']);
    noneLate();
  });

  it('"Context" shows the paragraph privately; "More" gives the next results read from the echoed question', async () => {
    const user = newUser();
    const reply = await (await askAs({ question: 'who will meet in Geneva', count: 1 }, user)).reply();
    const context = await (await discord.click(reply, buttonId(reply, 'Context 1'), { user })).reply();
    expect(context.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(context.embeds[0].title).toBe(GENEVA_TITLE);
    expect(context.embeds[0].description).toBe(`**${GENEVA}**`);
    expect(context.embeds[0].footer.text).toBe('2021-12-29 · 000_d0dc32616b42ff6f.txt · paragraph 7');

    const more = await (await discord.click(reply, buttonId(reply, 'More'), { user })).reply();
    expect(more.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(more.embeds[0].footer.text).toBe('Asked: who will meet in Geneva\nResults 2–2');
    expect(more.embeds[0].description).toMatch(/^\*\*2\*\* — /m);
    expect(more.embeds[0].description).not.toContain(GENEVA.slice(0, 40));
    for (const id of componentsOf(more).map((b) => b.custom_id)) expect(id.length).toBeLessThanOrEqual(100);
    noneLate();
  });

  it.each([
    ['', 'The question is empty'],
    ['x '.repeat(3000), 'The question is too long (5999 characters; at most 500)'],
    ['?!…', 'The question has no words'],
  ])('a question that cannot be asked (%#) gets its reason privately', async (question, reason) => {
    const reply = await (await askAs({ question })).reply();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toContain(reason);
  });

  it('markdown and @everyone in the question and in article text are shown as written and ping no one', async () => {
    const reply = await (await askAs({ question: '**harbour strike** @everyone <@&999999999999999999>' })).reply();
    const { description, footer } = reply.embeds[0];
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    // Footers show text as written (no markdown, no mentions): the question is echoed as typed, past Discord's markup.
    expect(footer.text).toBe('Asked: **harbour strike** @everyone');
    expect(description).toContain('a \\*\\*5%\\*\\* pay rise, and @\u200beveryone at the port');
    expect(description).toContain('<\u200b@&123456789012345678>');
    expect(description).toContain('— Harbour \\*\\*strike\\*\\* \\_ends\\_ @\u200beveryone (2023-05-02)');
    expect(description).not.toMatch(/(^|[^\u200b])@everyone/);
  });

  it('keeps within the 4,096-character description by dropping whole excerpts, then offers the rest under More', async () => {
    const user = newUser();
    const reply = await (await askAs({ question: 'glacier survey meltwater station moraine lake', count: 5 }, user)).reply();
    const { description } = reply.embeds[0];
    expect(description.length).toBeLessThanOrEqual(4096);
    const shown = description.match(/^\*\*\d+\*\* — /gm)!.length;
    expect(shown).toBeGreaterThan(1);
    expect(shown).toBeLessThan(5);
    expect(description.trimEnd()).toMatch(/paragraph \d+$/);
    const more = await (await discord.click(reply, buttonId(reply, 'More'), { user })).reply();
    expect(more.embeds[0].description).toMatch(new RegExp(`^\\*\\*${shown + 1}\\*\\* — `, 'm'));
  });

  it('about something absent, says no sentence clearly answers and offers the closest passages only as "might be related"', async () => {
    // The harbour strike matches "strike", but no article mentions Boeing.
    const reply = await (await askAs({ question: 'when did the boeing workers go on strike' })).reply();
    const description: string = reply.embeds[0].description;
    expect(description.startsWith('I found no sentence in the articles that clearly answers this question.\n')).toBe(true);
    expect(description).toContain(
      '**These passages might be related** (they are not an answer):\n> “The harbour **strike** ended on Tuesday',
    );
    expect(description).not.toContain('**Tuesday**');
    expect(labels(reply)[0]).toBe('Context 1');
    noneLate();
  });

  it('says so when nothing matches and suggests the newest article titles', async () => {
    const reply = await (await askAs({ question: 'zzyzx qwerty' })).reply();
    expect(reply.embeds[0].description).toBe(
      'Nothing in the articles matches this question.\nTry other words, or ask about one of these articles: ' +
        '*Harbour \\*\\*strike\\*\\* \\_ends\\_ @\u200beveryone* · *Glacier survey results* · *In the midst of the Ukraine standoff, Biden and Putin will hold a new phone call.*',
    );
    expect(componentsOf(reply)).toEqual([]);
    // So do two words of 249 letters, the most the option takes, without holding the bot: looking for their typing
    // slips stemmed some 13,000 candidates of 249 letters each.
    const long = await (await askAs({ question: `${'abcdefghij'.repeat(25).slice(1)} ${'jihgfedcba'.repeat(25).slice(1)}` })).reply();
    expect(long.embeds[0].description).toBe(reply.embeds[0].description);
  });

  it('/articles lists the articles newest first; /help explains the commands', async () => {
    const list = await (await discord.slash('articles', {}, { user: newUser() })).reply();
    const lines = list.embeds[0].description.split('\n').filter((l: string) => l.startsWith('**'));
    expect(lines.map((l: string) => l.split('**')[1])).toEqual(['2023-05-02', '2022-08-15', '2021-12-29', ...Array(7).fill('undated')]);
    expect(list.embeds[0].description).toMatch(/^14 articles loaded, newest first · page 1 of 2/);
    const next = await discord.click(list, buttonId(list, 'Next'));
    const page2 = await next.reply();
    expect(next.callbacks).toEqual([7]);
    expect(page2.id).toBe(list.id);
    expect(page2.embeds[0].description).toMatch(/^14 articles loaded, newest first · page 2 of 2\n\n\*\*undated\*\* — Brief/);
    expect(componentsOf(page2).map((c) => c.label)).toEqual(['Previous']);
    const back = await (await discord.click(page2, buttonId(page2, 'Previous'))).reply();
    expect(back.embeds[0].description).toBe(list.embeds[0].description);
    // a filtered list keeps its filter across pages (read back from the page's footer)
    const briefs = await (await discord.slash('articles', { query: 'brief' }, { user: newUser() })).reply();
    expect(briefs.embeds[0].description).toMatch(/^11 articles, newest first · page 1 of 2/);
    const briefs2 = await (await discord.click(briefs, buttonId(briefs, 'Next'))).reply();
    expect(briefs2.embeds[0].description).toMatch(/^11 articles, newest first · page 2 of 2\n\n\*\*undated\*\* — Brief/);
    const filtered = await (await discord.slash('articles', { query: 'glacier' }, { user: newUser() })).reply();
    expect(filtered.embeds[0].description).toContain('1 article, newest first');
    const help = await (await discord.slash('help')).reply();
    expect(help.embeds[0].description).toMatch(/\*\*\/articles\*\* — .*\n\*\*\/ask\*\* — /);
  });

  it('an error inside a handler gets a private "something went wrong" with a reference that is also logged', async () => {
    const reply = await (await askAs({ question: 'newsdesk-test-fault' })).reply();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const ref = /reference `([0-9a-f]{8})`/.exec(reply.content)?.[1];
    expect(ref).toBeDefined();
    await bot.waitFor(new RegExp(`error ref=${ref} in /ask .*injected test fault`));
    // Still serving.
    expect((await (await askAs({ question: 'who will meet in Geneva' })).reply()).embeds[0].description).toContain('**Geneva**');
  });

  it('the per-user cooldown answers privately when hit, and other members can still ask', async () => {
    const user = newUser();
    for (let i = 0; i < 3; i++) expect((await (await askAs({ question: 'harbour' }, user)).reply()).embeds).toHaveLength(1);
    const refused = await (await askAs({ question: 'harbour' }, user)).reply();
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.content).toMatch(/^You can ask 3 questions every 60 seconds; try again in \d+ s\.$/);
    expect((await (await askAs({ question: 'harbour' })).reply()).embeds).toHaveLength(1);
  });

  it('waits out a 429 with Retry-After and still answers', async () => {
    discord.failNext('POST', /^\/interactions\/.*\/callback$/, { status: 429, retryAfter: 1 });
    const record = await askAs({ question: 'who will meet in Geneva' });
    expect((await record.reply()).embeds[0].description).toContain('**Geneva**');
    const attempts = discord.requests.filter((r) => r.path.startsWith(`/interactions/${record.id}/`));
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    noneLate();
  });

  it('resumes after a gateway reconnect (op 7) and answers the next /ask', async () => {
    const identifies = discord.identifies;
    await discord.reconnect();
    expect(discord.resumes).toBeGreaterThanOrEqual(1);
    expect(discord.identifies).toBe(identifies);
    await bot.waitFor(/gateway resumed/);
    expect((await (await askAs({ question: 'who will meet in Geneva' })).reply()).embeds[0].description).toContain('**Geneva**');
  });

  it('logged no unhandled rejection, no error besides the injected fault, and never the token', () => {
    expect(bot.output()).not.toMatch(/unhandled rejection/);
    expect(bot.output()).not.toContain(discord.token);
    expect(bot.output().match(/ error ref=/g)).toHaveLength(1);
  });
});

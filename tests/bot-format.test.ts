import { describe, expect, it, vi } from 'vitest';
import type { AskResult, Excerpt } from '../src/search/ask.js';
import { buildIndex } from '../src/search/build.js';
import { customId } from '../src/bot/command.js';
import { createContext } from '../src/bot/context.js';
import { Cooldown } from '../src/bot/cooldown.js';
import { escapeMarkdown } from 'discord.js';
import { escapeMarkdownSigns, escapeText, quoted } from '../src/bot/escape.js';
import { excerptRef, resolveRef } from '../src/bot/excerpt-ref.js';
import { answerMessage, articleListMessage, articleQueryOf, contextMessages, questionOf } from '../src/bot/format.js';
import { embedSize, fitBlocks, fitParts, fittingPrefix, limitProblem, TRIMMED, truncate } from '../src/bot/limits.js';
import { sameCommands } from '../src/bot/registration.js';
import { loadSettings } from '../src/settings.js';
import { respond } from '../src/bot/reply.js';
import type { Log } from '../src/bot/log.js';
import type { ArticleSearch } from '../src/search/article-search.js';
import { systemClock } from '../src/digest/schedule.js';
import { tempCorpus } from './support/tmp.js';

function excerpt(text: string, overrides: Partial<Excerpt> = {}): Excerpt {
  return {
    text,
    articleId: 'corpus/a.txt',
    corpus: 'corpus',
    source: 'a.txt',
    title: 'A title',
    date: '2024-01-02',
    url: null,
    paragraph: 1,
    score: 1,
    matched: [],
    highlights: [],
    answer: null,
    cutOff: false,
    start: 0,
    end: text.length,
    ...overrides,
  };
}
const result = (
  results: Excerpt[],
  confident = true,
  question = 'what happened',
  corrections: AskResult['corrections'] = [],
): AskResult => ({
  question,
  confident,
  confidence: confident ? 0.9 : 0.1,
  results,
  corrections,
});
const view = { offset: 0, count: 3, private: false, more: false, suggestions: [] };
const ids = (message: { components: { components: { custom_id?: string; label?: string }[] }[] }) =>
  message.components.flatMap((r) => r.components);

describe('limits', () => {
  it('truncates at a word with an ellipsis, never mid-word', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('the quick brown fox jumps', 14)).toBe('the quick…');
    expect(truncate('supercalifragilistic', 8)).toBe('superca…');
  });

  it('keeps whole blocks that fit; a lone oversized first block is truncated', () => {
    expect(fitBlocks(['aaaa', 'bbbb', 'cccc'], 11)).toEqual({ text: 'aaaa\n\nbbbb', count: 2 });
    expect(fitBlocks(['one two three four'], 9)).toEqual({ text: 'one two…', count: 1 });
  });

  it('names the first broken Discord limit', () => {
    expect(limitProblem({ content: 'x'.repeat(2000) })).toBeNull();
    expect(limitProblem({ content: 'x'.repeat(2001) })).toMatch(/content/);
    expect(limitProblem({ embeds: [{ description: 'x'.repeat(4097) }] })).toMatch(/description/);
    expect(limitProblem({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] })).toMatch(/fields/);
    const big = { description: 'x'.repeat(4000) };
    expect(limitProblem({ embeds: [big, big] })).toMatch(/total 8000 over 6000/);
  });
});

describe('escaping', () => {
  it('shows markdown signs as written and breaks every mention', () => {
    expect(escapeText('**bold** _it_ `code` ||spoiler|| [link](http://x)')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\[link](http://x)',
    );
    expect(escapeText('# heading\n- item\n> quote')).toBe('\\# heading\n\\- item\n\\> quote');
    expect(escapeText('hi @everyone and @here, <@123> <@!123> <@&456> <#789>')).toBe(
      'hi @\u200beveryone and @\u200bhere, <\u200b@123> <\u200b@!123> <\u200b@&456> <\u200b#789>',
    );
  });
});

describe('answer embeds', () => {
  it('quotes each excerpt with matches and the answer in bold, then the attribution', () => {
    const text = 'Officials will meet in Geneva on January 10.';
    const e = excerpt(text, {
      highlights: [
        { start: 15, end: 19 },
        { start: 23, end: 29 },
      ],
      answer: { start: 33, end: 43 },
      cutOff: true,
      date: null,
    });
    const message = answerMessage(result([e]), view);
    expect(message.embeds[0]!.description).toBe(
      '> “Officials will **meet** in **Geneva** on **January 10**. […]”\n**1** — A title (undated), a.txt, paragraph 1',
    );
    expect(questionOf(message.embeds)).toBe('what happened');
    expect(ids(message).map((c) => c.label)).toEqual(['Context 1']);
  });

  it('says when nothing matches well and suggests titles, escaped', () => {
    const message = answerMessage(result([excerpt('Something.')], false), { ...view, suggestions: ['A *starred* title'] });
    expect(message.embeds[0]!.description).toMatch(
      /^I found no sentence in the articles that clearly answers this question\.\nTry other words, or ask about one of these articles: \*A \\\*starred\\\* title\*\n\n\*\*These passages might be related\*\* \(they are not an answer\):\n> “Something\.”/,
    );
  });

  it('when not confident, offers the closest passages as "might be related", never marking an answer in them', () => {
    const text = 'Officials will meet in Geneva on January 10.';
    const e = excerpt(text, { highlights: [{ start: 23, end: 29 }], answer: { start: 33, end: 43 } });
    const sure = answerMessage(result([e], true), view).embeds[0]!;
    const unsure = answerMessage(result([e], false), view).embeds[0]!;
    expect(sure.description).toContain('**January 10**');
    expect(sure.description).not.toContain('might be related');
    expect(unsure.description!.startsWith('I found no sentence in the articles that clearly answers this question.\n')).toBe(true);
    expect(unsure.description).toContain(
      '**These passages might be related** (they are not an answer):\n> “Officials will meet in **Geneva** on January 10.”',
    );
    expect(unsure.color).not.toBe(sure.color);
  });

  it('drops whole excerpts to stay under 4,096 characters and offers the rest under More', () => {
    const long = (i: number) => excerpt(`Sentence ${i} ${'word '.repeat(300)}end.`, { start: i * 2000, end: i * 2000 + 1510 });
    const message = answerMessage(result([1, 2, 3, 4, 5].map(long)), { ...view, count: 5 });
    const description = message.embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description.match(/^\*\*\d\*\* — /gm)).toHaveLength(2);
    expect(embedSize(message.embeds[0]!)).toBeLessThanOrEqual(6000);
    expect(ids(message).map((c) => c.label)).toEqual(['Context 1', 'Context 2', 'More']);
    expect(ids(message).find((c) => c.label === 'More')!.custom_id).toBe('ask.more:2:5');
  });

  it('keeps custom ids within 100 characters however long the article ids, and never puts the question in them', () => {
    const question = 'where is the very long path';
    const results = [1, 2, 3, 4, 5].map((i) =>
      excerpt(`Sentence ${i}.`, { articleId: `corpus/${'deep/'.repeat(40)}${i}.txt`, start: 123456 * i, end: 123456 * i + 12 }),
    );
    const message = answerMessage(result(results, true, question), { ...view, count: 5, offset: 995, private: true, more: true });
    for (const c of ids(message)) {
      expect(c.custom_id!.length).toBeLessThanOrEqual(100);
      expect(c.custom_id).not.toContain('where');
    }
    expect(ids(message).map((c) => c.label)).toEqual([
      'Context 996',
      'Context 997',
      'Context 998',
      'Context 999',
      'Context 1000',
      'More',
      'Share',
    ]);
    expect(message.embeds[0]!.footer!.text).toBe(`Asked: ${question}\nResults 996–1000`);
  });

  it("echoes the question as typed on the footer's first line, and how its slips were read below it", () => {
    const corrections = [{ typed: 'waht', read: 'what' }];
    const message = answerMessage(result([excerpt('Something happened.')], true, 'waht happened', corrections), view);
    expect(message.embeds[0]!.footer!.text).toBe('Asked: waht happened\nRead “waht” as “what”.');
    expect(questionOf(message.embeds)).toBe('waht happened');
    const none = answerMessage(result([], true, 'waht happened', corrections), view);
    expect(none.embeds[0]!.footer!.text).toBe('Asked: waht happened\nRead “waht” as “what”.');
  });

  it('refuses a custom id Discord would reject', () => {
    expect(() => customId('x', 'y'.repeat(100))).toThrow(/over 100/);
    expect(() => customId('x', 'a:b')).toThrow(/may not contain/);
  });
});

describe('excerpt references and context', () => {
  it('resolve back to the sentence and its paragraph, and to null once the text changed', async () => {
    const body = 'First paragraph here.\n\nThe mayor opened the bridge on Monday. Crowds cheered loudly.';
    const dir = tempCorpus({ 'b.txt': `date 2024-03-04 Bridge opens\n\n${body}` });
    const index = await buildIndex([{ dir }]);
    const article = [...index.allArticles()][0]!;
    const start = article.body.indexOf('The mayor');
    const end = article.body.indexOf('Crowds') - 1;
    const ref = excerptRef({ articleId: article.id, start, end, text: article.body.slice(start, end) });
    const resolved = resolveRef(index, ref)!;
    expect(resolved).toMatchObject({ title: 'Bridge opens', paragraph: 2, start, end });
    expect(contextMessages(resolved)[0]!.embeds[0]!.description).toBe('**The mayor opened the bridge on Monday.** Crowds cheered loudly.');
    expect(resolveRef(index, ref.replace(/\.[^.]+$/, '.AAAAAAAA'))).toBeNull();
    expect(resolveRef(index, 'nonsense')).toBeNull();
  });

  it('shows a huge paragraph around the whole sentence within the limit', () => {
    const before = 'lead '.repeat(2000);
    const sentence = 'The key sentence stays whole.';
    const body = `${before}${sentence} ${'tail '.repeat(2000)}`;
    const ref = {
      articleId: 'c/a',
      title: 'T',
      date: null,
      source: 'a.txt',
      body,
      start: before.length,
      end: before.length + sentence.length,
      paragraph: 1,
      paragraphStart: 0,
      paragraphEnd: body.length,
    };
    const description = contextMessages(ref)[0]!.embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toContain(`**${sentence}**`);
    expect(description).toMatch(/^…lead/);
    expect(description).toMatch(/tail…$/);
  });
});

describe('/articles pages', () => {
  it('pages ten at a time with Previous/Next and reads its filter back', () => {
    const articles = Array.from({ length: 25 }, (_, i) => ({ title: `Story ${i}`, date: '2024-01-01', source: `${i}.txt` }));
    const last = articleListMessage(articles, 2, 'story');
    expect(last.embeds[0]!.description).toMatch(/^25 articles, newest first · page 3 of 3\n\n/);
    expect(last.embeds[0]!.description!.match(/^\*\*2024-01-01\*\* — Story \d+ · \d+\\?\.txt$/gm)).toHaveLength(5);
    expect(ids(last).map((c) => [c.label, c.custom_id])).toEqual([['Previous', 'articles.page:1']]);
    expect(articleQueryOf(last.embeds)).toBe('story');
    expect(articleQueryOf(articleListMessage(articles, 0, null).embeds)).toBeNull();
  });
});

describe('registration', () => {
  const local = [
    {
      name: 'ask',
      description: 'Ask',
      contexts: [0, 1],
      options: [
        { type: 3, name: 'question', description: 'Q', required: true },
        { type: 5, name: 'private', description: 'P' },
      ],
    },
  ];
  const echoed = [
    {
      id: '1',
      application_id: '2',
      version: '3',
      type: 1,
      default_member_permissions: null,
      nsfw: false,
      integration_types: [0],
      contexts: [0, 1],
      name: 'ask',
      description: 'Ask',
      options: [
        { type: 3, name: 'question', description: 'Q', required: true },
        { type: 5, name: 'private', description: 'P', required: false },
      ],
    },
  ];
  it('treats Discord echoing a command with ids and defaults as the same command', () => {
    expect(sameCommands(local as never, echoed as never)).toBe(true);
  });
  it('notices a changed option, a missing command and an extra one', () => {
    expect(sameCommands([{ ...local[0]!, options: [local[0]!.options[0]!] }] as never, echoed as never)).toBe(false);
    expect(sameCommands([] as never, echoed as never)).toBe(false);
    expect(sameCommands([...local, { name: 'help', description: 'Help' }] as never, echoed as never)).toBe(false);
  });
});

describe('cooldown and settings', () => {
  it('allows N uses per window per user', () => {
    const cooldown = new Cooldown();
    const rule = { uses: 2, seconds: 10 };
    expect(cooldown.take('a', rule, 0)).toBe(0);
    expect(cooldown.take('a', rule, 1000)).toBe(0);
    expect(cooldown.take('a', rule, 2000)).toBe(8);
    expect(cooldown.take('b', rule, 2000)).toBe(0);
    expect(cooldown.take('a', rule, 10_000)).toBe(0);
  });

  it('reads ASK_COOLDOWN and treats empty optional settings as unset', () => {
    const env = { DISCORD_TOKEN: 'token-value-123', DISCORD_CLIENT_ID: '123456789012345678', DISCORD_GUILD_ID: '', ASK_COOLDOWN: '5/30' };
    expect(loadSettings(env, { needArticles: false })).toMatchObject({
      guildId: undefined,
      askCooldown: { uses: 5, seconds: 30 },
      testFaults: false,
    });
  });
});

describe('interactions before the index is ready', () => {
  it('are deferred (privately when asked), then get the index', async () => {
    let finish!: (index: ArticleSearch) => void;
    const loading = new Promise<ArticleSearch>((resolve) => (finish = resolve));
    const log: Log = { info: () => undefined, error: () => undefined };
    const settings = loadSettings({ DISCORD_TOKEN: 'token-value-123', DISCORD_CLIENT_ID: '123456789012345678' }, { needArticles: false });
    const ctx = createContext({ settings, log, commands: new Map(), clock: systemClock, index: loading });
    const interaction = { deferred: false, replied: false, deferReply: vi.fn(async () => void (interaction.deferred = true)) };
    const pending = ctx.articles(interaction as never, { ephemeral: true });
    await vi.waitFor(() => expect(interaction.deferReply).toHaveBeenCalledWith({ flags: 64 }));
    expect(ctx.loadedArticles()).toBeUndefined();
    const index = {} as ArticleSearch;
    finish(index);
    expect(await pending).toBe(index);
    // Once loaded, nothing is deferred any more.
    const later = { deferred: false, replied: false, deferReply: vi.fn() };
    expect(await ctx.articles(later as never)).toBe(index);
    expect(later.deferReply).not.toHaveBeenCalled();
  });

  it('a button whose answer replaces its message is acknowledged without a new message', async () => {
    const log: Log = { info: () => undefined, error: () => undefined };
    const settings = loadSettings({ DISCORD_TOKEN: 'token-value-123', DISCORD_CLIENT_ID: '123456789012345678' }, { needArticles: false });
    const ctx = createContext({
      settings,
      log,
      commands: new Map(),
      clock: systemClock,
      index: new Promise<ArticleSearch>(() => undefined),
    });
    const button = { deferred: false, replied: false, isMessageComponent: () => true, deferUpdate: vi.fn(), deferReply: vi.fn() };
    void ctx.articles(button as never, { update: true });
    await vi.waitFor(() => expect(button.deferUpdate).toHaveBeenCalled());
    expect(button.deferReply).not.toHaveBeenCalled();
  });
});

describe('the reply helper', () => {
  const fake = (state: { deferred: boolean; replied: boolean; ephemeral: boolean | null }) => ({
    ...state,
    isMessageComponent: () => false,
    reply: vi.fn(),
    editReply: vi.fn(),
    followUp: vi.fn(),
    deleteReply: vi.fn(),
  });

  it('replies, edits a deferred reply, or follows up, never pinging', async () => {
    const fresh = fake({ deferred: false, replied: false, ephemeral: null });
    await respond(fresh as never, { content: 'hi', ephemeral: true });
    expect(fresh.reply).toHaveBeenCalledWith({ content: 'hi', embeds: [], components: [], allowedMentions: { parse: [] }, flags: 64 });
    const deferred = fake({ deferred: true, replied: false, ephemeral: false });
    await respond(deferred as never, { content: 'hi' });
    expect(deferred.editReply).toHaveBeenCalledWith({ content: 'hi', embeds: [], components: [], allowedMentions: { parse: [] } });
    const replied = fake({ deferred: false, replied: true, ephemeral: false });
    await respond(replied as never, { content: 'again' });
    expect(replied.followUp).toHaveBeenCalled();
  });

  it('swaps a public "thinking" placeholder for a private answer, and refuses an over-limit message', async () => {
    const deferred = fake({ deferred: true, replied: false, ephemeral: false });
    await respond(deferred as never, { content: 'only you', ephemeral: true });
    expect(deferred.deleteReply).toHaveBeenCalled();
    expect(deferred.followUp).toHaveBeenCalledWith(expect.objectContaining({ content: 'only you', flags: 64 }));
    expect(deferred.editReply).not.toHaveBeenCalled();
    await expect(
      respond(fake({ deferred: false, replied: false, ephemeral: null }) as never, { content: 'x'.repeat(2001) }),
    ).rejects.toThrow(/content over 2000/);
  });
});

/** `**` bold markers (not escaped stars): an even count means no bold is left open. */
const boldMarkers = (text: string) => text.match(/(?<!\\)\*\*/g)?.length ?? 0;
/** A sentence of `words` numbered words. */
const longSentence = (words: number) => `${Array.from({ length: words }, (_, i) => `word${i}`).join(' ')}.`;
const button = (custom_id: string, label = 'B') => ({ type: 2, style: 2, label, custom_id });

describe('long text in parts', () => {
  it('finds the longest fitting prefix, ending between words', () => {
    const fits = (n: number) => (prefix: string) => prefix.length <= n;
    expect(fittingPrefix('the quick brown fox', fits(12))).toBe(9);
    expect(fittingPrefix('the quick brown fox', fits(10))).toBe(9);
    expect(fittingPrefix('the quick brown fox', fits(9))).toBe(9);
    expect(fittingPrefix('the quick brown fox', fits(99))).toBe(19);
    expect(fittingPrefix('supercalifragilistic', fits(8))).toBe(8);
    expect(fittingPrefix('abc', fits(0))).toBe(0);
  });

  it('cuts marked text between words, closing and reopening the marks in each part, and marks what it leaves out', () => {
    const render = (text: string, spans: { start: number; end: number }[]) =>
      spans.reduceRight((t, s) => (s.end > s.start ? `${t.slice(0, s.start)}[${t.slice(s.start, s.end)}]${t.slice(s.end)}` : t), text);
    const text = 'one two three four five six';
    expect(fitParts(text, [{ start: 4, end: 18 }], 10, 5, render)).toEqual(['one [two]', '[three]', '[four]', 'five six']);
    expect(fitParts(text, [], 20, 2, render)).toEqual(['one two three four', 'five six']);
    expect(fitParts(text, [], 20, 1, render)).toEqual([`one two${TRIMMED}`]);
    expect(fitParts(text, [], 99, 1, render)).toEqual([text]);
  });

  it('an /ask answer trims a sentence too long for its embed between words, with its own marker and whole bold', () => {
    const text = longSentence(700);
    const at = text.indexOf('word490');
    const e = excerpt(text, {
      highlights: [
        { start: 0, end: 5 },
        { start: at, end: at + 'word490 word491 word492'.length },
      ],
      cutOff: true,
    });
    const description = answerMessage(result([e]), view).embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/^> “\*\*word0\*\* word1 /);
    expect(description).toMatch(/ word\d+ … \(trimmed\)”\n\*\*1\*\* — A title \(2024-01-02\), a\.txt, paragraph 1$/);
    expect(description).not.toContain('[…]');
    expect(boldMarkers(description) % 2).toBe(0);
    // the last word shown is whole: it is a word of the sentence
    const lastWord = / (\S+) … \(trimmed\)/.exec(description.replace(/\*\*/g, ''))![1]!;
    expect(text.split(' ')).toContain(lastWord);
  });

  it('Context shows a sentence longer than one embed in parts, each within limits, bold in every part, nothing lost', () => {
    const sentence = longSentence(1500);
    const body = `Lead in. ${sentence} After it.`;
    const start = body.indexOf('word0');
    const ref = {
      articleId: 'c/a',
      title: 'A **loud** title',
      date: '2024-01-02',
      source: 'a.txt',
      body,
      start,
      end: start + sentence.length,
      paragraph: 3,
      paragraphStart: 0,
      paragraphEnd: body.length,
    };
    const messages = contextMessages(ref);
    const embeds = messages.flatMap((m) => m.embeds);
    expect(embeds.length).toBeGreaterThan(2);
    for (const m of messages) expect(limitProblem(m)).toBeNull();
    expect(embeds[0]!.title).toBe('A \\*\\*loud\\*\\* title');
    expect(embeds[0]!.description).toMatch(/^Lead in\. \*\*word0 /);
    expect(embeds.at(-1)!.description).toMatch(/\.\*\* After it\.$/);
    embeds.forEach((embed, i) => {
      expect(embed.footer!.text).toBe(`2024-01-02 · a.txt · paragraph 3 · part ${i + 1} of ${embeds.length}`);
      expect(boldMarkers(embed.description!)).toBe(2);
    });
    const shown = embeds.map((e) => e.description!.replace(/\*\*/g, '')).join(' ');
    expect(shown).toBe(body);
  });

  it('Context trims a sentence longer than four parts, with the trimmed marker', () => {
    const sentence = longSentence(5000);
    const ref = {
      articleId: 'c/a',
      title: 'T',
      date: null,
      source: 'a.txt',
      body: sentence,
      start: 0,
      end: sentence.length,
      paragraph: 1,
      paragraphStart: 0,
      paragraphEnd: sentence.length,
    };
    const embeds = contextMessages(ref).flatMap((m) => m.embeds);
    expect(embeds).toHaveLength(4);
    expect(embeds.at(-1)!.description).toMatch(/word\d+\*\* … \(trimmed\)$/);
    for (const embed of embeds) expect(boldMarkers(embed.description!)).toBe(2);
  });
});

describe('component limits and odd arguments', () => {
  it('names the first broken component limit', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((id) => button(id));
    expect(limitProblem({ components: [{ type: 1, components: five }] })).toBeNull();
    expect(limitProblem({ components: [{ type: 1, components: [] }] })).toMatch(/empty component row/);
    expect(limitProblem({ components: [{ type: 1, components: [...five, button('f')] }] })).toMatch(/more than 5 components in a row/);
    expect(limitProblem({ components: Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [button(`r${i}`)] })) })).toMatch(
      /more than 5 component rows/,
    );
    expect(limitProblem({ components: [{ type: 1, components: [button('x'.repeat(101))] }] })).toMatch(/custom id/);
    expect(limitProblem({ components: [{ type: 1, components: [button('a', 'L'.repeat(81))] }] })).toMatch(/label over 80/);
    expect(limitProblem({ components: [{ type: 1, components: [{ type: 8, custom_id: 's' }, button('a')] }] })).toMatch(/select/);
    expect(limitProblem({ components: [{ type: 1, components: [button('a'), button('a')] }] })).toMatch(/used twice/);
  });

  it('respond() refuses a message whose components Discord would reject', async () => {
    const interaction = { deferred: false, replied: false, isMessageComponent: () => false, reply: vi.fn() };
    await expect(respond(interaction as never, { content: 'x', components: [{ type: 1, components: [] }] })).rejects.toThrow(
      /empty component row/,
    );
    expect(interaction.reply).not.toHaveBeenCalled();
  });

  it('an answer with no excerpt to show has no empty button row; a page that is not a number shows the first', () => {
    expect(answerMessage(result([excerpt('One.')]), { ...view, count: 0 }).components.every((r) => r.components.length > 0)).toBe(true);
    const articles = [{ title: 'A', date: null, source: 'a.txt' }];
    expect(articleListMessage(articles, Number.NaN, null).embeds[0]!.description).toMatch(/page 1 of 1/);
  });

  it('echoes what a person typed shortened and escaped', () => {
    expect(quoted('@everyone ```x')).toBe('“@\u200beveryone \\`\\`\\`x”');
    expect(quoted(`${'word '.repeat(40)}<@&456>`)).toMatch(/^“(word ){18}word…”$/);
  });

  it('escapes a long text in pieces exactly as discord.js escapes it whole', () => {
    const signs = [
      '**b**',
      '_i_',
      '__u__',
      '`c`',
      '```k```',
      '||s||',
      '~~t~~',
      '[l](http://x_y)',
      'https://a_b_c',
      '*a*',
      '- 5.',
      '#',
      'a_b',
    ];
    const text = `${signs.map((sign, i) => Array.from({ length: 40 }, (_, j) => `w${i}.${j} ${sign}`).join(' ')).join('\n')}\n- item\n# head\n 1. x`;
    const whole = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
    expect(escapeMarkdownSigns(text)).toBe(whole);
  });
});

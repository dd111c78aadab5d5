import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import type { AskResult, Excerpt } from '../search/ask.js';
import { attribution, correctionsLine } from '../cli/format.js';
import { boldMarkdown, escapeText, linkedTitle, quoteMarkdown } from './escape.js';
import { excerptRef, resultsHash, type ResolvedRef } from './excerpt-ref.js';
import { customId } from './command.js';
import { fitBlocks, fitParts, LIMITS, packEmbeds, TRIMMED, truncate } from './limits.js';

/**
 * Pure formatting of answers into Discord messages (plain API JSON, no client): embeds that stay
 * within Discord's limits by dropping whole excerpts, and buttons whose custom ids carry
 * references, never question text. Unit-tested in tests/bot-format.test.ts.
 */

export type Row = APIActionRowComponent<APIButtonComponentWithCustomId>;
export interface Message {
  content?: string;
  embeds: APIEmbed[];
  components: Row[];
}

/** Custom-id prefixes of the /ask buttons. */
export const ASK_BUTTONS = { context: 'ask.ctx', more: 'ask.more', share: 'ask.share' } as const;

const QUESTION_PREFIX = 'Asked: ';
export const NO_CLEAR_ANSWER = 'I found no sentence in the articles that clearly answers this question.';
export const MIGHT_BE_RELATED = '**These passages might be related** (they are not an answer):';
const BLUE = 0x3b82f6;
const GREY = 0x94a3b8;

export interface AnswerView {
  /** Results skipped before these (0 for the first page). */
  offset: number;
  /** How many were asked for. */
  count: number;
  /** Only the asker sees it (adds "Share"). */
  private: boolean;
  /** Whether results beyond these exist (adds "More"). */
  more: boolean;
  /** Titles to suggest when nothing matches well. */
  suggestions: readonly string[];
}

const CUT_OFF = ' […]';

/**
 * An excerpt as markdown in at most `max` characters: the sentence quoted with matched words in bold,
 * then its attribution. The answer phrase is bold too, unless the excerpt is only shown as possibly
 * related (`asAnswer` false). A sentence too long for that is trimmed between words (marked TRIMMED),
 * its bold kept whole.
 */
function excerptBlock(excerpt: Excerpt, number: number, max: number, asAnswer: boolean): string {
  const spans = excerpt.answer && asAnswer ? [...excerpt.highlights, excerpt.answer] : excerpt.highlights;
  const source = attribution({ ...excerpt, title: linkedTitle(excerpt.title, excerpt.url), source: escapeText(excerpt.source) });
  const frame = (quote: string) => `> “${quote}”\n**${number}** ${source}`;
  const cutOff = excerpt.cutOff ? CUT_OFF : '';
  const [quote = ''] = fitParts(excerpt.text, spans, max - frame('').length - cutOff.length, 1, quoteMarkdown);
  return frame(quote.endsWith(TRIMMED) ? quote : `${quote}${cutOff}`);
}

type ActionStyle = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success;

function button(label: string, id: string, style: ActionStyle = ButtonStyle.Secondary): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style, label, custom_id: id };
}

function row(components: APIButtonComponentWithCustomId[]): Row {
  return { type: ComponentType.ActionRow, components };
}

function suggestionLine(titles: readonly string[]): string {
  if (titles.length === 0) return 'Try other words, or a name that appears in an article (see /articles).';
  return `Try other words, or ask about one of these articles: ${titles.map((t) => `*${escapeText(t)}*`).join(' · ')}`;
}

/** The answer to /ask (and to "More"): one embed echoing the question in its footer, and buttons. */
export function answerMessage(result: AskResult, view: AnswerView): Message {
  // The question as typed comes first (questionOf reads it back for More and Share); how its slips were read, after it.
  const footer = { text: [`${QUESTION_PREFIX}${result.question}`, correctionsLine(result)].filter(Boolean).join('\n') };
  if (result.results.length === 0) {
    const nothing = view.offset > 0 ? 'There are no further matching sentences.' : 'Nothing in the articles matches this question.';
    return { embeds: [{ color: GREY, description: `${nothing}\n${suggestionLine(view.suggestions)}`, footer }], components: [] };
  }
  // Not confident: say so plainly and offer the closest passages as leads, never as the answer.
  const note = result.confident ? '' : `${NO_CLEAR_ANSWER}\n${suggestionLine(view.suggestions)}\n\n${MIGHT_BE_RELATED}\n`;
  const room = LIMITS.embedDescription - note.length;
  const blocks = result.results.slice(0, view.count).map((e, i) => excerptBlock(e, view.offset + i + 1, room, result.confident));
  const fitted = fitBlocks(blocks, room);
  const shown = result.results.slice(0, fitted.count);
  if (view.offset > 0) footer.text += `\nResults ${view.offset + 1}–${view.offset + shown.length}`;
  const contextButtons = shown.map((e, i) => button(`Context ${view.offset + i + 1}`, customId(ASK_BUTTONS.context, excerptRef(e))));
  const actions: APIButtonComponentWithCustomId[] = [];
  if (view.more || shown.length < result.results.length)
    actions.push(button('More', customId(ASK_BUTTONS.more, view.offset + shown.length, view.count), ButtonStyle.Primary));
  if (view.private)
    actions.push(button('Share', customId(ASK_BUTTONS.share, view.offset, shown.length, resultsHash(shown)), ButtonStyle.Success));
  return {
    embeds: [{ color: result.confident ? BLUE : GREY, description: `${note}${fitted.text}`, footer }],
    components: [contextButtons, actions].filter((buttons) => buttons.length > 0).map(row),
  };
}

type Embeds = readonly { footer?: { text: string } | null }[];

/** What follows `prefix` in the first embed's footer, or null when that footer does not start with it. */
function footerValue(embeds: Embeds, prefix: string): string | null {
  const text = embeds[0]?.footer?.text;
  return text?.startsWith(prefix) ? text.slice(prefix.length) : null;
}

/** The question an answer echoes, read back from its embed (for "More" and "Share"); later footer lines are not part of it. */
export function questionOf(embeds: Embeds): string | null {
  return footerValue(embeds, QUESTION_PREFIX)?.split('\n')[0] ?? null;
}

/** How much of the paragraph around a sentence too long for one embed is shown on each side. */
const CONTEXT_AROUND = 300;
/** A sentence longer than this many embeds is trimmed (each part is one private message). */
const CONTEXT_PARTS = 4;

/**
 * "Show context": the excerpt's paragraph, the sentence in bold, as embeds in messages. A sentence
 * that fits in one embed is shown whole with as much of its paragraph as fits around it; a longer
 * one is shown in parts, with a little of the paragraph on either side.
 */
export function contextMessages(ref: ResolvedRef): Message[] {
  const before = ref.body.slice(ref.paragraphStart, ref.start);
  const sentence = ref.body.slice(ref.start, ref.end);
  const after = ref.body.slice(ref.end, ref.paragraphEnd);
  const bold = `**${escapeText(sentence)}**`;
  let parts: string[];
  if (bold.length <= LIMITS.embedDescription) {
    const room = LIMITS.embedDescription - bold.length;
    // Keep the sentence whole; trim the surrounding text (the end first) when the paragraph is huge.
    const tail = truncate(escapeText(after), Math.max(0, Math.floor(room / 2)));
    const head = escapeText(before);
    const headRoom = room - tail.length;
    const headShown = head.length <= headRoom ? head : `…${head.slice(head.length - headRoom + 1).replace(/^\S*\s/, '')}`;
    parts = [`${headShown}${bold}${tail}`];
  } else {
    const head = before.length <= CONTEXT_AROUND ? before : `…${before.slice(-CONTEXT_AROUND).replace(/^\S*\s/, '')}`;
    const text = `${head}${sentence}${truncate(after, CONTEXT_AROUND)}`;
    const span = { start: head.length, end: head.length + sentence.length };
    parts = fitParts(text, [span], LIMITS.embedDescription, CONTEXT_PARTS, boldMarkdown);
  }
  const where = `${ref.date ?? 'undated'} · ${ref.source} · paragraph ${ref.paragraph}`;
  const embeds = parts.map((description, i) => ({
    color: BLUE,
    ...(i === 0 ? { title: truncate(escapeText(ref.title), LIMITS.embedTitle) } : {}),
    description,
    footer: { text: truncate(parts.length > 1 ? `${where} · part ${i + 1} of ${parts.length}` : where, LIMITS.footer) },
  }));
  return packEmbeds(embeds).map((group) => ({ embeds: group, components: [] }));
}

export const STALE_ANSWER =
  'The articles have changed since this answer was given, so this button no longer points at the same sentences. Please ask again.';

export interface ListedArticle {
  title: string;
  date: string | null;
  source: string;
}

export const ARTICLES_PAGE_BUTTON = 'articles.page';
const ARTICLES_PER_PAGE = 10;
const FILTER_PREFIX = 'Titles matching: ';

/** One page of /articles (newest first, undated last), with Previous/Next buttons. */
export function articleListMessage(articles: readonly ListedArticle[], page: number, query: string | null): Message {
  const pages = Math.max(1, Math.ceil(articles.length / ARTICLES_PER_PAGE));
  const at = Number.isInteger(page) ? Math.min(Math.max(0, page), pages - 1) : 0;
  const lines = articles
    .slice(at * ARTICLES_PER_PAGE, (at + 1) * ARTICLES_PER_PAGE)
    .map((a) => truncate(`**${a.date ?? 'undated'}** — ${escapeText(a.title)} · ${escapeText(a.source)}`, 380));
  const header = `${articles.length} article${articles.length === 1 ? '' : 's'}${query ? '' : ' loaded'}, newest first · page ${at + 1} of ${pages}`;
  const description = articles.length === 0 ? 'No article title matches. Try a shorter word.' : `${header}\n\n${lines.join('\n')}`;
  const nav: APIButtonComponentWithCustomId[] = [];
  if (at > 0) nav.push(button('Previous', customId(ARTICLES_PAGE_BUTTON, at - 1)));
  if (at < pages - 1) nav.push(button('Next', customId(ARTICLES_PAGE_BUTTON, at + 1)));
  return {
    embeds: [{ color: BLUE, title: 'Articles', description, ...(query ? { footer: { text: `${FILTER_PREFIX}${query}` } } : {}) }],
    components: nav.length ? [row(nav)] : [],
  };
}

/** The /articles filter a page shows, read back from its footer (null for the full list). */
export function articleQueryOf(embeds: Embeds): string | null {
  return footerValue(embeds, FILTER_PREFIX);
}

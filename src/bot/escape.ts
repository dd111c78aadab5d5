import { escapeMarkdown } from 'discord.js';
import type { Span } from '../articles/article.js';
import { segments } from '../search/segments.js';
import { truncate } from './limits.js';

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Article or user text made safe to show inside Discord markdown: every markdown sign shows as
 * written (bold, italics, code, spoilers, headings, lists, masked links, quotes), and @everyone,
 * @here and <@…>/<@&…>/<#…> mentions are broken with a zero-width space so they can never render
 * or ping (allowedMentions parse none is the second guard).
 */
export function escapeText(text: string): string {
  return neutralize(escapeMarkdownSigns(text));
}

const SIGNS = { heading: true, bulletedList: true, numberedList: true } as const;
/**
 * discord.js's escapeMarkdown looks back along the whole line at every sign, so a line of 40,000
 * characters takes seconds. A long text is escaped in pieces of about this many characters, cut
 * where spaces follow a word mid-line (no sign but masked links spans that, and escaping a piece
 * behind a stand-in letter gives what it gets inside its line); masked links are escaped last over
 * the whole text, as escapeMarkdown does.
 */
const PIECE = 256;
const MID_LINE_SPACES = /\S[^\S\n]+(?=\S)/g;

/** Markdown signs only (for pieces of a text that is then neutralized whole). */
export function escapeMarkdownSigns(text: string): string {
  if (text.length <= PIECE) return escapeMarkdown(text, { ...SIGNS, maskedLink: true });
  const pieces: string[] = [];
  let at = 0;
  while (at < text.length) {
    MID_LINE_SPACES.lastIndex = at + PIECE;
    const space = MID_LINE_SPACES.exec(text);
    const end = space ? space.index + space[0].length : text.length;
    const piece = text.slice(at, end);
    pieces.push(at === 0 ? escapeMarkdown(piece, SIGNS) : escapeMarkdown(`x${piece}`, SIGNS).slice(1));
    at = end;
  }
  return pieces.join('').replaceAll(/\[.+]\(.+\)/gm, '\\$&');
}

/** Line-start quotes and mentions made inert, on a whole assembled text. */
export function neutralize(text: string): string {
  return text
    .replace(/^(\s*)>/gm, '$1\\>')
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/g, `<${ZERO_WIDTH_SPACE}$1$2>`);
}

/** Article text with the spans in bold, everything else escaped (a text cut into parts keeps every `**` paired). */
export function boldMarkdown(text: string, spans: readonly Span[]): string {
  const marked = segments(text, spans)
    .map((s) => (s.marked ? `**${escapeMarkdownSigns(s.text)}**` : escapeMarkdownSigns(s.text)))
    .join('');
  return neutralize(marked);
}

/** A sentence inside a `> “…”` quote: matched words in bold, markdown signs shown as written, every line quoted. */
export const quoteMarkdown = (text: string, spans: readonly Span[]): string => boldMarkdown(text, spans).replace(/\n/g, '\n> ');

/** Something a person typed, echoed back in quotes: shortened to `max` characters and shown as written. */
export const quoted = (text: string, max = 100): string => `“${escapeText(truncate(text, max))}”`;

/**
 * An article title as a masked link to its web address when that is http(s) (the title escaped,
 * brackets too, the address percent-encoded where markdown would end it); the escaped title alone otherwise.
 */
export function linkedTitle(title: string, url: string | null | undefined): string {
  const text = neutralize(escapeMarkdownSigns(title).replace(/(?<!\\)[[\]]/g, '\\$&'));
  if (!url || !URL.canParse(url)) return text;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return text;
  const href = parsed.href.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${text}](${href})`;
}

import { escapeMarkdown } from 'discord.js';

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

/** Markdown signs only (for pieces of a text that is then neutralized whole). */
export function escapeMarkdownSigns(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/** Line-start quotes and mentions made inert, on a whole assembled text. */
export function neutralize(text: string): string {
  return text
    .replace(/^(\s*)>/gm, '$1\\>')
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/g, `<${ZERO_WIDTH_SPACE}$1$2>`);
}

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

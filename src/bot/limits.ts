import type { APIEmbed } from 'discord.js';
import type { Span } from '../articles/article.js';

/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsPerMessage: 10,
  /** All titles, descriptions, field names and values, footers and author names of a message together. */
  embedTotal: 6000,
  customId: 100,
  componentRows: 5,
  componentsPerRow: 5,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
} as const;

const ELLIPSIS = '…';

/** Shortens text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const atWord = room.replace(/\s+\S*$/, '');
  return `${(atWord.length > 0 ? atWord : room).trimEnd()}${ELLIPSIS}`;
}

/**
 * Marks text shown only in part because it is too long for a message. "[…]" is taken: it means
 * the article itself cut the sentence off.
 */
export const TRIMMED = ' … (trimmed)';

/**
 * The length of the longest prefix of `text` that `fits`, ending between words when a word ends in
 * its second half (else cut mid-word); 0 when not even one character fits. `fits` must be monotone:
 * when a prefix fits, every shorter one does.
 */
export function fittingPrefix(text: string, fits: (prefix: string) => boolean): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(text.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  if (low === text.length || /\s/.test(text[low]!)) return text.slice(0, low).trimEnd().length || low;
  const lastSpace = text.slice(0, low).search(/\s+\S*$/);
  return lastSpace >= low / 2 ? lastSpace : low;
}

/**
 * Text with marked spans cut into at most `maxParts` rendered parts of at most `max` characters,
 * between words; `render` draws one part's text with its spans (clipped to that part), so marks
 * such as `**` are closed in one part and reopened in the next, never broken. When the text needs
 * more parts, the last one ends with TRIMMED.
 */
export function fitParts(
  text: string,
  spans: readonly Span[],
  max: number,
  maxParts: number,
  render: (text: string, spans: Span[]) => string,
): string[] {
  const parts: string[] = [];
  let at = 0;
  while (at < text.length && parts.length < maxParts) {
    const rest = text.slice(at);
    const local = spans.map((s) => ({ start: Math.max(0, s.start - at), end: Math.min(rest.length, s.end - at) }));
    const draw = (prefix: string) => render(prefix, local);
    // rendering only adds characters: what fits is never longer than `max` raw characters
    const whole = rest.length <= max ? draw(rest) : null;
    if (whole !== null && whole.length <= max) {
      parts.push(whole);
      break;
    }
    const last = parts.length === maxParts - 1;
    const room = last ? max - TRIMMED.length : max;
    const cut = fittingPrefix(rest.slice(0, Math.max(0, room) + 1), (prefix) => draw(prefix).length <= room);
    if (last || cut === 0) {
      parts.push(`${draw(rest.slice(0, cut))}${TRIMMED}`);
      break;
    }
    parts.push(draw(rest.slice(0, cut)));
    at += cut + (/^\s*/.exec(rest.slice(cut))?.[0].length ?? 0);
  }
  return parts;
}

/**
 * Joins whole blocks with `separator` while they fit in `max` characters; the first block alone
 * is truncated (at a word, with an ellipsis) rather than dropped. Returns the text and how many fitted.
 */
export function fitBlocks(blocks: readonly string[], max: number, separator = '\n\n'): { text: string; count: number } {
  let text = '';
  let count = 0;
  for (const block of blocks) {
    const next = count === 0 ? block : `${text}${separator}${block}`;
    if (next.length > max) {
      if (count === 0) return { text: truncate(block, max), count: 1 };
      break;
    }
    text = next;
    count++;
  }
  return { text, count };
}

/** Characters of an embed that count against the 6,000 per message. */
export function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Embeds grouped, in order, into as few messages as Discord allows: 10 embeds and 6,000 characters each. */
export function packEmbeds<E extends APIEmbed>(embeds: readonly E[]): E[][] {
  const groups: E[][] = [];
  let size = 0;
  for (const embed of embeds) {
    const current = groups.at(-1);
    if (!current || current.length === LIMITS.embedsPerMessage || size + embedSize(embed) > LIMITS.embedTotal) {
      groups.push([embed]);
      size = embedSize(embed);
    } else {
      current.push(embed);
      size += embedSize(embed);
    }
  }
  return groups;
}

/** What limitProblem reads of a message's action rows (buttons and selects alike). */
type Rows = readonly { type?: number; components: readonly { type: number; custom_id?: string; label?: string }[] }[];

/** Select menus (string, user, role, mentionable, channel) take a whole row. */
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function componentProblem(rows: Rows): string | null {
  if (rows.length > LIMITS.componentRows) return `more than ${LIMITS.componentRows} component rows`;
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.components.length === 0) return 'an empty component row';
    if (row.components.length > LIMITS.componentsPerRow) return `more than ${LIMITS.componentsPerRow} components in a row`;
    if (row.components.length > 1 && row.components.some((c) => SELECT_TYPES.has(c.type))) return 'a select menu not alone in its row';
    for (const c of row.components) {
      if (c.custom_id !== undefined && (c.custom_id.length === 0 || c.custom_id.length > LIMITS.customId))
        return `custom id not 1 to ${LIMITS.customId} characters`;
      if (c.custom_id !== undefined && ids.has(c.custom_id)) return `custom id ${c.custom_id} used twice`;
      if (c.custom_id !== undefined) ids.add(c.custom_id);
      if ((c.label?.length ?? 0) > LIMITS.buttonLabel) return `label over ${LIMITS.buttonLabel}`;
    }
  }
  return null;
}

/** The first limit a message breaks, or null when Discord would accept it. */
export function limitProblem(message: { content?: string; embeds?: readonly APIEmbed[]; components?: Rows }): string | null {
  const embeds = message.embeds ?? [];
  if ((message.content?.length ?? 0) > LIMITS.content) return `content over ${LIMITS.content}`;
  if (embeds.length > LIMITS.embedsPerMessage) return `more than ${LIMITS.embedsPerMessage} embeds`;
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > LIMITS.embedTitle) return `embed title over ${LIMITS.embedTitle}`;
    if ((e.description?.length ?? 0) > LIMITS.embedDescription) return `embed description over ${LIMITS.embedDescription}`;
    if ((e.fields?.length ?? 0) > LIMITS.embedFields) return `more than ${LIMITS.embedFields} fields`;
    if ((e.footer?.text.length ?? 0) > LIMITS.footer) return `embed footer over ${LIMITS.footer}`;
    if (e.fields?.some((f) => f.name.length > LIMITS.fieldName || f.value.length > LIMITS.fieldValue)) return 'embed field over its limit';
  }
  const total = embeds.reduce((n, e) => n + embedSize(e), 0);
  if (total > LIMITS.embedTotal) return `embeds total ${total} over ${LIMITS.embedTotal}`;
  return componentProblem(message.components ?? []);
}

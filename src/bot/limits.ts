import type { APIEmbed } from 'discord.js';

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

/** The first limit a message breaks, or null when Discord would accept it. */
export function limitProblem(message: { content?: string; embeds?: readonly APIEmbed[] }): string | null {
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
  return null;
}

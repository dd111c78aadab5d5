import type { DigestEntry, RenderOptions } from '../digest/assemble.js';
import type { MessagePayload } from '../digest/store.js';
import { escapeText } from './escape.js';
import { LIMITS, packEmbeds, truncate } from './limits.js';

/** The line every message of a digest starts with; it also finds a posted message in the channel again. */
function partHeading(date: string, index: number, count: number): string {
  return `**News digest ${date}**${count > 1 ? ` · part ${index + 1}/${count}` : ''}`;
}

type Embed = MessagePayload['embeds'][number];

function embedFor(entry: DigestEntry): Embed {
  const summary = escapeText(entry.summary.join(' '));
  return {
    title: truncate(escapeText(entry.title), LIMITS.embedTitle),
    ...(summary ? { description: truncate(summary, LIMITS.embedDescription) } : {}),
    footer: { text: truncate(`${entry.date ?? 'undated'} · ${entry.source}`, LIMITS.footer) },
  };
}

/**
 * A digest as Discord messages: one embed per article, packed into as few messages as Discord's
 * limits allow (10 embeds, 6,000 characters each); mentions in article text never render or ping.
 */
export function renderDigest(entries: DigestEntry[], options: RenderOptions): MessagePayload[] {
  if (entries.length === 0) {
    return options.quietDay === 'line'
      ? [{ content: `${partHeading(options.date, 0, 1)} · nothing new since the last digest.`, embeds: [] }]
      : [];
  }
  const groups = packEmbeds(entries.map(embedFor));
  const shown =
    entries.length < options.total
      ? `the ${entries.length} most important of ${options.total} new articles`
      : `${entries.length} new article${entries.length === 1 ? '' : 's'}`;
  const intro = `${shown}${options.late ? ' · posted late: the bot was offline at the scheduled time' : ''}`;
  return groups.map((embeds, index) => ({
    content: index === 0 ? `${partHeading(options.date, 0, groups.length)} · ${intro}` : partHeading(options.date, index, groups.length),
    embeds,
  }));
}

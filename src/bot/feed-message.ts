import type { AnnouncementPayload } from './announce-store.js';
import { escapeText, linkedTitle } from './escape.js';
import { LIMITS, packEmbeds, truncate } from './limits.js';

/** One new article as announced: its linked title, date, source and a short extractive summary. */
export interface AnnouncedArticle {
  title: string;
  url: string | null;
  date: string | null;
  /** Where it came from: the feed's title, else its name. */
  source: string;
  summary: string[];
}

/**
 * New feed articles as Discord messages for one channel: an embed per article (the linked title
 * in bold, then the summary; date and source below), packed into as few messages as Discord's
 * limits allow, so a burst of 40 items is a handful of messages, never 40. The first line names
 * the count and the first title, so a message found again in the channel is this batch's own.
 */
export function renderAnnouncement(articles: AnnouncedArticle[]): AnnouncementPayload[] {
  const embeds = articles.map((a) => {
    const heading = `**${linkedTitle(a.title, a.url)}**`;
    const summary = escapeText(a.summary.join(' '));
    return {
      description: truncate(summary ? `${heading}\n${summary}` : heading, LIMITS.embedDescription),
      footer: { text: truncate(`${a.date ?? 'undated'} · ${a.source}`, LIMITS.footer) },
    };
  });
  const groups = packEmbeds(embeds);
  const first = articles[0] ? escapeText(articles[0].title) : '';
  const count = `${articles.length} new article${articles.length === 1 ? '' : 's'}`;
  return groups.map((group, index) => ({
    content: truncate(
      `📰 **News feeds** · ${count}${groups.length > 1 ? ` · part ${index + 1}/${groups.length}` : ''} · ${first}`,
      LIMITS.content,
    ),
    embeds: group,
  }));
}

import { XMLValidator } from 'fast-xml-parser';
import { parseFeed, type AnyFeed } from 'feedsmith';
import { isCalendarDate } from '../articles/parse.js';
import { htmlToLine } from './html-text.js';

/** One entry of a feed, whatever its format. Text fields hold HTML (or plain text) as the feed gave it. */
export interface FeedEntry {
  id: string | null;
  link: string | null;
  title: string | null;
  /** The full content (content:encoded, Atom content, content_html), if the feed carries it. */
  content: string | null;
  /** The description or summary: often only a teaser. */
  summary: string | null;
  /** YYYY-MM-DD in the entry's own offset, or null when it gives no date. */
  date: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  entries: FeedEntry[];
}

/** The document is not a feed (HTML, malformed XML, an unknown format); the message says which. */
export class NotAFeedError extends Error {}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The calendar day a feed date names, in its own offset: `Tue, 10 Jun 2003 23:30:00 -0400` is
 * 2003-06-10 wherever the reader is. Other forms Date can read fall back to their UTC day.
 */
export function feedDate(raw: string | undefined | null): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const rfc = /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})/i.exec(text);
  let day: string | null = null;
  if (iso) day = `${iso[1]}-${iso[2]}-${iso[3]}`;
  else if (rfc && MONTHS.includes(rfc[2]!.toLowerCase())) {
    const year = rfc[3]!.length === 2 ? 1900 + Number(rfc[3]) + (Number(rfc[3]) < 50 ? 100 : 0) : Number(rfc[3]);
    day = `${year}-${String(MONTHS.indexOf(rfc[2]!.toLowerCase()) + 1).padStart(2, '0')}-${rfc[1]!.padStart(2, '0')}`;
  } else {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) day = new Date(ms).toISOString().slice(0, 10);
  }
  return day && isCalendarDate(day) ? day : null;
}

const text = (value: string | undefined | null): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** Parses RSS 0.9x/2.0, RDF 1.0, Atom 1.0 or JSON Feed text into entries. */
export function parseFeedText(source: string): ParsedFeed {
  const body = source.replace(/^\uFEFF/, '').trimStart();
  if (/^<!doctype html|^<html[\s>]/i.test(body)) throw new NotAFeedError('not a feed: the address serves an HTML page');
  if (body.startsWith('<')) {
    const valid = XMLValidator.validate(body);
    if (valid !== true) throw new NotAFeedError(`not a feed: malformed XML (line ${valid.err.line}: ${valid.err.msg})`);
  }
  let parsed: AnyFeed;
  try {
    parsed = parseFeed<string>(body);
  } catch (error) {
    throw new NotAFeedError(`not a feed: ${(error as Error).message}`);
  }
  switch (parsed.format) {
    case 'rss':
      return {
        format: 'rss',
        title: text(parsed.feed.title),
        entries: (parsed.feed.items ?? []).map((item) =>
          rssEntry(
            item,
            item.guid?.value,
            feedDate(item.pubDate) ?? feedDate(item.dc?.dates?.[0]) ?? feedDate(item.atom?.published) ?? feedDate(item.atom?.updated),
          ),
        ),
      };
    case 'rdf':
      return {
        format: 'rdf',
        title: text(parsed.feed.title),
        entries: (parsed.feed.items ?? []).map((item) =>
          rssEntry(
            item,
            item.rdf?.about,
            feedDate(item.dc?.dates?.[0]) ?? feedDate(item.dcterms?.issued?.[0]) ?? feedDate(item.dcterms?.modified?.[0]),
          ),
        ),
      };
    case 'atom':
      return {
        format: 'atom',
        title: atomText(parsed.feed.title),
        entries: (parsed.feed.entries ?? []).map((entry) => ({
          id: text(entry.id),
          link: text((entry.links?.find((l) => !l.rel || l.rel === 'alternate') ?? entry.links?.[0])?.href),
          title: atomText(entry.title),
          content: text(entry.content?.value),
          summary: text(entry.summary?.value),
          date: feedDate(entry.published) ?? feedDate(entry.updated),
        })),
      };
    case 'json':
      return {
        format: 'json',
        title: text(parsed.feed.title),
        entries: (parsed.feed.items ?? []).map((item) => ({
          id: text(item.id === undefined ? undefined : String(item.id)),
          link: text(item.url ?? item.external_url),
          title: text(item.title),
          content: text(item.content_html ?? item.content_text),
          summary: text(item.summary),
          date: feedDate(item.date_published) ?? feedDate(item.date_modified),
        })),
      };
  }
}

/** RSS 2.0 and RDF items share their text fields; they differ in id and dates. */
function rssEntry(
  item: { link?: string; title?: string; description?: string; content?: { encoded?: string } },
  id: string | undefined,
  date: string | null,
): FeedEntry {
  return {
    id: text(id),
    link: text(item.link),
    title: text(item.title),
    content: text(item.content?.encoded),
    summary: text(item.description),
    date,
  };
}

/** Atom text constructs may be HTML; titles become one plain line. */
function atomText(value: { value?: string; type?: string } | undefined): string | null {
  const raw = text(value?.value);
  if (!raw) return null;
  return value?.type === 'html' || value?.type === 'xhtml' ? text(htmlToLine(raw)) : raw;
}

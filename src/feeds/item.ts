import { createHash } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A link as the same story's link in another feed would be: no fragment, no utm_* tracking, lower-case host. */
export function normaliseLink(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (/^utm_/i.test(name)) url.searchParams.delete(name);
  url.searchParams.sort();
  const text = url.href.replace(/\?$/, '');
  return text.replace(/^https:/, 'http:');
}

/** What identifies an item within its feed: its GUID/id, else its normalised link, else its title and date. */
export function itemKey(item: { id: string | null; link: string | null; title: string | null; date: string | null }): string | null {
  if (item.id) return `id:${item.id}`;
  const link = item.link && normaliseLink(item.link);
  if (link) return `link:${link}`;
  if (item.title) return `title:${item.title}|${item.date ?? ''}`;
  return null;
}

/** The file an item is written to, chosen by hashes only: nothing from the feed picks a path. */
export function itemFileName(key: string): string {
  return `${sha256(key).slice(0, 20)}.txt`;
}

/**
 * A fingerprint of an article's text that survives differences in markup, punctuation, case and
 * whitespace, so one story carried by two feeds is recognised even under different links.
 */
export function textFingerprint(paragraphs: string[]): string | null {
  const words =
    paragraphs
      .join(' ')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length >= 8 ? sha256(words.join(' ')) : null;
}

/** A folder name for a feed: lower-case letters, digits and dashes only. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** The first sentence of a text (for an untitled item), cut at a word boundary when long. */
export function firstSentence(text: string, max = 120): string {
  const sentence = /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (sentence.length <= max) return sentence.trim();
  const cut = sentence.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trim()}…`;
}

/** The article file: `date YYYY-MM-DD Title` (or just the title), `url <link>`, a blank line, paragraphs. */
export function formatArticle(article: { title: string; date: string | null; url: string | null; paragraphs: string[] }): string {
  let title = article.title.replace(/\s+/g, ' ').trim();
  // An undated title starting "date " would read as a date header.
  if (!article.date && /^date\s/.test(title)) title = `D${title.slice(1)}`;
  const lines = [article.date ? `date ${article.date} ${title}` : title];
  if (article.url) lines.push(`url ${article.url}`);
  return `${lines.join('\n')}\n\n${article.paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()).join('\n\n')}\n`;
}

export const contentHash = sha256;

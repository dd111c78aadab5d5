import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeBody } from './charset.js';
import type { SafeFetcher } from './fetch.js';
import { domParagraphs, dropWidgets, tooCostlyToParse } from './html-text.js';

/** Below this many characters of text, an item's content is taken for a teaser. */
export const TEASER_CHARS = 600;

/**
 * The main text of the page an item links to, as paragraphs: fetched under the same rules and
 * limits as feeds, reduced by Readability over a linkedom document. Null when the page cannot
 * be fetched, is too costly to parse (PARSE_LIMITS, checked before the parse) or has no main text (the caller
 * keeps the teaser). Readability's time grows faster than the page's depth, too: 5,000 nested elements took it
 * 174 s, and 20,000 overflowed the call stack.
 */
export async function fetchFullText(fetcher: SafeFetcher, url: string): Promise<string[] | null> {
  let page;
  try {
    page = await fetcher.fetch(url, {}, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1');
  } catch {
    return null;
  }
  if (page.status !== 'ok') return null;
  const html = decodeBody(page.body, page.contentType);
  if (tooCostlyToParse(html)) return null;
  const { document } = parseHTML(html);
  dropWidgets(document);
  const article = new Readability(document as unknown as Document).parse();
  if (!article?.content) return null;
  const { document: extracted } = parseHTML(`<!DOCTYPE html><html><body>${article.content}</body></html>`);
  const paragraphs = domParagraphs(extracted.body as unknown as Parameters<typeof domParagraphs>[0]);
  return paragraphs.length > 0 ? paragraphs : null;
}

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeBody } from './charset.js';
import type { SafeFetcher } from './fetch.js';
import { domParagraphs, dropWidgets } from './html-text.js';

/** Below this many characters of text, an item's content is taken for a teaser. */
export const TEASER_CHARS = 600;

/**
 * Elements a page may nest before its main text is not looked for. News pages nest some 30 deep; Readability's time
 * grows faster than the depth (5,000 nested elements took it 174 s) and at 20,000 it overflowed the call stack.
 */
const MAX_PAGE_DEPTH = 300;

interface Nested {
  children: ArrayLike<Nested>;
}

/** How deep the element tree goes below `root`, walked with a stack of its own (the call stack is what deep pages overflow). */
function depthOf(root: Nested): number {
  let deepest = 0;
  const stack: [Nested, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_PAGE_DEPTH) break;
    for (let i = 0; i < node.children.length; i++) stack.push([node.children[i]!, depth + 1]);
  }
  return deepest;
}

/**
 * The main text of the page an item links to, as paragraphs: fetched under the same rules and
 * limits as feeds, reduced by Readability over a linkedom document. Null when the page cannot
 * be fetched, nests deeper than MAX_PAGE_DEPTH or has no main text (the caller keeps the teaser).
 */
export async function fetchFullText(fetcher: SafeFetcher, url: string): Promise<string[] | null> {
  let page;
  try {
    page = await fetcher.fetch(url, {}, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1');
  } catch {
    return null;
  }
  if (page.status !== 'ok') return null;
  const { document } = parseHTML(decodeBody(page.body, page.contentType));
  if (depthOf(document.documentElement as unknown as Nested) > MAX_PAGE_DEPTH) return null;
  dropWidgets(document);
  const article = new Readability(document as unknown as Document).parse();
  if (!article?.content) return null;
  const { document: extracted } = parseHTML(`<!DOCTYPE html><html><body>${article.content}</body></html>`);
  const paragraphs = domParagraphs(extracted.body as unknown as Parameters<typeof domParagraphs>[0]);
  return paragraphs.length > 0 ? paragraphs : null;
}

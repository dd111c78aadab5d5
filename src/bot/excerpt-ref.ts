import { createHash } from 'node:crypto';
import type { Excerpt } from '../search/ask.js';
import type { ArticleSearch, IndexedArticle } from '../search/article-search.js';

/** A short, stable fingerprint (8 base64url characters) of a string. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 8);
}

/**
 * A reference to an excerpt that fits in a custom id and survives a restart: the article (hashed
 * id), the sentence's character range, and a hash of its text, so a changed article is noticed
 * rather than quoted wrongly. Shape: `article.start.end.text` (about 30 characters).
 */
export function excerptRef(excerpt: Pick<Excerpt, 'articleId' | 'start' | 'end' | 'text'>): string {
  return [shortHash(excerpt.articleId), excerpt.start.toString(36), excerpt.end.toString(36), shortHash(excerpt.text)].join('.');
}

export interface ResolvedRef {
  articleId: string;
  title: string;
  date: string | null;
  source: string;
  body: string;
  start: number;
  end: number;
  /** The paragraph holding the sentence: its number (from 1) and range in the body. */
  paragraph: number;
  paragraphStart: number;
  paragraphEnd: number;
}

/** The excerpt a reference points to, or null when the articles changed (or it is not one of ours). */
export function resolveRef(index: ArticleSearch, ref: string): ResolvedRef | null {
  const [articleHash, start36, end36, textHash] = ref.split('.');
  const start = parseInt(start36 ?? '', 36);
  const end = parseInt(end36 ?? '', 36);
  if (!articleHash || !textHash || !Number.isInteger(start) || !Number.isInteger(end) || end <= start) return null;
  const article = articleByHash(index, articleHash);
  if (!article || shortHash(article.body.slice(start, end)) !== textHash) return null;
  const at = article.paragraphs.findIndex((p) => p.start <= start && end <= p.end);
  const span = article.paragraphs[at] ?? { start, end };
  const { id: articleId, title, date, source, body } = article;
  return { articleId, title, date, source, body, start, end, paragraph: at + 1, paragraphStart: span.start, paragraphEnd: span.end };
}

/** Article ids by short hash, per index: hashing every id (95k of them) on each button press is slow. */
const idsByHash = new WeakMap<ArticleSearch, Map<string, string>>();

function hashIds(index: ArticleSearch): Map<string, string> {
  const ids = new Map<string, string>();
  for (const article of index.allArticles()) {
    const hash = shortHash(article.id);
    if (!ids.has(hash)) ids.set(hash, article.id);
  }
  idsByHash.set(index, ids);
  return ids;
}

/**
 * The loaded article whose id has this short hash. The cached map is only a shortcut: a miss
 * rebuilds it (articles come and go while the bot runs), and the article itself is always
 * read from the index, so a replaced article is never served stale.
 */
export function articleByHash(index: ArticleSearch, hash: string): IndexedArticle | undefined {
  const lookUp = (ids: Map<string, string>) => {
    const id = ids.get(hash);
    return id === undefined ? undefined : index.article(id);
  };
  const cached = idsByHash.get(index);
  return (cached && lookUp(cached)) || lookUp(hashIds(index));
}

/** One fingerprint for a whole page of results (to check a re-run gives the same page). */
export const resultsHash = (excerpts: readonly Pick<Excerpt, 'articleId' | 'text'>[]) =>
  shortHash(excerpts.map((e) => `${e.articleId}\n${e.text}`).join('\n\n'));

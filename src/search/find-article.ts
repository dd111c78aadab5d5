import type { ArticleSearch, IndexedArticle } from './article-search.js';

export type ArticleLookup = { ok: true; article: IndexedArticle } | { ok: false; reason: string };

/** Finds an article by id (`corpus/source`) or by its source path alone when that is unambiguous. */
export function findArticle(articles: Iterable<IndexedArticle>, ref: string): ArticleLookup {
  const wanted = ref.trim().replace(/\\/g, '/');
  const matches = [...articles].filter((a) => a.id === wanted || a.source === wanted);
  const exact = matches.find((a) => a.id === wanted);
  if (exact) return { ok: true, article: exact };
  if (matches.length === 1) return { ok: true, article: matches[0]! };
  if (matches.length > 1)
    return { ok: false, reason: `"${wanted}" is in several folders; give one of: ${matches.map((a) => a.id).join(', ')}` };
  return { ok: false, reason: `No article "${wanted}" is loaded (give its path inside the corpus folder, e.g. business/001.txt).` };
}

/** The article a person names: by id or file (as findArticle), else by its exact title (ignoring case) when only one has it. */
export function articleNamed(search: Pick<ArticleSearch, 'allArticles'>, name: string): IndexedArticle | undefined {
  const articles = [...search.allArticles()];
  const found = findArticle(articles, name);
  if (found.ok) return found.article;
  const wanted = name.trim().toLowerCase();
  const titled = articles.filter((a) => a.title.toLowerCase() === wanted);
  return titled.length === 1 ? titled[0] : undefined;
}

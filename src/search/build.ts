import type { Article } from '../articles/article.js';
import { loadCorpora, type CorpusSpec, type Logger } from '../articles/load.js';
import { analyzeArticle } from '../nlp/article-sentences.js';
import { SentenceIndex } from './sentence-index.js';

/** Runs every article through wink-nlp and indexes its sentences. */
export function indexArticles(articles: Article[], index = new SentenceIndex()): SentenceIndex {
  for (const article of articles) index.add(article, analyzeArticle(article));
  return index;
}

/** Loads the corpus folders and builds their sentence index. */
export async function buildIndex(corpora: CorpusSpec[], log?: Logger): Promise<SentenceIndex> {
  const { articles } = await loadCorpora(corpora, log);
  return indexArticles(articles);
}

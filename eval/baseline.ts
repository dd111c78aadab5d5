import MiniSearch from 'minisearch';
import type { ArticleSearch } from '../src/search/article-search.js';

export const BASELINE_LABEL = 'baseline: MiniSearch defaults, raw question';

/** MiniSearch with its default options over the index's sentences (raw text), as the protocols' baseline. */
export function defaultMiniSearch(index: ArticleSearch): MiniSearch<{ id: number; text: string }> {
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  for (const article of index.allArticles()) {
    for (const id of article.sentenceIds) {
      const s = index.sentence(id)!;
      mini.add({ id, text: article.body.slice(s.start, s.end) });
    }
  }
  return mini;
}

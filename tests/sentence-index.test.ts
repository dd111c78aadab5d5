import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCorpora } from '../src/articles/load.js';
import { analyzeArticle } from '../src/nlp/article-sentences.js';
import { SentenceIndex } from '../src/search/sentence-index.js';
import { SMALL_CORPUS } from './support/articles.js';
import { tempCorpus } from './support/tmp.js';

async function analysed() {
  const { articles } = await loadCorpora([{ dir: tempCorpus(SMALL_CORPUS) }]);
  return articles.map((article) => ({ article, analysis: analyzeArticle(article) }));
}

/** minisearch's own OR search over the same sentences: the reference the candidate stage must match. */
function reference(index: SentenceIndex, weights: Map<string, number>) {
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize: (t) => t.split(' '), processTerm: (t) => t });
  for (const article of index.allArticles())
    for (const s of article.sentenceIds.map((id) => index.sentence(id)!))
      if (s.terms.length) mini.add({ id: s.id, text: s.terms.join(' ') });
  const terms = [...weights.keys()].filter((t) => index.idf(t) > 0);
  return mini.search(terms.join(' '), { boostTerm: (t) => weights.get(t) ?? 1 }).map((h) => ({ id: h.id as number, score: h.score }));
}

const QUERIES = [['harbour', 'port', 'ship'], ['grain', 'price'], ['repair', 'council', 'march'], ['storm']].map(
  (terms) => new Map(terms.map((t, i) => [t, i === 0 ? 1 : 0.5])),
);

describe('SentenceIndex', () => {
  it('scores candidates exactly as a minisearch OR search would, also after removals and replacements', async () => {
    const entries = await analysed();
    const index = new SentenceIndex();
    index.addAll(entries);
    index.remove(entries[1]!.article.id);
    index.add(entries[0]!.article, entries[0]!.analysis);
    for (const weights of QUERIES) {
      const got = index.candidates(weights, 50).map((c) => ({ id: c.sentence.id, score: c.score }));
      const want = reference(index, weights);
      expect(got.map((c) => c.id).sort()).toEqual(want.map((c) => c.id).sort());
      for (const c of got) expect(c.score).toBeCloseTo(want.find((w) => w.id === c.id)!.score, 9);
      expect(got.length).toBeGreaterThan(0);
    }
  });

  it('with a small posting budget, finds candidates through the rarest term and still scores the common ones', async () => {
    const index = new SentenceIndex({ postingBudget: 1 });
    index.addAll(await analysed());
    const weights = new Map([
      ['port', 1],
      ['storm', 1],
    ]);
    const got = index.candidates(weights, 50);
    const want = reference(index, weights);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(want.length);
    for (const c of got) {
      expect(c.sentence.terms).toContain('storm');
      expect(c.score).toBeCloseTo(want.find((w) => w.id === c.sentence.id)!.score, 9);
    }
    expect(got.some((c) => c.sentence.terms.includes('port'))).toBe(true);
  });

  it('over the budget, adds a term with fewer postings than sentences found to exactly the sentences found', async () => {
    const { articles } = await loadCorpora([
      {
        dir: tempCorpus({
          'a.txt': 'date 2024-01-01 Alpha\n\nAlpha rose. Alpha and gamma fell.',
          'b.txt': 'date 2024-01-02 Beta\n\nBeta rose. Beta fell. Beta and gamma held.',
          'c.txt': 'date 2024-01-03 Gamma\n\nGamma rose. Gamma fell again.',
        }),
      },
    ]);
    // Alpha (2 sentences) and beta (3) use up the budget; gamma (4 postings, fewer than the 5 found) only adds.
    const index = new SentenceIndex({ postingBudget: 5 });
    index.addAll(articles.map((article) => ({ article, analysis: analyzeArticle(article) })));
    const weights = new Map([
      ['alpha', 1],
      ['beta', 1],
      ['gamma', 1],
    ]);
    const got = index.candidates(weights, 50);
    const want = reference(index, weights);
    expect(got).toHaveLength(5);
    expect(got.filter((c) => c.sentence.terms.includes('gamma'))).toHaveLength(2);
    for (const c of got) expect(c.score).toBeCloseTo(want.find((w) => w.id === c.sentence.id)!.score, 9);
  });

  it('keeps only the best `limit` candidates, best first', async () => {
    const index = new SentenceIndex();
    index.addAll(await analysed());
    const all = index.candidates(QUERIES[0]!, 50);
    const top = index.candidates(QUERIES[0]!, 2);
    expect(all.length).toBeGreaterThan(2);
    expect(top).toEqual(all.slice(0, 2));
    expect(all.map((c) => c.score)).toEqual([...all.map((c) => c.score)].sort((a, b) => b - a));
  });

  it('restores from exported state (ids compacted) and keeps accepting changes', async () => {
    const entries = await analysed();
    const index = new SentenceIndex();
    index.addAll(entries);
    index.remove(entries[1]!.article.id);
    index.add(entries[0]!.article, entries[0]!.analysis);
    const restored = SentenceIndex.fromState(structuredClone(index.exportState()));
    const view = (i: SentenceIndex, w: Map<string, number>) =>
      i.candidates(w, 50).map((c) => [c.sentence.article.id, c.sentence.position, c.score]);
    for (const weights of QUERIES) expect(view(restored, weights)).toEqual(view(index, weights));
    expect(restored.sentenceCount).toBe(index.sentenceCount);
    expect(restored.idf('port')).toBe(index.idf('port'));
    restored.remove(entries[3]!.article.id);
    restored.add(entries[1]!.article, entries[1]!.analysis);
    expect(view(restored, QUERIES[1]!).some(([id]) => id === entries[1]!.article.id)).toBe(true);
    expect(view(restored, QUERIES[3]!)).toEqual([]);
  });

  it('builds the same index whether articles are added one by one or all at once', async () => {
    const entries = await analysed();
    const one = new SentenceIndex();
    for (const { article, analysis } of entries) one.add(article, analysis);
    const all = new SentenceIndex();
    all.addAll(entries);
    for (const weights of QUERIES) expect(all.candidates(weights, 50)).toEqual(one.candidates(weights, 50));
    expect([...all.analyzedArticles()]).toEqual([...one.analyzedArticles()]);
  });
});

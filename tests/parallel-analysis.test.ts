import { describe, expect, it } from 'vitest';
import type { Article } from '../src/articles/article.js';
import { analyzeArticles } from '../src/nlp/parallel.js';

function article(id: string, body: string): Article {
  return { id: `c/${id}`, corpus: 'c', source: id, title: id, date: null, body, paragraphs: [{ start: 0, end: body.length }] };
}

const filler = (n: number) => article(`filler-${n}.txt`, `Filler article ${n} says that trading was quiet on Monday.`);
const BATCH = 32;

describe('parallel analysis', () => {
  it('gives each worker the same batches on every run, since wink-nlp reads a word by what it met before', async () => {
    // wink-nlp, having met "F.O.B", later reads "f.o.b." as a word and a full stop. Worker 0 takes batches 0 and 2.
    const seen = article('seen.txt', "The exchange said delivery will be F.O.B from the seller's pipeline in Mont Belvieu, Texas.");
    const later = article(
      'later.txt',
      'Small cargoes of propane were sold at 126 dlrs per tonne on the f.o.b. basis early in the week, traders said.',
    );
    const articles = [seen, ...Array.from({ length: 2 * BATCH - 1 }, (_, n) => filler(n)), later];
    const analyses = await analyzeArticles(articles, { workers: 2 });
    const sentences = analyses[2 * BATCH]!.sentences.map((s) => later.body.slice(s.start, s.end));
    expect(sentences[0]).toMatch(/on the f\.o\.b\.$/);
    expect(analyses).toHaveLength(articles.length);
    expect(analyses[1]!.sentences).toHaveLength(1);
  });
});

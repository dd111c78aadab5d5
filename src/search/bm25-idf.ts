/**
 * BM25's inverse document frequency (Robertson & Zaragoza 2009, with minisearch's +1 so it is never negative) of a
 * term that `frequency` of `documents` documents hold. Every IDF in the index is this one, so rarities compare.
 */
export function bm25Idf(documents: number, frequency: number): number {
  return Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
}

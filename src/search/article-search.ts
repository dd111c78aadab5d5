import type { Article } from '../articles/article.js';
import type { AcronymPair } from '../nlp/acronyms.js';
import type { SentenceRecord } from '../nlp/article-sentences.js';
import type { AcronymLookup } from './acronym-table.js';
import type { Slot } from './article-index.js';
import type { TermVectors } from './term-vectors.js';

/** An article as the index holds it: its title's terms and its sentences' ids, in order. */
export interface IndexedArticle extends Article {
  titleTerms: string[];
  /** Ids of the article's sentences, in order. */
  sentenceIds: number[];
  /** Acronyms the article defines. */
  acronyms: AcronymPair[];
  /** The article's place in the article index. */
  slot: Slot;
}

export interface IndexedSentence extends SentenceRecord {
  id: number;
  article: IndexedArticle;
}

export interface Candidate {
  sentence: IndexedSentence;
  /** BM25 score from the index. */
  score: number;
}

/** An article ranked by the article-level BM25F (see ArticleIndex). */
export interface ArticleCandidate {
  article: IndexedArticle;
  score: number;
}

/** Both retrieval stages' results for one question. */
export interface Retrieved {
  sentences: Candidate[];
  articles: ArticleCandidate[];
}

/**
 * The read surface of the article index: everything above the index (ranking, /ask, summaries,
 * digests, the commands and command lines) reads articles through this type and nothing else.
 * `SentenceIndex` (minisearch, in memory) implements it; a search-engine or database backend
 * would implement the same members. Writes are not part of it: they go through `PersistentIndex`
 * (src/search/open-index.ts), which keeps the index file in step.
 */
export interface ArticleSearch {
  readonly articleCount: number;
  readonly sentenceCount: number;
  article(id: string): IndexedArticle | undefined;
  /** Every article, in insertion order. */
  allArticles(): Iterable<IndexedArticle>;
  sentence(id: number): IndexedSentence | undefined;
  /** The sentence `offset` places away from `sentence` in the same article, if any. */
  neighbour(sentence: IndexedSentence, offset: number): IndexedSentence | undefined;
  /** Inverse sentence frequency of a term (0 for a term no sentence holds). */
  idf(term: string): number;
  /** Sentences matching weighted query terms, best BM25 score first, at most `limit`. */
  candidates(weights: Map<string, number>, limit: number): Candidate[];
  /**
   * Sentence candidates as `candidates` gives them, and the best `articleLimit` articles by the
   * article-level BM25F (title, lead and body), from one bounded scan of the postings.
   */
  retrieve(weights: Map<string, number>, limit: number, articleLimit: number): Retrieved;
  /** The archive's learned acronyms, both ways. */
  readonly acronyms: AcronymLookup;
  /** Word vectors of the archive's terms, for soft matching (empty when the index was built without them). */
  readonly vectors: TermVectors;
}

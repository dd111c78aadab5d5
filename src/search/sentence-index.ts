import type { Article } from '../articles/article.js';
import type { ArticleSearch, Candidate, IndexedArticle, IndexedSentence, Retrieved } from './article-search.js';
import type { ArticleAnalysis } from '../nlp/article-sentences.js';
import { AcronymTable } from './acronym-table.js';
import { ArticleIndex, LEAD_SENTENCES } from './article-index.js';
import { MiniSearchAccess, type MiniSearchState } from './minisearch-access.js';
import { TermVectors } from './term-vectors.js';
import { TopK } from './top-k.js';
import { bm25Idf } from './bm25-idf.js';

/** An article with its analysis, the unit the index is built, persisted and updated in. */
export interface AnalyzedArticle {
  article: Article;
  analysis: ArticleAnalysis;
}

const splitTerms = (text: string) => text.split(' ');

/** BM25 parameters, minisearch's defaults, so candidate scores are the ones minisearch would give. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/**
 * Postings a question may score before its commonest terms stop generating candidates: those terms
 * still add to the score of every sentence found through rarer ones, so only sentences that match
 * nothing but very common words are missed. Bounds the answer path as the archive grows.
 */
export const POSTING_BUDGET = 20_000;

/**
 * An index as plain data: its articles in order (sentence ids are dense in that order) and the
 * minisearch and frequency state that goes with them. Restoring it skips re-indexing entirely.
 */
export interface IndexState {
  entries: AnalyzedArticle[];
  mini: MiniSearchState;
  documentFrequency: Map<string, number>;
  /** Articles holding each term (the article index's IDF), kept so a restore need not re-count them. */
  articleFrequency: Map<string, number>;
  /** The word vectors and the file they were read from (see setVectors); absent when there are none. */
  vectors?: StoredVectors;
}

/** A term vector table as plain data, with what it was read from. */
export interface StoredVectors {
  source: string;
  terms: readonly string[];
  data: Int8Array;
  dimensions: number;
  /** How many terms the index held when they were read (absent in snapshots written before it was kept). */
  vocabulary?: number;
}

export interface SentenceIndexOptions {
  /** Postings scanned per question before common terms stop generating candidates (POSTING_BUDGET). */
  postingBudget?: number;
}
/**
 * The article store and its sentence-level minisearch index. Terms arrive already normalised by
 * the NLP pipeline, so minisearch only splits on spaces. Articles can be added, replaced and
 * removed one at a time, which is what a live folder and an incremental rebuild need; `addAll`
 * loads many at once. Sentence ids follow insertion order, so adding the same articles in the
 * same order always gives the same index. Everything but its owner (`PersistentIndex`, the
 * builders) sees it as an `ArticleSearch`.
 */
export class SentenceIndex implements ArticleSearch {
  /** minisearch, with the bulk and candidate access this index needs. */
  private readonly access = new MiniSearchAccess({
    fields: ['text'],
    storeFields: [],
    tokenize: splitTerms,
    processTerm: (term) => term,
  });
  private readonly articles = new Map<string, IndexedArticle>();
  private readonly sentences: (IndexedSentence | undefined)[] = [];
  /** Number of sentences containing each term, for IDF weights in the re-ranker. */
  private readonly documentFrequency = new Map<string, number>();
  private articleIndex = new ArticleIndex();
  private readonly articleSlots: (IndexedArticle | undefined)[] = [];
  /**
   * What the posting loop reads of a sentence, by minisearch short id, side by side so that one posting costs one
   * memory access for both: at 2 × short id its article's slot times two, plus one for a lead sentence (-1 once the
   * sentence is removed); at 2 × short id + 1 its length in distinct terms.
   */
  private postingFacts = new Int32Array(0);
  readonly acronyms = new AcronymTable((term) => this.documentFrequency.get(term) ?? 0);
  private vectorTable = TermVectors.NONE;
  /** Identifies the file the word vectors were read from (null: none were). */
  private vectorFile: string | null = null;
  /** How many terms the index held when the word vectors were read (0: not known). */
  private vectorVocabulary = 0;
  /** Per-question score accumulators by minisearch short id, reused so answering allocates little. */
  private scores = new Float64Array(0);
  private matches = new Uint8Array(0);
  private touched = new Int32Array(0);
  /** By minisearch short id: its place in `touched` (valid only for sentences touched by the current question). */
  private order = new Int32Array(0);

  constructor(private readonly options: SentenceIndexOptions = {}) {}

  get vectors(): TermVectors {
    return this.vectorTable;
  }

  get vectorSource(): string | null {
    return this.vectorFile;
  }

  /** How many terms the index held when its word vectors were read (0 when not known). */
  get vectorVocabularySize(): number {
    return this.vectorVocabulary;
  }

  /** How many distinct terms the index holds. */
  get vocabularySize(): number {
    return this.documentFrequency.size;
  }

  /**
   * Word vectors for the archive's terms, read at index time from `source` when the index held
   * `vocabulary` terms. Terms that first appear in articles added later have none until the vectors
   * are read again (see refreshVectors in open-index.ts).
   */
  setVectors(vectors: TermVectors, source: string | null, vocabulary = this.vocabularySize): void {
    this.vectorTable = vectors;
    this.vectorFile = source;
    this.vectorVocabulary = vocabulary;
  }

  /** Every term some sentence holds. */
  vocabulary(): IterableIterator<string> {
    return this.documentFrequency.keys();
  }

  get articleCount(): number {
    return this.articles.size;
  }

  get sentenceCount(): number {
    return this.access.documentCount;
  }

  article(id: string): IndexedArticle | undefined {
    return this.articles.get(id);
  }

  allArticles(): IterableIterator<IndexedArticle> {
    return this.articles.values();
  }

  /** Every article with the analysis it was indexed with, in insertion order (what a snapshot saves). */
  *analyzedArticles(): Generator<AnalyzedArticle> {
    for (const article of this.articles.values()) {
      const { titleTerms, sentenceIds, acronyms, slot: _slot, ...plain } = article;
      const sentences = sentenceIds.map((id) => this.sentences[id]!);
      yield { article: plain, analysis: { titleTerms, sentences, acronyms } };
    }
  }

  /** The whole index as data, sentence ids compacted (removed articles leave no gaps). */
  exportState(): IndexState {
    const entries = [...this.analyzedArticles()];
    const compact = new Int32Array(this.sentences.length).fill(-1);
    let next = 0;
    for (const article of this.articles.values()) for (const id of article.sentenceIds) compact[id] = next++;
    return {
      entries,
      mini: this.access.exportState((id) => compact[id]!),
      documentFrequency: this.documentFrequency,
      articleFrequency: this.articleIndex.frequency,
      ...(this.vectorFile !== null && {
        vectors: {
          source: this.vectorFile,
          terms: this.vectorTable.terms,
          data: this.vectorTable.data,
          dimensions: this.vectorTable.dimensions,
          vocabulary: this.vectorVocabulary,
        },
      }),
    };
  }

  /** An index equal to the one `exportState` was taken from (up to the compacted ids). */
  static fromState(state: IndexState, options?: SentenceIndexOptions): SentenceIndex {
    const index = new SentenceIndex(options);
    index.articleIndex = new ArticleIndex(state.articleFrequency);
    for (const { article, analysis } of state.entries) index.store(article, analysis, undefined, true);
    index.access.importState(state.mini);
    index.fillPostingFacts(0);
    for (const [term, count] of state.documentFrequency) index.documentFrequency.set(term, count);
    if (state.vectors) {
      const { terms, data, dimensions, source, vocabulary } = state.vectors;
      index.setVectors(new TermVectors(terms, data, dimensions), source, vocabulary ?? 0);
    }
    return index;
  }

  /**
   * Adds an article to the store, the article index and the acronym table (not to minisearch),
   * collecting its documents for minisearch if asked; `restored` when its term counts came with a snapshot.
   */
  private store(article: Article, analysis: ArticleAnalysis, documents?: { id: number; terms: string[] }[], restored = false) {
    if (this.articles.has(article.id)) this.remove(article.id);
    const slot = this.articleSlots.length;
    const { titleTerms, acronyms } = analysis;
    const indexed: IndexedArticle = { ...article, titleTerms, sentenceIds: [], acronyms, slot };
    for (const { start, end, paragraph, position, cutOff, terms, names, kinds, inherited } of analysis.sentences) {
      const id = this.sentences.length;
      // A literal with fixed fields (not a spread) keeps every sentence one shape: cheaper to build and read.
      this.sentences.push({ start, end, paragraph, position, cutOff, terms, names, kinds, inherited, id, article: indexed });
      indexed.sentenceIds.push(id);
      if (terms.length > 0) documents?.push({ id, terms });
    }
    this.articles.set(article.id, indexed);
    this.articleSlots.push(indexed);
    this.articleIndex.add(slot, analysis, restored);
    this.acronyms.add(acronyms);
  }

  /** Fills `postingFacts` for the short ids from `first` on (those just added or restored). */
  private fillPostingFacts(first: number): void {
    const limit = this.access.idLimit;
    const capacity = this.postingFacts.length / 2;
    if (capacity < limit) {
      const facts = new Int32Array(2 * Math.max(limit, Math.ceil(capacity * 1.5), 1024));
      facts.set(this.postingFacts);
      this.postingFacts = facts;
    }
    for (let shortId = first; shortId < limit; shortId++) {
      const sentence = this.sentences[this.access.documentId(shortId)];
      this.postingFacts[2 * shortId] = sentence ? sentence.article.slot * 2 + (sentence.position < LEAD_SENTENCES ? 1 : 0) : -1;
      this.postingFacts[2 * shortId + 1] = this.access.length(shortId);
    }
  }

  sentence(id: number): IndexedSentence | undefined {
    return this.sentences[id];
  }

  /** The sentence `offset` places away from `sentence` in the same article, if any. */
  neighbour(sentence: IndexedSentence, offset: number): IndexedSentence | undefined {
    const id = sentence.article.sentenceIds[sentence.position + offset];
    return id === undefined ? undefined : this.sentences[id];
  }

  /** Inverse sentence frequency of a term (0 for a term no sentence holds). */
  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    if (df === 0) return 0;
    return bm25Idf(this.access.documentCount, df);
  }

  /** Adds an article, replacing any earlier version with the same id. */
  add(article: Article, analysis: ArticleAnalysis): void {
    this.addAll([{ article, analysis }]);
  }

  /**
   * Adds articles in order (replacing earlier versions with the same ids), in one pass over the
   * index. The index keeps the records' term arrays (sharing equal strings), so callers hand them over.
   */
  addAll(entries: Iterable<AnalyzedArticle>): void {
    const documents: { id: number; terms: string[] }[] = [];
    for (const { article, analysis } of entries) this.store(article, analysis, documents);
    const first = this.access.idLimit;
    for (const [term, count] of this.access.addTerms(documents))
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + count);
    this.fillPostingFacts(first);
  }

  /** Removes an article and its sentences; false when no such article is loaded. */
  remove(articleId: string): boolean {
    const article = this.articles.get(articleId);
    if (!article) return false;
    for (const id of article.sentenceIds) {
      const sentence = this.sentences[id]!;
      if (sentence.terms.length > 0) this.postingFacts[2 * this.access.discard(id)] = -1;
      for (const term of new Set(sentence.terms)) {
        const left = (this.documentFrequency.get(term) ?? 1) - 1;
        if (left > 0) this.documentFrequency.set(term, left);
        else this.documentFrequency.delete(term);
      }
    }
    this.articleIndex.remove(article.slot, {
      titleTerms: article.titleTerms,
      sentences: article.sentenceIds.map((id) => this.sentences[id]!),
    });
    for (const id of article.sentenceIds) this.sentences[id] = undefined;
    this.acronyms.remove(article.acronyms);
    this.articleSlots[article.slot] = undefined;
    this.articles.delete(articleId);
    return true;
  }

  /**
   * BM25 candidates for weighted query terms, best first, at most `limit`; scores are minisearch's
   * OR-query scores (sum of weighted BM25 times the number of matched terms). The rarest terms are
   * scanned until the posting budget is spent; commoner terms then only score the sentences found.
   * Works in reused typed arrays: no allocation per posting.
   */
  candidates(weights: Map<string, number>, limit: number): Candidate[] {
    return this.retrieve(weights, limit, 0).sentences;
  }

  /**
   * Sentence candidates as `candidates` gives them, and the best `articleLimit` articles by the
   * article-level BM25F, scored from the same postings in the same bounded scan.
   */
  retrieve(weights: Map<string, number>, limit: number, articleLimit: number): Retrieved {
    const terms = [...weights.keys()].filter((term) => this.documentFrequency.has(term) || this.articleIndex.frequency.has(term));
    if (terms.length === 0 || limit < 1) return { sentences: [], articles: [] };
    const df = (term: string) => this.documentFrequency.get(term)!;
    terms.sort((a, b) => df(a) - df(b));
    this.reserveAccumulators();
    const { scores, matches, touched, order, access, postingFacts, articleIndex } = this;
    const scoreArticles = articleLimit > 0;
    if (scoreArticles) articleIndex.begin();
    const budget = this.options.postingBudget ?? POSTING_BUDGET;
    const { k, b, d } = BM25;
    const lengthWeight = (k * b) / access.averageLength;
    const baseNorm = k * (1 - b);
    let found = 0;
    let scanned = 0;
    terms.forEach((term, i) => {
      const postings = access.postings(term);
      if (!postings) {
        if (scoreArticles) articleIndex.endTerm(term, weights.get(term)!);
        return;
      }
      const termWeight = weights.get(term)! * this.idf(term);
      const add = (shortId: number, tf: number) => {
        scores[shortId] =
          scores[shortId]! + termWeight * (d + (tf * (k + 1)) / (tf + baseNorm + lengthWeight * postingFacts[2 * shortId + 1]!));
        matches[shortId] = matches[shortId]! + 1;
        if (scoreArticles) {
          const packed = postingFacts[2 * shortId]!;
          articleIndex.addPosting(packed >> 1, tf, (packed & 1) === 1);
        }
      };
      if (i === 0 || scanned + df(term) <= budget) {
        scanned += df(term);
        postings.forEach((tf, shortId) => {
          if (matches[shortId] === 0) {
            if (postingFacts[2 * shortId]! < 0) return;
            order[shortId] = found;
            touched[found++] = shortId;
          }
          add(shortId, tf);
        });
      } else if (postings.size < found) {
        // Fewer postings than sentences found: look each up among them instead, then add in the order they were
        // found, so that every sum is the same as the loop below makes it.
        const hits: number[] = [];
        postings.forEach((_, shortId) => {
          if (matches[shortId]! > 0) hits.push(shortId);
        });
        hits.sort((x, y) => order[x]! - order[y]!);
        for (const shortId of hits) add(shortId, postings.get(shortId)!);
      } else {
        for (let j = 0; j < found; j++) {
          const tf = postings.get(touched[j]!);
          if (tf !== undefined) add(touched[j]!, tf);
        }
      }
      if (scoreArticles) articleIndex.endTerm(term, weights.get(term)!);
    });
    const articles = scoreArticles
      ? articleIndex.top(articleLimit).map(({ slot, score }) => ({ article: this.articleSlots[slot]!, score }))
      : [];
    return { sentences: this.collectTop(found, limit), articles };
  }

  private reserveAccumulators(): void {
    const size = this.access.idLimit;
    if (this.scores.length >= size) return;
    const capacity = Math.max(size, Math.ceil(this.scores.length * 1.5), 1024);
    this.scores = new Float64Array(capacity);
    this.matches = new Uint8Array(capacity);
    this.touched = new Int32Array(capacity);
    this.order = new Int32Array(capacity);
  }

  /** The best `limit` touched sentences (ties to the earlier one), clearing the accumulators. */
  private collectTop(found: number, limit: number): Candidate[] {
    const best = new TopK(limit);
    for (let j = 0; j < found; j++) {
      const shortId = this.touched[j]!;
      best.offer(shortId, this.scores[shortId]! * this.matches[shortId]!);
      this.scores[shortId] = 0;
      this.matches[shortId] = 0;
    }
    const out: Candidate[] = [];
    for (const { key, score } of best.sorted()) {
      const sentence = this.sentences[this.access.documentId(key)];
      if (sentence) out.push({ sentence, score });
    }
    return out;
  }
}

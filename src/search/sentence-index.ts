import MiniSearch from 'minisearch';
import type { Article } from '../articles/article.js';
import type { ArticleAnalysis, SentenceRecord } from '../nlp/article-sentences.js';

export interface IndexedArticle extends Article {
  titleTerms: string[];
  /** Ids of the article's sentences, in order. */
  sentenceIds: number[];
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

interface IndexDocument {
  id: number;
  text: string;
}

const splitTerms = (text: string) => text.split(' ');

/**
 * The article store and its sentence-level minisearch index. Terms arrive already normalised by
 * the NLP pipeline, so minisearch only splits on spaces. Articles can be added, replaced and
 * removed one at a time, which is what a live folder and an incremental rebuild need.
 */
export class SentenceIndex {
  private readonly mini = new MiniSearch<IndexDocument>({
    fields: ['text'],
    storeFields: [],
    tokenize: splitTerms,
    processTerm: (term) => term,
  });
  private readonly articles = new Map<string, IndexedArticle>();
  private readonly sentences: (IndexedSentence | undefined)[] = [];
  /** Number of sentences containing each term, for IDF weights in the re-ranker. */
  private readonly documentFrequency = new Map<string, number>();

  get articleCount(): number {
    return this.articles.size;
  }

  get sentenceCount(): number {
    return this.mini.documentCount;
  }

  article(id: string): IndexedArticle | undefined {
    return this.articles.get(id);
  }

  allArticles(): IterableIterator<IndexedArticle> {
    return this.articles.values();
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
    const n = this.mini.documentCount;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Adds an article, replacing any earlier version with the same id. */
  add(article: Article, analysis: ArticleAnalysis): void {
    if (this.articles.has(article.id)) this.remove(article.id);
    const indexed: IndexedArticle = { ...article, titleTerms: analysis.titleTerms, sentenceIds: [] };
    const documents: IndexDocument[] = [];
    for (const record of analysis.sentences) {
      const id = this.sentences.length;
      this.sentences.push({ ...record, id, article: indexed });
      indexed.sentenceIds.push(id);
      documents.push({ id, text: record.terms.join(' ') });
      for (const term of new Set(record.terms)) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
    this.articles.set(article.id, indexed);
    this.mini.addAll(documents.filter((d) => d.text.length > 0));
  }

  /** Removes an article and its sentences; false when no such article is loaded. */
  remove(articleId: string): boolean {
    const article = this.articles.get(articleId);
    if (!article) return false;
    for (const id of article.sentenceIds) {
      const sentence = this.sentences[id]!;
      if (sentence.terms.length > 0) this.mini.discard(id);
      for (const term of new Set(sentence.terms)) {
        const left = (this.documentFrequency.get(term) ?? 1) - 1;
        if (left > 0) this.documentFrequency.set(term, left);
        else this.documentFrequency.delete(term);
      }
      this.sentences[id] = undefined;
    }
    this.articles.delete(articleId);
    return true;
  }

  /** BM25 candidates for weighted query terms, best first, at most `limit`. */
  candidates(weights: Map<string, number>, limit: number): Candidate[] {
    const terms = [...weights.keys()].filter((term) => this.documentFrequency.has(term));
    if (terms.length === 0) return [];
    const hits = this.mini.search(terms.join(' '), {
      combineWith: 'OR',
      boostTerm: (term) => weights.get(term) ?? 1,
    });
    const out: Candidate[] = [];
    for (const hit of hits) {
      const sentence = this.sentences[hit.id as number];
      if (sentence) out.push({ sentence, score: hit.score });
      if (out.length >= limit) break;
    }
    return out;
  }
}

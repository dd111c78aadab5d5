import { TopK } from './top-k.js';
import { bm25Idf } from './bm25-idf.js';

/** An article's place in the article index (dense, assigned by the sentence index as articles arrive). */
export type Slot = number;

export interface ArticleHit {
  slot: Slot;
  score: number;
}

/**
 * BM25F field weights: a title word counts as much as this many body occurrences, a word in the lead
 * (the first LEAD_SENTENCES sentences) this much more than one further down. Chosen on news-chat dev
 * questions: a question names what the story is about, and news puts that in the title and the lead.
 */
const TITLE_WEIGHT = 3;
const LEAD_WEIGHT = 1;
export const LEAD_SENTENCES = 2;
const K1 = 1.2;
const B = 0.75;
const TITLE_B = 0.5;

/** What the article index needs to know of one article's analysis. */
export interface ArticleTerms {
  titleTerms: readonly string[];
  sentences: readonly { terms: readonly string[] }[];
}

function distinctTerms({ titleTerms, sentences }: ArticleTerms): Set<string> {
  const terms = new Set(titleTerms);
  for (const { terms: sentenceTerms } of sentences) for (const term of sentenceTerms) terms.add(term);
  return terms;
}

/**
 * Article-level BM25F over title, lead and body, built from the same normalised terms as the sentence
 * index. Body and lead term frequencies are not stored twice: the sentence index feeds its own postings
 * through `addPosting` while it scans them for sentence candidates, so ranking articles costs one extra
 * array update per posting and is bounded by the same posting budget. Titles have their own small
 * postings; article frequencies are kept (and persisted) for the article-level IDF.
 */
export class ArticleIndex {
  private readonly titles = new Map<string, Slot[]>();
  /** Articles holding each term in any field. */
  readonly frequency: Map<string, number>;
  private titleLength = new Float64Array(0);
  private bodyLength = new Float64Array(0);
  private live = 0;
  private totalTitle = 0;
  private totalBody = 0;
  /** Per-term and per-question accumulators by slot, reused across questions. */
  private termTilde = new Float64Array(0);
  private termTouched = new Int32Array(0);
  private termFound = 0;
  private scores = new Float64Array(0);
  private touched = new Int32Array(0);
  private found = 0;
  /** B over the average body length, fixed for a question (one multiplication per posting). */
  private bodyScale = 0;

  constructor(frequency?: Map<string, number>) {
    this.frequency = frequency ?? new Map();
  }

  get articleCount(): number {
    return this.live;
  }

  /** Adds an article; `counted` false when its terms are already in `frequency` (restored from a snapshot). */
  add(slot: Slot, article: ArticleTerms, counted = false): void {
    this.reserve(slot + 1);
    for (const term of article.titleTerms) {
      const slots = this.titles.get(term);
      if (slots) slots.push(slot);
      else this.titles.set(term, [slot]);
    }
    const body = article.sentences.reduce((sum, s) => sum + s.terms.length, 0);
    this.titleLength[slot] = article.titleTerms.length;
    this.bodyLength[slot] = body;
    this.totalTitle += article.titleTerms.length;
    this.totalBody += body;
    this.live++;
    if (!counted) for (const term of distinctTerms(article)) this.frequency.set(term, (this.frequency.get(term) ?? 0) + 1);
  }

  remove(slot: Slot, article: ArticleTerms): void {
    for (const term of new Set(article.titleTerms)) {
      const left = this.titles.get(term)?.filter((s) => s !== slot) ?? [];
      if (left.length > 0) this.titles.set(term, left);
      else this.titles.delete(term);
    }
    this.totalTitle -= this.titleLength[slot]!;
    this.totalBody -= this.bodyLength[slot]!;
    this.titleLength[slot] = 0;
    this.bodyLength[slot] = 0;
    this.live--;
    for (const term of distinctTerms(article)) {
      const left = (this.frequency.get(term) ?? 1) - 1;
      if (left > 0) this.frequency.set(term, left);
      else this.frequency.delete(term);
    }
  }

  /** Starts scoring a question. */
  begin(): void {
    this.bodyScale = B / Math.max(1, this.totalBody / Math.max(1, this.live));
  }

  /** One body posting of the current term: `tf` occurrences in a sentence of the article at `slot`. */
  addPosting(slot: Slot, tf: number, lead: boolean): void {
    this.touch(slot, lead ? tf * (1 + LEAD_WEIGHT) : tf);
  }

  /**
   * Closes the current term: normalises its body frequencies by article length (once per article here rather than
   * once per posting, which keeps the article lengths out of the posting loop), adds its title matches and folds
   * its frequencies into the article scores.
   */
  endTerm(term: string, weight: number): void {
    for (let i = 0; i < this.termFound; i++) {
      const slot = this.termTouched[i]!;
      this.termTilde[slot] = this.termTilde[slot]! / (1 - B + this.bodyScale * this.bodyLength[slot]!);
    }
    const averageTitle = Math.max(1, this.totalTitle / Math.max(1, this.live));
    for (const slot of this.titles.get(term) ?? [])
      this.touch(slot, TITLE_WEIGHT / (1 - TITLE_B + (TITLE_B * this.titleLength[slot]!) / averageTitle));
    const df = this.frequency.get(term) ?? 0;
    const idf = bm25Idf(this.live, df);
    for (let i = 0; i < this.termFound; i++) {
      const slot = this.termTouched[i]!;
      const tilde = this.termTilde[slot]!;
      this.termTilde[slot] = 0;
      if (this.scores[slot] === 0) this.touched[this.found++] = slot;
      this.scores[slot] = this.scores[slot]! + (weight * idf * tilde * (K1 + 1)) / (tilde + K1);
    }
    this.termFound = 0;
  }

  /** The best `limit` articles of the question scored since the last call, clearing the accumulators. */
  top(limit: number): ArticleHit[] {
    const best = new TopK(limit);
    for (let i = 0; i < this.found; i++) {
      const slot = this.touched[i]!;
      best.offer(slot, this.scores[slot]!);
      this.scores[slot] = 0;
    }
    this.found = 0;
    return best.sorted().map(({ key, score }) => ({ slot: key, score }));
  }

  private touch(slot: Slot, amount: number): void {
    if (this.termTilde[slot] === 0) this.termTouched[this.termFound++] = slot;
    this.termTilde[slot] = this.termTilde[slot]! + amount;
  }

  private reserve(size: number): void {
    if (this.bodyLength.length >= size) return;
    const capacity = Math.max(size, Math.ceil(this.bodyLength.length * 1.5), 1024);
    const grow = (old: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(old);
      return next;
    };
    this.titleLength = grow(this.titleLength);
    this.bodyLength = grow(this.bodyLength);
    this.termTilde = grow(this.termTilde);
    this.scores = grow(this.scores);
    this.termTouched = new Int32Array(capacity);
    this.touched = new Int32Array(capacity);
  }
}

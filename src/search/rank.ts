import { ANSWER_KINDS, type AnalyzedQuestion } from '../nlp/question.js';
import { Kind } from '../nlp/entities.js';
import { WORD_CLASS } from '../nlp/synonyms.js';
import { stem } from '../nlp/wink.js';
import causalCues from './causal-cues.json' with { type: 'json' };
import type { ArticleCandidate, ArticleSearch, Candidate, IndexedArticle, IndexedSentence } from './article-search.js';
import type { TermVectors } from './term-vectors.js';
import { bm25Idf } from './bm25-idf.js';

/** The re-ranker's signals; each can be switched off to measure what it buys (npm run eval). */
export const SIGNALS = [
  'bm25',
  'coverage',
  'proximity',
  'phrase',
  'answerType',
  'counted',
  'future',
  'addition',
  'title',
  'lead',
  'context',
  'inherited',
  'soft',
  'article',
  'position',
  'short',
  'cutOff',
] as const;
export type Signal = (typeof SIGNALS)[number];

/**
 * Everything an ablation can switch off: the re-ranker's signals, the question's synonym and acronym
 * expansion, and the article stage's extra candidates (the sentences of the best articles).
 */
export const FEATURES = [...SIGNALS, 'synonyms', 'acronyms', 'articles'] as const;
export type Feature = (typeof FEATURES)[number];

/** Weights tuned on dev data only (SQuAD articles 1–24, WikiQA dev). */
export const WEIGHTS: Record<Signal, number> = {
  bm25: 0.25,
  coverage: 2,
  proximity: 0.3,
  phrase: 0.3,
  answerType: 0.8,
  // Dev at 0 / 0.4: news-chat Hit@1 0.637 / 0.644, SQuAD (5,696) 0.705 / 0.709, WikiQA MAP 0.6959 / 0.7010.
  counted: 0.4,
  future: 0.5,
  // Too few dev questions ask "what else" (3) to tune a weight of its own: it has the future's.
  addition: 0.5,
  title: 1.5,
  // On news-chat dev 1 and 1.5 tie (Hit@1 0.534 → 0.566); 1 costs WikiQA dev MAP less (0.0079).
  lead: 1,
  context: 0.6,
  inherited: 1.2,
  soft: 0.4,
  article: 1,
  position: 0.25,
  short: -0.5,
  cutOff: -0.3,
};

/** Sentences with fewer terms than this are captions, headings and fragments more often than answers. */
const SHORT_TERMS = 6;

export interface RankOptions {
  /** Signals to leave out (ablation). */
  disabled?: ReadonlySet<Feature>;
  /** Articles ranked by the article stage; their relevance is the `article` signal (0 for others). */
  articles?: readonly ArticleCandidate[];
  /** Other forms of question terms (an acronym's long form, ...): a sentence holding one covers the term (CREDIT.alias). */
  alternatives?: ReadonlyMap<string, string[][]>;
}

/**
 * What a question term counts in coverage when the sentence holds it only as another form of itself
 * (EFF for Electronic Frontier Foundation), or only through what it refers to ("The company" for Unilever).
 */
export const CREDIT = {
  alias: 0.8,
  inherited: 0.5,
  /** The query weight of another form of a question term (retrieval and highlighting). */
  acronymQuery: 0.3,
  /**
   * Word-vector similarity from which a sentence word counts as another way of saying a question word
   * ("shares" for "stock"): below it, neighbours in the vector space are more often merely on topic.
   */
  softMin: 0.6,
};

export interface Ranked {
  sentence: IndexedSentence;
  score: number;
  /** IDF-weighted share of the question's terms found in the sentence. */
  coverage: number;
  /** Every signal's value before weighting (what a confidence model or a weight fit reads). */
  signals: Record<Signal, number>;
  /** The article's BM25F relevance from the article stage (0 when it was not among the articles ranked). */
  articleScore: number;
}

/** Query terms with their weights (1 for the question's own terms, less for expansions). */
export type TermWeights = Map<string, number>;

/** A query term with what every candidate needs of it, computed once per ranking. */
interface QueryTerm {
  term: string;
  weight: number;
  idf: number;
}

/** What the signals need of the question, computed once per ranking rather than once per candidate. */
interface Query {
  terms: QueryTerm[];
  /** The question's own terms (weight 1), whose IDF every share is a part of. */
  own: QueryTerm[];
  alternatives: ReadonlyMap<string, string[][]>;
  weights: TermWeights;
  /** IDF mass of the question's own terms (weight 1), the denominator of every share. */
  exactIdf: number;
  asked: Set<string>;
  /** The question's adjacent term pairs, in order (repeats kept). */
  pairs: string[];
  /** Question terms of common words (not names or numbers) that a similar word may stand in for. */
  softTerms: QueryTerm[];
  /** Every term a sentence is asked about: the weighted terms and the terms of their other forms. */
  wanted: Set<string>;
}

/**
 * Each question term counts in the shares by its IDF raised to this power. Rare words (names) say which
 * story; the article stage and the title already find it. Damping them gives the common words, which say
 * what about the story is asked ("announced", "revenues"), more of a say. Dev: news-chat Hit@1 0.607 → 0.616 at
 * 0.7–0.9 (0.603 at 0.5 and 0.6, 0.598 at 1.25); WikiQA dev MAP 0.6939 → 0.6954; SQuAD dev unchanged.
 */
export const IDF_POWER = 0.8;

function prepareQuery(
  index: ArticleSearch,
  question: AnalyzedQuestion,
  weights: TermWeights,
  alternatives: ReadonlyMap<string, string[][]> = new Map(),
): Query {
  // A question word no sentence holds is as telling as the rarest one: it must lower the share, not vanish.
  const unseen = bm25Idf(index.sentenceCount, 0);
  const terms = [...weights].map(([term, weight]) => ({ term, weight, idf: (index.idf(term) || (weight >= 1 ? unseen : 0)) ** IDF_POWER }));
  const own = terms.filter((t) => t.weight >= 1);
  const exactIdf = own.reduce((sum, t) => sum + t.idf, 0);
  const pairs = question.sequence.slice(1).map((term, i) => `${question.sequence[i]} ${term}`);
  const common = new Set(question.words.filter((w) => WORD_CLASS[w.pos]).flatMap((w) => w.terms));
  const softTerms = own.filter((t) => common.has(t.term) && index.vectors.has(t.term));
  const wanted = new Set([...weights.keys(), ...[...alternatives.values()].flat(2)]);
  return { terms, own, alternatives, weights, exactIdf, asked: new Set(question.terms), pairs, softTerms, wanted };
}

/** Where the sentence's surroundings hold question terms it lacks itself. */
interface Surroundings {
  title: readonly string[];
  lead: ReadonlySet<string>;
  /** Question terms of the sentence's neighbours and paragraph (contextTerms). */
  around: ReadonlySet<string>;
  inherited: ReadonlySet<string>;
}

/**
 * IDF-weighted shares of the question's own terms that the sentence lacks but its surroundings hold, one share
 * per signal, in one pass over the question. What the sentence inherits is credited once, by `inherited` (and in
 * coverage), never again as title or lead; the lead states what the story is about, as the title does, so it
 * counts the question's words the title lacks.
 */
function borrowedShares(query: Query, held: ReadonlySet<string>, { title, lead, around, inherited }: Surroundings) {
  let inTitle = 0;
  let inLead = 0;
  let inContext = 0;
  let inInherited = 0;
  for (const { term, idf } of query.own) {
    if (held.has(term)) continue;
    if (around.has(term)) inContext += idf;
    if (inherited.has(term)) inInherited += idf;
    else if (title.includes(term)) inTitle += idf;
    else if (lead.has(term)) inLead += idf;
  }
  // With no IDF mass (no own term), every share is 0.
  const total = query.exactIdf > 0 ? query.exactIdf : Infinity;
  return { title: inTitle / total, lead: inLead / total, context: inContext / total, inherited: inInherited / total };
}

/**
 * IDF-weighted share of the question's terms that the sentence holds: expansion terms (synonyms) count at their
 * lower weight, a question term the sentence holds in another form (an acronym for its long form) at CREDIT.alias,
 * and one found only among its inherited terms at CREDIT.inherited.
 */
function coverage(query: Query, held: ReadonlySet<string>, inherited: ReadonlySet<string>): number {
  let found = 0;
  for (const { term, weight, idf } of query.terms) {
    if (held.has(term)) found += idf * weight;
    else if (weight < 1) continue;
    else if (query.alternatives.get(term)?.some((form) => form.every((t) => held.has(t)))) found += idf * CREDIT.alias;
    else if (inherited.has(term)) found += idf * CREDIT.inherited;
  }
  return query.exactIdf > 0 ? Math.min(1, found / query.exactIdf) : 0;
}

/** Distinct matched terms over the length of the shortest window holding them all. */
function proximity(terms: string[], weights: TermWeights): number {
  const wanted = new Set(terms.filter((t) => weights.has(t)));
  if (wanted.size < 2) return 0;
  const counts = new Map<string, number>();
  let best = Infinity;
  let left = 0;
  for (let right = 0; right < terms.length; right++) {
    const term = terms[right]!;
    if (!wanted.has(term)) continue;
    counts.set(term, (counts.get(term) ?? 0) + 1);
    while (counts.size === wanted.size) {
      best = Math.min(best, right - left + 1);
      const leaving = terms[left++]!;
      const count = counts.get(leaving);
      if (count === 1) counts.delete(leaving);
      else if (count !== undefined) counts.set(leaving, count - 1);
    }
  }
  return wanted.size / best;
}

/** Share of the question's adjacent term pairs that stand adjacent in the sentence too. */
function phrase(query: Query, terms: string[]): number {
  if (query.pairs.length === 0) return 0;
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++)
    if (query.weights.has(terms[i]!) && query.weights.has(terms[i - 1]!)) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return query.pairs.filter((pair) => pairs.has(pair)).length / query.pairs.length;
}

/** A question word a similar sentence word may stand in for, with its similarities as they are computed. */
interface SoftTerm extends QueryTerm {
  row: number;
  similar: Map<string, number>;
}

/**
 * IDF-weighted similarity of the question's common words that the sentence lacks to their closest
 * common word in the sentence (names stay out: Nestlé is near Unilever, but is not it). Scaled by
 * the similarity and weighted below coverage, so a soft match always counts for less than the word itself.
 */
function softMatch(query: Query, softTerms: readonly SoftTerm[], vectors: TermVectors, sentence: IndexedSentence): number {
  let found = 0;
  // A word the query already credits (a question word, a synonym, an acronym form) is not counted twice; a name is only ever itself.
  let others: string[] | undefined;
  for (const { term, idf, row, similar } of softTerms) {
    if (sentence.terms.includes(term) || sentence.inherited.includes(term)) continue;
    others ??= sentence.terms.filter((other) => !query.weights.has(other) && !sentence.names.includes(other));
    let best = 0;
    for (const other of others) {
      let similarity = similar.get(other);
      if (similarity === undefined) similar.set(other, (similarity = vectors.rowSimilarity(row, vectors.row(other))));
      if (similarity > best) best = similarity;
    }
    if (best >= CREDIT.softMin) found += idf * best;
  }
  return query.exactIdf > 0 ? found / query.exactIdf : 0;
}

/** Sentences the results are drawn from: ask() ranks 10 beyond those it shows (RANKED_AHEAD) for near-duplicates. */
const SOFT_POOL = 25;

/**
 * Adds the soft signal to the sentences that could still reach the first SOFT_POOL with it: a soft
 * match adds at most WEIGHTS.soft times the soft terms' share of the question's IDF, so one scoring
 * below the SOFT_POOL-th best by more than that never can. Comparing word vectors is the costliest
 * signal; this keeps answer time flat in the pool size, and the first SOFT_POOL exactly as they would be.
 */
function addSoftMatches(ranked: Ranked[], query: Query, vectors: TermVectors): void {
  const softTerms = query.softTerms.map((t) => ({ ...t, row: vectors.row(t.term), similar: new Map<string, number>() }));
  const largestLift = (WEIGHTS.soft * softTerms.reduce((sum, t) => sum + t.idf, 0)) / query.exactIdf;
  const scores = ranked.map((r) => r.score).sort((a, b) => b - a);
  const floor = (scores[Math.min(SOFT_POOL, scores.length) - 1] ?? 0) - largestLift;
  for (const r of ranked) {
    if (r.score < floor) continue;
    r.signals.soft = softMatch(query, softTerms, vectors, r.sentence);
    r.score += WEIGHTS.soft * r.signals.soft;
  }
}

const DIGIT = /\d/;
/**
 * Figures written in words ("seven pct", "six dlrs"), as index terms; not "one", which is as often a pronoun
 * ("one of the reactors") as a figure.
 */
const NUMBER_WORDS = new Set(
  'two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred thousand million billion dozen'
    .split(' ')
    .map((word) => stem(word)),
);
const isFigure = (term: string) => DIGIT.test(term) || NUMBER_WORDS.has(term);
/** Connectives that mark a causal statement, learned from dev why-questions by eval/fit-causal-cues.ts. */
const CAUSAL = new RegExp(`\\b(${causalCues.cues.join('|')})\\b`, 'i');

/** Whether the sentence holds the kind of thing the question asks for, beyond what the question says. */
function answerType(question: AnalyzedQuestion, asked: Set<string>, sentence: IndexedSentence): number {
  if (question.type === 'reason') return CAUSAL.test(sentence.article.body.slice(sentence.start, sentence.end)) ? 1 : 0;
  const needed = ANSWER_KINDS[question.type];
  if (!needed || !(sentence.kinds & needed)) return 0;
  if (needed & Kind.name) return sentence.names.some((name) => !asked.has(name)) ? 1 : 0;
  // A number the question itself holds ("Super Bowl 50") is not an answer; a new one is. "Two" is a figure, but no date.
  const figure = needed & (Kind.date | Kind.time) ? (term: string) => DIGIT.test(term) : isFigure;
  return sentence.terms.some((term) => figure(term) && !asked.has(term)) ? 1 : 0.5;
}

/** Terms after a figure that may name what it counts ("11 rounds of talks", "five times"). */
const COUNTED_REACH = 2;

/**
 * Whether the sentence gives a figure of what the question counts (AnalyzedQuestion.counted): a new figure with the
 * counted noun, or a unit of the measure asked, right after it.
 */
function counted(question: AnalyzedQuestion, asked: Set<string>, sentence: IndexedSentence): number {
  const thing = question.counted;
  if (thing.length === 0) return 0;
  const terms = sentence.terms;
  for (let i = 0; i < terms.length; i++) {
    if (!isFigure(terms[i]!) || asked.has(terms[i]!)) continue;
    for (let j = i + 1; j <= i + COUNTED_REACH && j < terms.length; j++) if (thing.includes(terms[j]!)) return 1;
  }
  return 0;
}

/**
 * Question terms in the sentences around one: the rest of its paragraph and its two neighbours. A
 * question is often written about a passage, so words it shares with the passage count for its sentences.
 */
function contextTerms(index: ArticleSearch, weights: TermWeights, sentence: IndexedSentence): Set<string> {
  const terms = new Set<string>();
  for (const step of [-1, 1]) {
    for (let offset = step; ; offset += step) {
      const other = index.neighbour(sentence, offset);
      if (!other || (Math.abs(offset) > 1 && other.paragraph !== sentence.paragraph)) break;
      for (const term of other.terms) if (weights.has(term)) terms.add(term);
    }
  }
  return terms;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The terms of a sentence that the query asks about. Only those: sets of all their terms, for the hundreds of
 * candidates, were 0.18 MB of the 1.4 MB an answer allocated at Reuters size, and each young-generation collection
 * (2–4 ms) lands in some answer.
 */
function heldTerms(query: Query, terms: readonly string[]): Set<string> {
  const held = new Set<string>();
  for (const term of terms) if (query.wanted.has(term)) held.add(term);
  return held;
}

/** The terms the query asks about in an article's first sentence, read once per ranking. */
function leadTerms(
  index: ArticleSearch,
  query: Query,
  leads: Map<IndexedArticle, ReadonlySet<string>>,
  article: IndexedArticle,
): ReadonlySet<string> {
  let lead = leads.get(article);
  if (!lead) {
    const first = article.sentenceIds[0];
    const terms = first === undefined ? undefined : index.sentence(first)?.terms;
    lead = terms ? heldTerms(query, terms) : NONE;
    leads.set(article, lead);
  }
  return lead;
}

/** Best score first; ties go to the earlier article position, then to the lower id, so results are deterministic. */
export const bestFirst = (a: Ranked, b: Ranked): number =>
  b.score - a.score || a.sentence.position - b.sentence.position || a.sentence.id - b.sentence.id;

/** Re-scores BM25 candidates with the signals of an extractive QA ranker, best first. */
export function rerank(
  index: ArticleSearch,
  question: AnalyzedQuestion,
  weights: TermWeights,
  candidates: Candidate[],
  options: RankOptions = {},
): Ranked[] {
  const off = options.disabled ?? new Set<Feature>();
  const maxBm25 = Math.max(...candidates.map((c) => c.score), 1e-9);
  const query = prepareQuery(index, question, weights, options.alternatives);
  const leads = new Map<IndexedArticle, ReadonlySet<string>>();
  const relevance = new Map((options.articles ?? []).map((a) => [a.article, a.score]));
  const maxRelevance = Math.max(...relevance.values(), 1e-9);
  const ranked = candidates.map(({ sentence, score: bm25 }) => {
    const held = heldTerms(query, sentence.terms);
    const inherited = sentence.inherited.length > 0 ? new Set(sentence.inherited) : NONE;
    const cover = coverage(query, held, inherited);
    const borrowed = borrowedShares(query, held, {
      title: sentence.article.titleTerms,
      lead: leadTerms(index, query, leads, sentence.article),
      around: contextTerms(index, weights, sentence),
      inherited,
    });
    const articleScore = relevance.get(sentence.article) ?? 0;
    const values: Record<Signal, number> = {
      bm25: bm25 / maxBm25,
      coverage: cover,
      proximity: proximity(sentence.terms, weights),
      phrase: phrase(query, sentence.terms),
      answerType: answerType(question, query.asked, sentence),
      counted: counted(question, query.asked, sentence),
      future: question.future && sentence.kinds & Kind.future ? 1 : 0,
      addition: question.addition && sentence.kinds & Kind.addition ? 1 : 0,
      title: borrowed.title,
      lead: borrowed.lead,
      context: borrowed.context,
      inherited: borrowed.inherited,
      // Added below for the sentences that can still reach the results (addSoftMatches).
      soft: 0,
      article: articleScore / maxRelevance,
      position: 1 / (1 + sentence.position / 3),
      short: Math.max(0, 1 - sentence.terms.length / SHORT_TERMS),
      cutOff: sentence.cutOff ? 1 : 0,
    };
    let score = 0;
    for (const signal of SIGNALS) if (!off.has(signal)) score += WEIGHTS[signal] * values[signal];
    return { sentence, score, coverage: cover, signals: values, articleScore };
  });
  if (!off.has('soft') && query.softTerms.length > 0) addSoftMatches(ranked, query, index.vectors);
  return ranked.sort(bestFirst);
}

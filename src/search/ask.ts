import type { Span } from '../articles/article.js';
import { analyzeText, type AnalyzedToken } from '../nlp/analyze.js';
import { Kind } from '../nlp/entities.js';
import { abbreviationAlternatives, type Correction } from '../nlp/chat-forms.js';
import { analyzeQuestion, ANSWER_KINDS, type AnalyzedQuestion } from '../nlp/question.js';
import { WORD_CLASS, wordNet } from '../nlp/synonyms.js';
import { tokenTerms } from '../nlp/terms.js';
import { judge, type ConfidenceSignals } from './confidence.js';
import { collapseNearDuplicates } from './near-duplicates.js';
import { bestFirst, CREDIT, rerank, type Feature, type Ranked, type Signal, type TermWeights } from './rank.js';
import type { ArticleSearch, Candidate, IndexedArticle, IndexedSentence } from './article-search.js';
import { bm25Idf } from './bm25-idf.js';

export const MAX_QUESTION_LENGTH = 500;
export const MAX_RESULTS = 10;
/**
 * Sentences the BM25 stage hands the re-ranker (the best articles' sentences come on top). 200 gave the same
 * news-chat dev answers and 0.001 more SQuAD dev Hit@1 for 1.4 times the answer time: the re-ranker's cost grows
 * with the pool, and what it promotes from far down is mostly already among the best articles' sentences.
 */
const CANDIDATES = 100;
/** Articles the article stage scores (their relevance is a signal), and how many of the best add all their sentences. */
const ARTICLES_SCORED = 50;
const ARTICLES_EXPANDED = 3;
/** Sentences an expanded article adds at most (long features would otherwise crowd the pool). */
const SENTENCES_PER_ARTICLE = 40;
/** Results ask() collapses near-duplicates for beyond those it shows: enough to find the runner-up article. */
const RANKED_AHEAD = 10;
/** Synonyms count this much of an exact match; they come from a word's most frequent senses only. */
export const SYNONYM_WEIGHT = 0.3;
const RELATED_WEIGHT = 0.3;
/** The word of the measure a "how" question asks for ("fast"): welcome in an answer, like a synonym, but not needed. */
const MEASURE_WEIGHT = SYNONYM_WEIGHT;
const SYNONYM_SENSES = 4;
const EXPANSIONS_PER_WORD = 8;

/** A question that cannot be asked, with a message fit to show the person who asked it. */
export class QuestionError extends Error {}

export interface Excerpt {
  /** The sentence exactly as wink split it: a verbatim slice of the article body. */
  text: string;
  articleId: string;
  corpus: string;
  source: string;
  title: string;
  date: string | null;
  /** The article's web address (its `url` header line), or null. */
  url: string | null;
  paragraph: number;
  score: number;
  /** Words of the sentence that matched the question, as written in the sentence. */
  matched: string[];
  /** Where those words stand in `text`. */
  highlights: Span[];
  /** Where the phrase answering the question's type stands in `text` (a date for "when", ...). */
  answer: Span | null;
  cutOff: boolean;
  /** Character range of the sentence in the article body. */
  start: number;
  end: number;
  /** The re-ranker's signals for this sentence, its article's relevance and the margin (see RankSignals). */
  signals?: RankSignals;
}

export interface RankSignals extends Record<Signal, number> {
  /** The article stage's BM25F score of the sentence's article (0 when not among the best articles). */
  articleScore: number;
  /** This sentence's score minus the best score of a sentence from another article. */
  margin: number;
}

export interface AskResult {
  question: string;
  /** The first result probably answers the question (the fitted decision of confidence.ts). */
  confident: boolean;
  /** The fitted probability that the first result answers the question (0 with no results). */
  confidence: number;
  /** What that decision was based on (for eval/fit.ts); absent when a caller builds a result by hand. */
  signals?: ConfidenceSignals;
  results: Excerpt[];
  /** Words of the question read as others than typed (typing slips put right: "adition" as "addition"). */
  corrections: readonly Correction[];
}

export interface AskOptions {
  k?: number;
  /** Results to skip (for "More"). */
  offset?: number;
  disabled?: ReadonlySet<Feature>;
}

/** Checks a question's (or a topic's: `noun`) length and content before any work is done. */
export function validateQuestion(raw: string, noun = 'question'): string {
  const question = raw.replace(/\s+/g, ' ').trim();
  if (!question) throw new QuestionError(`The ${noun} is empty: ask about something in the articles.`);
  if (question.length > MAX_QUESTION_LENGTH)
    throw new QuestionError(`The ${noun} is too long (${question.length} characters; at most ${MAX_QUESTION_LENGTH}).`);
  if (!/[\p{L}\p{N}]/u.test(question)) throw new QuestionError(`The ${noun} has no words to search for.`);
  return question;
}

/** Sentences a term may be held by and still be read as a slip the archive holds too ("inury" for injury). */
const SLIP_SENTENCES = 3;

/** A question as the archive's words read it: see analyzeQuestion (a possessive typed without its apostrophe, a typo). */
export function analyzeAgainst(index: ArticleSearch, text: string): AnalyzedQuestion {
  return analyzeQuestion(
    text,
    (term) => index.idf(term),
    (term) => index.acronyms.readings(term).length > 0,
    { slipFrom: bm25Idf(index.sentenceCount, SLIP_SENTENCES), archiveName: (term) => heldAsName(index, term) },
  );
}

/**
 * Whether the archive holds a term as a name: one of the few sentences BM25 ranks first for it holds it as a name
 * (asked of a rare term, and of what a name typed with its capital may be a slip of).
 */
function heldAsName(index: ArticleSearch, term: string): boolean {
  return index.candidates(new Map([[term, 1]]), SLIP_SENTENCES).some(({ sentence }) => sentence.names.includes(term));
}

/** Other forms of the question's terms: the archive's acronyms and short names, and common abbreviations. */
function questionAlternatives(index: ArticleSearch, question: AnalyzedQuestion): Map<string, string[][]> {
  const alternatives = index.acronyms.alternatives(question.sequence);
  for (const [term, forms] of abbreviationAlternatives(question.sequence))
    alternatives.set(term, [...(alternatives.get(term) ?? []), ...forms]);
  return alternatives;
}

/** What a question asks the index for: its weighted terms, and other forms of them (see questionAlternatives). */
export interface QuestionQuery {
  weights: TermWeights;
  alternatives?: ReadonlyMap<string, string[][]>;
}

/** The question's query against an archive: its weights and the archive's other forms of its terms, computed once. */
export function questionQuery(index: ArticleSearch, question: AnalyzedQuestion, disabled?: ReadonlySet<Feature>): QuestionQuery {
  const alternatives = disabled?.has('acronyms') ? undefined : questionAlternatives(index, question);
  return { weights: questionWeights(question, disabled, alternatives), alternatives };
}

/**
 * The question's own terms at weight 1 (the measure word of a "how" question at MEASURE_WEIGHT), plus
 * WordNet expansions of its words below that: related forms ("die" → "death") at RELATED_WEIGHT and
 * synonyms ("fired" → "dismissed") at SYNONYM_WEIGHT, and other forms of its terms (`alternatives`:
 * acronyms, abbreviations) at CREDIT.acronymQuery. An expansion counts only when it is one term: the parts of a
 * hyphenated one ("get-up-and-go" for energy) would each match on their own ("get", "and", "go").
 * People paraphrase, but an exact match must always count for more.
 */
export function questionWeights(
  question: AnalyzedQuestion,
  disabled?: ReadonlySet<Feature>,
  alternatives?: ReadonlyMap<string, string[][]>,
): TermWeights {
  const weights: TermWeights = new Map(question.terms.map((term) => [term, 1]));
  for (const term of question.measures) weights.set(term, MEASURE_WEIGHT);
  for (const forms of alternatives?.values() ?? [])
    for (const term of forms.flat()) weights.set(term, Math.max(weights.get(term) ?? 0, CREDIT.acronymQuery));
  if (disabled?.has('synonyms')) return weights;
  const add = (words: string[], weight: number) => {
    for (const word of words.slice(0, EXPANSIONS_PER_WORD)) {
      const terms = tokenTerms({ value: word, lemma: word, type: 'word' });
      if (terms.length === 1) weights.set(terms[0]!, Math.max(weights.get(terms[0]!) ?? 0, weight));
    }
  };
  for (const word of question.words) {
    const wordClass = WORD_CLASS[word.pos];
    if (!wordClass) continue;
    const { synonyms, related } = wordNet().expansions(word.value, wordClass, SYNONYM_SENSES);
    add(related, RELATED_WEIGHT);
    add(synonyms, SYNONYM_WEIGHT);
  }
  return weights;
}

function sentenceText(sentence: IndexedSentence): string {
  return sentence.article.body.slice(sentence.start, sentence.end);
}

/**
 * Groups answer tokens into runs (allowing the spaces and commas inside a date or a name) and
 * picks the run nearest to the words that matched the question.
 */
function nearestRun(text: string, answerTokens: AnalyzedToken[], matched: AnalyzedToken[]): Span | null {
  const runs: Span[] = [];
  for (const token of answerTokens) {
    const last = runs[runs.length - 1];
    if (last && /^[\s,]*$/.test(text.slice(last.end, token.start))) last.end = token.end;
    else runs.push({ start: token.start, end: token.end });
  }
  const distance = (run: Span) =>
    Math.min(...matched.map((m) => Math.min(Math.abs(m.start - run.end), Math.abs(run.start - m.end))), Infinity);
  let best: Span | null = null;
  for (const run of runs) if (!best || distance(run) < distance(best)) best = run;
  // An abbreviation that ends the sentence ("one pct.") carries the sentence's full stop: the answer stops before
  // it, unless the word is dotted throughout ("U.S.").
  if (best && best.end === text.length && /(^|\s)[^.\s]+\.$/.test(text.slice(best.start, best.end))) best.end -= 1;
  return best;
}

/** A word in capitals ("UKA", "ODPM"): an organisation's initials, never a person's name. */
const INITIALS = /^\p{Lu}{2,}$/u;

/**
 * Whether a token that fits the question's type answers it only when no other does: a year for a figure question
 * ("how many consoles has nintendo sold": not "in 2004"), initials for "who" ("the UKA chief David Moorcroft").
 */
function isLesserAnswer(question: AnalyzedQuestion, token: AnalyzedToken): boolean {
  if (question.type === 'person') return INITIALS.test(token.value);
  return !(ANSWER_KINDS[question.type] & Kind.date) && (token.kinds & Kind.date) !== 0;
}

/** The tokens that can answer the question, not those it asks about (the lesser answers only when no others). */
function answerTokens(tokens: AnalyzedToken[], question: AnalyzedQuestion): AnalyzedToken[] {
  const needed = ANSWER_KINDS[question.type];
  if (!needed) return [];
  const asked = new Set(question.terms);
  const fitting = tokens.filter((t) => t.kinds & needed && !t.terms.some((term) => asked.has(term)));
  const better = fitting.filter((t) => !isLesserAnswer(question, t));
  return better.length > 0 ? better : fitting;
}

function toExcerpt(ranked: Ranked, question: AnalyzedQuestion, weights: TermWeights, margin: number): Excerpt {
  const { sentence } = ranked;
  const text = sentenceText(sentence);
  // Token offsets are not kept per sentence (memory at 650k sentences): only the k shown are re-tokenised.
  const tokens = analyzeText(text).flatMap((s) => s.tokens);
  const matchedTokens = tokens.filter((t) => t.terms.some((term) => weights.has(term)));
  const answer = nearestRun(text, answerTokens(tokens, question), matchedTokens);
  return {
    text,
    articleId: sentence.article.id,
    corpus: sentence.article.corpus,
    source: sentence.article.source,
    title: sentence.article.title,
    date: sentence.article.date,
    url: sentence.article.url ?? null,
    paragraph: sentence.paragraph,
    score: Math.round(ranked.score * 1000) / 1000,
    matched: [...new Set(matchedTokens.map((t) => t.value))],
    highlights: matchedTokens.map((t) => ({ start: t.start, end: t.end })),
    answer,
    cutOff: sentence.cutOff,
    start: sentence.start,
    end: sentence.end,
    signals: roundValues({ ...ranked.signals, articleScore: ranked.articleScore, margin }),
  };
}

/** Signals rounded as scores are: an index restored from a snapshot may differ in the last bits. */
function roundValues<T extends Record<string, number>>(values: T): T {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, Math.round(value * 1e4) / 1e4])) as T;
}

/** Each result's score minus the best score of a sentence from another article (how clearly it wins). */
function margins(ranked: readonly Ranked[]): number[] {
  const best = ranked[0];
  const runnerUp = ranked.find((r) => r.sentence.article !== best?.sentence.article);
  return ranked.map((r) => {
    const other = r.sentence.article === best?.sentence.article ? runnerUp : best;
    return other ? r.score - other.score : r.score;
  });
}

/**
 * The candidate pool: the sentence-level BM25 candidates, plus every sentence of the best few
 * articles (a sentence that calls its subject "the company" shares few words with a question that
 * names it, but its article does), with the articles' scores for the re-ranker and the pool as a set.
 */
function retrieveCandidates(index: ArticleSearch, weights: TermWeights, disabled?: ReadonlySet<Feature>) {
  const { sentences, articles } = index.retrieve(weights, CANDIDATES, ARTICLES_SCORED);
  const pooled = new Set(sentences.map((c) => c.sentence));
  if (disabled?.has('articles')) return { candidates: sentences, articles, pooled };
  const candidates = [...sentences];
  for (const { article } of articles.slice(0, ARTICLES_EXPANDED)) candidates.push(...otherSentences(index, weights, article, pooled));
  return { candidates, articles, pooled };
}

/** An article's sentences not yet in the pool (added to it), as candidates with no BM25 score of their own. */
function otherSentences(index: ArticleSearch, weights: TermWeights, article: IndexedArticle, pooled: Set<IndexedSentence>): Candidate[] {
  const added: Candidate[] = [];
  for (const id of article.sentenceIds.slice(0, SENTENCES_PER_ARTICLE)) {
    const sentence = index.sentence(id);
    // A sentence that shares nothing with the question, not even through what it refers to, answers nothing.
    const related = sentence && (sentence.terms.some((t) => weights.has(t)) || sentence.inherited.some((t) => weights.has(t)));
    if (sentence && related && !pooled.has(sentence)) {
      pooled.add(sentence);
      added.push({ sentence, score: 0 });
    }
  }
  return added;
}

/**
 * Ranked sentences for an analysed question, near-duplicates (syndicated copies) collapsed, the best
 * `limit` of them. The candidates default to the index's two retrieval stages; answer-sentence selection
 * passes its own pool.
 */
export function rankQuestion(
  index: ArticleSearch,
  question: AnalyzedQuestion,
  { weights, alternatives }: QuestionQuery,
  disabled?: ReadonlySet<Feature>,
  pool?: Candidate[],
  limit?: number,
): Ranked[] {
  if (pool) return collapseNearDuplicates(rerank(index, question, weights, pool, { disabled, alternatives }), limit);
  const { candidates, articles, pooled } = retrieveCandidates(index, weights, disabled);
  const options = { disabled, articles, alternatives };
  const ranked = rerank(index, question, weights, candidates, options);
  // The best sentence's article is the story asked about, even where the article stage ranked it below the
  // ones it expanded: its other sentences get a look too. Scored on their own, they score as they would in the
  // pool (no BM25 of their own, so the pool's BM25 scale does not move).
  const best = ranked[0]?.sentence.article;
  const extra = best && !disabled?.has('articles') ? otherSentences(index, weights, best, pooled) : [];
  if (extra.length > 0) ranked.push(...rerank(index, question, weights, extra, options));
  return collapseNearDuplicates(ranked.sort(bestFirst), limit);
}

/** Answers a question with the best-matching sentences, each quoted verbatim with its attribution. */
export function ask(index: ArticleSearch, rawQuestion: string, options: AskOptions = {}): AskResult {
  const text = validateQuestion(rawQuestion);
  const k = Math.max(1, Math.min(MAX_RESULTS, options.k ?? 3));
  const offset = Math.max(0, options.offset ?? 0);
  const question = analyzeAgainst(index, text);
  const query = questionQuery(index, question, options.disabled);
  const { weights } = query;
  const ranked = rankQuestion(index, question, query, options.disabled, undefined, offset + k + RANKED_AHEAD);
  const margin = margins(ranked);
  const results = ranked.slice(offset, offset + k).map((r, i) => toExcerpt(r, question, weights, margin[offset + i]!));
  const { confident, confidence, signals } = judge(index, weights, ranked);
  return { question: text, confident, confidence, signals, results, corrections: question.corrections };
}

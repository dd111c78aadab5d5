import type { Span } from '../articles/article.js';
import { analyzeText, type AnalyzedToken } from '../nlp/analyze.js';
import { analyzeQuestion, ANSWER_KINDS, type AnalyzedQuestion } from '../nlp/question.js';
import { WORD_CLASS, wordNet } from '../nlp/synonyms.js';
import { tokenTerms } from '../nlp/terms.js';
import { rerank, type Feature, type Ranked, type TermWeights } from './rank.js';
import type { ArticleSearch, Candidate, IndexedSentence } from './article-search.js';

export const MAX_QUESTION_LENGTH = 500;
export const MAX_RESULTS = 10;
const CANDIDATES = 200;
/** Below this IDF-weighted share of the question found in the best sentence, the answer is not confident. */
const CONFIDENT_COVERAGE = 0.55;
/** Synonyms count this much of an exact match; they come from a word's most frequent senses only. */
export const SYNONYM_WEIGHT = 0.3;
const RELATED_WEIGHT = 0.3;
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
}

export interface AskResult {
  question: string;
  confident: boolean;
  results: Excerpt[];
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

/**
 * The question's own terms at weight 1, plus WordNet expansions of its words below that: related
 * forms ("die" → "death") at RELATED_WEIGHT and synonyms ("fired" → "dismissed") at SYNONYM_WEIGHT.
 * People paraphrase, but an exact match must always count for more.
 */
export function questionWeights(question: AnalyzedQuestion, disabled?: ReadonlySet<Feature>): TermWeights {
  const weights: TermWeights = new Map(question.terms.map((term) => [term, 1]));
  if (disabled?.has('synonyms')) return weights;
  const add = (words: string[], weight: number) => {
    for (const word of words.slice(0, EXPANSIONS_PER_WORD)) {
      for (const term of tokenTerms({ value: word, lemma: word, type: 'word' }))
        weights.set(term, Math.max(weights.get(term) ?? 0, weight));
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
  return best;
}

function toExcerpt(ranked: Ranked, question: AnalyzedQuestion, weights: TermWeights): Excerpt {
  const { sentence } = ranked;
  const text = sentenceText(sentence);
  // Token offsets are not kept per sentence (memory at 650k sentences): only the k shown are re-tokenised.
  const tokens = analyzeText(text).flatMap((s) => s.tokens);
  const matchedTokens = tokens.filter((t) => t.terms.some((term) => weights.has(term)));
  const needed = ANSWER_KINDS[question.type];
  const asked = new Set(question.terms);
  const answerTokens = needed ? tokens.filter((t) => t.kinds & needed && !t.terms.some((term) => asked.has(term))) : [];
  const answer = nearestRun(text, answerTokens, matchedTokens);
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
  };
}

/**
 * Ranked sentences for an analysed question, near-duplicates (syndicated copies) collapsed. The
 * candidates default to the index's BM25 retrieval; answer-sentence selection passes its own pool.
 */
export function rankQuestion(
  index: ArticleSearch,
  question: AnalyzedQuestion,
  weights: TermWeights,
  disabled?: ReadonlySet<Feature>,
  candidates: Candidate[] = index.candidates(weights, CANDIDATES),
): Ranked[] {
  const ranked = rerank(index, question, weights, candidates, { disabled });
  const seen = new Set<string>();
  return ranked.filter(({ sentence }) => {
    const key = sentence.terms.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Answers a question with the best-matching sentences, each quoted verbatim with its attribution. */
export function ask(index: ArticleSearch, rawQuestion: string, options: AskOptions = {}): AskResult {
  const text = validateQuestion(rawQuestion);
  const k = Math.max(1, Math.min(MAX_RESULTS, options.k ?? 3));
  const offset = Math.max(0, options.offset ?? 0);
  const question = analyzeQuestion(text);
  const weights = questionWeights(question, options.disabled);
  const ranked = rankQuestion(index, question, weights, options.disabled);
  const results = ranked.slice(offset, offset + k).map((r) => toExcerpt(r, question, weights));
  const confident = (ranked[0]?.coverage ?? 0) >= CONFIDENT_COVERAGE;
  return { question: text, confident, results };
}

import { isCalendarDate } from '../articles/parse.js';
import { analyzeAgainst, questionWeights, validateQuestion } from '../search/ask.js';
import { rerank, type Ranked } from '../search/rank.js';
import type { ArticleSearch, IndexedArticle } from '../search/article-search.js';
import { selectSentences } from './select.js';
import {
  candidatesOf,
  DEFAULT_WEIGHTS,
  scoreCandidates,
  sentencesOf,
  toSummarySentence,
  withDefaultBudget,
  type SummaryOptions,
  type SummarySentence,
} from './summarize.js';

/** A topic that cannot be summarised, with a message fit to show the person who asked. */
export class SummaryError extends Error {}

export interface TopicOptions extends SummaryOptions {
  /** Only articles dated on or after this day (YYYY-MM-DD); undated articles are then left out. */
  from?: string;
  /** Only articles dated on or before this day (YYYY-MM-DD). */
  to?: string;
  /** At most this many articles feed the summary. */
  articles?: number;
}

export interface TopicSummary {
  query: string;
  /** The articles the summary drew on, most relevant first. */
  articles: IndexedArticle[];
  /** Chosen sentences: articles oldest first (undated last), each article's sentences in order. */
  sentences: SummarySentence[];
}

export const DEFAULT_TOPIC_ARTICLES = 5;
/** BM25 candidates looked at before the date filter, and after it. */
const RETRIEVED = 2000;
const RERANKED = 200;
/** An article counts for the topic when one of its sentences holds this IDF-weighted share of the query. */
const RELEVANT_COVERAGE = 0.5;
/** An article whose sentences are this much the same as a kept one is a syndicated copy. */
const SYNDICATED = 0.8;
/** How much a sentence's own match with the query adds to its graph and position score. */
const RELEVANCE_WEIGHT = 1;

function checkRange(from?: string, to?: string): void {
  for (const [name, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (day !== undefined && !isCalendarDate(day)) throw new SummaryError(`"${name}" must be a date written YYYY-MM-DD (got "${day}").`);
  }
  if (from && to && from > to) throw new SummaryError(`"from" (${from}) is after "to" (${to}).`);
}

function inRange(article: IndexedArticle, from?: string, to?: string): boolean {
  if (!from && !to) return true;
  if (!article.date) return false;
  return (!from || article.date >= from) && (!to || article.date <= to);
}

function sentenceKeys(article: IndexedArticle, index: ArticleSearch): Set<string> {
  return new Set(sentencesOf(article, index).map((s) => s.terms.join(' ')));
}

/** True when most of `keys` (an article's sentences) are in `other`: a syndicated copy. */
function sameStory(keys: Set<string>, other: Set<string>): boolean {
  let shared = 0;
  for (const key of keys) if (other.has(key)) shared++;
  return keys.size > 0 && shared / keys.size >= SYNDICATED;
}

/** Articles with a sentence that matches the query well, best first, syndicated copies dropped. */
function relevantArticles(index: ArticleSearch, ranked: Ranked[], limit: number): IndexedArticle[] {
  const kept: { article: IndexedArticle; keys: Set<string> }[] = [];
  const seen = new Set<string>();
  for (const { sentence, coverage } of ranked) {
    if (kept.length >= limit) break;
    const { article } = sentence;
    if (coverage < RELEVANT_COVERAGE || seen.has(article.id)) continue;
    seen.add(article.id);
    const keys = sentenceKeys(article, index);
    if (!kept.some((k) => sameStory(keys, k.keys))) kept.push({ article, keys });
  }
  return kept.map((k) => k.article);
}

/**
 * A summary of what the articles say about a topic: the most relevant articles (within the date
 * range), syndicated copies collapsed, then the best sentences across them by query-biased LexRank,
 * position and match with the query. Every sentence keeps the article it came from.
 */
export function summarizeTopic(index: ArticleSearch, rawQuery: string, options: TopicOptions = {}): TopicSummary {
  let query: string;
  try {
    query = validateQuestion(rawQuery, 'topic');
  } catch (error) {
    throw new SummaryError((error as Error).message);
  }
  checkRange(options.from, options.to);
  const analyzed = analyzeAgainst(index, query);
  const weights = questionWeights(analyzed);
  const candidates = index
    .candidates(weights, RETRIEVED)
    .filter((c) => inRange(c.sentence.article, options.from, options.to))
    .slice(0, RERANKED);
  const ranked = rerank(index, analyzed, weights, candidates);
  const articles = relevantArticles(index, ranked, options.articles ?? DEFAULT_TOPIC_ARTICLES);
  if (articles.length === 0) return { query, articles, sentences: [] };

  const relevance = new Map(ranked.map((r) => [r.sentence.id, r.coverage]));
  const pool = candidatesOf(articles.flatMap((article) => sentencesOf(article, index)));
  const bias = pool.map((c) => 0.1 + (relevance.get(c.sentence.id) ?? 0));
  scoreCandidates(pool, options.weights ?? DEFAULT_WEIGHTS, bias);
  for (const c of pool) c.score += RELEVANCE_WEIGHT * (relevance.get(c.sentence.id) ?? 0);
  const rank = new Map(articles.map((a, i) => [a.id, i]));
  const chosen = selectSentences(pool, withDefaultBudget(options)).sort(
    (a, b) =>
      (a.sentence.article.date ?? '9999').localeCompare(b.sentence.article.date ?? '9999') ||
      rank.get(a.sentence.article.id)! - rank.get(b.sentence.article.id)! ||
      a.sentence.position - b.sentence.position,
  );
  return { query, articles, sentences: chosen.map(toSummarySentence) };
}

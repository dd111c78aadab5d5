import type { ArticleSearch, IndexedArticle } from '../search/article-search.js';
import { sentencesOf, summarizeArticle } from '../summarize/summarize.js';
import { HOUR, localDate } from './schedule.js';
import type { DigestRecord, MessagePayload } from './store.js';

/** What the digest reads from the index. */
export type ArticleSource = Pick<ArticleSearch, 'allArticles' | 'sentence' | 'idf'>;

/** A summary longer than this would crowd the digest; such sentences are passed over. */
const SUMMARY_MAX_CHARS = 600;
/** A second sentence is added while the summary stays this short. */
const SUMMARY_PAIR_CHARS = 400;

/** Which articles count as new for one digest (its window). */
export interface DigestWindow {
  /** Dated articles count when dated after this local day (and not after the digest's own day). */
  datedAfter: string;
  upTo: string;
  /** Any article first seen after this instant counts (arrived since the previous digest). */
  arrivedAfter: number;
  /** Already listed by the previous digest. */
  exclude: ReadonlySet<string>;
}

/**
 * New since the previous digest: dated after its local day, or arrived since it was made. A
 * server's first digest looks back at most 24 hours. Articles recorded when the store was first
 * created were already in the folder, so they never count as arrivals.
 */
export function digestWindow(
  previous: DigestRecord | undefined,
  date: string,
  at: number,
  timezone: string,
  initializedAt: number,
): DigestWindow {
  if (previous) {
    return {
      datedAfter: previous.date,
      upTo: date,
      arrivedAfter: Math.max(previous.createdAt, initializedAt),
      exclude: new Set(previous.articleIds),
    };
  }
  const dayBefore = at - 24 * HOUR;
  return { datedAfter: localDate(dayBefore, timezone), upTo: date, arrivedAfter: Math.max(dayBefore, initializedAt), exclude: new Set() };
}

export function selectNew(source: ArticleSource, firstSeen: (id: string) => number | undefined, window: DigestWindow): IndexedArticle[] {
  return [...source.allArticles()].filter((article) => {
    if (window.exclude.has(article.id)) return false;
    const dated = article.date !== null && article.date > window.datedAfter && article.date <= window.upTo;
    return dated || (firstSeen(article.id) ?? -Infinity) > window.arrivedAfter;
  });
}

/** `/digest preview date:` — the articles dated that day. */
export function selectDated(source: ArticleSource, date: string): IndexedArticle[] {
  return [...source.allArticles()].filter((article) => article.date === date);
}

/**
 * The summariser's best one or two sentences (complete, verbatim, in article order) within a
 * short budget; when no sentence fits it, the lead.
 */
export function digestSummary(article: IndexedArticle, source: ArticleSource): string[] {
  const chosen = summarizeArticle(source, article, { sentences: 2, chars: SUMMARY_PAIR_CHARS }).map((s) => s.text);
  return chosen.length > 0 ? chosen : leadSummary(article, source);
}

/** One or two complete sentences near the top of the article, verbatim. */
export function leadSummary(article: IndexedArticle, source: ArticleSource): string[] {
  const usable = sentencesOf(article, source)
    .filter((s) => !s.cutOff && s.end - s.start <= SUMMARY_MAX_CHARS)
    .map((s) => article.body.slice(s.start, s.end));
  const [first, second] = usable;
  if (!first) return [];
  return second && first.length + second.length < SUMMARY_PAIR_CHARS ? [first, second] : [first];
}

/**
 * Orders articles by importance: a story that several new articles share comes first (on average,
 * weighted by IDF, how many other new articles carry each of its title and lead terms), then longer
 * articles, then newer, then by title. Linear in the number of terms, so a large batch stays cheap.
 */
export function byImportance(articles: IndexedArticle[], source: ArticleSource): IndexedArticle[] {
  const topics = articles.map((article) => {
    const lead = sentencesOf(article, source)
      .slice(0, 3)
      .flatMap((s) => s.terms);
    return new Set([...article.titleTerms, ...lead]);
  });
  const carriers = new Map<string, number>();
  for (const topic of topics) for (const term of topic) carriers.set(term, (carriers.get(term) ?? 0) + 1);
  // a term in most of the batch ("said", "year") tells no story apart; rare terms weigh more
  const common = Math.max(2, articles.length / 2);
  const score = topics.map((topic, i) => {
    let shared = 0;
    let weight = 0;
    for (const term of topic) {
      const count = carriers.get(term)!;
      if (count > common) continue;
      const idf = source.idf(term);
      shared += idf * (count - 1);
      weight += idf;
    }
    return (weight > 0 ? shared / weight : 0) + 0.05 * Math.log1p(articles[i]!.sentenceIds.length);
  });
  return articles
    .map((article, i) => ({ article, score: score[i]! }))
    .sort(
      (a, b) =>
        b.score - a.score || (b.article.date ?? '').localeCompare(a.article.date ?? '') || a.article.title.localeCompare(b.article.title),
    )
    .map((entry) => entry.article);
}

export interface DigestEntry {
  id: string;
  title: string;
  date: string | null;
  source: string;
  summary: string[];
}

export function toEntries(articles: IndexedArticle[], source: ArticleSource): DigestEntry[] {
  return articles.map((a) => ({ id: a.id, title: a.title, date: a.date, source: a.source, summary: digestSummary(a, source) }));
}

export interface RenderOptions {
  date: string;
  late: boolean;
  /** How many new articles there were in all (more than the entries when the size cut some). */
  total: number;
  quietDay: 'silent' | 'line';
}

/** Turns a digest's entries into the messages to post (the bot renders them for Discord). */
export type Renderer = (entries: DigestEntry[], options: RenderOptions) => MessagePayload[];

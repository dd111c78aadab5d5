import type { IndexedArticle, IndexedSentence } from '../search/sentence-index.js';
import { summarizeArticle } from '../summarize/summarize.js';
import { HOUR, localDate } from './schedule.js';
import type { DigestRecord, MessagePayload } from './store.js';

/** What the digest reads from the index. */
export interface ArticleSource {
  allArticles(): Iterable<IndexedArticle>;
  sentence(id: number): IndexedSentence | undefined;
  idf(term: string): number;
}

/** Discord's limits for one message (https://discord.com/developers/docs/resources/message). */
export const LIMITS = { content: 2000, embeds: 10, embedTotal: 6000, title: 256, description: 4096, footer: 2048 };
/** A summary longer than this would crowd the digest; such sentences are passed over. */
const SUMMARY_MAX_CHARS = 600;
/** A second sentence is added while the summary stays this short. */
const SUMMARY_PAIR_CHARS = 400;

/** Which articles count as new for one digest. */
export interface Coverage {
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
export function coverage(previous: DigestRecord | undefined, date: string, at: number, timezone: string, initializedAt: number): Coverage {
  if (previous) {
    return { datedAfter: previous.date, upTo: date, arrivedAfter: Math.max(previous.createdAt, initializedAt), exclude: new Set(previous.articleIds) };
  }
  const dayBefore = at - 24 * HOUR;
  return { datedAfter: localDate(dayBefore, timezone), upTo: date, arrivedAfter: Math.max(dayBefore, initializedAt), exclude: new Set() };
}

export function selectNew(source: ArticleSource, firstSeen: (id: string) => number | undefined, cover: Coverage): IndexedArticle[] {
  return [...source.allArticles()].filter((article) => {
    if (cover.exclude.has(article.id)) return false;
    const dated = article.date !== null && article.date > cover.datedAfter && article.date <= cover.upTo;
    return dated || (firstSeen(article.id) ?? -Infinity) > cover.arrivedAfter;
  });
}

/** `/digest preview date:` — the articles dated that day. */
export function selectDated(source: ArticleSource, date: string): IndexedArticle[] {
  return [...source.allArticles()].filter((article) => article.date === date);
}

function sentencesOf(article: IndexedArticle, source: ArticleSource): IndexedSentence[] {
  return article.sentenceIds.map((id) => source.sentence(id)).filter((s): s is IndexedSentence => s !== undefined);
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
 * Orders articles by importance: a story that several new articles share comes first (the sum
 * of its topic overlap with the others), then longer articles, then newer, then by title.
 */
export function byImportance(articles: IndexedArticle[], source: ArticleSource): IndexedArticle[] {
  const topics = articles.map((article) => {
    const lead = sentencesOf(article, source).slice(0, 3).flatMap((s) => s.terms);
    return new Set([...article.titleTerms, ...lead]);
  });
  const score = articles.map((article, i) => {
    let shared = 0;
    topics.forEach((other, j) => {
      if (j === i || other.size === 0) return;
      let common = 0;
      for (const term of topics[i]!) if (other.has(term)) common++;
      shared += common / (topics[i]!.size + other.size - common);
    });
    return shared + 0.05 * Math.log1p(article.sentenceIds.length);
  });
  return articles
    .map((article, i) => ({ article, score: score[i]! }))
    .sort((a, b) => b.score - a.score || (b.article.date ?? '').localeCompare(a.article.date ?? '') || a.article.title.localeCompare(b.article.title))
    .map((entry) => entry.article);
}

export interface DigestEntry {
  id: string;
  title: string;
  date: string | null;
  source: string;
  summary: string[];
}

export type Summarizer = (article: IndexedArticle, source: ArticleSource) => string[];

export function toEntries(articles: IndexedArticle[], source: ArticleSource, summarize: Summarizer = digestSummary): DigestEntry[] {
  return articles.map((a) => ({ id: a.id, title: a.title, date: a.date, source: a.source, summary: summarize(a, source) }));
}

/** Article text shown as text: markdown characters escaped (mentions are disabled when sending). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]]/g, '\\$&').replace(/^(\s*)([>#-])/, '$1\\$2');
}

/** Cuts at a word boundary with an ellipsis, for titles and paths that exceed a field's limit. */
function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/\\+$/, '')}…`;
}

type Embed = MessagePayload['embeds'][number];

function embedFor(entry: DigestEntry): Embed {
  const summary = escapeMarkdown(entry.summary.join(' '));
  return {
    title: fit(escapeMarkdown(entry.title), LIMITS.title),
    ...(summary ? { description: fit(summary, LIMITS.description) } : {}),
    footer: { text: fit(`${entry.date ?? 'undated'} · ${entry.source}`, LIMITS.footer) },
  };
}

function embedSize(embed: Embed): number {
  return embed.title.length + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
}

export interface RenderOptions {
  date: string;
  late: boolean;
  /** How many new articles there were in all (more than the entries when the size cut some). */
  total: number;
  quietDay: 'silent' | 'line';
}

/** The marker every part's content starts with; it also finds a posted part in the channel again. */
export function partHeading(date: string, index: number, count: number): string {
  return `**News digest ${date}**${count > 1 ? ` · part ${index + 1}/${count}` : ''}`;
}

/** Packs a digest into messages within Discord's limits: whole embeds, one per article. */
export function renderDigest(entries: DigestEntry[], options: RenderOptions): MessagePayload[] {
  if (entries.length === 0) {
    return options.quietDay === 'line' ? [{ content: `${partHeading(options.date, 0, 1)} · nothing new since the last digest.`, embeds: [] }] : [];
  }
  const groups: Embed[][] = [];
  let size = 0;
  for (const embed of entries.map(embedFor)) {
    const current = groups.at(-1);
    if (!current || current.length === LIMITS.embeds || size + embedSize(embed) > LIMITS.embedTotal) {
      groups.push([embed]);
      size = embedSize(embed);
    } else {
      current.push(embed);
      size += embedSize(embed);
    }
  }
  const shown = entries.length < options.total ? `the ${entries.length} most important of ${options.total} new articles` : `${entries.length} new article${entries.length === 1 ? '' : 's'}`;
  const intro = `${shown}${options.late ? ' · posted late: the bot was offline at the scheduled time' : ''}`;
  return groups.map((embeds, index) => ({
    content: index === 0 ? `${partHeading(options.date, 0, groups.length)} · ${intro}` : partHeading(options.date, index, groups.length),
    embeds,
  }));
}

import type { Excerpt } from '../search/ask.js';
import type { ArticleSearch, IndexedArticle, IndexedSentence } from '../search/article-search.js';
import { lexRank, termVector } from './graph.js';
import { selectSentences, type Budget, type Scored } from './select.js';

/** What an article summary reads from the index: its sentences. */
export type SummarySource = Pick<ArticleSearch, 'sentence'>;

/** How much each signal counts; either can be set to 0 to measure the other alone (npm run eval). */
export interface SummaryWeights {
  /** LexRank centrality of the sentence among the candidates (scaled to 0..1). */
  graph: number;
  /** Prior for sentences near the top of their article (news puts the story first). */
  position: number;
}

/**
 * Tuned on BBC business and politics only: position weights from 0 to 0.2 scored alike there
 * (ROUGE-2 within 0.002), so the prior stays a light tie-break towards the lead.
 */
export const DEFAULT_WEIGHTS: SummaryWeights = { graph: 1, position: 0.05 };
export const DEFAULT_SENTENCES = 3;

export interface SummaryOptions extends Budget {
  weights?: SummaryWeights;
}

/** One chosen sentence, verbatim, attributed like an answer excerpt, with its place in the article. */
export type SummarySentence = Pick<
  Excerpt,
  'text' | 'articleId' | 'corpus' | 'source' | 'title' | 'date' | 'url' | 'paragraph' | 'start' | 'end'
> & {
  /** 0-based position of the sentence in its article. */
  position: number;
};

/** 1 for an article's first sentence, falling off gently with its position. */
export function positionPrior(position: number): number {
  return 1 / (1 + position / 2);
}

/**
 * Sentences of an article a summary is drawn from, its first ones: LexRank compares every pair, so its time grows
 * with the square of the count (4,000 sentences took 7.2 s), and a feed's full-text page can be that long. The
 * longest article of the BBC and Reuters corpora has 247.
 */
const SUMMARISED_SENTENCES = 400;

/** The sentences of an article a summary is drawn from (its first SUMMARISED_SENTENCES). */
export function sentencesOf(article: IndexedArticle, source: SummarySource): IndexedSentence[] {
  return article.sentenceIds
    .slice(0, SUMMARISED_SENTENCES)
    .map((id) => source.sentence(id))
    .filter((s): s is IndexedSentence => s !== undefined);
}

/** Candidates with their vectors, linked to their predecessor in the same article. */
export function candidatesOf(sentences: IndexedSentence[]): Scored[] {
  const byId = new Map<number, Scored>();
  const out = sentences.map((sentence) => {
    const scored: Scored = {
      sentence,
      text: sentence.article.body.slice(sentence.start, sentence.end),
      vector: termVector(sentence.terms),
      score: 0,
    };
    byId.set(sentence.id, scored);
    return scored;
  });
  for (const scored of out) {
    const before = scored.sentence.article.sentenceIds[scored.sentence.position - 1];
    scored.predecessor = before === undefined ? undefined : byId.get(before);
  }
  return out;
}

/** Scores candidates by graph centrality (optionally biased towards a query) and position. */
export function scoreCandidates(candidates: Scored[], weights: SummaryWeights, bias?: number[]): void {
  const graph =
    weights.graph > 0
      ? lexRank(
          candidates.map((c) => c.vector),
          bias,
        )
      : [];
  candidates.forEach((c, i) => {
    c.score = weights.graph * (graph[i] ?? 0) + weights.position * positionPrior(c.sentence.position);
  });
}

export function toSummarySentence({ sentence, text }: Scored): SummarySentence {
  const { article } = sentence;
  return {
    text,
    articleId: article.id,
    corpus: article.corpus,
    source: article.source,
    title: article.title,
    date: article.date,
    url: article.url ?? null,
    paragraph: sentence.paragraph,
    position: sentence.position,
    start: sentence.start,
    end: sentence.end,
  };
}

export function withDefaultBudget(options: Budget): Budget {
  return options.sentences === undefined && options.chars === undefined ? { sentences: DEFAULT_SENTENCES } : options;
}

/** An extractive summary of one article: its best sentences, verbatim, in their original order. */
export function summarizeArticle(source: SummarySource, article: IndexedArticle, options: SummaryOptions = {}): SummarySentence[] {
  const candidates = candidatesOf(sentencesOf(article, source));
  scoreCandidates(candidates, options.weights ?? DEFAULT_WEIGHTS);
  return selectSentences(candidates, withDefaultBudget(options))
    .sort((a, b) => a.sentence.position - b.sentence.position)
    .map(toSummarySentence);
}

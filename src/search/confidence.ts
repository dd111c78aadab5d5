import { CONFIDENCE_MODEL } from './confidence-model.js';
import { SIGNALS, WEIGHTS, type Ranked, type TermWeights } from './rank.js';
import type { ArticleSearch, IndexedSentence } from './article-search.js';
import { bm25Idf } from './bm25-idf.js';

/** What the decision reads of the index. */
type IndexStatistics = Pick<ArticleSearch, 'idf' | 'sentence' | 'sentenceCount'>;

/**
 * Whether the best sentence answers the question: a logistic model over the ranker's own signals,
 * fitted offline on dev data by eval/fit.ts (which writes ./confidence-model.ts). `confident` means
 * "probably right"; the probability itself is kept too, so callers can show or log it.
 */

/** The question's rarest terms, the ones that say what it is about (a name, a specific noun). */
const RARE_TERMS = 3;
/** Results looked at for `sameArticle`. */
const SAME_ARTICLE_SPAN = 3;

/** What the decision sees; every value is computed from the ranked list, the question and the index. */
export interface ConfidenceSignals {
  /** The top sentence's ranker score. */
  score: number;
  /**
   * Top score minus the best score of a sentence from another article; when no other article came back (a small
   * archive), minus the next sentence's: no rival article is no evidence that the question is about this one.
   */
  margin: number;
  /**
   * Top score minus the second result's, whatever its article (as `margin`, against 0 when there is none): most wrong answers are
   * another sentence of the right article, and a close runner-up there means the choice between them was close.
   */
  runnerUp: number;
  /**
   * How early in its article the top sentence stands (the ranker's position signal): a lead restates the whole
   * story, so it matches questions about the story that it does not answer.
   */
  position: number;
  /** What the top sentence's score owes to words around it: its inherited, title and context signals together. */
  borrowed: number;
  /** The top sentence's IDF-weighted share of the question's terms (synonyms at their lower weight). */
  coverage: number;
  /**
   * IDF-weighted share of the question's terms that its article's title lacks, found in the top sentence: the
   * title's words say which story; the others say what about it (1 when the title holds every term).
   */
  focus: number;
  /** IDF-weighted share of the question's rarest terms found in the top sentence. */
  rareInSentence: number;
  /** The same share found anywhere in the top sentence's article (title and every sentence). */
  rareInArticle: number;
  /** Share of the question's own terms that no sentence of the archive holds. */
  unseen: number;
  /**
   * How far the top sentence's article leads the next article in the list by article-stage relevance, relative to
   * its own. Null (missing) when no other article came back, as is `sameArticle`: an archive of one story, or a
   * question only one story matches at all, would read as the widest possible lead, and says nothing.
   */
  articleMargin: number | null;
  /** Share of the first few results that come from the top sentence's article. */
  sameArticle: number | null;
  /** Whether the top sentence holds the kind of thing the question asks for (the ranker's answerType signal). */
  answerType: number;
  /** Share of small changes to the ranker's weights (one halved or doubled) under which the top sentence stays first. */
  stability: number;
}

export const SIGNAL_NAMES = [
  'score',
  'margin',
  'runnerUp',
  'position',
  'borrowed',
  'coverage',
  'focus',
  'rareInSentence',
  'rareInArticle',
  'unseen',
  'articleMargin',
  'sameArticle',
  'answerType',
  'stability',
] as const satisfies readonly (keyof ConfidenceSignals)[];

export type SignalName = (typeof SIGNAL_NAMES)[number];

/**
 * The way each signal can move the odds that the top sentence is right, where its meaning fixes one; npm run
 * fit holds a weight of the other sign at 0 (correlated signals otherwise trade wrong-signed weights that
 * decide cases unlike the dev data). Position and borrowed words are free: a lead, or a sentence read through
 * its neighbours, is right for some questions and wrong for others.
 */
export const SIGNAL_SIGNS: Record<SignalName, 1 | -1 | 0> = {
  score: 1,
  margin: 1,
  runnerUp: 1,
  position: 0,
  borrowed: 0,
  coverage: 1,
  focus: 1,
  rareInSentence: 1,
  rareInArticle: 1,
  unseen: -1,
  articleMargin: 1,
  sameArticle: 1,
  answerType: 1,
  stability: 1,
};

const NO_SIGNALS = Object.fromEntries(SIGNAL_NAMES.map((name) => [name, 0])) as Record<SignalName, number>;

/** A fitted logistic model: p = σ(bias + Σ weight·(value − mean)/scale), confident when p ≥ threshold. */
export interface ConfidenceModel {
  bias: number;
  weights: Record<SignalName, number>;
  /** Standardisation of each signal, as seen in the fitting data; a missing signal counts as its mean (as unknown). */
  mean: Record<SignalName, number>;
  scale: Record<SignalName, number>;
  threshold: number;
}

export interface Judgement {
  confident: boolean;
  /** Probability (per the fitted model) that the top sentence answers the question; 0 with no results. */
  confidence: number;
  signals: ConfidenceSignals;
}

/** IDF-weighted share of `terms` for which `has` holds. */
function share(terms: { term: string; idf: number }[], has: (term: string) => boolean): number {
  let found = 0;
  let total = 0;
  for (const { term, idf } of terms) {
    total += idf;
    if (has(term)) found += idf;
  }
  return total > 0 ? found / total : 0;
}

function articleTerms(index: IndexStatistics, sentence: IndexedSentence): Set<string> {
  const terms = new Set(sentence.article.titleTerms);
  for (const id of sentence.article.sentenceIds) for (const term of index.sentence(id)?.terms ?? []) terms.add(term);
  return terms;
}

/** Results among which `stability` checks that the top one stays first. */
const STABILITY_SPAN = 10;
/** Each weight is halved, then doubled: the same step down and up on a log scale. */
const PERTURBATIONS = [0.5, 2];

/**
 * Share of single-weight changes (each ranker weight halved or doubled in turn) under which the top sentence
 * still comes first: an answer a small change of weights would displace was a close call. The ranking-robustness
 * idea of query performance prediction (Zhou & Croft, CIKM 2006), applied to the ranker's weights; it costs
 * arithmetic only, on signals already computed.
 */
function stability(ranked: readonly Ranked[]): number {
  const first = ranked.slice(0, STABILITY_SPAN);
  if (first.length < 2) return 1;
  let kept = 0;
  for (const signal of SIGNALS) {
    for (const factor of PERTURBATIONS) {
      const score = (r: Ranked) => r.score + (factor - 1) * WEIGHTS[signal] * r.signals[signal];
      const top = score(first[0]!);
      if (first.every((r, i) => i === 0 || score(r) <= top)) kept++;
    }
  }
  return kept / (SIGNALS.length * PERTURBATIONS.length);
}

/** The decision's inputs for a ranked list (best first); all zero when nothing was found. */
export function confidenceSignals(index: IndexStatistics, weights: TermWeights, ranked: readonly Ranked[]): ConfidenceSignals {
  const top = ranked[0];
  const own = [...weights].filter(([, weight]) => weight >= 1).map(([term]) => term);
  // A term no sentence holds is as telling as the rarest one: the question is about something absent.
  const unseenIdf = bm25Idf(index.sentenceCount, 0);
  const idf = (term: string) => index.idf(term) || unseenIdf;
  const rare = own
    .map((term) => ({ term, idf: idf(term) }))
    .sort((a, b) => b.idf - a.idf || (a.term < b.term ? -1 : 1))
    .slice(0, RARE_TERMS);
  const unseen = own.length ? own.filter((term) => index.idf(term) === 0).length / own.length : 0;
  if (!top) return { ...NO_SIGNALS, unseen };
  const article = top.sentence.article;
  const others = ranked.filter((r) => r.sentence.article !== article);
  const other = others[0];
  const otherRelevance = Math.max(0, ...others.map((r) => r.articleScore));
  const first = ranked.slice(0, SAME_ARTICLE_SPAN);
  const inSentence = new Set(top.sentence.terms);
  const inArticle = articleTerms(index, top.sentence);
  const focus = own.filter((term) => !article.titleTerms.includes(term)).map((term) => ({ term, idf: idf(term) }));
  return {
    score: top.score,
    margin: top.score - ((other ?? ranked[1])?.score ?? 0),
    runnerUp: top.score - (ranked[1]?.score ?? 0),
    position: top.signals.position,
    borrowed: top.signals.inherited + top.signals.title + top.signals.lead + top.signals.context,
    coverage: top.coverage,
    focus: focus.length ? share(focus, (t) => inSentence.has(t)) : 1,
    rareInSentence: share(rare, (t) => inSentence.has(t)),
    rareInArticle: share(rare, (t) => inArticle.has(t)),
    unseen,
    articleMargin: other ? (top.articleScore > 0 ? (top.articleScore - otherRelevance) / top.articleScore : 0) : null,
    sameArticle: other ? first.filter((r) => r.sentence.article === article).length / first.length : null,
    answerType: top.signals.answerType,
    stability: stability(ranked),
  };
}

/** The model's probability that the top sentence is right, for given signals. */
export function probability(signals: ConfidenceSignals, model: ConfidenceModel = CONFIDENCE_MODEL): number {
  let z = model.bias;
  for (const name of SIGNAL_NAMES)
    z += (model.weights[name] * ((signals[name] ?? model.mean[name]) - model.mean[name])) / model.scale[name];
  return 1 / (1 + Math.exp(-z));
}

/** Judges a ranked list: confident only when there is a result and the model rates it likely right. */
export function judge(
  index: IndexStatistics,
  weights: TermWeights,
  ranked: readonly Ranked[],
  model: ConfidenceModel = CONFIDENCE_MODEL,
): Judgement {
  const signals = confidenceSignals(index, weights, ranked);
  const confidence = ranked.length ? probability(signals, model) : 0;
  return { confident: ranked.length > 0 && confidence >= model.threshold, confidence, signals };
}

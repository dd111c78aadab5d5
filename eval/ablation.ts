import type { AnalyzedQuestion } from '../src/nlp/question.js';
import { questionQuery, rankQuestion } from '../src/search/ask.js';
import { FEATURES, type Feature, type Ranked } from '../src/search/rank.js';
import type { ArticleSearch, Candidate } from '../src/search/article-search.js';

export interface Variant {
  label: string;
  disabled: ReadonlySet<Feature>;
}

export const FULL: Variant = { label: 'all signals', disabled: new Set() };

/** The full ranker, then each feature switched off in turn. */
export const ABLATION: Variant[] = [FULL, ...FEATURES.map((f) => ({ label: `without ${f}`, disabled: new Set([f]) }))];

/** Exactly what ask() does after analysing the question, with a variant's features switched off. */
export function rankVariant(
  index: ArticleSearch,
  question: AnalyzedQuestion,
  variant: Variant,
  pool?: (weights: Map<string, number>) => Candidate[],
): Ranked[] {
  const query = questionQuery(index, question, variant.disabled);
  return rankQuestion(index, question, query, variant.disabled, pool?.(query.weights));
}

import type { ConfidenceModel } from './confidence.js';

/** Written by `npm run fit` (eval/fit.ts); do not edit by hand. Until the first fit: confident when coverage ≥ 0.55. */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  bias: 0,
  weights: {
    score: 0,
    margin: 0,
    coverage: 1,
    focus: 0,
    rareInSentence: 0,
    rareInArticle: 0,
    unseen: 0,
    articleMargin: 0,
    sameArticle: 0,
    answerType: 0,
  },
  mean: {
    score: 0,
    margin: 0,
    coverage: 0.55,
    focus: 0,
    rareInSentence: 0,
    rareInArticle: 0,
    unseen: 0,
    articleMargin: 0,
    sameArticle: 0,
    answerType: 0,
  },
  scale: {
    score: 1,
    margin: 1,
    coverage: 1,
    focus: 1,
    rareInSentence: 1,
    rareInArticle: 1,
    unseen: 1,
    articleMargin: 1,
    sameArticle: 1,
    answerType: 1,
  },
  threshold: 0.5,
};

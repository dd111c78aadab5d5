import type { ConfidenceModel } from './confidence.js';

/** Written by `npm run fit` (eval/fit.ts) from 120 news-chat dev questions; do not edit by hand. */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  bias: -1.4792,
  weights: {
    score: 0.839737,
    margin: 0.713172,
    coverage: 0.237001,
    focus: 0.371132,
    rareInSentence: -0.968894,
    rareInArticle: 0.403515,
    unseen: -0.563316,
    articleMargin: -0.145793,
    sameArticle: 0.183083,
    answerType: 0.0742165,
  },
  mean: {
    score: 3.43129,
    margin: 0.546055,
    coverage: 0.598465,
    focus: 0.49163,
    rareInSentence: 0.534251,
    rareInArticle: 0.705669,
    unseen: 0.0219494,
    articleMargin: 0.102787,
    sameArticle: 0.597222,
    answerType: 0.627083,
  },
  scale: {
    score: 0.601337,
    margin: 0.57389,
    coverage: 0.20347,
    focus: 0.254335,
    rareInSentence: 0.30522,
    rareInArticle: 0.280837,
    unseen: 0.0668527,
    articleMargin: 0.293791,
    sameArticle: 0.275196,
    answerType: 0.475981,
  },
  threshold: 0.79495,
};

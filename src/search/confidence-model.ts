import type { ConfidenceModel } from './confidence.js';

/** Written by `npm run fit` (eval/fit.ts) from 120 news-chat dev questions; do not edit by hand. */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  bias: -1.65581,
  weights: {
    score: 0.764099,
    margin: 0.911179,
    coverage: 0.13249,
    focus: 0.387495,
    rareInSentence: -0.885429,
    rareInArticle: 0.412865,
    unseen: -1.23568,
    articleMargin: -0.323008,
    sameArticle: 0.0725217,
    answerType: 0.0501806,
  },
  mean: {
    score: 3.46965,
    margin: 0.539595,
    coverage: 0.593214,
    focus: 0.487919,
    rareInSentence: 0.53047,
    rareInArticle: 0.70881,
    unseen: 0.0219494,
    articleMargin: 0.117532,
    sameArticle: 0.598611,
    answerType: 0.627083,
  },
  scale: {
    score: 0.596653,
    margin: 0.570844,
    coverage: 0.203162,
    focus: 0.253833,
    rareInSentence: 0.305318,
    rareInArticle: 0.283061,
    unseen: 0.0668527,
    articleMargin: 0.248823,
    sameArticle: 0.274702,
    answerType: 0.475981,
  },
  threshold: 0.817814,
};

import type { ConfidenceModel } from './confidence.js';

/** Written by `npm run fit` (eval/fit.ts) from 120 news-chat dev questions; do not edit by hand. */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  bias: -1.4792,
  weights: {
    score: 0.839732,
    margin: 0.713163,
    coverage: 0.237032,
    focus: 0.371101,
    rareInSentence: -0.968877,
    rareInArticle: 0.403509,
    unseen: -0.56331,
    articleMargin: -0.145793,
    sameArticle: 0.183095,
    answerType: 0.0742341,
  },
  mean: {
    score: 3.43129,
    margin: 0.546055,
    coverage: 0.598463,
    focus: 0.49163,
    rareInSentence: 0.534249,
    rareInArticle: 0.705668,
    unseen: 0.0219494,
    articleMargin: 0.102787,
    sameArticle: 0.597222,
    answerType: 0.627083,
  },
  scale: {
    score: 0.601337,
    margin: 0.573889,
    coverage: 0.20347,
    focus: 0.254335,
    rareInSentence: 0.305219,
    rareInArticle: 0.280836,
    unseen: 0.0668527,
    articleMargin: 0.293791,
    sameArticle: 0.275196,
    answerType: 0.475981,
  },
  threshold: 0.79495,
};

import type { ConfidenceModel } from './confidence.js';

/** Written by `npm run fit` (eval/fit.ts) from 120 news-chat dev questions; do not edit by hand. */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  bias: -1.4183,
  weights: {
    score: 0.784196,
    margin: 0.874898,
    coverage: 0.0339098,
    focus: 0.372003,
    rareInSentence: -0.801981,
    rareInArticle: 0.416555,
    unseen: -0.532499,
    articleMargin: -0.322676,
    sameArticle: 0.186388,
    answerType: -0.0934617,
  },
  mean: {
    score: 3.47529,
    margin: 0.540445,
    coverage: 0.591059,
    focus: 0.478368,
    rareInSentence: 0.527184,
    rareInArticle: 0.704791,
    unseen: 0.0219494,
    articleMargin: 0.109136,
    sameArticle: 0.604167,
    answerType: 0.677083,
  },
  scale: {
    score: 0.598334,
    margin: 0.577471,
    coverage: 0.199435,
    focus: 0.254331,
    rareInSentence: 0.300511,
    rareInArticle: 0.274873,
    unseen: 0.0668527,
    articleMargin: 0.243125,
    sameArticle: 0.276019,
    answerType: 0.459728,
  },
  threshold: 0.793285,
};

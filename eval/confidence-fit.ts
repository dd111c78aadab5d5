import { SIGNAL_NAMES, SIGNAL_SIGNS, type ConfidenceSignals } from '../src/search/confidence.js';
import { fitLogistic, predict } from './logistic.js';

/**
 * The confidence fit's rows and the logistic fit over them (npm run fit, eval/fit.ts): kept apart from the
 * script so that what it does with a missing signal is tested.
 */

/** Folds for the out-of-fold probabilities (question i goes to fold i mod FOLDS): what the model is worth on questions it was not fitted on. */
export const FOLDS = 5;

export interface Row {
  signals: ConfidenceSignals;
  right: boolean;
  /** A withheld-article question (its answer cannot be right). */
  withheld: boolean;
  fold: number;
}

/** A row of signal values for the fitter, a missing one (null) at its value in `fill`. */
export const values = (s: ConfidenceSignals, fill: readonly number[]) => SIGNAL_NAMES.map((name, j) => s[name] ?? fill[j]!);

/** Each signal's mean over the rows that have it: a missing signal then standardises to 0, as probability() counts it. */
function presentMeans(rows: Row[]): number[] {
  return SIGNAL_NAMES.map((name) => {
    const present = rows.flatMap((r) => r.signals[name] ?? []);
    return present.length ? present.reduce((sum, v) => sum + v, 0) / present.length : 0;
  });
}

/** The logistic fit over the rows, a missing signal filled with its mean over the rows that have it. */
export function fitRows(rows: Row[], l2: number) {
  const fill = presentMeans(rows);
  return fitLogistic(
    rows.map((r) => values(r.signals, fill)),
    rows.map((r) => r.right),
    { l2, signs: SIGNAL_NAMES.map((name) => SIGNAL_SIGNS[name]) },
  );
}

/** Each row's probability from a model fitted on the other folds. */
export function outOfFold(rows: Row[], l2: number): number[] {
  const p = new Array<number>(rows.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const fit = fitRows(
      rows.filter((r) => r.fold !== fold),
      l2,
    );
    rows.forEach((r, i) => {
      if (r.fold === fold) p[i] = predict(fit, values(r.signals, fit.mean));
    });
  }
  return p;
}

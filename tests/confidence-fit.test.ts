import { describe, expect, it } from 'vitest';
import { SIGNAL_NAMES, type ConfidenceSignals } from '../src/search/confidence.js';
import { fitRows, values, type Row } from '../eval/confidence-fit.js';

/** Rows whose `score` and `articleMargin` tell right from wrong; `articleMargin` is missing in every fifth row. */
function row(i: number): Row {
  const right = i % 2 === 0;
  const signals = Object.fromEntries(SIGNAL_NAMES.map((name) => [name, (i % 7) / 7])) as unknown as ConfidenceSignals;
  signals.score = right ? 4 + (i % 3) : 2 + (i % 3);
  signals.articleMargin = i % 5 === 0 ? null : right ? 0.8 : 0.2;
  return { signals, right, withheld: false, fold: i % 5 };
}

describe('the confidence fit (npm run fit)', () => {
  const rows = Array.from({ length: 40 }, (_, i) => row(i));
  const margin = SIGNAL_NAMES.indexOf('articleMargin');

  it('counts a missing signal at its mean over the rows that have it, not as 0', () => {
    const present = rows.flatMap((r) => r.signals.articleMargin ?? []);
    const presentMean = present.reduce((sum, v) => sum + v, 0) / present.length;
    const fit = fitRows(rows, 1);
    expect(fit.mean[margin]).toBeCloseTo(presentMean, 10);
    // Read at the fitted mean, a row without the signal standardises to 0: the model learns nothing from its absence.
    const missing = rows.find((r) => r.signals.articleMargin === null)!;
    expect(values(missing.signals, fit.mean)[margin]).toBe(fit.mean[margin]);
  });

  it('still learns the signal from the rows that have it', () => {
    const fit = fitRows(rows, 1);
    expect(fit.weights[margin]).toBeGreaterThan(0);
  });
});

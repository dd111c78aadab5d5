import { describe, expect, it } from 'vitest';
import { averagePrecision, reciprocalRank, retrievalScores, selectionScores } from '../eval/metrics.js';
import { sample } from '../eval/protocol.js';

describe('eval metrics', () => {
  it('computes average precision over the relevant items of a ranking', () => {
    expect(averagePrecision([true, false, true])).toBeCloseTo((1 + 2 / 3) / 2);
    expect(averagePrecision([false, false])).toBe(0);
  });

  it('computes reciprocal rank with a cut-off', () => {
    expect(reciprocalRank([false, false, true])).toBeCloseTo(1 / 3);
    expect(reciprocalRank([false, false, true], 2)).toBe(0);
  });

  it('averages Hit@k, MRR@10 and MAP over questions', () => {
    const lists = [[true], [false, true], [false, false, false, true]];
    expect(retrievalScores(lists)).toEqual({ hit1: 1 / 3, hit3: 2 / 3, mrr10: (1 + 1 / 2 + 1 / 4) / 3 });
    expect(selectionScores([[false, true]]).map).toBe(0.5);
  });

  it('samples evenly and deterministically', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(sample(items, 5)).toEqual([0, 2, 4, 6, 8]);
    expect(sample(items)).toBe(items);
  });
});

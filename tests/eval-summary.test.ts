import { describe, expect, it } from 'vitest';
import { matchReference, seededRandom } from '../eval/bbc-summary.js';
import { rouge } from '../eval/rouge.js';

describe('bbc-summary evaluation helpers', () => {
  it('scores ROUGE as worked out by hand', () => {
    // Tokens: the cat sat on the mat . / the cat was on the mat . — 6 of 7 unigrams shared,
    // 4 of 6 bigrams (the-cat, on-the, the-mat, mat-.), LCS "the cat on the mat ." = 6 of 7.
    const scores = rouge(['The cat sat on the mat.'], ['the cat was on the mat.']);
    expect(scores.rouge1).toBeCloseTo(6 / 7, 10);
    expect(scores.rouge2).toBeCloseTo(4 / 6, 10);
    expect(scores.rougeL).toBeCloseTo(6 / 7, 10);
    expect(rouge(['A b.', 'C d.'], ['C d.', 'A b.'])).toEqual({ rouge1: 1, rouge2: expect.any(Number), rougeL: 1 });
    expect(rouge([], ['x'])).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
  });

  it('matches reference sentences joined without spaces, in the reference order', () => {
    const sentences = ['Profits rose 5% to $1.2bn.', 'The firm is based in Leeds.', 'Shares fell.', 'It said sales were   strong.'];
    const reference = 'It said sales were strong.Profits rose 5% to $1.2bn.Shares fell.';
    expect(matchReference(sentences, reference)).toEqual([3, 0, 2]);
    expect(matchReference(sentences, 'Nothing here.')).toEqual([]);
  });

  it('draws the same random numbers for the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

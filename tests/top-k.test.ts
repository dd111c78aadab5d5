import { describe, expect, it } from 'vitest';
import { TopK } from '../src/search/top-k.js';

describe('TopK', () => {
  it('keeps the k best of a stream, best first, ties to the lower key', () => {
    const scores = [5, 1, 9, 5, 7, 3, 9, 0, 5];
    const top = new TopK(4);
    scores.forEach((score, key) => top.offer(key, score));
    expect(top.sorted()).toEqual([
      { key: 2, score: 9 },
      { key: 6, score: 9 },
      { key: 4, score: 7 },
      { key: 0, score: 5 },
    ]);
  });

  it('keeps everything when there are fewer than k, and nothing for k = 0', () => {
    const top = new TopK(10);
    [3, 1, 2].forEach((score, key) => top.offer(key, score));
    expect(top.sorted().map((e) => e.score)).toEqual([3, 2, 1]);
    const none = new TopK(0);
    none.offer(1, 1);
    expect(none.sorted()).toEqual([]);
  });
});

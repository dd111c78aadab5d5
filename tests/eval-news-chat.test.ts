import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseThreshold, confidenceScores } from '../eval/confidence-metrics.js';
import { fitLogistic, predict, solve, standardisation } from '../eval/logistic.js';
import { goldHits, readNewsChat, withoutArticles } from '../eval/news-chat.js';
import { buildIndex } from '../src/search/build.js';
import { tempCorpus } from './support/tmp.js';

describe('news-chat protocol', () => {
  it('counts a result as a hit when it contains the gold snippet', () => {
    expect(goldHits('rose 3%', ['Shares fell.', 'Shares rose 3% on Friday.', 'It rose 3'])).toEqual([false, true, false]);
  });

  it('reads several JSONL files in order, skipping blank lines, and names a broken line', async () => {
    const dir = tempCorpus({});
    const line = (id: string, split: string) =>
      JSON.stringify({ id, question: 'q', file: 'bbc/a.txt', gold: 'g', answer: 'g', kind: 'lexical', split });
    writeFileSync(path.join(dir, 'a.jsonl'), `${line('a1', 'dev')}\n\n${line('a2', 'test')}\n`);
    writeFileSync(path.join(dir, 'b.jsonl'), `${line('b1', 'dev')}\n`);
    writeFileSync(path.join(dir, 'bad.jsonl'), `${line('c1', 'dev')}\n{oops\n`);
    const ids = (await readNewsChat(`${dir}/a.jsonl,${dir}/b.jsonl`)).map((q) => q.id);
    expect(ids).toEqual(['a1', 'a2', 'b1']);
    await expect(readNewsChat(`${dir}/bad.jsonl`)).rejects.toThrow('bad.jsonl:2');
  });

  it('withholds articles in one copy, leaving the index itself whole', async () => {
    const dir = tempCorpus({ 'a.txt': 'A\n\nApples grow in the orchard.', 'b.txt': 'B\n\nPears grow in the orchard too.' });
    const index = await buildIndex([{ dir }]);
    const copy = withoutArticles(index, new Set(['corpus/a.txt']));
    expect([...copy.allArticles()].map((a) => a.id)).toEqual(['corpus/b.txt']);
    expect(copy.idf('apples')).toBe(0);
    expect(index.articleCount).toBe(2);
  });
});

describe('confidence metrics', () => {
  it('gives the confident share, precision among confident and the withheld share', () => {
    const answerable = [
      { right: true, confident: true },
      { right: false, confident: true },
      { right: true, confident: false },
      { right: true, confident: true },
    ];
    expect(confidenceScores(answerable, [true, false, false, false])).toEqual({ share: 0.75, precision: 2 / 3, withheld: 0.25 });
    expect(confidenceScores([{ right: true, confident: false }], []).precision).toBeNaN();
  });

  it('chooses the threshold answering most while meeting the precision and withheld goals', () => {
    const answerable = [
      { right: true, p: 0.9 },
      { right: true, p: 0.8 },
      { right: false, p: 0.7 },
      { right: true, p: 0.6 },
      { right: false, p: 0.5 },
    ];
    // 0.6 answers 4 at precision 0.75; 0.8 answers 2 at precision 1.
    expect(chooseThreshold(answerable, [0.1], { precision: 0.75, withheld: 0.5 })).toBe(0.6);
    expect(chooseThreshold(answerable, [0.1], { precision: 0.9, withheld: 0.5 })).toBe(0.8);
    // A withheld question at 0.85 makes every threshold up to it break a 0 withheld goal.
    expect(chooseThreshold(answerable, [0.85], { precision: 0.5, withheld: 0 })).toBe(0.9);
    // Unreachable precision: the best smoothed precision, 3/4 at 0.8 (2 of 2 right) over 2/3 at 0.9 (1 of 1).
    expect(chooseThreshold(answerable, [0.1], { precision: 1.01, withheld: 1 })).toBe(0.8);
  });
});

describe('logistic regression', () => {
  it('solves a linear system', () => {
    const x = solve(
      [
        [2, 1],
        [1, 3],
      ],
      [3, 5],
    );
    expect(x[0]).toBeCloseTo(0.8);
    expect(x[1]).toBeCloseTo(1.4);
  });

  it('standardises columns (a constant column keeps scale 1)', () => {
    expect(
      standardisation([
        [1, 5],
        [3, 5],
      ]),
    ).toEqual({ mean: [2, 5], scale: [1, 1] });
  });

  it('learns which feature separates the labels, deterministically', () => {
    // A grid over two independent features; the label follows the first, with two exceptions (no perfect separation).
    const rows = Array.from({ length: 50 }, (_, i) => [i % 10, Math.floor(i / 10)]);
    const labels = rows.map(([a, b]) => a! >= 5 !== ((a === 5 && b === 0) || (a === 4 && b === 4)));
    const fit = fitLogistic(rows, labels);
    expect(fit.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(fit.weights[1]!)).toBeLessThan(fit.weights[0]! / 4);
    expect(predict(fit, [9, 2])).toBeGreaterThan(0.8);
    expect(predict(fit, [0, 2])).toBeLessThan(0.2);
    expect(fitLogistic(rows, labels)).toEqual(fit);
  });
});

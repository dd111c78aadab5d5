import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coordinateAscent, weightedMrr } from '../eval/coordinate-ascent.js';
import { confidenceScores } from '../eval/confidence-metrics.js';
import { fitLogistic, predict, solve, standardisation } from '../eval/logistic.js';
import { answerShown, goldHits, readNewsChat, withoutArticles } from '../eval/news-chat.js';
import type { NewsChatQuestion } from '../eval/news-chat-data.js';
import type { Excerpt } from '../src/search/ask.js';
import { buildIndex } from '../src/search/build.js';
import { tempCorpus } from './support/tmp.js';

describe('news-chat protocol', () => {
  it('counts a result as a hit when it contains the gold snippet', () => {
    expect(goldHits('rose 3%', ['Shares fell.', 'Shares rose 3% on Friday.', 'It rose 3'])).toEqual([false, true, false]);
  });

  it("judges the answer phrase of a first result that holds the gold sentence against the question's short answer", () => {
    const question: NewsChatQuestion = {
      id: 'q',
      question: 'how many',
      file: 'a.txt',
      gold: 'sold 4m consoles',
      answer: '4m',
      kind: 'lexical',
      split: 'dev',
    };
    const text = 'In 2004 Nintendo sold 4m consoles.';
    const first = (start: number, end: number) => ({ text, answer: { start, end } }) as Excerpt;
    expect(answerShown(question, first(text.indexOf('4m'), text.indexOf('4m') + 2))).toBe(true);
    expect(answerShown(question, first(3, 7))).toBe(false);
    expect(answerShown(question, { text, answer: null } as Excerpt)).toBeUndefined();
    expect(answerShown(question, { text: 'Sega sold 3m consoles.', answer: { start: 10, end: 12 } } as Excerpt)).toBeUndefined();
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
    const copy = withoutArticles(index.analyzedArticles(), new Set(['corpus/a.txt']));
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

  it('holds a weight of the wrong sign at 0 and refits the others', () => {
    // The label rises with the first feature and falls with the second: free, the second takes a negative weight.
    const rows = Array.from({ length: 64 }, (_, i) => [i % 8, Math.floor(i / 8)]);
    const labels = rows.map(([a, b], i) => a! - b! > 0 !== (i % 13 === 0));
    const free = fitLogistic(rows, labels);
    expect(free.weights[1]).toBeLessThan(-0.5);
    const signed = fitLogistic(rows, labels, { signs: [1, 1] });
    expect(signed.weights[1]).toBe(0);
    expect(signed.weights[0]).toBeGreaterThan(0.5);
    // The sign asked for is kept as it is: a free fit's right-signed weights stand.
    expect(fitLogistic(rows, labels, { signs: [1, -1] })).toEqual(free);
  });
});

describe('coordinate ascent over a ranker weight table', () => {
  // Two candidates per question: the right one is strong on `a`, the wrong one on `b`.
  const item = (a: number, b: number, relevant: boolean) => ({ signals: { a, b }, relevant });
  const lists = [
    [item(1, 0, true), item(0, 1, false)],
    [item(0.5, 0.2, true), item(0.2, 0.9, false)],
  ];

  it('scores lists by their weighted signals', () => {
    expect(weightedMrr(lists, { a: 1, b: 0 })).toBe(1);
    expect(weightedMrr(lists, { a: 0, b: 1 })).toBe(0.5);
    expect(weightedMrr(lists, { a: 1, b: 1 }, 1)).toBe(0.5);
  });

  it('moves weight to the signal that ranks the right items first, deterministically', () => {
    const result = coordinateAscent({ a: 1, b: 1 }, (w) => weightedMrr(lists, w));
    expect(result.value).toBe(1);
    expect(result.weights.a).toBeGreaterThan(result.weights.b);
    expect(coordinateAscent({ a: 1, b: 1 }, (w) => weightedMrr(lists, w))).toEqual(result);
  });
});

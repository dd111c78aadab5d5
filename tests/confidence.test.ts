import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { confidenceSignals, judge, probability, SIGNAL_NAMES, type ConfidenceModel, type SignalName } from '../src/search/confidence.js';
import { SIGNALS, WEIGHTS, type Ranked, type Signal } from '../src/search/rank.js';
import { indexOver } from './support/tmp.js';

const ARTICLES = {
  'airline.txt':
    'date 2024-03-01 Airline names new chief executive\n\nThe airline named Maria Lopez as its new chief executive on Friday. She replaces the founder, who retired.\n\nShares rose 3% after the news.',
  'harbour.txt': 'date 2024-03-02 Harbour strike ends\n\nThe harbour strike ended on Tuesday after dockers accepted a pay rise.',
  'glacier.txt': 'Glacier survey\n\nThe survey recorded meltwater near the lower moraine and its small lake.',
};

const filled = (value: number) => Object.fromEntries(SIGNAL_NAMES.map((name) => [name, value])) as Record<SignalName, number>;
const zeros = filled(0);
const ones = filled(1);

describe('the confidence decision', async () => {
  const index = await indexOver(ARTICLES);
  const sentence = (file: string, n: number) => index.sentence(index.article(`corpus/${file}`)!.sentenceIds[n]!)!;
  /** A ranked result with every ranker signal at 0. */
  const result = (s: Ranked['sentence'], score: number, articleScore = 0): Ranked => ({
    sentence: s,
    score,
    coverage: 1,
    signals: Object.fromEntries(SIGNALS.map((name) => [name, 0])) as Record<Signal, number>,
    articleScore,
  });

  it('is not confident about something absent from the articles, though it still shows the closest sentences', () => {
    const result = ask(index, 'when did the boeing workers go on strike');
    expect(result.results[0]!.text).toBe('The harbour strike ended on Tuesday after dockers accepted a pay rise.');
    expect(result.confident).toBe(false);
    expect(result.signals!.unseen).toBeGreaterThan(0);
    expect(result.signals!.rareInArticle).toBeLessThan(1);
  });

  it('is confident when the sentence holds what the question asks about', () => {
    const result = ask(index, 'who is the new chief executive of the airline');
    expect(result.results[0]!.text).toBe('The airline named Maria Lopez as its new chief executive on Friday.');
    expect(result.confident).toBe(true);
    expect(result.confidence).toBeGreaterThan(ask(index, 'when did the boeing workers go on strike').confidence);
  });

  it('measures the margins to the runner-up and to another article, what the top sentence borrows, and the rare terms in the article', () => {
    const { signals, results } = ask(index, 'who replaces the airline founder', { k: 3 });
    expect(results.length).toBeGreaterThan(1);
    expect(signals!.runnerUp).toBeCloseTo(results[0]!.score - results[1]!.score);
    const top = results[0]!.signals!;
    expect(signals!.position).toBe(top.position);
    expect(signals!.borrowed).toBeCloseTo(top.inherited + top.title + top.context);
    expect(signals!.margin).toBeGreaterThan(0);
    expect(signals!.rareInArticle).toBe(1);
    expect(signals!.unseen).toBe(0);
  });

  it('is never confident with no results, and follows the model and its threshold otherwise', () => {
    const model: ConfidenceModel = { bias: 0, weights: { ...zeros, coverage: 2 }, mean: { ...zeros }, scale: { ...ones }, threshold: 0.7 };
    expect(judge(index, new Map([['zzz', 1]]), [], model)).toMatchObject({ confident: false, confidence: 0 });
    expect(probability({ ...zeros, coverage: 1 }, model)).toBeCloseTo(1 / (1 + Math.exp(-2)));
    expect(probability({ ...zeros, coverage: 0.2 }, model)).toBeLessThan(0.7);
  });

  it('measures how far the top sentence would survive one ranker weight halved or doubled', () => {
    const ranked = (...signals: Partial<Record<Signal, number>>[]): Ranked[] =>
      signals.map((values, i) => {
        const all = { ...(Object.fromEntries(SIGNALS.map((name) => [name, 0])) as Record<Signal, number>), ...values };
        const score = SIGNALS.reduce((sum, name) => sum + WEIGHTS[name] * all[name], 0);
        return { sentence: index.sentence(i)!, score, coverage: all.coverage, signals: all, articleScore: 0 };
      });
    const weights = new Map([['airline', 1]]);
    // Wins on coverage by far: no single weight change displaces it.
    expect(confidenceSignals(index, weights, ranked({ coverage: 1 }, { coverage: 0.2 })).stability).toBe(1);
    // Wins only through its title, narrowly: halving the title weight or doubling coverage's would put the other first.
    const close = ranked({ title: 1 }, { coverage: 0.7 });
    expect(close[0]!.score).toBeGreaterThan(close[1]!.score);
    expect(confidenceSignals(index, weights, close).stability).toBeCloseTo((2 * SIGNALS.length - 2) / (2 * SIGNALS.length));
  });

  it('takes the margin to the next article, or to the next sentence when no other article came back', () => {
    const weights = new Map([['airline', 1]]);
    const oneArticle = [result(sentence('airline.txt', 0), 3), result(sentence('airline.txt', 1), 2.5)];
    expect(confidenceSignals(index, weights, oneArticle).margin).toBeCloseTo(0.5);
    const twoArticles = [...oneArticle, result(sentence('harbour.txt', 0), 1)];
    expect(confidenceSignals(index, weights, twoArticles).margin).toBeCloseTo(2);
  });

  it('counts the comparisons with other articles as unknown when no other article came back', () => {
    const weights = new Map([['airline', 1]]);
    const alone = confidenceSignals(index, weights, [result(sentence('airline.txt', 0), 1, 4), result(sentence('airline.txt', 1), 1, 4)]);
    expect(alone).toMatchObject({ articleMargin: null, sameArticle: null });
    const rivalled = confidenceSignals(index, weights, [
      result(sentence('airline.txt', 0), 1, 4),
      result(sentence('harbour.txt', 0), 1, 1),
    ]);
    expect(rivalled).toMatchObject({ articleMargin: 0.75, sameArticle: 0.5 });
    // A missing signal counts as its mean: the lead an archive of one story would show raises nothing.
    const model: ConfidenceModel = {
      bias: 0,
      weights: { ...zeros, articleMargin: 2, sameArticle: 1 },
      mean: { ...zeros, articleMargin: 0.1, sameArticle: 0.6 },
      scale: { ...ones },
      threshold: 0.5,
    };
    expect(probability({ ...zeros, articleMargin: null, sameArticle: null }, model)).toBe(0.5);
    expect(probability({ ...zeros, articleMargin: 1, sameArticle: 1 }, model)).toBeGreaterThan(0.5);
  });
});

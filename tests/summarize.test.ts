import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/search/build.js';
import { lexRank, termVector } from '../src/summarize/graph.js';
import { hasDanglingOpener } from '../src/summarize/openers.js';
import { selectSentences } from '../src/summarize/select.js';
import { findArticle } from '../src/search/find-article.js';
import { candidatesOf, sentencesOf, summarizeArticle } from '../src/summarize/summarize.js';
import { summarizeTopic, SummaryError } from '../src/summarize/topic.js';
import { fakeSource } from './support/digest.js';
import { tempCorpus } from './support/tmp.js';

const WALL = 'The harbour master said the sea wall was damaged in the January storms.';
const HARBOUR = [
  'date 2022-03-01 Harbour closes for repairs',
  '',
  `The city harbour will close for three weeks of repairs to its damaged sea wall. ${WALL}`,
  '',
  'Engineers looked at the quay in February. But the harbour repairs to the sea wall will cost the city far more than the harbour budget planned. Fishing boats will moor at the northern harbour during the repairs.',
  '',
  `Local cafes expect fewer visitors this spring. ${WALL}`,
  '',
  'The council will meet on Friday to discuss the harbour repairs, the sea wall and the budget for the harbou',
].join('\n');
const FOOTBALL = 'date 2022-05-01 Cup final\n\nThe cup final ended in a draw after extra time. Both teams will play again on Sunday.';
const OLD_HARBOUR = 'Harbour history\n\nThe harbour wall was first built in 1850. Repairs to the harbour wall followed every great storm.';

async function corpus() {
  const dir = tempCorpus({
    'harbour.txt': HARBOUR,
    'copy/harbour-syndicated.txt': HARBOUR.replace('Harbour closes for repairs', 'Wire: harbour to close'),
    'football.txt': FOOTBALL,
    'history.txt': OLD_HARBOUR,
  });
  return buildIndex([{ dir }]);
}

describe('article summaries', async () => {
  const index = await corpus();
  const article = findArticle(index.allArticles(), 'harbour.txt');
  if (!article.ok) throw new Error(article.reason);
  const all = sentencesOf(article.article, index);

  it.each([1, 2, 3, 4, 5, 8])('with %i sentences: within budget, verbatim, in order, no repeat, nothing cut off', (n) => {
    const summary = summarizeArticle(index, article.article, { sentences: n });
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.length).toBeLessThanOrEqual(n);
    for (const s of summary) expect(s.text).toBe(article.article.body.slice(s.start, s.end));
    const positions = summary.map((s) => s.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(summary.map((s) => s.text)).size).toBe(summary.length);
    expect(summary.some((s) => s.text.startsWith('The council will meet'))).toBe(false);
    expect(summary.filter((s) => s.text === WALL).length).toBeLessThanOrEqual(1);
  });

  it('takes every complete, distinct sentence when the budget allows, the cut-off one never', () => {
    const summary = summarizeArticle(index, article.article, { sentences: 20 });
    expect(all.at(-1)!.cutOff).toBe(true);
    expect(summary.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('keeps a character budget', () => {
    for (const chars of [80, 160, 300]) {
      const summary = summarizeArticle(index, article.article, { chars });
      expect(summary.length).toBeGreaterThan(0);
      expect(summary.reduce((sum, s) => sum + s.text.length, 0)).toBeLessThanOrEqual(chars);
    }
    expect(summarizeArticle(index, article.article, { chars: 10 })).toEqual([]);
  });

  it('never leaves a sentence with a dangling opener without the sentence before it', () => {
    let danglers = 0;
    for (let n = 1; n <= 6; n++) {
      const positions = new Set(summarizeArticle(index, article.article, { sentences: n }).map((s) => s.position));
      for (const p of positions) {
        if (!hasDanglingOpener(article.article.body.slice(all[p]!.start, all[p]!.end))) continue;
        danglers++;
        expect(positions.has(p - 1)).toBe(true);
      }
    }
    // "But the harbour repairs ..." is central enough to be chosen, so the rule is exercised.
    expect(danglers).toBeGreaterThan(0);
  });

  it('finds an article by source or id, and says why it cannot', () => {
    expect(findArticle(index.allArticles(), 'corpus/harbour.txt').ok).toBe(true);
    expect(findArticle(index.allArticles(), 'nope.txt')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('No article "nope.txt"'),
    });
  });
});

describe('sentence selection', () => {
  const source = fakeSource([
    {
      id: 'a',
      title: 'A',
      date: null,
      sentences: ['Rain fell on the town.', 'But the river stayed low.', 'He said it was fine.', 'Crops grew well.'],
    },
  ]);
  const [article] = [...source.allArticles()];
  const candidates = () => {
    const scored = candidatesOf(sentencesOf(article!, source));
    scored.forEach((c, i) => (c.score = [0.1, 1, 0.9, 0.2][i]!));
    return scored;
  };
  const chosen = (n: number) =>
    selectSentences(candidates(), { sentences: n })
      .map((c) => c.sentence.position)
      .sort();

  it('brings the predecessor of a dangling opener when it fits, and skips it alone when not', () => {
    expect(chosen(1)).toEqual([3]);
    expect(chosen(2)).toEqual([0, 1]);
    // "He said" leans on "But ...", itself dangling: it only comes once "But ..." is in.
    expect(chosen(3)).toEqual([0, 1, 2]);
  });

  it.each([
    ['He said the talks failed.', true],
    ['“But not now,” she said.', true],
    ['However, the firm grew.', true],
    ['Its profits rose.', true],
    ['Hence the delay.', true],
    ['Heathrow was closed.', false],
    ['The firm said its profits rose.', false],
    ['Butter prices rose.', false],
  ])('%j has a dangling opener: %s', (text, expected) => {
    expect(hasDanglingOpener(text)).toBe(expected);
  });

  it('ranks the sentence that shares most with the others highest', () => {
    const vectors = [['rain', 'town'], ['rain', 'town', 'river'], ['river', 'crop'], ['moon']].map((t) => termVector(t));
    const rank = lexRank(vectors);
    expect(rank[1]).toBe(1);
    expect(Math.max(rank[0]!, rank[2]!)).toBeLessThan(1);
    expect(rank[3]).toBeLessThan(rank[0]!);
  });
});

describe('topic summaries', async () => {
  const index = await corpus();

  it('draws on the relevant articles only, names each sentence’s article, and collapses the syndicated copy', () => {
    const summary = summarizeTopic(index, 'harbour wall repairs', { sentences: 4 });
    expect(summary.sentences.length).toBeGreaterThan(1);
    const ids = summary.articles.map((a) => a.source);
    expect(ids).not.toContain('football.txt');
    expect(ids.filter((s) => s.includes('harbour')).length).toBe(1);
    expect(ids).toContain('history.txt');
    for (const s of summary.sentences) {
      const article = index.article(s.articleId)!;
      expect(article.body.slice(s.start, s.end)).toBe(s.text);
      expect(s.title).toBe(article.title);
      expect(s.source).toBe(article.source);
    }
    expect(new Set(summary.sentences.map((s) => s.articleId)).size).toBe(2);
    // Oldest first (the undated article last), each article's sentences in their order.
    const dated = summary.sentences.map((s) => s.date ?? '9999');
    expect(dated).toEqual([...dated].sort());
  });

  it('keeps to the date range, leaving undated articles out', () => {
    const inMarch = summarizeTopic(index, 'harbour wall repairs', { from: '2022-03-01', to: '2022-03-31' });
    expect(inMarch.sentences.length).toBeGreaterThan(0);
    expect(inMarch.sentences.every((s) => s.date === '2022-03-01')).toBe(true);
    expect(summarizeTopic(index, 'harbour wall repairs', { from: '2022-04-01' }).sentences).toEqual([]);
  });

  it.each([
    ['', {}, 'empty'],
    ['harbour', { from: '2022-02-30' }, 'YYYY-MM-DD'],
    ['harbour', { from: '2022-05-01', to: '2022-04-01' }, 'after'],
  ])('refuses %j %j clearly', (query, range, message) => {
    expect(() => summarizeTopic(index, query, range)).toThrow(SummaryError);
    expect(() => summarizeTopic(index, query, range)).toThrow(message);
  });
});

describe('long articles', () => {
  it('draws a summary from the first 400 sentences of an article (LexRank compares every pair)', async () => {
    // 420 sentences with nothing in common, then 30 that all say the same: the most central, and all past 400.
    const lone = Array.from({ length: 420 }, (_, i) => `Item${i} stands${i} alone${i}.`);
    const echoes = Array.from({ length: 30 }, (_, i) => `The harbour ferry resumed crossings after the storm, officials said ${i}.`);
    const dir = tempCorpus({ 'long.txt': `date 2026-11-30 Long article\n\n${[...lone, ...echoes].join('\n\n')}` });
    const index = await buildIndex([{ dir }]);
    const found = findArticle(index.allArticles(), 'long.txt');
    if (!found.ok) throw new Error(found.reason);
    expect(found.article.sentenceIds.length).toBe(450);
    expect(sentencesOf(found.article, index)).toHaveLength(400);
    const summary = summarizeArticle(index, found.article, { sentences: 3 });
    expect(summary.length).toBeGreaterThan(0);
    for (const s of summary) expect(s.position).toBeLessThan(400);
  });
});

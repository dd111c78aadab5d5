import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ask, QuestionError } from '../src/search/ask.js';
import { buildIndex } from '../src/search/build.js';
import { tempCorpus } from './support/tmp.js';

const TITLE = 'In the midst of the Ukraine standoff, Biden and Putin will hold a new phone call.';

describe('ask on the seed article', async () => {
  const index = await buildIndex([{ dir: path.resolve('seeds') }]);
  const top = (q: string) => ask(index, q).results[0]!;

  it('puts the Geneva sentence first for "who will meet in Geneva", attributed', () => {
    const result = ask(index, 'who will meet in Geneva');
    expect(result.confident).toBe(true);
    expect(result.results[0]).toMatchObject({
      text: 'Senior US and Russian officials intend to meet in Geneva on January 10 in an effort to ease tensions.',
      title: TITLE,
      date: '2021-12-29',
      source: '000_d0dc32616b42ff6f.txt',
      paragraph: 7,
    });
    expect(result.results[0]!.matched).toEqual(['meet', 'Geneva']);
  });

  it.each([
    ['when will officials meet in geneva', 'Senior US and Russian officials', 'January 10'],
    ['when is the phone call', 'The call will take place Thursday evening', 'Thursday'],
    ['where is Biden spending the holidays', 'Biden, who is spending the holidays in Delaware', 'Delaware'],
    ['how many people were killed in eastern Ukraine', 'According to Western authorities', '13,000'],
    ['who is the kremlin spokesman', 'The call will take place', null],
    ['who spoke by phone with Zelensky', 'US Secretary of State Antony Blinken', null],
  ])('%j → %j', (question, start, answer) => {
    const r = top(question);
    expect(r.text.startsWith(start)).toBe(true);
    if (answer) expect(r.text.slice(r.answer!.start, r.answer!.end)).toContain(answer);
  });

  it('returns quotes that are verbatim slices of their article', () => {
    const { results } = ask(index, 'Russia troops border', { k: 5 });
    expect(results).toHaveLength(5);
    for (const r of results) {
      expect(index.article(r.articleId)!.body.slice(r.start, r.end)).toBe(r.text);
    }
  });

  it('says when nothing matches well', () => {
    const result = ask(index, 'pizza recipe with mozzarella');
    expect(result.confident).toBe(false);
  });

  it('is not confident when a telling question word appears nowhere, even if a name matches', () => {
    const result = ask(index, 'what did putin demand');
    expect(result.results[0]!.matched).toEqual(['Putin']);
    expect(result.confident).toBe(false);
    // A name and the telling word both found: confident. ("What did Putin say" is not: the article quotes
    // several people, and the sentences that hold "Putin" and "say" run close.)
    expect(ask(index, 'what did russia propose to the us').confident).toBe(true);
    expect(ask(index, 'what did putin say').confident).toBe(false);
  });

  it.each(['', '   ', '?!?', '🎉🎉', 'x'.repeat(10_000)])('rejects a bad question %#', (q) => {
    expect(() => ask(index, q)).toThrow(QuestionError);
  });
});

describe('synonyms', () => {
  const corpus = (sentences: string) => tempCorpus({ 'club.txt': `date 2024-05-02 Club news\n\n${sentences}` });

  it('finds "dismissed" for "fired", marked as matched', async () => {
    const index = await buildIndex([{ dir: corpus('The club dismissed its coach on Monday. Tickets for the final went on sale.') }]);
    const result = ask(index, 'who was fired');
    expect(result.results[0]!.text).toBe('The club dismissed its coach on Monday.');
    expect(result.results[0]!.matched).toEqual(['dismissed']);
    expect(ask(index, 'who was fired', { disabled: new Set(['synonyms']) }).results).toEqual([]);
  });

  it('finds a related form: "how did he die" finds "death"', async () => {
    const index = await buildIndex([{ dir: corpus('His death in a car crash shocked the town. The coach praised the team.') }]);
    expect(ask(index, 'how did he die').results.map((r) => r.text)).toEqual(['His death in a car crash shocked the town.']);
    expect(ask(index, 'how did he die', { disabled: new Set(['synonyms']) }).results).toEqual([]);
  });

  it('weights a synonym below the exact word', async () => {
    const index = await buildIndex([{ dir: corpus('The club dismissed its coach on Monday. The board fired its treasurer on Monday.') }]);
    const [first, second] = ask(index, 'who was fired').results;
    expect(first!.text).toBe('The board fired its treasurer on Monday.');
    expect(second!.text).toBe('The club dismissed its coach on Monday.');
    expect(second!.score).toBeLessThan(first!.score);
  });
});

describe('an index over two folders', () => {
  it('answers from both, with distinct ids and sources relative to each folder', async () => {
    const a = tempCorpus({ 'x/1.txt': 'date 2020-01-01 Apples\n\nThe orchard sold ten thousand apples in May.' }, 'one');
    const b = tempCorpus({ 'x/1.txt': 'Pears\n\nThe orchard sold pears to a bakery.' }, 'two');
    const index = await buildIndex([{ dir: a }, { dir: b }]);
    const results = ask(index, 'what did the orchard sell', { k: 5 }).results;
    expect(results.map((r) => r.articleId).sort()).toEqual(['one/x/1.txt', 'two/x/1.txt']);
    expect(results.every((r) => r.source === 'x/1.txt')).toBe(true);
    expect(results.find((r) => r.articleId === 'two/x/1.txt')!.date).toBe(null);
  });

  it('collapses syndicated copies of the same sentence', async () => {
    const body = '\n\nThe central bank raised interest rates by half a point on Tuesday.';
    const a = tempCorpus({ '1.txt': `date 2020-01-01 Rates${body}`, '2.txt': `date 2020-01-02 Rates again${body}` });
    const index = await buildIndex([{ dir: a }]);
    expect(ask(index, 'interest rates', { k: 5 }).results).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../src/nlp/question.js';
import { WordNet, wordNet, wordNetFiles } from '../src/nlp/synonyms.js';
import { ask, questionWeights } from '../src/search/ask.js';
import { indexOver } from './support/tmp.js';

describe('WordNet synonyms', () => {
  it('finds a verb synonym through its base form (fired → fire → dismiss)', () => {
    expect(wordNet().synonyms('fired', 'verb')).toEqual(expect.arrayContaining(['dismiss', 'sack']));
  });

  it('uses the word class and skips multi-word entries and the word itself', () => {
    const cars = wordNet().synonyms('cars', 'noun');
    expect(cars).toContain('automobile');
    expect(cars).not.toContain('car');
    expect(cars.some((w) => w.includes('_'))).toBe(false);
    expect(wordNet().synonyms('cars', 'adv')).toEqual([]);
  });

  it('limits synonyms to the most frequent senses', () => {
    expect(wordNet().synonyms('fired', 'verb', 1)).not.toContain('dismiss');
  });

  it("finds derivationally related words through WordNet's links (died → death, decide → decision)", () => {
    expect(wordNet().expansions('died', 'verb').related).toContain('death');
    expect(wordNet().expansions('decide', 'verb').related).toContain('decision');
    expect(wordNet().expansions('decide', 'verb').synonyms).not.toContain('decision');
  });

  it('reads a phrasal verb as one verb: "step down" is resign, "pulled out" is pull out', async () => {
    expect(analyzeQuestion('why did the chairman step down').words).toContainEqual({ value: 'step_down', pos: 'VERB', terms: [] });
    expect(analyzeQuestion('why had hashemian pulled out').words).toContainEqual({ value: 'pull_out', pos: 'VERB', terms: [] });
    const index = await indexOver({
      'board.txt': 'date 1987-03-02 Board news\n\nThe chairman spoke on Tuesday.\n\nThe chairman resigned on Monday.',
    });
    expect(ask(index, 'when did the chairman step down').results[0]!.text).toBe('The chairman resigned on Monday.');
  });

  it('adds a hyphenated synonym only when it is one term: "get-up-and-go" gives no "get", "and" or "go" for energy', () => {
    expect(wordNet().synonyms('energy', 'noun')).toContain('get-up-and-go');
    const weights = questionWeights(analyzeQuestion('how much energy did the plant use'));
    expect(weights.get('vigor')).toBeGreaterThan(0);
    for (const part of ['get', 'up', 'and', 'go']) expect(weights.has(part)).toBe(false);
  });

  it('keeps a bounded number of words: words it has never seen do not grow the store without end', () => {
    const small = new WordNet(wordNetFiles(), 3);
    for (const word of ['dog', 'cat', 'zzxqa', 'zzxqb', 'zzxqc', 'zzxqd']) small.expansions(word, 'noun');
    expect(small.keptWords).toBeLessThanOrEqual(3);
    expect(small.keptWords).toBeGreaterThan(0);
    expect(small.synonyms('cars', 'noun')).toContain('automobile');
  });

  it('returns nothing for words WordNet does not know', () => {
    expect(wordNet().synonyms('zzxqj', 'noun')).toEqual([]);
    expect(wordNet().synonyms('', 'verb')).toEqual([]);
  });
});

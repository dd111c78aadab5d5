import { describe, expect, it } from 'vitest';
import { wordNet } from '../src/nlp/synonyms.js';

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

  it('returns nothing for words WordNet does not know', () => {
    expect(wordNet().synonyms('zzxqj', 'noun')).toEqual([]);
    expect(wordNet().synonyms('', 'verb')).toEqual([]);
  });
});

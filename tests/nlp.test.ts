import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpora } from '../src/articles/load.js';
import { analyzeText } from '../src/nlp/analyze.js';
import { analyzeArticle } from '../src/nlp/article-sentences.js';
import { analyzeQuestion, questionType } from '../src/nlp/question.js';
import { tokenTerms } from '../src/nlp/terms.js';
import { its, WinkReader } from '../src/nlp/wink.js';

describe('sentences', async () => {
  const { articles } = await loadCorpora([{ dir: path.resolve('seeds') }]);
  const article = articles[0]!;
  const { sentences, titleTerms } = analyzeArticle(article);

  it('keeps exact spans: every sentence is a verbatim slice of the body, in order', () => {
    expect(sentences).toHaveLength(15);
    let last = 0;
    for (const s of sentences) {
      const text = article.body.slice(s.start, s.end);
      expect(text).toBe(text.trim());
      expect(s.start).toBeGreaterThanOrEqual(last);
      last = s.end;
    }
    const geneva = sentences.find((s) => article.body.slice(s.start, s.end).startsWith('Senior US and Russian officials'))!;
    expect(article.body.slice(geneva.start, geneva.end)).toBe(
      'Senior US and Russian officials intend to meet in Geneva on January 10 in an effort to ease tensions.',
    );
    expect(geneva.paragraph).toBe(7);
  });

  it('marks only the cut-off last sentence', () => {
    expect(sentences.filter((s) => s.cutOff)).toEqual([sentences[sentences.length - 1]]);
    expect(article.body.slice(sentences.at(-1)!.start, sentences.at(-1)!.end)).toMatch(/summit,$/);
  });

  it('does not index the title as a body sentence but keeps its terms', () => {
    expect(sentences.some((s) => article.body.slice(s.start, s.end).includes('In the midst of'))).toBe(false);
    expect(titleTerms).toContain('ukrain');
  });
});

describe('terms', () => {
  it('normalises case, stems and lemmas, numbers, hyphens, curly quotes and acronyms', () => {
    const t = (value: string, type = 'word', lemma = value) => tokenTerms({ value, lemma, type });
    expect(t('Meetings', 'word', 'meeting')).toEqual(['meet']);
    expect(t('paid', 'word', 'pay')).toEqual(['pay']);
    expect(t('1,750', 'number')).toEqual(['1750']);
    expect(t('pro-Russian')).toEqual(['pro', 'russian']);
    expect(t('US')).toEqual(['us']);
    expect(t('us')).toEqual([]);
    expect(t('U.S.')).toEqual(['us']);
    // A code is one name, with or without its hyphen ("G-7", "G7", typed "g-7"), but a year or a word before a number is not one.
    expect([t('G-7'), t('G7'), t('g-7'), t('MD-80')]).toEqual([['g7'], ['g7'], ['g7'], ['md80']]);
    expect([t('mid-1987'), t('top-10')]).toEqual([
      ['mid', '1987'],
      ['top', '10'],
    ]);
    expect(t('’s')).toEqual([]);
    expect(t('the')).toEqual([]);
  });

  it('analyses a question with the same terms as the sentences', () => {
    expect(analyzeQuestion('Who will MEET in Geneva?').terms).toEqual(['meet', 'geneva']);
  });

  it.each([
    ['who will meet in Geneva', 'person'],
    ['when is the call', 'time'],
    ['what year did it happen', 'time'],
    ['where is Biden spending the holidays', 'place'],
    ['how many people were killed', 'number'],
    ['how much did the bank make', 'money'],
    ['what percentage of voters', 'percent'],
    ['what did Lavrov say', 'other'],
    ['which president signed the law', 'person'],
    ['what company makes the iPhone', 'name'],
    ['which NFL team won', 'name'],
    ['what is the name of the ship', 'name'],
    ["what's the name of the ship", 'name'],
    ["what's 50 cent's second album called", 'name'],
  ])('question type of %j is %s', (q, type) => {
    expect(questionType(q)).toBe(type);
  });
});

describe('analyzeText', () => {
  it('reads past a run of characters longer than any word or link (an embedded blob), keeping every other token in place', () => {
    const blob = 'QUJD'.repeat(75);
    const text = `Oil rose today. Data ${blob} followed. Prices fell in Geneva.`;
    const sentences = analyzeText(text);
    const tokens = sentences.flatMap((s) => s.tokens);
    expect(tokens.some((t) => t.value.includes('QUJD'))).toBe(false);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.value);
    expect(tokens.map((t) => t.value)).toEqual(expect.arrayContaining(['Oil', 'Data', 'followed', 'Geneva']));
    expect(text.slice(sentences.at(-1)!.start, sentences.at(-1)!.end)).toBe('Prices fell in Geneva.');
  });
});

describe('WinkReader', () => {
  const read = (reader: WinkReader, text: string) => {
    const tokens = reader.readDoc(text).tokens();
    return { values: tokens.out(its.value), pos: tokens.out(its.pos), types: tokens.out(its.type) };
  };

  it('starts wink again once it has learned more new words than it may keep, and reads as before', () => {
    const text = 'Zorblax Quentrix met Vantoria in Geneva on Tuesday.';
    const probe = new WinkReader();
    read(probe, text);
    const learnedFromText = probe.wordsLearned;
    expect(learnedFromText).toBeGreaterThan(0);

    const reader = new WinkReader(learnedFromText);
    const before = read(reader, text);
    read(reader, 'Flimbar grotesk wuzzle plonk fribble snarg quaffle blorp zindle trasp.');
    expect(reader.wordsLearned).toBeGreaterThan(learnedFromText);
    // Past its bound, the next read starts a fresh instance, which learns only that text's new words.
    const after = read(reader, text);
    expect(reader.wordsLearned).toBe(learnedFromText);
    expect(after).toEqual(before);
  });

  it('can start wink again many times: the model is read as when the process started (its entity machines are not read twice)', () => {
    // The model's own loader re-encodes its entity machines on every call, doubling them: a 21st start ran out of memory.
    const reader = new WinkReader(0);
    const first = read(reader, 'Rivals met in Geneva on Tuesday.');
    for (let start = 0; start < 22; start++) read(reader, `Zorblax${start} met Vantoria.`);
    expect(read(reader, 'Rivals met in Geneva on Tuesday.')).toEqual(first);
  }, 60_000);
});

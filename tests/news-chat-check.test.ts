import { describe, expect, it } from 'vitest';
import { archiveFromTexts, checkNewsChat, KINDS, type Kind, type NewsChatQuestion } from '../eval/news-chat-data.js';

/** A tiny archive: one story per number, and a line that two stories share. */
function fixtureArchive(count: number) {
  const texts = new Map<string, string>();
  for (let i = 1; i <= count; i++) {
    texts.set(`bbc/t/${i}.txt`, `Story ${i}\n\nThe widget maker number ${i} sold ${i * 7} units. Shares rose.`);
  }
  return archiveFromTexts(texts);
}

function line(i: number, kind: Kind, split: 'dev' | 'test', changes: Partial<NewsChatQuestion> = {}): string {
  return JSON.stringify({
    id: `bbc-${i}`,
    question: `how many units did widget maker ${i} sell`,
    file: `bbc/t/${i}.txt`,
    gold: `widget maker number ${i} sold ${i * 7} units`,
    answer: `${i * 7} units`,
    kind,
    split,
    ...changes,
  });
}

const problemsOnLine = (jsonl: string, n: number, count = 4) =>
  checkNewsChat(jsonl, fixtureArchive(count))
    .problems.filter((p) => p.line === n)
    .map((p) => p.message);

describe('news-chat check', () => {
  it('passes a good line', () => {
    expect(problemsOnLine(line(1, 'lexical', 'dev'), 1)).toEqual([]);
  });

  it('fails a gold that occurs more than once in the archive', () => {
    expect(problemsOnLine(line(1, 'lexical', 'dev', { gold: 'units. Shares rose.', answer: 'Shares rose' }), 1)).toEqual([
      'gold occurs more than once in the archive',
    ]);
  });

  it('fails an answer outside its gold', () => {
    expect(problemsOnLine(line(2, 'discourse', 'test', { answer: '99 units' }), 1)).toEqual(['answer is not inside gold']);
  });

  it('fails a question that is not all lowercase or too short', () => {
    expect(problemsOnLine(line(3, 'acronym', 'dev', { question: 'How many units did widget maker 3 sell' }), 1)).toEqual([
      'question is not all lowercase',
    ]);
    expect(problemsOnLine(line(3, 'acronym', 'dev', { question: 'widget maker units' }), 1)).toEqual(['question has 3 words (want 4–14)']);
  });

  it('fails a gold that is not in its own file, and a second question on one file', () => {
    const jsonl = [line(1, 'lexical', 'dev'), line(2, 'lexical', 'dev', { file: 'bbc/t/1.txt' })].join('\n');
    expect(problemsOnLine(jsonl, 2)).toEqual([
      'gold not found in the body of bbc/t/1.txt',
      'second question on bbc/t/1.txt (first on line 1)',
    ]);
  });

  it('passes a whole set that meets the quotas in both splits, and fails one that does not', () => {
    // 40 questions: per split 20 = 5 lexical, 6 paraphrase, 6 discourse, 3 acronym.
    const perSplit: Record<Kind, number> = { lexical: 5, paraphrase: 6, discourse: 6, acronym: 3 };
    const kinds = KINDS.flatMap((kind) => Array.from({ length: perSplit[kind] * 2 }, () => kind));
    const lines = kinds.map((kind, i) => line(i + 1, kind, i % 2 ? 'test' : 'dev'));
    const options = { minLines: 40, quotaTolerance: 0.02, splitSizeTolerance: 0.05 };
    expect(checkNewsChat(lines.join('\n'), fixtureArchive(40), options).problems).toEqual([]);

    const skewed = lines.map((l, i) => (i < 4 ? l.replace('"lexical"', '"acronym"') : l));
    const messages = checkNewsChat(skewed.join('\n'), fixtureArchive(40), options).problems.map((p) => p.message);
    expect(messages).toContain('all: lexical is 15.0% (want 25% ± 2)');
    expect(messages).toContain('dev: acronym is 25.0% (want 15% ± 2)');
  });
});

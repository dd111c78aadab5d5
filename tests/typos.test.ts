import { describe, expect, it } from 'vitest';
import { inShorthand, ofTheArticle, openedInDiscord, typedLoosely, withTypingSlip } from '../eval/typos.js';

/** Levenshtein distance with adjacent swaps counted as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe('typing slips for the eval', () => {
  it('changes one word of six letters or more by one edit, never its first letter, the same way every time', () => {
    const question = 'how much did the spiderman movies earn at the box office';
    let slips = 0;
    for (let id = 0; id < 50; id++) {
      const slipped = withTypingSlip(question, `nc-${id}`);
      expect(slipped).toBe(withTypingSlip(question, `nc-${id}`));
      const before = question.split(' ');
      const after = slipped.split(' ');
      const changed = before.flatMap((word, i) => (word === after[i] ? [] : [i]));
      expect(changed.length).toBeLessThanOrEqual(1);
      slips += changed.length;
      for (const i of changed) {
        expect(before[i]!.length).toBeGreaterThanOrEqual(6);
        expect(after[i]![0]).toBe(before[i]![0]);
        expect(editDistance(before[i]!, after[i]!)).toBe(1);
      }
    }
    // A swap of two equal letters changes nothing; every other slip does.
    expect(slips).toBeGreaterThan(45);
    expect(withTypingSlip('who is the ceo', 'nc-1')).toBe('who is the ceo');
  });

  it('types a question loosely one way per question, the same way every time, keeping its words', () => {
    const question = 'how much did the spiderman movies earn';
    const ways = new Set<string>();
    for (let id = 0; id < 40; id++) {
      const loose = typedLoosely(question, `nc-${id}`);
      expect(loose).toBe(typedLoosely(question, `nc-${id}`));
      expect(loose.toLowerCase()).toContain('spiderman movies earn');
      ways.add(
        loose === question.toUpperCase()
          ? 'capitals'
          : /exactly|actually/.test(loose)
            ? 'adverb'
            : loose.startsWith('How Much')
              ? 'title'
              : loose.startsWith(question)
                ? 'closing'
                : 'opening',
      );
    }
    expect(ways).toEqual(new Set(['capitals', 'adverb', 'title', 'closing', 'opening']));
    expect(typedLoosely(question, 'nc-7')).not.toBe(question);
  });

  it('asks a question of its article one way per question, naming the source its id gives, keeping its words', () => {
    const question = 'who will meet in geneva';
    const asked = Array.from({ length: 40 }, (_, id) => ofTheArticle(question, `bbc-${id}`));
    asked.forEach((text, id) => {
      expect(text).toBe(ofTheArticle(question, `bbc-${id}`));
      expect(text).toContain(question);
      expect(text).not.toBe(question);
      expect(text).not.toContain('reuters');
    });
    expect(new Set(asked).size).toBeGreaterThanOrEqual(6);
    expect(Array.from({ length: 40 }, (_, id) => ofTheArticle(question, `reu-${id}`)).some((text) => text.includes('reuters'))).toBe(true);
  });

  it('opens a question as people open one to a bot in Discord, one way per question, the same way every time', () => {
    const question = 'who will meet in geneva';
    const opened = Array.from({ length: 40 }, (_, id) => openedInDiscord(question, `bbc-${id}`));
    opened.forEach((text, id) => {
      expect(text).toBe(openedInDiscord(question, `bbc-${id}`));
      expect(text.endsWith(` ${question}`)).toBe(true);
    });
    expect(new Set(opened).size).toBeGreaterThanOrEqual(8);
  });

  it('types a question in chat shorthand, word by word, and leaves one without such words alone', () => {
    expect(inShorthand('why are you selling before the vote with people about it')).toBe('y r u selling b4 the vote w/ ppl abt it');
    expect(inShorthand('what is your view')).toBe('wat is ur view');
    expect(inShorthand('who will meet in geneva')).toBe('who will meet in geneva');
  });
});

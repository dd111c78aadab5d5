import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/nlp/analyze.js';
import { inheritedTerms } from '../src/nlp/discourse.js';

const inherited = (title: string, text: string) =>
  inheritedTerms(
    analyzeText(text).map((s) => s.tokens),
    analyzeText(title).flatMap((s) => s.tokens.flatMap((t) => t.terms)),
    [],
  );

describe('discourse links', () => {
  it('gives "he" the person last named before it, by the fullest form of the name, past nearer names that are not people', () => {
    const links = inherited(
      'Washington warned on nuclear states',
      'Washington looks at the wrong threats, says Amitai Etzioni. Mr Etzioni wrote a book on it. ' +
        'Washington still looks at Iran and North Korea. He names Russia as the state of gravest concern.',
    );
    expect(links[3]).toEqual(expect.arrayContaining(['amitai', 'etzioni']));
    // With no title to show that Amitai Etzioni is a person, "He" only gets the nearest earlier names.
    const untitled = inherited(
      'Washington warned on nuclear states',
      'Washington looks at the wrong threats, says Amitai Etzioni. His book came out in May. ' +
        'Washington still looks at Iran and North Korea. He names Russia as the state of gravest concern.',
    );
    expect(untitled[3]).toEqual(expect.arrayContaining(['washington', 'iran', 'north', 'korea']));
    expect(untitled[3]).not.toContain('amitai');
  });

  it('gives "the company" every name of the nearest earlier sentence that has one, not only its first', () => {
    const links = inherited(
      'Rosewood makes an offer',
      'Rosewood Inc has bid for Bay Network Systems. The company said shareholders would have to approve the offer.',
    );
    expect(links[1]).toEqual(expect.arrayContaining(['rosewood', 'bay', 'network']));
  });
});

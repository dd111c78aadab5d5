import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/nlp/analyze.js';
import { learnCompounds } from '../src/nlp/compounds.js';
import { ask } from '../src/search/ask.js';
import { SentenceIndex } from '../src/search/sentence-index.js';
import { decodeSnapshot, encodeSnapshot } from '../src/search/snapshot.js';
import { indexOver } from './support/tmp.js';

const learned = (text: string) => learnCompounds(analyzeText(text).map((s) => s.tokens));

describe('hyphenated words', () => {
  it('pairs a hyphenated word with its closed form, whether wink keeps it one token ("e-mails") or splits it ("Spider-Man")', () => {
    expect(learned('He sent e-mails about the Spider-Man sequel.')).toEqual([
      { short: 'email', long: ['e', 'mail'], hyphenated: true },
      { short: 'spiderman', long: ['spider', 'man'], hyphenated: true },
    ]);
  });

  it('learns no pair from a spaced dash, a code with a number, or a closed form too short to be a word', () => {
    expect(learned('Sales rose - sharply - in the G-7 nations in mid-1987. The A-B road was shut.')).toEqual([]);
  });

  it('finds the hyphenated form for a question that types the word closed, and the closed form for one that types it open', async () => {
    const index = await indexOver({
      'sequel.txt':
        'date 2005-01-05 Comic hero sequel\n\nThe Spider-Man sequel took $783m worldwide.\n\nCritics liked the film and its stars.',
      'studio.txt':
        'date 2005-01-06 Studio results\n\nThe studio said its films took $2bn in the year.\n\nSpiderman games sold 2m copies in Japan.',
    });
    expect(index.acronyms.readings('spiderman')).toEqual([['spider', 'man']]);
    expect(ask(index, 'how much did spiderman take').results[0]!.text).toBe('The Spider-Man sequel took $783m worldwide.');
    expect(ask(index, 'how many spider-man games sold').results[0]!.text).toBe('Spiderman games sold 2m copies in Japan.');
  });

  it('keeps hyphenated words through a snapshot round trip, and drops them with the article that wrote them', async () => {
    const built = await indexOver({
      'sequel.txt': 'date 2005-01-05 Comic hero sequel\n\nThe Spider-Man sequel took $783m worldwide.',
      'other.txt': 'date 2005-01-06 Other news\n\nThe studio said its films took $2bn in the year.',
    });
    const state = built.exportState();
    const snapshot = { ...state, fingerprint: 'f', corpora: [], entries: state.entries.map((e) => ({ ...e, file: null })) };
    const restored = SentenceIndex.fromState(decodeSnapshot(encodeSnapshot(snapshot), 'f'));
    expect(restored.acronyms.readings('spiderman')).toEqual([['spider', 'man']]);
    restored.remove(restored.article('corpus/sequel.txt')!.id);
    expect(restored.acronyms.readings('spiderman')).toEqual([]);
  });

  it('does not read a hyphenated word as the common word its closed form is ("re-sign" is not "resign")', async () => {
    const resignations = Array.from({ length: 60 }, (_, i) => `Minister ${i + 1} will resign.`).join(' ');
    const index = await indexOver({
      'contract.txt': 'date 2005-01-05 Striker stays\n\nThe striker will re-sign for the club on a new contract.',
      'cabinet.txt': `date 2005-01-06 Cabinet crisis\n\n${resignations}`,
      'mail.txt': 'date 2005-01-07 Spam rises\n\nMost e-mail sent last month was spam.',
    });
    expect(index.acronyms.readings('resign')).toEqual([]);
    expect(index.acronyms.alternatives(['re', 'sign'])).toEqual(new Map());
    expect(index.acronyms.readings('email')).toEqual([['e', 'mail']]);
  });
});

import { describe, expect, it } from 'vitest';
import { learnAcronyms, learnSpelledNames } from '../src/nlp/acronyms.js';
import { analyzeText } from '../src/nlp/analyze.js';
import { ask } from '../src/search/ask.js';
import { indexOver } from './support/tmp.js';

const learned = (text: string) => learnAcronyms(analyzeText(text).map((s) => s.tokens));

describe('short names', () => {
  it('learns "Man Utd" for "Manchester United" from one article, and not names that merely share letters', () => {
    const pairs = learned(
      'Manchester United beat Arsenal on Sunday. Man Utd now lead the table. Mr Brown met Mr Blair. Tony Blair spoke later.',
    );
    expect(pairs).toEqual([{ short: 'man utd', long: ['manchest', 'unit'] }]);
  });

  it('learns a code whose number the long form writes as a word: "Group of Seven (G-7)"', () => {
    expect(learned('Ministers of the Group of Seven (G-7) met in Paris.')).toEqual([{ short: 'g7', long: ['group', 'seven'] }]);
    expect(learned('The Group of Seven met. Ministers of the G-5 left.')).toEqual([]);
  });

  it("learns a long form with a dotted acronym inside it, and still the dotted acronym's own", () => {
    expect(learned('The U.S. Department of Agriculture (USDA) said so.')).toEqual([
      { short: 'usda', long: ['us', 'depart', 'agricultur'] },
    ]);
    expect(learned('The United States and the U.S. agreed.')).toEqual([{ short: 'us', long: ['unit', 'state'] }]);
  });

  it('keeps the initials of long names an article spells out but does not abbreviate, a connector giving its letter or not', () => {
    const spelled = (text: string) => {
      const sentences = analyzeText(text).map((s) => s.tokens);
      return learnSpelledNames(sentences, learnAcronyms(sentences)).map(({ short, long }) => `${short}: ${long.join(' ')}`);
    };
    expect(spelled('Aid from the Department for International Development arrived.')).toEqual([
      'did: depart intern develop',
      'dfid: depart intern develop',
    ]);
    // A long form the article abbreviates itself is a learned acronym already; two-word names spell too many things.
    expect(spelled('The Electronic Frontier Foundation (EFF) sued. Tony Blair spoke.')).toEqual([]);
  });

  it('finds the full name for a question that uses the short one, and the other way round', async () => {
    const index = await indexOver({
      'transfer.txt':
        'date 2005-01-20 Transfer news\n\nManchester United have agreed a fee of £27m with Everton for the striker.\n\n' +
        'Man Utd will pay the fee over three years, said the club.',
      'league.txt': 'date 2005-01-21 League round-up\n\nEverton agreed a fee for a new goalkeeper on Monday.\n\nThe striker scored twice.',
    });
    expect(index.acronyms.alternatives(['man', 'utd', 'fee']).get('utd')).toEqual([['manchest', 'unit']]);
    const short = ask(index, 'what fee did man utd agree with everton for the striker').results[0]!;
    expect(short.text).toBe('Manchester United have agreed a fee of £27m with Everton for the striker.');
    const long = ask(index, 'how long will manchester united take to pay').results[0]!;
    expect(long.text).toBe('Man Utd will pay the fee over three years, said the club.');
  });
});

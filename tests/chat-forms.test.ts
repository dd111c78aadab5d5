import { describe, expect, it } from 'vitest';
import { abbreviationAlternatives, archiveForm, asWritten, functionWordSlip, slipWord } from '../src/nlp/chat-forms.js';
import { analyzeQuestion } from '../src/nlp/question.js';
import { ask } from '../src/search/ask.js';
import { indexOver } from './support/tmp.js';

/** A term rarity for the given IDFs, 0 (unknown) for every other term. */
const rarities = (idf: Record<string, number>) => (term: string) => idf[term] ?? 0;

describe('chat forms', () => {
  it('puts back the apostrophe of contractions typed without one, writes out spoken forms, and leaves other words alone', () => {
    expect(asWritten('whats the cheapest mac mini, and why didnt apple say')).toBe(
      "what's the cheapest mac mini, and why didn't apple say",
    );
    expect(asWritten('Whos buying it? it wont close, thats all')).toBe("Who's buying it? it won't close, that's all");
    expect(asWritten('its shares thats all whose')).toBe("its shares that's all whose");
    // Spoken forms are written out: "gonna" is no word an article holds.
    expect(asWritten('whos gonna meet, who wanna buy')).toBe("who's will meet, who want to buy");
    expect(analyzeQuestion('whos gonna meet in geneva').terms).toEqual(['meet', 'geneva']);
  });

  it('writes out chat shorthand for small words, and only as a word of its own', () => {
    expect(asWritten('who r the bidders b4 the vote, cuz u said thru may')).toBe(
      'who are the bidders before the vote, because you said through may',
    );
    expect(asWritten('what did ur union say w/the board w/o a vote?')).toBe('what did your union say with the board without a vote?');
    // Dotted abbreviations, names and codes that hold those letters are words of their own.
    for (const kept of ['what is the u.s. deficit', 'who is r. kelly', 'what did u2 say', 'how big is r&d', 'who owns ur-energy'])
      expect(asWritten(kept)).toBe(kept);
    expect(analyzeQuestion('who r the new owners of viacom').terms).toEqual(analyzeQuestion('who are the new owners of viacom').terms);
    expect(analyzeQuestion('who scored vs chelsea').terms).toEqual(analyzeQuestion('who scored against chelsea').terms);
    // Days and reasons as chat shortens them; "bc" and "bout" stay (British Columbia, a fight).
    expect(asWritten('what happened 2day and yday, and what comes tmrw b/c of the vote')).toBe(
      'what happened today and yesterday, and what comes tomorrow because of the vote',
    );
    expect(asWritten('what did the fed say wrt rates nxt week')).toBe('what did the fed say about rates next week');
    expect(asWritten('who won the bout in bc')).toBe('who won the bout in bc');
    expect(analyzeQuestion('who kinda wants to meet in geneva').terms).toEqual(analyzeQuestion('who wants to meet in geneva').terms);
  });

  it('reads a question typed without apostrophes as the same question with them', () => {
    expect(analyzeQuestion('whos buying gte').type).toBe('person');
    expect(analyzeQuestion('whens the vote').type).toBe('time');
    expect(analyzeQuestion('whats the cheapest mac mini cost').terms).toEqual(analyzeQuestion("what's the cheapest mac mini cost").terms);
  });

  it('reads an unknown term as a possessive without its apostrophe only when the archive knows the rest', () => {
    const rarity = rarities({ gte: 9, plan: 4, plans: 6 });
    expect(archiveForm('gtes', rarity)).toBe('gte');
    expect(archiveForm('plans', rarity)).toBe('plans');
    expect(archiveForm('fpls', rarity)).toBe('fpls');
    expect(analyzeQuestion('what else is gtes new transistor good at', rarity).terms).toContain('gte');
    expect(analyzeQuestion('what else is gtes new transistor good at').terms).toContain('gtes');
  });

  it('reads an unknown term as the most frequent known term one typing slip away, but not a short one or one with digits', () => {
    const rarity = rarities({ govern: 3, cover: 5, parliament: 6, parlament: 11, report: 4, sport: 5 });
    expect(archiveForm('govrn', rarity)).toBe('govern');
    expect(archiveForm('ogvern', rarity)).toBe('govern');
    expect(archiveForm('govvern', rarity)).toBe('govern');
    // Two known terms one slip away: the more frequent one (lower IDF) wins.
    expect(archiveForm('sreport', rarity)).toBe('report');
    expect(archiveForm('sport', rarity)).toBe('sport');
    expect(archiveForm('repo', rarity)).toBe('repo');
    expect(archiveForm('report2', rarity)).toBe('report2');
    expect(archiveForm('zzzzzz', rarity)).toBe('zzzzzz');
    expect(analyzeQuestion('what did the goverment report', rarity).terms).toEqual(['govern', 'report']);
    // An English word the archive happens to lack is no typo: "plumber" does not become "lumber".
    const lumber = rarities({ lumber: 5 });
    expect(archiveForm('plumber', lumber)).toBe('lumber');
    expect(analyzeQuestion('who is the plumber', lumber).terms).toEqual(['plumber']);
  });

  it('reads a slip in the word as typed, by the term of the real word it was meant for', () => {
    const rarity = rarities({ elect: 3, electron: 8, acr: 2, actress: 6, injuri: 4, inuri: 11 });
    const typed = (word: string, words: string[], slipFrom?: number) => ({ word, isWord: (w: string) => words.includes(w), slipFrom });
    // "electon" is one slip from "election" and from "electron"; as a term it is one slip only from "electron".
    expect(archiveForm('electon', rarity)).toBe('electron');
    expect(archiveForm('electon', rarity, typed('electon', ['election', 'electron']))).toBe('elect');
    // A name's slips are looked for in its term only.
    expect(archiveForm('electon', rarity, { ...typed('electon', ['election', 'electron']), name: true })).toBe('electron');
    // "acrness" is one slip from "acrtess" and stems to "acr", but is no word.
    expect(archiveForm('acrtess', rarity, typed('acrtess', ['actress']))).toBe('actress');
    // A slip the archive holds in a handful of sentences gives way to a word a hundred times commoner, when asked to.
    expect(archiveForm('inuri', rarity, typed('inury', ['injury'], 10))).toBe('injuri');
    expect(archiveForm('inuri', rarity, typed('inury', ['injury']))).toBe('inuri');
    expect(archiveForm('inuri', rarity, typed('inury', ['injury'], 12))).toBe('inuri');
  });

  it("looks for slips in at most a few of a question's words: a question full of words the archive lacks costs no more", () => {
    const rarity = rarities({ elect: 3, electron: 8, expect: 3 });
    const searches = { left: 1 };
    const typed = { word: 'electon', isWord: (w: string) => ['election', 'electron'].includes(w), wordSearches: searches };
    expect(archiveForm('electon', rarity, typed)).toBe('elect');
    expect(searches.left).toBe(0);
    // Searches used up, the term's own slips are still read ("electon" as a term is one slip from "electron").
    expect(archiveForm('electon', rarity, typed)).toBe('electron');
    // Four words no archive or dictionary holds use the question's searches up before its slip is reached.
    expect(analyzeQuestion('is qwertyk expectyng', rarity).terms).toContain('expect');
    expect(analyzeQuestion('is qwertyk zxcvbnm plokijuh mnbvcxz expectyng', rarity).terms).not.toContain('expect');
  });

  it('looks for no slip in a word longer than any English word (a 500-letter word took 45 s to read)', () => {
    const long = 'internationalisationally';
    const rarity = rarities({ [long]: 9, [`${long}x`.slice(1)]: 9 });
    // 24 letters: still read as a slip of the archive's word one letter away; 25 letters: as typed.
    expect(archiveForm(`${long}y`.slice(1), rarity)).toBe(`${long}x`.slice(1));
    expect(archiveForm(`${long}y`, rarity)).toBe(`${long}y`);
    expect(functionWordSlip('a'.repeat(500))).toBeUndefined();
    expect(slipWord('a'.repeat(500), 'a', () => true)).toBeUndefined();
  });

  it('reads a question again with the word a slip was meant for, so that its cues and synonyms see the word', () => {
    const rarity = rarities({ crowd: 6, cebit: 9, expect: 3 });
    const corrected = analyzeQuestion('what crowd is cebit expectyng', rarity);
    expect(corrected.terms).toEqual(['crowd', 'cebit', 'expect']);
    // "expecting" is a verb of expectation: the question is asked in the future, as typed right it would be.
    expect(corrected.future).toBe(true);
    expect(corrected.words.map((w) => w.value)).toContain('expecting');
    expect(corrected.text).toBe('what crowd is cebit expectyng');
    expect(corrected.corrections).toEqual([{ typed: 'expectyng', read: 'expecting' }]);
    expect(analyzeQuestion('waht crowd is cebit expectyng', rarity).corrections).toEqual([
      { typed: 'waht', read: 'what' },
      { typed: 'expectyng', read: 'expecting' },
    ]);
    // A possessive typed without its apostrophe is no slip.
    expect(analyzeQuestion('what is gtes plan', rarities({ gte: 9, plan: 4 })).corrections).toEqual([]);
    expect(analyzeQuestion('what crowd is cebit expectyng').future).toBe(false);
    expect(slipWord('cmomon', 'common', (w) => w === 'common')).toBe('common');
    expect(slipWord('cmomon', 'common', () => false)).toBeUndefined();
  });

  it('reads a rare term the archive writes as a name as that name, not as a slip of a commoner word', async () => {
    const rarity = rarities({ near: 3, negar: 11, khan: 8, visa: 7 });
    const slips = { slipFrom: 10, archiveName: (term: string) => term === 'negar' };
    expect(archiveForm('negar', rarity, { word: 'negar', isWord: (w) => w === 'near', slipFrom: 10 })).toBe('near');
    expect(archiveForm('negar', rarity, { word: 'negar', isWord: (w) => w === 'near', ...slips })).toBe('negar');
    expect(analyzeQuestion('what visa was negar khan on', rarity, undefined, slips).terms).toEqual(['visa', 'negar', 'khan']);
    // Through ask(): a name one sentence holds keeps its reading beside a word every other sentence holds.
    const village = Array.from({ length: 200 }, (_, i) => `The farm number ${i + 1} stands near the river.`).join(' ');
    const index = await indexOver({
      'village.txt': `date 2005-01-20 Farms by the river\n\n${village}`,
      'visa.txt': 'date 2005-01-21 Actress deported\n\nIndia deported the actress Negar Khan, who held a visitor visa.',
    });
    const answer = ask(index, 'what visa did negar khan hold');
    expect(answer.corrections).toEqual([]);
    expect(answer.results[0]!.text).toBe('India deported the actress Negar Khan, who held a visitor visa.');
  });

  it('reads a name typed with its capital as a slip of a name only, not of a common word', () => {
    const rarity = rarities({ barrack: 5, melanchthon: 9, develop: 3 });
    const archiveName = (term: string) => term === 'melanchthon';
    const typed = (word: string, capitalised: boolean) => ({ word, isWord: () => false, name: true, capitalised, archiveName });
    expect(archiveForm('barack', rarity, typed('Barack', true))).toBe('barack');
    expect(archiveForm('barack', rarity, typed('barack', false))).toBe('barrack');
    expect(archiveForm('melanchhon', rarity, typed('Melanchhon', true))).toBe('melanchthon');
    const slips = { slipFrom: 10, archiveName };
    expect(analyzeQuestion('what did Barack develop', rarity, undefined, slips).terms).toEqual(['barack', 'develop']);
    // The first word of a question has its capital as the first word, not as a name.
    expect(analyzeQuestion('Barrak developed what', rarity, undefined, slips).terms).toContain('barrack');
  });

  it('reads a word made with a prefix as the word it is, not as a slip of another ("reoccupy" is not preoccupy)', () => {
    const rarity = rarities({ preoccupi: 5, armi: 3, rhineland: 9, till: 5, vote: 4 });
    const reoccupy = analyzeQuestion('when did the army reoccupy the rhineland', rarity);
    expect(reoccupy.terms).toEqual(['armi', 'reoccupi', 'rhineland']);
    expect(reoccupy.corrections).toEqual([]);
    // Too little is left after the prefix for a word of its own: a slip, of "until" here.
    expect(analyzeQuestion('who won untill the vote', rarity).corrections).toEqual([{ typed: 'untill', read: 'until' }]);
  });

  it('reads a slip of a function word as that word, which has no term', () => {
    const rarity = rarities({ share: 4, fall: 4, strike: 5, tier: 9, thief: 8 });
    const typed = (word: string) => ({ word, isWord: (w: string) => ['their', 'because', 'thief', 'tier'].includes(w), slipFrom: 10 });
    // "thier" is one slip from "tier" and "thief" too; "their" is by far the commoner word.
    expect(archiveForm('thier', rarity, typed('thier'))).toBe('');
    expect(archiveForm('becuas', rarity, typed('becuase'))).toBe('');
    expect(archiveForm('thief', rarity, typed('thief'))).toBe('thief');
    expect(functionWordSlip('befroe')).toBe('before');
    expect(analyzeQuestion('why did thier shares fall becuase of the strike', rarity).terms).toEqual(['share', 'fall', 'strike']);
    // "how much" keeps its "much": "such" is one slip from it, but "much" is no slip.
    expect(analyzeQuestion('how much did thier shares fall', rarity).type).toBe('number');
  });

  it('judges whether a word is too short to read as a slip by the word as typed, not by its stem', () => {
    // "adition" stems to "adit" (a mine's entrance, held once), a short term; the word typed is no short word.
    const rarity = rarities({ adit: 12, addit: 5, edit: 7 });
    const typed = (word: string, words: string[]) => ({ word, isWord: (w: string) => words.includes(w), slipFrom: 10 });
    expect(archiveForm('adit', rarity, typed('adition', ['addition', 'edition']))).toBe('addit');
    // A word typed short stays as typed: "adit" may be meant.
    expect(archiveForm('adit', rarity, typed('adit', ['addit', 'edit']))).toBe('adit');
  });

  it('reads an acronym typed in lower case as the acronym the archive knows, but not a pronoun or a commoner stem', () => {
    const rarity = rarities({ irs: 8, ir: 11, us: 3, up: 4, ups: 10, say: 1, wheat: 6, letter: 5 });
    const known = (term: string) => ['irs', 'us', 'ups', 'his', 'who'].includes(term);
    const terms = (question: string) => analyzeQuestion(question, rarity, known).terms;
    expect(terms('what did the irs say')).toEqual(['irs', 'say']);
    expect(terms('how much us wheat did they buy')).toContain('us');
    expect(terms('what did the us say')).toContain('us');
    expect(terms('what did he tell us about wheat')).not.toContain('us');
    expect(terms('who sent us letters')).not.toContain('us');
    expect(terms('what did his company say')).not.toContain('his');
    // The archive knows the WHO, but a question's "who" is the question word, even before a verb read as a noun.
    expect(terms('who chairs the trading commission')).not.toContain('who');
    expect(terms('what did the who say about wheat')).toContain('who');
    // "up" is commoner in the archive than UPS: the stem stands.
    expect(terms('how many ups did they record')).not.toContain('ups');
    expect(analyzeQuestion('what did the irs say', rarity).terms).toEqual(['ir', 'say']);
  });

  it('gives an abbreviation its written-out form and a written-out form its abbreviation', () => {
    expect(abbreviationAlternatives(['ppl', 'sundanc']).get('ppl')).toEqual([['peopl']]);
    expect(abbreviationAlternatives(['q1', 'profit']).get('q1')).toEqual([['first', 'quarter']]);
    const written = abbreviationAlternatives(['profit', 'first', 'quarter', 'govern']);
    expect(written.get('first')).toEqual([['q1']]);
    expect(written.get('quarter')).toEqual([['q1']]);
    expect(written.get('govern')).toEqual([['govt'], ['gov']]);
    expect(abbreviationAlternatives(['quarter', 'first']).has('first')).toBe(false);
    // A figure typed as digits is the figure news writes out, both ways; "one" is a pronoun as often.
    expect(abbreviationAlternatives(['6', 'pct']).get('6')).toEqual([['six']]);
    expect(abbreviationAlternatives(['six', 'nation']).get('six')).toEqual([['6']]);
    expect(abbreviationAlternatives(['1', '13']).size).toBe(0);
  });

  it('finds a figure written out for one typed as digits', async () => {
    const index = await indexOver({
      'bonds.txt':
        'date 1987-04-02 Dutch bonds\n\nA Rabobank bond pays 7 pct, up from 5 pct.\n\n' + 'The Treasury sold a six pct bond to the banks.',
    });
    expect(ask(index, 'which bond pays 6 pct').results[0]!.text).toBe('The Treasury sold a six pct bond to the banks.');
  });

  it('answers chat-typed questions from articles that write the words out, and the other way round', async () => {
    const index = await indexOver({
      'festival.txt':
        'date 2005-01-24 Sundance opens\n\nSome 45,000 people are estimated to have come to the festival this year.\n\n' +
        'Robert Redford founded Sundance in 1981 and it has showcased many films.',
      'results.txt':
        'date 1987-04-02 GTE results\n\nGTE said first quarter net profit rose to 300 mln dlrs.\n\n' +
        'GTE also said its new transistor works at high frequencies, the company said.',
      'other.txt': 'date 1987-04-03 Profit at Acme\n\nAcme said profit rose in the year, and its people were paid more.',
      'tax.txt':
        'date 1987-04-04 Tax agency warns\n\nThe Internal Revenue Service (IRS) said refunds will be late.\n\n' +
        'The IRS said it had hired more staff. An IR camera maker said sales were up.',
    });
    expect(ask(index, 'how many ppl go to sundance').results[0]!.text).toBe(
      'Some 45,000 people are estimated to have come to the festival this year.',
    );
    expect(ask(index, 'what was gtes q1 profit').results[0]!.text).toBe('GTE said first quarter net profit rose to 300 mln dlrs.');
    expect(ask(index, 'how many million did gte make').results[0]!.text).toBe('GTE said first quarter net profit rose to 300 mln dlrs.');
    // Typed in lower case, "irs" would be stemmed to "ir" and find the camera maker.
    expect(
      ask(index, 'what did the irs say')
        .results.slice(0, 2)
        .map((r) => r.text),
    ).toEqual(['The Internal Revenue Service (IRS) said refunds will be late.', 'The IRS said it had hired more staff.']);
  });
});

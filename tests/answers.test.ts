import { describe, expect, it } from 'vitest';
import { parseArticleBytes } from '../src/articles/parse.js';
import { analyzeArticle } from '../src/nlp/article-sentences.js';
import { analyzeQuestion } from '../src/nlp/question.js';
import { ask } from '../src/search/ask.js';
import { IDF_POWER } from '../src/search/rank.js';
import { SentenceIndex } from '../src/search/sentence-index.js';
import { decodeSnapshot, encodeSnapshot } from '../src/search/snapshot.js';
import { indexOver } from './support/tmp.js';

/** Articles about several firms, so that no single word of a question is enough on its own. */
const NEWS: Record<string, string> = {
  'unilever.txt':
    'date 2005-02-10 Unilever warns on weak sales\n\nUnilever has warned that sales in Europe will stay weak this year.\n\n' +
    'Profits at the Anglo-Dutch group fell 10% in the last quarter. The company also cited a lack of demand for its Slimfast diet range.',
  'drinks.txt':
    'date 2005-02-11 Soft drinks makers look to diet lines\n\nBottlers said demand for diet drinks grew in the spring.\n\n' +
    'The industry expects new ranges in the summer.',
  'eff.txt':
    'date 2005-03-01 Bloggers win support in court case\n\nThe Electronic Frontier Foundation (EFF) has filed a brief in support of three bloggers.\n\n' +
    'Apple wants the bloggers to name their sources.',
  'eff-later.txt':
    'date 2005-03-20 Reporters back bloggers\n\nThe EFF, representing the reporters, has asked the California court to protect their sources.\n\n' +
    'A hearing is set for April.',
  'courts.txt':
    'date 2005-03-02 Court backs reporters\n\nA court in Texas asked reporters to protect the privacy of witnesses.\n\nThe ruling was welcomed by editors.',
};

/** A story that spells out the National Union of Students and never prints "NUS". */
const students = (day: number, topic: string) =>
  `date 2005-01-0${day} Fees row\n\nThe National Union of Students said the plan on ${topic} would hurt poorer students.`;

/** The answers to `question` over one article: each sentence, the phrase shown as its answer, its answer-type, future and addition signals. */
async function answersOver(article: string, question: string) {
  const index = await indexOver({ 'article.txt': article });
  return ask(index, question).results.map((r) => ({
    text: r.text,
    answer: r.answer && r.text.slice(r.answer.start, r.answer.end),
    answerType: r.signals?.answerType,
    counted: r.signals?.counted,
    future: r.signals?.future,
    addition: r.signals?.addition,
  }));
}

describe('article-aware answers', async () => {
  const index = await indexOver(NEWS);

  it('finds a sentence that names its subject only as "the company" for a question naming the title subject', () => {
    const question = 'which diet brand did unilever say lacked demand';
    expect(ask(index, question).results[0]!.text).toBe('The company also cited a lack of demand for its Slimfast diet range.');
    const inherited = index.sentence(index.article('corpus/unilever.txt')!.sentenceIds[2]!)!.inherited;
    expect(inherited).toContain('unilev');
  });

  it('ranks articles by title, lead and body (BM25F) in the same scan as sentences', () => {
    const weights = new Map([
      ['unilev', 1],
      ['diet', 1],
    ]);
    const { articles } = index.retrieve(weights, 10, 3);
    expect(articles[0]!.article.id).toBe('corpus/unilever.txt');
    expect(articles.map((a) => a.article.id)).toContain('corpus/drinks.txt');
  });

  it('learns an acronym from "Electronic Frontier Foundation (EFF)" and uses it both ways', () => {
    expect(index.acronyms.readings('eff')).toEqual([['electron', 'frontier', 'foundat']]);
    const longForm = ask(index, 'what has the electronic frontier foundation asked the california court to do').results[0]!;
    expect(longForm.text).toBe('The EFF, representing the reporters, has asked the California court to protect their sources.');
    const shortForm = ask(index, 'who did the eff file a brief for').results[0]!;
    expect(shortForm.text).toBe('The Electronic Frontier Foundation (EFF) has filed a brief in support of three bloggers.');
  });

  it('looks for every reading of an acronym the archive spells out in several ways, not only the commonest', async () => {
    const bma = (agency: string) =>
      `date 1987-03-0${agency.length % 9} Bahrain banks\n\nThe Bahrain Monetary Agency (BMA) set new rules for ${agency}.\n\nBanks welcomed them.`;
    const index = await indexOver({
      'bahrain-1.txt': bma('offshore banks'),
      'bahrain-2.txt': bma('money changers'),
      'doctors.txt': 'date 2005-01-09 Doctors elect chair\n\nThe British Medical Association (BMA) elected a new chair.',
      'bill.txt':
        'date 2005-01-10 Care bill debated\n\nCharities back the mental capacity bill, saying it protects patients.\n\n' +
        'The British Medical Association also backs the mental capacity bill, saying it protects incapacitated people.',
    });
    expect(index.acronyms.readings('bma')).toEqual([
      ['bahrain', 'monetari', 'agenc'],
      ['british', 'medic', 'associ'],
    ]);
    expect(ask(index, 'why does the bma back the mental capacity bill').results[0]!.text).toBe(
      'The British Medical Association also backs the mental capacity bill, saying it protects incapacitated people.',
    );
  });

  it('reads initials no article prints as the long name articles spell out, when two articles do and the word is no commoner', async () => {
    const two = await indexOver({
      'students-1.txt': students(1, 'deferred fees'),
      'students-2.txt': students(2, 'loans'),
      'vice.txt': 'date 2005-01-03 Universities back fees\n\nVice-chancellors said the deferred fees plan would help universities.',
      'arts.txt': 'date 2005-01-04 Arts cuts\n\nThe art world fears cuts. Art galleries wrote to the minister. Art schools did too.',
      // "nus" is not read as the plural of a word the archive holds once.
      'physics.txt': 'date 2005-01-07 Physics\n\nThe letter nu stands for a frequency.',
      'retail.txt': 'date 2005-01-05 Shops\n\nThe American Retail Trade Society met in Ohio.',
      'retail-2.txt': 'date 2005-01-06 Shops again\n\nThe American Retail Trade Society met in Iowa.',
    });
    expect(two.acronyms.readings('nus')).toEqual([['nation', 'union', 'student']]);
    expect(ask(two, 'what does the nus think of the deferred fees plan').results[0]!.text).toBe(
      'The National Union of Students said the plan on deferred fees would hurt poorer students.',
    );
    // "arts" is the word art, which the archive holds more often than any long form spells it.
    expect(two.acronyms.readings('arts')).toEqual([]);
    expect(
      analyzeQuestion(
        'which arts groups wrote',
        (t) => two.idf(t),
        (t) => two.acronyms.readings(t).length > 0,
      ).terms,
    ).toContain('art');
    const one = await indexOver({ 'students-1.txt': students(1, 'deferred fees') });
    expect(one.acronyms.readings('nus')).toEqual([]);
  });

  it('learns an acronym a headline uses for a name its body gives in full, but none from a title in capitals', () => {
    const acronyms = (title: string) =>
      analyzeArticle({
        id: 'c/totp.txt',
        corpus: 'c',
        source: 'totp.txt',
        title,
        date: null,
        body: 'Top of the Pops has turned to the star of a musical.',
        paragraphs: [{ start: 0, end: 52 }],
      }).acronyms;
    expect(acronyms('TOTP turns to Elvis impersonator')).toEqual([{ short: 'totp', long: ['top', 'pop'] }]);
    expect(acronyms('TOTP TURNS TO ELVIS IMPERSONATOR')).toEqual([]);
  });

  it("credits a later sentence with the question's words the lead holds: they name the story, not the detail asked", async () => {
    const index = await indexOver({
      'museum.txt':
        'date 2005-01-10 Ray Charles studio to become museum\n\nA museum dedicated to the singer Ray Charles is to open in his former recording studio.\n\n' +
        'Charles recorded many of his hits in the building. It is hoped the museum will be ready for visitors in late 2007.',
      'gallery.txt': 'date 2005-01-11 Gallery plans\n\nA new gallery in the city will show recordings of the singer, its director said.',
    });
    const question = 'when will the ray charles museum open';
    const answer = 'It is hoped the museum will be ready for visitors in late 2007.';
    expect(ask(index, question).results[0]!.text).toBe(answer);
    // The answer is also the only forecast; with that signal off, the lead alone must still decide.
    expect(ask(index, question, { disabled: new Set(['future']) }).results[0]!.text).toBe(answer);
    expect(ask(index, question, { disabled: new Set(['future', 'lead']) }).results[0]!.text).not.toBe(answer);
  });

  it("looks at the best sentence's whole article, even when the article stage ranked other articles above it", async () => {
    const fillers = Object.fromEntries(
      Array.from({ length: 120 }, (_, i) => [
        `filler-${i}.txt`,
        `date 1987-03-${String((i % 28) + 1).padStart(2, '0')} Washington farm policy ${i}\n\nWashington farm policy news from Washington, number ${i}.`,
      ]),
    );
    const answer = 'To Washington it is the root of all evil because it subsidises farmers.';
    const index = await indexOver({
      ...fillers,
      // Ranked above it by the article stage for their titles; none of their sentences says anything asked.
      ...Object.fromEntries(
        [1, 2, 3].map((i) => [`decoy-${i}.txt`, `date 1987-03-2${i} Washington hates farm policy, part ${i}\n\nOfficials met on Monday.`]),
      ),
      'irritants.txt':
        'date 1987-03-30 Trade irritants remain\n\nRelations between the two sides have improved.\n\n' +
        `At the top of the list is the farm policy that Washington hates. ${answer}`,
    });
    const question = 'why does washington hate the farm policy';
    expect(ask(index, question, { k: 3 }).results.map((r) => r.text)).toContain(answer);
    expect(ask(index, question, { k: 3, disabled: new Set(['articles']) }).results.map((r) => r.text)).not.toContain(answer);
  });

  it('exposes the signals the re-ranker computed, with the article relevance and the margin', () => {
    const [first, second] = ask(index, 'which diet brand did unilever say lacked demand').results;
    expect(first!.signals).toMatchObject({ articleScore: expect.any(Number), inherited: expect.any(Number) });
    expect(first!.signals!.articleScore).toBeGreaterThan(0);
    expect(first!.signals!.margin).toBeGreaterThan(0);
    expect(second!.score).toBeLessThanOrEqual(first!.score);
  });

  it("gives a question's common words more of its weight than their IDF alone: the rare ones name the story, the common ones the detail", async () => {
    const fillers = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [
        `firm-${i}.txt`,
        `date 2005-01-${String((i % 28) + 1).padStart(2, '0')} Company news ${i}\n\nFirm ${i} announced its results.\n\nSales rose in the quarter.`,
      ]),
    );
    const index = await indexOver({ ...fillers, 'zorblax.txt': 'date 2005-02-10 Toymaker sold\n\nZorblax makes wooden trains.' });
    const announced = ask(index, 'who announced zorblax', { k: 10 }).results.find((r) => /^Firm \d+ announced its results\.$/.test(r.text));
    const [common, rare] = [index.idf('announc'), index.idf('zorblax')];
    expect(rare).toBeGreaterThan(2 * common);
    // More than the share it would have by IDF alone: the share with each IDF raised to IDF_POWER (below 1).
    expect(announced!.signals!.coverage).toBeGreaterThan(common / (common + rare) + 0.02);
    expect(announced!.signals!.coverage).toBeCloseTo(common ** IDF_POWER / (common ** IDF_POWER + rare ** IDF_POWER), 3);
  });
});

describe('near-duplicates', () => {
  it('shows a story copied with a typo once, but keeps template sentences that differ in figures', async () => {
    const index = await indexOver({
      'a.txt': 'Networks race ahead\n\nThe new network is much faster than the old one, engineers in Cannes said.',
      'b.txt': 'Networks race ahead again\n\nThe new network is must faster than the old one, engineers in Cannes said.',
      'c.txt': 'date 1987-04-01 Acme profit\n\nAcme Corp said first quarter profit rose to 12.3 mln dlrs from 10.1 mln dlrs.',
      'd.txt': 'date 1987-04-02 Acme profit\n\nAcme Corp said first quarter profit rose to 14.8 mln dlrs from 11.2 mln dlrs.',
    });
    const faster = ask(index, 'is the new network faster', { k: 5 }).results;
    expect(faster.filter((r) => r.text.includes('faster than the old one'))).toHaveLength(1);
    const profit = ask(index, 'acme first quarter profit', { k: 5 }).results;
    expect(profit.filter((r) => r.text.startsWith('Acme Corp said first quarter profit'))).toHaveLength(2);
  });
});

describe('live and persisted', () => {
  const article = (source: string, text: string) => {
    const parsed = parseArticleBytes(Buffer.from(text), 'corpus', source);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.article;
  };

  it('updates the article index, the acronym table and the discourse links one article at a time', () => {
    const index = new SentenceIndex();
    const eff = article('eff.txt', NEWS['eff.txt']!);
    const unilever = article('unilever.txt', NEWS['unilever.txt']!);
    index.add(eff, analyzeArticle(eff));
    index.add(unilever, analyzeArticle(unilever));
    expect(index.acronyms.readings('eff')).toHaveLength(1);
    const byArticles = (terms: string[]) => index.retrieve(new Map(terms.map((t) => [t, 1])), 5, 5).articles.map((a) => a.article.id);
    expect(byArticles(['blogger'])).toEqual(['corpus/eff.txt']);

    index.remove('corpus/eff.txt');
    expect(index.acronyms.readings('eff')).toEqual([]);
    const spelling = [article('students-1.txt', students(1, 'fees')), article('students-2.txt', students(2, 'loans'))];
    for (const story of spelling) index.add(story, analyzeArticle(story));
    expect(index.acronyms.readings('nus')).toHaveLength(1);
    index.remove('corpus/students-2.txt');
    expect(index.acronyms.readings('nus')).toEqual([]);
    expect(byArticles(['blogger'])).toEqual([]);

    const replaced = article(
      'unilever.txt',
      'Unilever sells tea arm\n\nUnilever sold its tea arm to bloggers. It said the sale closed on Friday.',
    );
    index.add(replaced, analyzeArticle(replaced));
    expect(byArticles(['blogger'])).toEqual(['corpus/unilever.txt']);
    expect(byArticles(['slimfast'])).toEqual([]);
    const said = index.sentence(index.article('corpus/unilever.txt')!.sentenceIds[1]!)!;
    expect(said.inherited).toContain('unilev');
  });

  it('keeps inherited terms, acronyms and article frequencies through a snapshot round trip', async () => {
    const built = await indexOver({ ...NEWS, 'students-1.txt': students(1, 'fees'), 'students-2.txt': students(2, 'loans') });
    const state = built.exportState();
    const snapshot = { ...state, fingerprint: 'f', corpora: [], entries: state.entries.map((e) => ({ ...e, file: null })) };
    const restored = SentenceIndex.fromState(decodeSnapshot(encodeSnapshot(snapshot), 'f'));
    expect(restored.acronyms.readings('eff')).toEqual(built.acronyms.readings('eff'));
    expect(restored.acronyms.readings('nus')).toEqual([['nation', 'union', 'student']]);
    const inherited = (index: SentenceIndex) => [...index.analyzedArticles()].flatMap((a) => a.analysis.sentences.map((s) => s.inherited));
    expect(inherited(restored)).toEqual(inherited(built));
    expect(inherited(built).some((terms) => terms.length > 0)).toBe(true);
    const question = 'which diet brand did unilever say lacked demand';
    expect(ask(restored, question)).toEqual(ask(built, question));
  });
});

describe('answer types beyond who/when/how many', () => {
  it('reads why, how + adjective and which + noun from the question', () => {
    expect(analyzeQuestion('why did mobil lose money').type).toBe('reason');
    expect(analyzeQuestion('how come mobil lost money').type).toBe('reason');
    // "what" headed by a measure noun asks for that kind of figure; "what did …" for none.
    expect(analyzeQuestion('what inflation rate did the bank mention').type).toBe('percent');
    expect(analyzeQuestion('whats the cheapest mac mini cost').type).toBe('money');
    expect(analyzeQuestion('what was the score in the final').type).toBe('number');
    // The plural asks for the same kind of thing: times run, years, countries, players.
    expect(analyzeQuestion('what times did jason gardener run in glasgow').type).toBe('time');
    expect(analyzeQuestion('in which years did spain and portugal join').type).toBe('time');
    expect(analyzeQuestion('which countries are in the g7').type).toBe('place');
    expect(analyzeQuestion('which players did the club sign').type).toBe('person');
    expect(analyzeQuestion('what did the bank say about the rate').type).toBe('other');
    expect(analyzeQuestion('how fast is wimax').type).toBe('number');
    // The question word that opens the question decides, not one of a clause after it.
    expect(analyzeQuestion('who hired tesla when he moved to new york').type).toBe('person');
    expect(analyzeQuestion('where was tesla studying when he started playing cards').type).toBe('place');
    expect(analyzeQuestion('when did he say why shares fell').type).toBe('time');
    // A rule that matches only in such a clause yields to the question's grammar.
    expect(analyzeQuestion('what was the score when liverpool beat olympiakos').type).toBe('number');
    expect(analyzeQuestion('which doctor who show was cancelled').type).toBe('name');
    expect(analyzeQuestion('by how much did labour lead').type).toBe('percent');
    expect(analyzeQuestion('which answering machine maker does conrac own').type).toBe('name');
  });

  it('reads "how much" and "how many" as question words, not as words the answer must hold', () => {
    expect(analyzeQuestion('how much does japan have in foreign exchange reserves').terms).not.toContain('much');
    expect(analyzeQuestion('how many people ordered halo 2').terms).toEqual(['peopl', 'order', 'halo', '2']);
    expect(analyzeQuestion('why did so many people leave').terms).toContain('mani');
  });

  it('reads the measure of a "how" question as welcome but not needed: the figure seldom repeats the word', async () => {
    expect(analyzeQuestion('how fast did dibaba run in boston').measures).toEqual(['fast']);
    expect(analyzeQuestion('how fast can a fast car go').measures).toEqual([]);
    const index = await indexOver({
      'dibaba.txt':
        'date 2005-01-30 Dibaba sets record\n\nDibaba ran a fast race in Boston, her coach said.\n\n' +
        'Dibaba ran in Boston in 14 minutes 32 seconds.',
      // Dibaba, running and Boston are common here, so "fast" is the rarest word of the question.
      'boston.txt':
        'date 2005-01-29 Boston indoor games\n\nDibaba will run in Boston. Dibaba ran in Boston last year.\n\n' +
        'Dibaba likes to run in Boston. Boston fans watch Dibaba run.',
    });
    expect(ask(index, 'how fast did dibaba run in boston').results[0]!.text).toBe('Dibaba ran in Boston in 14 minutes 32 seconds.');
    // A question that asks about nothing but the measure still searches for it.
    expect(analyzeQuestion('how fast?').measures).toEqual([]);
    expect(ask(index, 'how fast?').results[0]!.text).toBe('Dibaba ran a fast race in Boston, her coach said.');
  });

  it('reads what a "how many" or "how long" figure counts: the head noun, or the units of the measure', () => {
    expect(analyzeQuestion('how many rounds of talks did the us have').counted).toEqual(['round']);
    expect(analyzeQuestion('how many buckhorn shares did ropak own').counted).toEqual(['share']);
    expect(analyzeQuestion('how many american warships shelled the rig').counted).toEqual(['warship']);
    expect(analyzeQuestion('how long did the strike last').counted).toContain('week');
    expect(analyzeQuestion('how long ago did the strike start').counted).toEqual([]);
    expect(analyzeQuestion('how often does the band play').counted).toEqual(expect.arrayContaining(['time', 'week']));
    expect(analyzeQuestion('how far is the plant from the city').counted).toContain('mile');
    expect(analyzeQuestion('how much did shares fall').counted).toEqual([]);
  });

  it('prefers the figure of what the question counts: "11 rounds of talks", a strike "for three weeks"', async () => {
    const talks = await answersOver(
      'date 1987-03-02 Euratom talks\n\nThe United States and Euratom have talked about 20 nuclear plants since 1978.\n\n' +
        'The two sides have had 11 rounds of talks.',
      'how many rounds of talks did the united states and euratom have',
    );
    expect(talks[0]).toMatchObject({ text: 'The two sides have had 11 rounds of talks.', answer: '11', counted: 1 });
    expect(talks[1]).toMatchObject({ counted: 0 });
    const [strike] = await answersOver(
      'date 1987-03-02 Strike ends\n\nThe strike at the plants ended after 1,200 workers voted.\n\n' +
        'The strike at the plants had lasted for three weeks.',
      'how long was the strike at the plants',
    );
    expect(strike).toMatchObject({ text: 'The strike at the plants had lasted for three weeks.', counted: 1 });
  });

  it('shows a year as the answer to "how many" only when the sentence gives no other figure', async () => {
    const [sales] = await answersOver(
      'date 2005-01-20 Nintendo sales\n\nSales reached 2.8 million, and Nintendo sold the consoles in 2004.',
      'how many consoles did nintendo sell',
    );
    expect(sales).toMatchObject({ answer: '2.8 million' });
    const [launch] = await answersOver(
      'date 2005-01-20 Nintendo\n\nNintendo sold the first consoles in 2004.',
      'how many consoles did nintendo sell',
    );
    expect(launch).toMatchObject({ answer: '2004' });
  });

  it('shows a name, not initials, as the answer to "who"', async () => {
    const [chief] = await answersOver(
      'date 2005-01-20 Athletics\n\nDavid Moorcroft, the UKA chief executive, backed the plan.',
      'who is the chief executive of uk athletics',
    );
    expect(chief).toMatchObject({ answer: 'David Moorcroft' });
  });

  it('reads a bare year as a date: "when" finds "through 1988", and the year is the answer shown', async () => {
    const [first] = await answersOver(
      'date 1987-04-02 Eastern pilots\n\nA contract between Eastern and its machinists is due to expire this year, Duffy said.\n\n' +
        "The pilots' union has a contract through 1988 with Eastern, he said.",
      'when does the pilots union contract with eastern run out',
    );
    expect(first).toMatchObject({ text: "The pilots' union has a contract through 1988 with Eastern, he said.", answer: '1988' });
  });

  it('reads amounts as news writes them as money: "£339", "2.25 billion guilders"', async () => {
    const [first] = await answersOver(
      'date 1987-04-02 Dutch state loan\n\nThe Dutch treasury raised funds with a state loan on Tuesday, in 25 lots.\n\n' +
        'The treasury raised 2.25 billion guilders with the loan, dealers said.',
      'how much did the dutch treasury raise with the loan',
    );
    expect(first).toMatchObject({
      text: 'The treasury raised 2.25 billion guilders with the loan, dealers said.',
      answer: '2.25 billion guilders',
    });
  });

  it('reads amounts in words and shares after a fraction: "six dlrs", "three billion francs", "2-1/2 pct"', async () => {
    const [stock] = await answersOver(
      'date 1987-03-02 Coopervision\n\nThe stock dropped six dlrs in a week.',
      'how much did the stock drop',
    );
    expect(stock).toMatchObject({ answer: 'six dlrs' });
    const [sale] = await answersOver(
      'date 1987-03-02 SNI\n\nHe expects the sale to raise three billion francs.',
      'how much will the sale raise',
    );
    expect(sale).toMatchObject({ answer: 'three billion francs' });
    const [growth] = await answersOver('date 1987-03-02 GNP\n\nGNP growth should be about 2-1/2 pct.', 'what gnp growth rate');
    expect(growth).toMatchObject({ answer: '2-1/2 pct' });
  });

  it('answers "how much did it fall" with any figure: a change is given as a share as often as an amount', async () => {
    const [first] = await answersOver(
      'date 1987-03-02 EC farm prices\n\nThe EC may make a seven pct cut in guaranteed cereal prices.',
      'how much could ec cereal prices get cut',
    );
    expect(first).toMatchObject({ answer: 'seven pct', answerType: 1 });
    expect(analyzeQuestion('how much did the coffee price fall').type).toBe('number');
    expect(analyzeQuestion('how much does the coffee cost').type).toBe('money');
  });

  it('does not take a month or a weekday for a name: "who" is answered by a name, not "January"', async () => {
    const [first, second] = await answersOver(
      'date 2021-12-29 Talks planned\n\nThe officials will meet in Geneva on Monday.\n\nDiplomats from Moscow will meet in Geneva on January 10.',
      'who will meet in geneva',
    );
    expect(first).toMatchObject({ text: 'Diplomats from Moscow will meet in Geneva on January 10.', answer: 'Moscow' });
    expect(second).toMatchObject({ text: 'The officials will meet in Geneva on Monday.', answerType: 0 });
  });

  it('answers "what … rate" with a sentence giving a rate', async () => {
    const [first] = await answersOver(
      'date 1987-03-05 German banks\n\nGerman cooperative banks met in Bonn.\n\n' +
        'The association mentioned the inflation rate at its meeting on Monday.\n\n' +
        'The association mentioned an inflation rate of one pct for the year.',
      'what inflation rate did the association mention',
    );
    expect(first).toMatchObject({ text: 'The association mentioned an inflation rate of one pct for the year.', answer: 'one pct' });
    // At the end of a sentence, wink keeps the full stop in the abbreviation; the answer shown does not.
    const [last] = await answersOver('date 1987-03-05 Banks\n\nInflation ran at one pct.', 'what inflation rate');
    expect(last).toMatchObject({ text: 'Inflation ran at one pct.', answer: 'one pct' });
    const [dotted] = await answersOver('date 1987-03-05 Trade\n\nJapan sold more cars to the U.S.', 'where did japan sell more cars');
    expect(dotted).toMatchObject({ answer: 'U.S.' });
  });

  it('answers a question asked in the future with a forecast or a plan, and credits no forecast for a question about the past', async () => {
    const article =
      'date 2005-01-20 Ray Charles museum\n\nThe museum building opened as a studio in June 1964.\n\n' +
      'Officials expect the museum to open to visitors in late 2007.';
    const [future] = await answersOver(article, 'when will the museum open');
    expect(future).toMatchObject({ text: 'Officials expect the museum to open to visitors in late 2007.', answer: 'late 2007', future: 1 });
    const past = await answersOver(article, 'when did the museum open');
    expect(past.map((r) => r.future)).toEqual([0, 0]);
    expect(analyzeQuestion('whens it gonna open').future).toBe(true);
    expect(analyzeQuestion('how much does contel expect earnings to fall').future).toBe(true);
    expect(analyzeQuestion('when did it open').future).toBe(false);
  });

  it('answers "what else" with a sentence that adds to what was said', async () => {
    const article =
      'date 1987-03-10 GTE transistor\n\nGTE scientists said their new transistor is good at switching signals.\n\n' +
      'The new transistor is also good at detecting light, the scientists said.';
    const [first] = await answersOver(article, 'what else is gtes new transistor good at');
    expect(first).toMatchObject({ text: 'The new transistor is also good at detecting light, the scientists said.', addition: 1 });
    expect((await answersOver(article, 'what is gtes new transistor good at')).map((r) => r.addition)).toEqual([0, 0]);
  });

  it('prefers a causal sentence for a why-question', async () => {
    const index = await indexOver({
      'mobil.txt':
        'date 1987-03-02 Mobil Australia loss\n\nMobil Oil Australia lost money in 1986, its chairman told shareholders in Melbourne.\n\n' +
        'Mobil Oil Australia lost money in 1986 because refinery shutdowns cut its output.',
    });
    const [first] = ask(index, 'why did mobil oil australia lose money in 1986').results;
    expect(first!.text).toBe('Mobil Oil Australia lost money in 1986 because refinery shutdowns cut its output.');
    expect(first!.signals!.answerType).toBe(1);
  });
});

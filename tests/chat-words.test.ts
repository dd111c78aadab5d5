import { describe, expect, it } from 'vitest';
import { questionAsked } from '../src/nlp/chat-words.js';
import { analyzeQuestion } from '../src/nlp/question.js';

const rarities = (idf: Record<string, number>) => (term: string) => idf[term] ?? 0;

/** No dictionary: no held letter is let go (the held-letter readings are asserted through analyzeQuestion below). */
const NO_WORDS = () => false;

/** Questions as typed in chat, and what each asks. */
const ASKED: [string, string][] = [
  // Chat words around a question ask nothing themselves.
  ['hey guys, does anyone know who will meet in geneva?', 'who will meet in geneva?'],
  ['can someone tell me how much yukos sold for pls', 'how much yukos sold for'],
  ["okay so um i'm wondering if the fed raised rates, thanks", 'the fed raised rates'],
  ['who will meet in geneva, anyone?', 'who will meet in geneva'],
  ['who will meet in geneva :thinking: lmao', 'who will meet in geneva'],
  ['who will meet in geneva lol 😂😂', 'who will meet in geneva'],
  ['who will meet in geneva or smth', 'who will meet in geneva'],
  ['eli5 why the geneva talks matter', 'why the geneva talks matter'],
  ['tl;dr who will meet in geneva iirc', 'who will meet in geneva'],
  ['explain to me why the talks are in geneva', 'why the talks are in geneva'],
  ["what's the deal with the geneva talks rn", 'the geneva talks'],
  ['who will meet in geneva, tia', 'who will meet in geneva'],
  ['who will meet in geneva, any idea?', 'who will meet in geneva'],
  ['who will meet in geneva do you know', 'who will meet in geneva'],
  ['who will meet in geneva just curious', 'who will meet in geneva'],
  ['who will meet in geneva, asking for a friend', 'who will meet in geneva'],
  ['who will meet in geneva real quick btw', 'who will meet in geneva'],
  ['who will meet in geneva, thanks in advance', 'who will meet in geneva'],
  ['who will meet in geneva pls and thanks', 'who will meet in geneva'],
  ['who will meet in geneva cheers', 'who will meet in geneva'],
  ['why is the fed so curious', 'why is the fed so curious'],
  // Asking for news of a story names the story; a question about the news or the latest figure stays.
  ['any news on the geneva talks', 'the geneva talks'],
  ["what's the latest on the geneva talks?", 'the geneva talks?'],
  ['whats going on with the geneva talks', 'the geneva talks'],
  ['what’s the latest on the geneva talks', 'the geneva talks'],
  ['i’m wondering who will meet in geneva', 'who will meet in geneva'],
  ['what can you tell me about the geneva talks', 'the geneva talks'],
  ['can you explain why the talks are in geneva', 'why the talks are in geneva'],
  ['help me understand why the talks are in geneva', 'why the talks are in geneva'],
  ['anyone got info on the geneva talks', 'the geneva talks'],
  ['does anybody have any details about the geneva talks', 'the geneva talks'],
  ['do we know who will meet in geneva', 'who will meet in geneva'],
  ['someone pls tell me who will meet in geneva', 'who will meet in geneva'],
  ['wondering who will meet in geneva', 'who will meet in geneva'],
  ['need to know who will meet in geneva', 'who will meet in geneva'],
  ['quick one - who will meet in geneva', 'who will meet in geneva'],
  ['wait, who will meet in geneva', 'who will meet in geneva'],
  ['so like who will meet in geneva', 'who will meet in geneva'],
  ['newsdesk who will meet in geneva', 'who will meet in geneva'],
  ['bot: who will meet in geneva', 'who will meet in geneva'],
  // Interjections before a question, an excuse for asking, and chat's closings.
  ['lol who will meet in geneva', 'who will meet in geneva'],
  ['omg, who will meet in geneva', 'who will meet in geneva'],
  ['idk who will meet in geneva', 'who will meet in geneva'],
  ['bruh why are they in geneva', 'why are they in geneva'],
  ['sorry if this is a dumb question but who will meet in geneva', 'who will meet in geneva'],
  ['stupid q but who will meet in geneva', 'who will meet in geneva'],
  ['any1 know who will meet in geneva', 'who will meet in geneva'],
  ['who will meet in geneva or nah', 'who will meet in geneva'],
  ['who will meet in geneva anyway', 'who will meet in geneva'],
  ['who will meet in geneva, im confused', 'who will meet in geneva'],
  ['who will meet in geneva k thx', 'who will meet in geneva'],
  ['who will meet in geneva thank u', 'who will meet in geneva'],
  ['who will meet in geneva lolol', 'who will meet in geneva'],
  ['what does the lol cat meme mean', 'what does the lol cat meme mean'],
  ['who wrote legit', 'who wrote legit'],
  // Those words stay where they are words of the question.
  ['wait times at heathrow', 'wait times at heathrow'],
  ['which bot attacks hit sony', 'which bot attacks hit sony'],
  ['give me the latest on the geneva talks', 'the geneva talks'],
  ['fill me in on the geneva talks', 'the geneva talks'],
  ['is it true that they will meet in geneva', 'they will meet in geneva'],
  ['i heard they will meet in geneva, is that true?', 'they will meet in geneva'],
  ['what did the minister tell us about the talks', 'what did the minister tell us about the talks'],
  ['what is true of the talks', 'what is true of the talks'],
  // Markdown's marks are no words; an underscore inside a word is part of it.
  ['__why__ did **shares** fall ~~so~~ ||much|| in `q1`', 'why did shares fall so much in q1'],
  ['> *when* will they meet', 'when will they meet'],
  ['who owns snake_case_inc', 'who owns snake_case_inc'],
  ['what is the latest inflation rate', 'what is the latest inflation rate'],
  ['what is the news corp bid', 'what is the news corp bid'],
  ['who will meet in geneva, if any1 knows 👍🏽', 'who will meet in geneva'],
  // The article a question is asked of is the medium, not a word of the answer; an article or a source asked about stays.
  ['in the bbc article, who will meet in geneva', 'who will meet in geneva'],
  ['from that story: who will meet in geneva', 'who will meet in geneva'],
  ['the article says the talks are in geneva', 'the talks are in geneva'],
  ['what does the story say about the geneva talks', 'the geneva talks'],
  ['in the story about the geneva talks, who will meet', 'the geneva talks, who will meet'],
  ['who will meet in geneva according to the article', 'who will meet in geneva'],
  ['who will meet in geneva in the reuters story', 'who will meet in geneva'],
  ['who will meet in geneva (bbc article) thanks', 'who will meet in geneva'],
  ['who will meet in geneva according to the bbc', 'who will meet in geneva'],
  ['what did article 5 of the treaty say', 'what did article 5 of the treaty say'],
  ["in the article's title, what did he hope to end", "in the article's title, what did he hope to end"],
  ['what did the spokesman tell reuters', 'what did the spokesman tell reuters'],
  ['who did the bbc interview', 'who did the bbc interview'],
  ['where are the tories trailing according to polls', 'where are the tories trailing according to polls'],
  // A link pasted with the question is no word of it.
  ['who will meet in geneva www.bbc.co.uk/news/world-59820396', 'who will meet in geneva'],
  ['https://example.com/a?b=1 who will meet in geneva', 'who will meet in geneva'],
  // A hashtag's word is asked about; a rank is no hashtag.
  ['#geneva who will meet', 'geneva who will meet'],
  ['who is the #1 seed', 'who is the #1 seed'],
  ['what left at 10:30:15', 'what left at 10:30:15'],
  // Words that ask something stay, and chat words alone are still the question.
  ['is anyone hurt', 'is anyone hurt'],
  ['what did the us tell me', 'what did the us tell me'],
  ['hey', 'hey'],
  // Adverbs that only stress the asking go too: between "what" and its noun they hid the noun.
  ['what exactly did he actually say', 'what did he say'],
  // So do oaths after a question word; "on earth" stays, as it is as often the planet.
  ['who tf will meet in geneva', 'who will meet in geneva'],
  ['why the hell did the dollar fall', 'why did the dollar fall'],
  ['where on earth is free oxygen found', 'where on earth is free oxygen found'],
  ['which hell is in the inferno', 'which hell is in the inferno'],
  // Capitals that say nothing (all of them, or every word's) go; capitals that tell names apart stay.
  ['WHO WILL MEET IN GENEVA?', 'who will meet in geneva?'],
  ['Who Will Meet In Geneva', 'who will meet in geneva'],
  ['who will meet in Geneva', 'who will meet in Geneva'],
  ['What did the IRS say', 'What did the IRS say'],
  // A slip in the question word a question starts with is put right, and only there; an English word is no slip.
  ['waht is the g7', 'what is the g7'],
  [' Wehn is the vote', 'when is the vote'],
  ['hwo many ppl died', 'how many ppl died'],
  ['hwo will meet in geneva', 'who will meet in geneva'],
  ['were they told', 'were they told'],
  ['then waht', 'then waht'],
  // So is the question word as chat shortens it ("y", "wat"), and only where it opens the question.
  ['y did the dollar fall', 'why did the dollar fall'],
  ['hey, wat is the g7', 'what is the g7'],
  ['is it y', 'is it y'],
  ['y cant the us cut rates', 'why cant the us cut rates'],
  ['hw many ppl died', 'how many ppl died'],
  // Where no asking verb follows, "y" and "hw" are letters or names.
  ['Y Combinator backed who', 'Y Combinator backed who'],
  ['hw sales rose how much', 'hw sales rose how much'],
];

describe('the chat words around a question', () => {
  it('reads a question past the way it was typed in chat', () => {
    for (const [typed, question] of ASKED) expect(questionAsked(typed, NO_WORDS).text).toBe(question);
    expect(questionAsked('hey, waht is the g7', NO_WORDS).corrections).toEqual([{ typed: 'waht', read: 'what' }]);
  });

  it('asks the same with or without the chat words, and reads the question word put right', () => {
    expect(analyzeQuestion('what exactly was the score').type).toBe('number');
    const plain = analyzeQuestion('who will meet in geneva');
    const chatty = analyzeQuestion('hey, does anyone know who will meet in geneva?');
    expect([chatty.terms, chatty.type]).toEqual([plain.terms, plain.type]);
    expect(analyzeQuestion('quick question: waht is the g7').corrections).toEqual([{ typed: 'waht', read: 'what' }]);
    expect(analyzeQuestion('hwo many ppl died').type).toBe('number');
    expect(analyzeQuestion('whn did baldwin united go bust').type).toBe('time');
    expect(analyzeQuestion('y did the dollar fall').type).toBe('reason');
    expect(analyzeQuestion('y did the dollar fall').corrections).toEqual([{ typed: 'y', read: 'why' }]);
  });

  it('reads a word typed with a letter held down as the word meant, and leaves numerals and noises alone', () => {
    const held = analyzeQuestion('whyyy did the dollar fall sooo much');
    const plain = analyzeQuestion('why did the dollar fall so much');
    expect([held.terms, held.type]).toEqual([plain.terms, plain.type]);
    const shouted = analyzeQuestion('WHYYY DID THE DOLLAR FALL SOOO MUCH');
    expect([shouted.terms, shouted.type]).toEqual([plain.terms, plain.type]);
    expect(analyzeQuestion('is the goood news real').terms).toContain('good');
    expect(analyzeQuestion('who will meet in geneva plsss').terms).toEqual(['meet', 'geneva']);
    expect(analyzeQuestion('how many saw rocky iii').terms).toContain('iii');
    expect(analyzeQuestion('who won brrr').terms).toContain('brrr');
    // Codes and acronyms are no stretched words: "aaa" is not "a".
    expect(analyzeQuestion('what did the aaa rating mean').terms).toContain('aaa');
    expect(analyzeQuestion('what did the IEEE say').terms).toContain('ieee');
    expect(analyzeQuestion('WHAT DID THE IEEE SAY ABOUT AAA RATINGS').terms).toEqual(expect.arrayContaining(['ieee', 'aaa']));
  });

  it('reads a question in capitals as its words, not as acronyms', () => {
    const rarity = rarities({ rate: 3, meet: 4, geneva: 9 });
    expect(analyzeQuestion('WHO WILL MEET IN GENEVA', rarity).terms).toEqual(analyzeQuestion('who will meet in geneva', rarity).terms);
    expect(analyzeQuestion('WHY DID RATES RISE', rarity).terms).toContain('rate');
  });
});

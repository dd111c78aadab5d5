import { describe, expect, it } from 'vitest';
import { questionAsked, withoutChatWords } from '../src/nlp/chat-words.js';
import { analyzeQuestion } from '../src/nlp/question.js';

const rarities = (idf: Record<string, number>) => (term: string) => idf[term] ?? 0;
const asked = (text: string) => questionAsked(text).text;

describe('the chat words around a question', () => {
  it('leaves out the chat words around a question that ask nothing themselves', () => {
    const read: [string, string][] = [
      ['hey guys, does anyone know who will meet in geneva?', 'who will meet in geneva?'],
      ['can someone tell me how much yukos sold for pls', 'how much yukos sold for'],
      ["okay so um i'm wondering if the fed raised rates, thanks", 'the fed raised rates'],
      ['who will meet in geneva, anyone?', 'who will meet in geneva'],
      ['who will meet in geneva :thinking: lmao', 'who will meet in geneva'],
      ['what left at 10:30:15', 'what left at 10:30:15'],
      // Words that ask something stay, and chat words alone are still the question.
      ['is anyone hurt', 'is anyone hurt'],
      ['what did the us tell me', 'what did the us tell me'],
      ['hey', 'hey'],
      // Adverbs that only stress the asking go too: between "what" and its noun they hid the noun.
      ['what exactly did he actually say', 'what did he say'],
    ];
    for (const [typed, question] of read) expect(withoutChatWords(typed)).toBe(question);
    expect(analyzeQuestion('what exactly was the score').type).toBe('number');
    const plain = analyzeQuestion('who will meet in geneva');
    const chatty = analyzeQuestion('hey, does anyone know who will meet in geneva?');
    expect([chatty.terms, chatty.type]).toEqual([plain.terms, plain.type]);
    expect(analyzeQuestion('quick question: waht is the g7').corrections).toEqual([{ typed: 'waht', read: 'what' }]);
  });

  it('reads a question in lower case when its capitals say nothing: all in capitals, or every word capitalised', () => {
    expect(asked('WHO WILL MEET IN GENEVA?')).toBe('who will meet in geneva?');
    expect(asked('Who Will Meet In Geneva')).toBe('who will meet in geneva');
    // Capitals that tell names apart stay.
    expect(asked('who will meet in Geneva')).toBe('who will meet in Geneva');
    expect(asked('What did the IRS say')).toBe('What did the IRS say');
    const rarity = rarities({ rate: 3, meet: 4, geneva: 9 });
    expect(analyzeQuestion('WHO WILL MEET IN GENEVA', rarity).terms).toEqual(analyzeQuestion('who will meet in geneva', rarity).terms);
    expect(analyzeQuestion('WHY DID RATES RISE', rarity).terms).toContain('rate');
  });

  it('puts right a slip in the question word a question starts with, and only there', () => {
    const read: [string, string][] = [
      ['waht is the g7', 'what is the g7'],
      [' Wehn is the vote', ' when is the vote'],
      ['hwo many ppl died', 'how many ppl died'],
      ['hwo will meet in geneva', 'who will meet in geneva'],
      // An English word is no slip ("wen", "were"), and a word after the first is left to the archive (archiveForm).
      ['were they told', 'were they told'],
      ['then waht', 'then waht'],
    ];
    for (const [typed, question] of read) expect(asked(typed)).toBe(question);
    expect(questionAsked('hey, waht is the g7').corrections).toEqual([{ typed: 'waht', read: 'what' }]);
    expect(analyzeQuestion('hwo many ppl died').type).toBe('number');
    expect(analyzeQuestion('whn did baldwin united go bust').type).toBe('time');
  });
});

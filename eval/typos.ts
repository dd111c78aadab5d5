import { LETTERS } from '../src/nlp/chat-forms.js';
import { seededRandom } from './bbc-summary.js';

/**
 * One typing slip per question, for measuring how answers hold up to the way people type: a letter
 * dropped, two neighbours swapped, one replaced or one added (the four kinds of single-edit error that
 * make up most misspellings: Damerau 1964), in one word of six letters or more. Deterministic: the slip
 * is drawn from a hash of the question's id.
 */

/** A string's 32-bit FNV-1a hash: the seed of a question's slip. */
function hash(text: string): number {
  let state = 2166136261;
  for (const char of text) state = Math.imul(state ^ char.charCodeAt(0), 16777619);
  return state;
}

export function withTypingSlip(question: string, id: string): string {
  const random = seededRandom(hash(id));
  const pick = (n: number) => Math.floor(random() * n);
  const words = question.split(' ');
  const long = words.flatMap((word, i) => (/^[a-z]{6,}$/.test(word) ? [i] : []));
  if (long.length === 0) return question;
  const at = long[pick(long.length)]!;
  const word = words[at]!;
  // Never the first letter: people rarely get that wrong.
  const p = 1 + pick(word.length - 2);
  const letter = LETTERS[pick(LETTERS.length)]!;
  const slips = [
    () => word.slice(0, p) + word.slice(p + 1),
    () => word.slice(0, p) + word[p + 1] + word[p] + word.slice(p + 2),
    () => word.slice(0, p) + letter + word.slice(p + 1),
    () => word.slice(0, p) + letter + word.slice(p),
  ];
  words[at] = slips[pick(slips.length)]!();
  return words.join(' ');
}

/** What people put around a question in chat, asking nothing themselves. */
const OPENINGS = ['hey, ', 'does anyone know ', 'quick question: ', 'can someone tell me ', 'hi all, ', 'anyone know '];
const CLOSINGS = ['?', ' thanks', ', anyone?', ' pls'];
/** A question word and the words that belong to it ("how much"), after which a stressing adverb goes. */
const QUESTION_WORD = /^(how (?:much|many|long|far|big|old|often)|\w+)/;

/**
 * The question typed loosely, one way per question (drawn from a hash of its id, as withTypingSlip): with a chat
 * opening, all in capitals, every word capitalised, an adverb stressing the asking after its question word, or a
 * chat closing. None changes what is asked: answers should not change either.
 */
export function typedLoosely(question: string, id: string): string {
  const random = seededRandom(hash(`${id} loosely`));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const ways = [
    () => pick(OPENINGS) + question,
    () => question.toUpperCase(),
    () => question.replace(/\b[a-z]/g, (letter) => letter.toUpperCase()),
    () => question.replace(QUESTION_WORD, `$1 ${pick(['exactly', 'actually'])}`),
    () => question + pick(CLOSINGS),
  ];
  return pick(ways)();
}

/** Words people shorten in chat, and how ("u" for you, "b4" for before). */
const SHORTHAND: Record<string, string> = {
  you: 'u',
  your: 'ur',
  are: 'r',
  because: 'cuz',
  before: 'b4',
  with: 'w/',
  without: 'w/o',
  about: 'abt',
  through: 'thru',
  though: 'tho',
  people: 'ppl',
};
/** Question words shortened where they open a question ("y did …", "wat is …"). */
const SHORT_QUESTION_WORDS: Record<string, string> = { why: 'y', what: 'wat' };

/**
 * The question typed in chat shorthand: every word that has a chat short form in it ("u", "r", "b4", "w/"), and its
 * question word shortened ("y", "wat"). A question with none of those words is left as it is.
 */
export function inShorthand(question: string): string {
  return question.replace(/^(\w+)/, (word) => SHORT_QUESTION_WORDS[word] ?? word).replace(/\b\w+\b/g, (word) => SHORTHAND[word] ?? word);
}

/**
 * The question asked of the article it comes from, one way per question (drawn from a hash of its id): "in the bbc
 * article, …", "… according to the story", "from the reuters article: …". People ask a news bot about "the
 * article"; the words name the medium, and no answer need hold them.
 */
export function ofTheArticle(question: string, id: string): string {
  const random = seededRandom(hash(`${id} article`));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const source = id.startsWith('bbc') ? 'bbc' : 'reuters';
  const ways = [
    () => `in the ${source} article, ${question}`,
    () => `${question} according to the ${pick(['article', 'story'])}`,
    () => `in that story ${question}`,
    () => `${question} (${source} article)`,
    () => `from the ${source} ${pick(['article', 'story'])}: ${question}`,
    () => `${question} in the ${source} story`,
  ];
  return pick(ways)();
}

/**
 * How people open a question to a bot in Discord besides a greeting (typedLoosely has those): asking to be told or
 * have it explained, hedging, or addressing the bot by name. One way per question, drawn from a hash of its id.
 */
const DISCORD_OPENINGS = [
  'can you explain ',
  'help me understand ',
  'do we know ',
  'someone pls tell me ',
  'wondering ',
  'need to know ',
  'quick one - ',
  'wait, ',
  'so like ',
  'newsdesk ',
  'bot, ',
];

/** The question opened as people open one to a bot in Discord ("can you explain …", "wait, …", "newsdesk …"). */
export function openedInDiscord(question: string, id: string): string {
  const random = seededRandom(hash(`${id} discord`));
  return DISCORD_OPENINGS[Math.floor(random() * DISCORD_OPENINGS.length)]! + question;
}

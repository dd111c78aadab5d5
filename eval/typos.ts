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

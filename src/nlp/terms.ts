import { STOP_WORDS } from './stopwords.js';
import { stem } from './wink.js';

/** What the normaliser needs to know about one wink token. */
export interface RawToken {
  value: string;
  /** wink's lemma (paid → pay), stemmed afterwards so that meeting and meet also agree. */
  lemma: string;
  type: string;
}

const APOSTROPHES = /[\u2018\u2019\u02bc`]/g;
const POSSESSIVE = /^'s?$/;
const ACRONYM = /^[A-Z](?:[A-Z0-9]|\.[A-Z])+\.?$/;
/**
 * A code of letters and a number ("G-7", "F-16", "MD-80"; typed "g-7" in chat): one name, written with or
 * without its hyphen. Not a year ("mid-1987") and not a word before a number ("top-10").
 */
const CODE = /^(?:[A-Z]{1,4}|[a-z]{1,2})-\d{1,3}$/;

/**
 * Maps one token to the index terms it contributes: lower case, stemmed, stop words and punctuation
 * dropped, curly apostrophes straightened, thousands separators removed from numbers, hyphenated
 * words split into their parts, dotted acronyms and codes joined (U.S. → us, G-7 → g7 as G7 is).
 * Documents and questions go through this same function, so they always agree.
 */
export function tokenTerms(token: RawToken): string[] {
  const value = token.value.replace(APOSTROPHES, "'");
  if (token.type === 'number') {
    const digits = value.replace(/,/g, '').replace(/\.0+$/, '');
    return /\d/.test(digits) ? [digits.toLowerCase()] : [];
  }
  if (token.type !== 'word') return [];
  if (POSSESSIVE.test(value)) return [];
  // "US" is not the pronoun "us": an upper-case acronym is never a stop word.
  const acronym = ACRONYM.test(value);
  if (!acronym && STOP_WORDS.has(value.toLowerCase())) return [];
  if (acronym) return [value.toLowerCase().replace(/\./g, '')];
  if (CODE.test(value)) return [value.toLowerCase().replace('-', '')];
  const word = token.lemma && !/[-\u2010-\u2015/]/.test(value) ? token.lemma : value;
  return word
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .split(/[-\u2010-\u2015/]+/)
    .map((part) => part.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
    .filter((part) => /[a-z0-9]/.test(part))
    .map((part) => stem(part));
}

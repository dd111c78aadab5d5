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
 * Maps one token to the index terms it contributes: lower case, stemmed, stop words and punctuation
 * dropped, curly apostrophes straightened, thousands separators removed from numbers, hyphenated
 * words split into their parts, and dotted acronyms joined (U.S. → us). Documents and questions go
 * through this same function, so they always agree.
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
  const word = token.lemma && !/[-\u2010-\u2015/]/.test(value) ? token.lemma : value;
  return word
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .split(/[-\u2010-\u2015/]+/)
    .map((part) => part.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
    .filter((part) => /[a-z0-9]/.test(part))
    .map((part) => stem(part));
}

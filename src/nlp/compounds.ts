import type { AcronymPair } from './acronyms.js';
import type { AnalyzedToken } from './analyze.js';
import { tokenTerms } from './terms.js';

/** Letters joined by hyphens ("e-mail", "co-operation"); not codes with digits ("G-7", "mid-1987"). */
const HYPHENATED = /^[A-Za-z]+(?:-[A-Za-z]+)+$/;
const LETTERS = /^[A-Za-z]+$/;
/** Closed forms shorter than this ("t-shirt" is "tshirt", but "a-b" is no word) are too short to be typed as one. */
const MIN_LETTERS = 4;

/**
 * The hyphenated words of a sentence, as one string each: wink keeps "e-mail" as one token but splits names
 * ("Spider", "-", "Man"), so a run of words joined by hyphens with no space between counts too.
 */
function hyphenatedWords(tokens: readonly AnalyzedToken[]): { value: string; terms: string[] }[] {
  const words: { value: string; terms: string[] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (HYPHENATED.test(token.value)) words.push({ value: token.value, terms: token.terms });
    if (!LETTERS.test(token.value)) continue;
    let value = token.value;
    const terms = [...token.terms];
    let j = i;
    for (; j + 2 < tokens.length; j += 2) {
      const [dash, next] = [tokens[j + 1]!, tokens[j + 2]!];
      if (dash.value !== '-' || dash.start !== tokens[j]!.end || next.start !== dash.end || !LETTERS.test(next.value)) break;
      value += `-${next.value}`;
      terms.push(...next.terms);
    }
    if (j > i) words.push({ value, terms });
    i = j;
  }
  return words;
}

/**
 * Words an article writes with a hyphen, paired with the same word written closed: "Spider-Man" gives the term of
 * "spiderman" and the terms spider, man. People type such words closed ("spiderman", "email", "wifi") and news
 * hyphenates them, or the other way round; the pairs go into the acronym table, which reads them both ways, so a
 * question's "email" also finds "e-mail" and its "e-mail" also finds "email".
 */
export function learnCompounds(sentences: readonly (readonly AnalyzedToken[])[]): AcronymPair[] {
  const pairs = new Map<string, AcronymPair>();
  for (const { value, terms } of sentences.flatMap(hyphenatedWords)) {
    const joined = value.replace(/-/g, '');
    if (terms.length < 2 || joined.length < MIN_LETTERS) continue;
    const [closed, ...rest] = tokenTerms({ value: joined, lemma: '', type: 'word' });
    if (!closed || rest.length > 0 || terms.includes(closed) || pairs.has(closed)) continue;
    pairs.set(closed, { short: closed, long: terms, hyphenated: true });
  }
  return [...pairs.values()];
}

import type { AnalyzedToken } from './analyze.js';

/** A short form and the terms of the long form it stands for, learned from one article. */
export interface AcronymPair {
  short: string;
  long: string[];
}

/** Small words a long form may contain without giving a letter ("Bank of England", "Food and Drug Administration"). */
const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'de', 'du', 'la', 'von', 'van', 'on', 'in', '&']);
const SHORT_FORM = /^[A-Z][A-Za-z]?[A-Z0-9]{1,5}s?$|^(?:[A-Z]\.){2,5}$/;
const CAPITALISED = /^[A-Z]/;
const MAX_RUN = 8;

interface Word {
  letter: string;
  connector: boolean;
  terms: string[];
}

/** Runs of capitalised words (with connectors inside) in one sentence, as candidate long forms. */
function capitalisedRuns(tokens: readonly AnalyzedToken[]): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const close = () => {
    while (run.length > 0 && run[run.length - 1]!.connector) run.pop();
    if (run.length >= 2) runs.push(run.slice(-MAX_RUN));
    run = [];
  };
  for (const token of tokens) {
    const connector = CONNECTORS.has(token.value.toLowerCase()) && run.length > 0;
    if (connector) run.push({ letter: token.value[0]!.toLowerCase(), connector, terms: [] });
    else if (CAPITALISED.test(token.value) && !SHORT_FORM.test(token.value) && token.terms.length > 0)
      run.push({ letter: token.value[0]!.toLowerCase(), connector: false, terms: token.terms });
    else close();
  }
  close();
  return runs;
}

/** Whether `letters` spell the initials of `words`: every word gives its initial, connectors may give theirs. */
function spells(letters: string, words: readonly Word[]): boolean {
  const match = (l: number, w: number): boolean => {
    if (w === words.length) return l === letters.length;
    const word = words[w]!;
    if (l < letters.length && letters[l] === word.letter && match(l + 1, w + 1)) return true;
    return word.connector && match(l, w + 1);
  };
  return match(0, 0);
}

/** The shortest tail of a run (at least two lettered words) whose initials spell `letters`, if any. */
function longFormIn(letters: string, run: readonly Word[]): string[] | null {
  for (let from = run.length - 2; from >= 0; from--) {
    const words = run.slice(from);
    if (words[0]!.connector || words.filter((w) => !w.connector).length < 2) continue;
    if (spells(letters, words)) return words.flatMap((w) => w.terms);
  }
  return null;
}

/**
 * Acronyms an article defines, with their long forms: a short form in capitals ("EFF", "U.N.") whose
 * letters are the initials of a run of capitalised words in the same article ("Electronic Frontier
 * Foundation (EFF)", "the EFF ... Electronic Frontier Foundation"). Tokens carry index terms, so both
 * sides come out normalised as questions and sentences are.
 */
export function learnAcronyms(sentences: readonly (readonly AnalyzedToken[])[]): AcronymPair[] {
  const shorts = new Map<string, string>();
  for (const tokens of sentences)
    for (const token of tokens)
      if (SHORT_FORM.test(token.value) && token.terms.length === 1)
        shorts.set(token.terms[0]!, token.value.replace(/\./g, '').replace(/s$/, '').toLowerCase());
  if (shorts.size === 0) return [];
  const runs = sentences.flatMap(capitalisedRuns);
  const pairs: AcronymPair[] = [];
  for (const [short, letters] of shorts) {
    for (const run of runs) {
      const long = longFormIn(letters, run);
      if (long) {
        pairs.push({ short, long });
        break;
      }
    }
  }
  return pairs;
}

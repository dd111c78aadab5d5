import type { AnalyzedToken } from './analyze.js';

/**
 * A short form and the terms of the long form it stands for, learned from one article. A short name of
 * several words ("Man Utd") is kept as its terms joined by spaces (see shortFormTerms).
 */
export interface AcronymPair {
  short: string;
  long: string[];
  /** The pair is one word written closed and hyphenated ("email", "e-mail"; see learnCompounds), not an acronym. */
  hyphenated?: true;
  /**
   * The article gives only the long form, whose initials `short` spells (see learnSpelledNames): an acronym people may
   * type for it ("nus" for the National Union of Students) though no article prints it.
   */
  spelled?: true;
}

/** The terms of a pair's short form: one for an acronym, several for a short name. */
export const shortFormTerms = (short: string): string[] => short.split(' ');

/** Small words a long form may contain without giving a letter ("Bank of England", "Food and Drug Administration"). */
const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'de', 'du', 'la', 'von', 'van', 'on', 'in', '&']);
const DOTTED = /^(?:[A-Z]\.){2,5}$/;
const SHORT_FORM = /^[A-Z][A-Za-z]?[A-Z0-9]{1,5}s?$|^[A-Z]{1,3}-\d$/;
/** Number words, which give their digit in a short form as well as their initial ("Group of Seven (G-7)"). */
const DIGITS: Record<string, string> = { two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
const CAPITALISED = /^[A-Z]/;
const MAX_RUN = 8;

interface Word {
  /** What the word may give a short form: its initial, a number word's digit, a dotted acronym's letters ("U.S." → "us"). */
  letters: string[];
  connector: boolean;
  terms: string[];
  /** The word as written. */
  value: string;
}

const lettersOf = (value: string) => [value[0]!.toLowerCase(), ...(DIGITS[value.toLowerCase()] ?? [])];

/** Runs of capitalised words (with connectors inside) in one sentence, as candidate long forms. */
function capitalisedRuns(tokens: readonly AnalyzedToken[]): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const close = () => {
    // A dotted acronym stands inside a long form ("U.S. Department of Agriculture"), not at its end.
    while (run.length > 0 && (run[run.length - 1]!.connector || DOTTED.test(run[run.length - 1]!.value))) run.pop();
    if (run.length >= 2) runs.push(run.slice(-MAX_RUN));
    run = [];
  };
  for (const token of tokens) {
    const connector = CONNECTORS.has(token.value.toLowerCase()) && run.length > 0;
    if (connector) run.push({ letters: lettersOf(token.value), connector, terms: [], value: token.value });
    else if (DOTTED.test(token.value) && token.terms.length === 1)
      run.push({ letters: [token.terms[0]!], connector: false, terms: token.terms, value: token.value });
    else if (CAPITALISED.test(token.value) && !SHORT_FORM.test(token.value) && token.terms.length > 0)
      run.push({ letters: lettersOf(token.value), connector: false, terms: token.terms, value: token.value });
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
    if (word.letters.some((given) => letters.startsWith(given, l) && match(l + given.length, w + 1))) return true;
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

/** Whether `short` can be written for `long`: same initial, its letters in order within the longer word ("Utd", "United"). */
function abbreviates(short: string, long: string): boolean {
  const s = short.toLowerCase();
  const l = long.toLowerCase();
  if (!/^[a-z]+$/.test(s) || !/^[a-z]+$/.test(l) || s[0] !== l[0] || s.length > l.length) return false;
  let at = 0;
  for (const letter of l) if (letter === s[at]) at++;
  return at === s.length;
}

/** Longest short name, in words. */
const SHORT_NAME_WORDS = 3;

/** Every window of two to SHORT_NAME_WORDS consecutive words of a run, connectors left out of the windows. */
function nameWindows(run: readonly Word[]): Word[][] {
  const windows: Word[][] = [];
  for (let from = 0; from < run.length; from++)
    for (let n = 2; n <= SHORT_NAME_WORDS && from + n <= run.length; n++) {
      const words = run.slice(from, from + n);
      if (words.every((w) => !w.connector)) windows.push(words);
    }
  return windows;
}

/**
 * Short names an article uses for a name it also gives in full: a run of capitalised words each of
 * which abbreviates the word in the same place of a longer name ("Man Utd" for "Manchester United",
 * "Man City" for "Manchester City"), at least one of them shortened by two letters or more.
 */
function learnShortNames(runs: readonly Word[][]): AcronymPair[] {
  const windows = runs.flatMap(nameWindows);
  const pairs = new Map<string, AcronymPair>();
  for (const short of windows) {
    for (const long of windows) {
      if (long.length !== short.length || short === long) continue;
      const fits = short.every((w, i) => abbreviates(w.value, long[i]!.value));
      const shortened = short.some((w, i) => long[i]!.value.length - w.value.length >= 2);
      if (!fits || !shortened) continue;
      const pair = { short: short.flatMap((w) => w.terms).join(' '), long: long.flatMap((w) => w.terms) };
      if (!pairs.has(pair.short)) pairs.set(pair.short, pair);
    }
  }
  return [...pairs.values()];
}

/** Initials of long forms kept for acronyms no article prints: three letters at least, fewer read too many names. */
const SPELLED_LETTERS = { min: 3, max: 5 };

/** Every spelling of a run's initials: each word gives its initial, each connector its own or none ("dfid", "did"). */
function initials(words: readonly Word[]): string[] {
  let spellings = [''];
  for (const word of words) {
    const initial = word.value[0]!.toLowerCase();
    spellings = word.connector ? [...spellings, ...spellings.map((s) => s + initial)] : spellings.map((s) => s + initial);
  }
  return spellings.filter((s) => s.length >= SPELLED_LETTERS.min && s.length <= SPELLED_LETTERS.max);
}

/**
 * Long forms of three or more capitalised words that the article does not abbreviate itself, by the acronyms their
 * initials spell ("National Union of Students" → nus): people type an organisation's initials where a story
 * spells its name out. Each tail of a run counts ("The National Union of Students" holds the name), as the
 * short form of a defined acronym matches a run's tail.
 */
export function learnSpelledNames(sentences: readonly (readonly AnalyzedToken[])[], acronyms: readonly AcronymPair[]): AcronymPair[] {
  const defined = new Set(acronyms.map((pair) => pair.long.join(' ')));
  const pairs = new Map<string, AcronymPair>();
  for (const run of sentences.flatMap(capitalisedRuns)) {
    for (let from = 0; from < run.length; from++) {
      const words = run.slice(from);
      if (words[0]!.connector || words.filter((w) => !w.connector).length < SPELLED_LETTERS.min) continue;
      const long = words.flatMap((w) => w.terms);
      if (defined.has(long.join(' '))) continue;
      for (const short of initials(words)) pairs.set(`${short} ${long.join(' ')}`, { short, long, spelled: true });
    }
  }
  return [...pairs.values()];
}

/**
 * Acronyms an article defines, with their long forms: a short form in capitals ("EFF", "U.N.") whose
 * letters are the initials of a run of capitalised words in the same article ("Electronic Frontier
 * Foundation (EFF)", "the EFF ... Electronic Frontier Foundation"), and the short names it uses for
 * names it gives in full (learnShortNames). Tokens carry index terms, so both sides come out
 * normalised as questions and sentences are.
 */
export function learnAcronyms(sentences: readonly (readonly AnalyzedToken[])[]): AcronymPair[] {
  const shorts = new Map<string, string>();
  for (const tokens of sentences)
    for (const token of tokens)
      if ((SHORT_FORM.test(token.value) || DOTTED.test(token.value)) && token.terms.length === 1)
        shorts.set(token.terms[0]!, token.value.replace(/[.-]/g, '').replace(/s$/, '').toLowerCase());
  const runs = sentences.flatMap(capitalisedRuns);
  const pairs: AcronymPair[] = learnShortNames(runs);
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

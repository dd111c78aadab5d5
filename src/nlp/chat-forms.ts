import type { AnalyzedToken } from './analyze.js';
import { STOP_WORDS } from './stopwords.js';
import { tokenTerms } from './terms.js';
import { stem } from './wink.js';

/**
 * How people type in chat against how articles are written: contractions without their apostrophe
 * ("whats", "didnt"), a possessive without its apostrophe ("gtes plant" for "GTE's plant"), typing slips, and the
 * abbreviations of chat and of wire copy ("ppl", "govt", "mln", "q1"). Articles are never rewritten:
 * questions are read the way the articles write.
 */

const WH_IS = /\b(what|who|where|when|why|how|that|there|here)s\b/gi;
const NOT = /\b(is|are|was|were|do|does|did|has|have|had|could|would|should|must|need)nt\b/gi;
const WONT_CANT = /\b(won|can)t\b/gi;

/** Spoken forms typed as one word, with what they stand for: "who's gonna meet" asks who will meet. */
const SPOKEN = /\b(gonna|wanna|gotta)\b/gi;
const SPOKEN_FORMS: Record<string, string> = { gonna: 'will', wanna: 'want to', gotta: 'must' };

/**
 * Chat shorthand for small words, typed in lower case ("who r u", "b4 the vote", "w/ the union"). Only forms that
 * stand for nothing else in a question: not "bc" (British Columbia), "cos" (cosine) or "bout" (a fight).
 */
const SHORTHAND_FORMS: Record<string, string> = {
  u: 'you',
  ur: 'your',
  r: 'are',
  cuz: 'because',
  coz: 'because',
  bcuz: 'because',
  'b/c': 'because',
  b4: 'before',
  abt: 'about',
  wrt: 'about',
  thru: 'through',
  tho: 'though',
  // "Versus" as articles write it: in wire copy "vs" only brings last year's figure ("Shr 1.20 dlrs vs 1.10").
  vs: 'against',
  '2day': 'today',
  tmrw: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  yday: 'yesterday',
  nxt: 'next',
  'w/o': 'without ',
  'w/': 'with ',
};
/**
 * Each shorthand as a word of its own; "w/" also joined to the next word ("w/the board"), though not in "w//" or a
 * path. Built from the forms, so that each is listed once.
 */
const SHORTHAND = new RegExp(
  `(?<=^|\\s)(?:(${Object.keys(SHORTHAND_FORMS)
    .filter((form) => form !== 'w/')
    .map((form) => form.replace(/\//g, '\\/'))
    .join('|')})(?=$|[\\s?!,;:])|w\\/(?=[^/]))`,
  'g',
);

/**
 * A question as an article would write it: the apostrophe put back in contractions typed without one
 * ("whats" → "what's"), and spoken forms and chat shorthand written out ("gonna" → "will", "b4" → "before").
 */
export function asWritten(text: string): string {
  return text
    .replace(WH_IS, "$1's")
    .replace(NOT, "$1n't")
    .replace(WONT_CANT, "$1't")
    .replace(SPOKEN, (form) => SPOKEN_FORMS[form.toLowerCase()]!)
    .replace(SHORTHAND, (form) => SHORTHAND_FORMS[form]!)
    .replace(/ {2,}/g, ' ');
}

/** A word of a question read as another than the one typed: a typing slip put right. */
export interface Correction {
  typed: string;
  read: string;
}

/** How rare a term is in the archive (its IDF), 0 for a term the archive never holds. */
export type TermRarity = (term: string) => number;

/** Terms shorter than this are too often another real word one letter away to be read as typos. */
const TYPO_MIN_LENGTH = 5;
/**
 * Words longer than this are no slips of an English word ("uncharacteristically" has 20 letters); looking for
 * one would stem some 50 strings per letter, each as long as the word (a 500-letter word took 45 s).
 */
const TYPO_MAX_LENGTH = 24;
/** The letters a typing slip may add or put in place of another (shared with eval/typos.ts, which makes slips). */
export const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Every string one deletion, swap of neighbours, substitution or insertion away (Norvig, "How to Write a Spelling
 * Corrector"); none for a word longer than any English word (TYPO_MAX_LENGTH).
 */
function oneEditAway(word: string): string[] {
  const out: string[] = [];
  if (word.length > TYPO_MAX_LENGTH) return out;
  for (let i = 0; i <= word.length; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (tail) out.push(head + tail.slice(1));
    if (tail.length > 1) out.push(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of LETTERS) {
      if (tail && letter !== tail[0]) out.push(head + letter + tail.slice(1));
      out.push(head + letter + tail);
    }
  }
  return out;
}

/**
 * How much commoner a word one slip away must be than a rare term the archive holds for the term to be read as a
 * slip of it: a hundred times (IDF is the log of the inverse frequency). The odds are set by hand, on the side of
 * leaving a word as typed: in a noisy-channel reading, a typed word is taken to be a slip about once in a hundred.
 */
const SLIP_ODDS = Math.log(100);

/** The word a question term was typed as, and whether a string is an English word (WordNet knows it). */
export interface TypedWord {
  word: string;
  isWord: (word: string) => boolean;
  /**
   * Whether the word reads as a name (a proper noun, or capitalised inside the question): a name's slips are
   * looked for in its term only, as a name is no English word, and looking in the word costs a stem per candidate.
   */
  name?: boolean;
  /** Whether it was typed with a capital inside the question: a name, as its writer typed it. */
  capitalised?: boolean;
  /**
   * The rarity from which a term the archive holds may be one of the archive's own slips (the rarity of a term
   * held by a handful of sentences); without it, a term the archive holds is never read as a slip.
   */
  slipFrom?: number;
  /**
   * Whether the archive writes a term as a name. The archive's own slips are of common words ("inury"); a rare
   * term it writes as a name ("Negar", "Unitel") is that name, not a slip of a commoner word ("near", "unite"). A
   * name typed with its capital is read as a slip of a name only ("Barack" is not "barrack").
   */
  archiveName?: (term: string) => boolean;
  /**
   * How many more of the question's words may have their slips looked for in the word (a stem per candidate,
   * about 1.5 ms a word); shared by the question's words, used up as they are read. Without it, no limit.
   */
  wordSearches?: { left: number };
}

/**
 * A question term the archive never holds (or holds in a handful of sentences only, as a slip of its own: see
 * TypedWord.slipFrom), read as what its writer most probably meant: the possessive
 * they left the apostrophe out of, when the archive knows the term without its final "s" ("gtes" → "gte";
 * the stemmer keeps an "s" after a consonant cluster), else the archive's most frequent term one typing slip
 * away: a slip in the term ("govrn" → govern), or an English word one slip from the word as typed, by its
 * term ("electon" → election, "retentino" → retention: as terms, "electon" is one slip only from "electron",
 * and "retentino" from nothing); or no term at all (''), for a slip of a function word ("thier" → their). A term
 * with digits, a short word, or a correctly spelled word (a word the archive happens to lack is no typo) stays as typed.
 */
export function archiveForm(term: string, rarity: TermRarity, typed?: TypedWord): string {
  const own = rarity(term);
  const bare = term.endsWith('s') ? term.slice(0, -1) : '';
  if (own === 0 && bare && rarity(bare) > 0) return bare;
  // A word too long to be a slip skips the rest too (its stem, WordNet, the question's searches).
  if (/[^a-z]/.test(term) || term.length > TYPO_MAX_LENGTH || (typed?.word.length ?? 0) > TYPO_MAX_LENGTH) return term;
  // The archive holds slips too ("produt", "inury"): a term it holds rarely gives way only to a word far commoner.
  if (own > 0 && (own < (typed?.slipFrom ?? Infinity) || typed?.archiveName?.(term))) return term;
  const word = typed?.word.toLowerCase();
  // Shortness is the typed word's: "adition" is no short word, though its stem "adit" is short (and a mine's entrance).
  const longWord = word !== undefined && word.length >= TYPO_MIN_LENGTH;
  if (term.length < TYPO_MIN_LENGTH && !longWord) return term;
  const needed = own > 0 ? own - SLIP_ODDS : Infinity;
  const slips: { form: string; value: number; word?: string }[] = [];
  const consider = (form: string, word?: string) => {
    const value = rarity(form);
    if (value > 0 && value < needed) slips.push({ form, value, word });
  };
  if (own === 0 && term.length >= TYPO_MIN_LENGTH) for (const candidate of oneEditAway(term)) consider(candidate);
  // A word of letters only: its term is its stem (a stop word's stem is no term the archive holds). Stemming
  // every slip of it is the costly part, so it comes after the one question WordNet must answer anyway.
  const inWord = longWord && !typed?.name && /^[a-z]+$/.test(word) && stem(word) === term;
  if ((slips.length === 0 && !inWord) || typed?.isWord(typed.word)) return term;
  // Function words are the commonest of all: a slip of one ("thier", "becuase") is read as it, a word with no term.
  if (inWord && functionWordSlip(word) !== undefined) return '';
  const searches = typed?.wordSearches;
  if (inWord && (searches?.left ?? 1) > 0) {
    if (searches) searches.left--;
    for (const candidate of oneEditAway(word)) consider(stem(candidate), candidate);
  }
  slips.sort((a, b) => a.value - b.value);
  // A name typed with its capital is read as a slip of a name only: "Barack" is not "barrack", "Baran" not "barn".
  const asName = typed?.capitalised ? typed.archiveName : undefined;
  // A slip of the word must give a real word: "acrness" is one slip from "acrtess" and stems to "acr" (acres).
  const fits = (slip: (typeof slips)[number]) => (slip.word === undefined || typed?.isWord(slip.word)) && (!asName || asName(slip.form));
  return slips.find(fits)?.form ?? term;
}

/** The function word (a stop word, no term of its own) one typing slip from `word`, if any: "becuase" → because. */
export function functionWordSlip(word: string): string | undefined {
  return oneEditAway(word.toLowerCase()).find((candidate) => STOP_WORDS.has(candidate));
}

/**
 * The English word one typing slip from `typed` whose term is `term` (the term archiveForm read the slip as), if
 * there is one: "cmomon" → common, "expectyng" → expecting. With the word itself, a question reads as if typed
 * right: its synonyms, its cue words and its wording rules see the word, not only the term.
 */
export function slipWord(typed: string, term: string, isWord: (word: string) => boolean): string | undefined {
  const word = typed.toLowerCase();
  if (!/^[a-z]+$/.test(word)) return undefined;
  return oneEditAway(word).find((candidate) => stem(candidate) === term && isWord(candidate));
}

const LOWER_SHORT_FORM = /^[a-z]{2,5}$/;
const NOUNS = new Set(['NOUN', 'PROPN']);
const TAKES_OBJECT = new Set(['VERB', 'ADP']);
/**
 * Pronouns that stand before a noun in their own right ("his company", "which company"), and question
 * words, which a verb read as a noun may follow ("who chairs"): before a noun, unlike "us", they are no acronym.
 */
const BEFORE_NOUNS = new Set(['my', 'your', 'his', 'her', 'its', 'our', 'their', 'what', 'which', 'who', 'whom', 'whose']);

/** Whether the archive has learned a long form for a short form (see AcronymLookup). */
export type KnownAcronym = (term: string) => boolean;

/**
 * The term of an acronym typed in lower case ("irs", "the us"), when the archive knows that acronym:
 * articles write it in capitals and keep it whole, but typed in lower case it is stemmed ("irs" → "ir")
 * or dropped as a stop word ("us"). A stemmed word is read as the acronym when the archive holds the
 * acronym more often than the stem; a stop word only where a pronoun cannot stand: after "the", or
 * before a noun with no verb or preposition to take it as an object ("us wheat", not "sent us letters"). A
 * word the archive never holds is kept whole when it is an acronym the archive reads ("nus").
 */
export function typedAcronym(tokens: readonly AnalyzedToken[], i: number, rarity: TermRarity, known: KnownAcronym): string | null {
  const token = tokens[i]!;
  const typed = token.value;
  if (!LOWER_SHORT_FORM.test(typed) || !known(typed)) return null;
  // A word that is its own term stays as typed; one the archive never holds would otherwise be read as a plural ("nus").
  if (token.terms.includes(typed)) return rarity(typed) === 0 ? typed : null;
  const [stem] = token.terms;
  if (stem !== undefined) return NOUNS.has(token.pos) && (rarity(stem) === 0 || rarity(typed) < rarity(stem)) ? typed : null;
  if (token.pos !== 'PRON') return null;
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  const determined = before?.value.toLowerCase() === 'the';
  const modifiesNoun = !BEFORE_NOUNS.has(typed) && NOUNS.has(after?.pos ?? '') && !TAKES_OBJECT.has(before?.pos ?? '');
  return determined || modifiesNoun ? typed : null;
}

/**
 * Abbreviations people type, and that wire copy prints, for words other articles write out. Only forms
 * that stand for one thing in news: not "sec" (the SEC), "may" or "mar" (words), "pm" (a time).
 */
const ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['ppl', 'people'],
  ['govt', 'government'],
  ['gov', 'government'],
  ['exec', 'executive'],
  ['execs', 'executives'],
  ['mgmt', 'management'],
  ['mgr', 'manager'],
  ['intl', 'international'],
  ['natl', 'national'],
  ['dept', 'department'],
  ['approx', 'approximately'],
  ['avg', 'average'],
  ['info', 'information'],
  ['tech', 'technology'],
  ['uni', 'university'],
  ['biz', 'business'],
  ['mkt', 'market'],
  ['pres', 'president'],
  ['prez', 'president'],
  ['yr', 'year'],
  ['yrs', 'years'],
  ['wk', 'week'],
  ['wks', 'weeks'],
  ['mth', 'month'],
  ['mths', 'months'],
  ['hr', 'hour'],
  ['hrs', 'hours'],
  ['min', 'minute'],
  ['mins', 'minutes'],
  ['mln', 'million'],
  ['bn', 'billion'],
  ['pct', 'percent'],
  ['dlrs', 'dollars'],
  // Figures people type as digits, which news writes out up to twelve ("six pct", "two units"); not one, a pronoun too.
  ...['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].map(
    (word, i) => [String(i + 2), word] as const,
  ),
  ['q1', 'first quarter'],
  ['q2', 'second quarter'],
  ['q3', 'third quarter'],
  ['q4', 'fourth quarter'],
  ['jan', 'january'],
  ['feb', 'february'],
  ['apr', 'april'],
  ['jun', 'june'],
  ['jul', 'july'],
  ['aug', 'august'],
  ['sep', 'september'],
  ['sept', 'september'],
  ['oct', 'october'],
  ['nov', 'november'],
  ['dec', 'december'],
];

const termsOf = (text: string) => text.split(' ').flatMap((value) => tokenTerms({ value, lemma: value, type: 'word' }));

/** Short term → its written-out terms, and each written-out first term → the pairs that start with it. */
const LONG_FORMS = new Map<string, string[]>();
const BY_FIRST_TERM = new Map<string, { short: string; long: string[] }[]>();
for (const [abbreviation, written] of ABBREVIATIONS) {
  const [short, ...rest] = termsOf(abbreviation);
  const long = termsOf(written);
  if (!short || rest.length > 0 || long.length === 0 || long.includes(short)) continue;
  LONG_FORMS.set(short, long);
  BY_FIRST_TERM.set(long[0]!, [...(BY_FIRST_TERM.get(long[0]!) ?? []), { short, long }]);
}

/**
 * For each question term, the other forms that say the same, both ways: an abbreviation's written-out
 * terms, and for each term of a written-out form in the question, the abbreviation (the shape of
 * AcronymLookup.alternatives, so both are credited alike).
 */
export function abbreviationAlternatives(sequence: readonly string[]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  const add = (term: string, form: string[]) => out.set(term, [...(out.get(term) ?? []), form]);
  sequence.forEach((term, i) => {
    const long = LONG_FORMS.get(term);
    if (long) add(term, long);
    for (const pair of BY_FIRST_TERM.get(term) ?? [])
      if (pair.long.every((t, j) => sequence[i + j] === t)) for (const t of pair.long) add(t, [pair.short]);
  });
  return out;
}

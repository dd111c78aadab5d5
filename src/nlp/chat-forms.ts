import { tokenTerms } from './terms.js';

/**
 * How people type in chat against how articles are written: contractions without their apostrophe
 * ("whats", "didnt"), a possessive without its apostrophe ("gtes plant" for "GTE's plant"), and the
 * abbreviations of chat and of wire copy ("ppl", "govt", "mln", "q1"). Articles are never rewritten:
 * questions are read the way the articles write.
 */

const WH_IS = /\b(what|who|where|when|why|how|that|there|here)s\b/gi;
const NOT = /\b(is|are|was|were|do|does|did|has|have|had|could|would|should|must|need)nt\b/gi;
const WONT_CANT = /\b(won|can)t\b/gi;

/** Puts back the apostrophe of contractions typed without one, so "whats" reads as "what's". */
export function restoreApostrophes(text: string): string {
  return text.replace(WH_IS, "$1's").replace(NOT, "$1n't").replace(WONT_CANT, "$1't");
}

/**
 * A question term the archive never holds, read as the possessive its writer left the apostrophe out
 * of when the archive knows the term without its final "s" ("gtes" → "gte"; the stemmer keeps an "s"
 * that follows a consonant cluster).
 */
export function archiveForm(term: string, known: (term: string) => boolean): string {
  if (known(term) || !term.endsWith('s')) return term;
  const bare = term.slice(0, -1);
  return bare && known(bare) ? bare : term;
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

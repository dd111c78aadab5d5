import { shortFormTerms, type AcronymPair } from '../nlp/acronyms.js';
import { stem } from '../nlp/wink.js';

const key = (terms: readonly string[]) => terms.join(' ');

/**
 * Readings of one short form looked for at most: an acronym the archive spells out in several ways ("BMA", the
 * Bahrain Monetary Agency in wire copy and the British Medical Association in the BBC's) is looked for in each, and
 * the question's other words tell them apart; the commonest reading alone would answer for the other.
 */
const READINGS = 3;

/**
 * A hyphenated word is read as its closed form, and back, only when the archive hyphenates it in at least one
 * article for every this many sentences that write it closed: "re-sign" (3 articles) is not "resign" (405
 * sentences), nor "re-lease" "release"; "e-mail" (74 articles) is "email" (19 sentences).
 */
const CLOSED_PER_HYPHENATED = 50;

/**
 * Articles that must spell out a long form before its initials are read as an acronym no article prints: one
 * story's "Germany and South Korea" is no organisation's name.
 */
const SPELLED_ARTICLES = 2;

/** What ranking reads of the acronym table. */
export interface AcronymLookup {
  /** The long forms articles give a short form, as terms, the commonest first (at most READINGS). */
  readings(short: string): string[][];
  /** For each question term, the other forms that say the same (see AcronymTable.alternatives). */
  alternatives(sequence: readonly string[]): Map<string, string[][]>;
}

/**
 * The archive's acronyms, both ways: every article's learned pairs counted, so that a question saying
 * "eff" also looks for "electronic frontier foundation" and the other way round. Updated one article
 * at a time with the index; rebuilt from the articles' pairs when a snapshot is loaded.
 */
export class AcronymTable implements AcronymLookup {
  /** Short form → long form (terms joined by spaces) → articles defining it so. */
  private readonly longForms = new Map<string, Map<string, number>>();
  /** Long form → short form → count, and long forms by their first term, for finding them in a question. */
  private readonly shortForms = new Map<string, Map<string, number>>();
  private readonly byFirstTerm = new Map<string, Set<string>>();
  /** Short names of several words ("man utd") by their first term, for finding them in a question. */
  private readonly shortNamesByFirstTerm = new Map<string, Set<string>>();
  /** Hyphenated words: closed form → hyphenated form's terms → articles writing it, to tell a spelling from another word. */
  private readonly hyphenations = new Map<string, Map<string, number>>();
  /** Initials → long forms of three words or more that spell them → articles spelling each out (learnSpelledNames). */
  private readonly spelledForms = new Map<string, Map<string, number>>();

  /** `sentencesHolding` counts the archive's sentences that hold a term (written closed, for a hyphenated word). */
  constructor(private readonly sentencesHolding: (term: string) => number = () => 0) {}

  get size(): number {
    return this.longForms.size;
  }

  add(pairs: readonly AcronymPair[]): void {
    for (const { short, long, hyphenated, spelled } of pairs) {
      if (spelled) {
        count(this.spelledForms, short, key(long), 1);
        continue;
      }
      if (hyphenated) count(this.hyphenations, short, key(long), 1);
      count(this.longForms, short, key(long), 1);
      count(this.shortForms, key(long), short, 1);
      const first = this.byFirstTerm.get(long[0]!) ?? new Set();
      this.byFirstTerm.set(long[0]!, first.add(key(long)));
      const shortTerms = shortFormTerms(short);
      if (shortTerms.length > 1) {
        const named = this.shortNamesByFirstTerm.get(shortTerms[0]!) ?? new Set();
        this.shortNamesByFirstTerm.set(shortTerms[0]!, named.add(short));
      }
    }
  }

  remove(pairs: readonly AcronymPair[]): void {
    for (const { short, long, hyphenated, spelled } of pairs) {
      if (spelled) {
        count(this.spelledForms, short, key(long), -1);
        continue;
      }
      if (hyphenated) count(this.hyphenations, short, key(long), -1);
      const longGone = !count(this.longForms, short, key(long), -1);
      if (!count(this.shortForms, key(long), short, -1)) this.byFirstTerm.get(long[0]!)?.delete(key(long));
      if (longGone) this.shortNamesByFirstTerm.get(shortFormTerms(short)[0]!)?.delete(short);
    }
  }

  /**
   * The long forms articles give a short form, as terms, the commonest first (at most READINGS). A short form
   * that no article defines nor any sentence holds is read as the initials of long names articles spell out.
   */
  readings(short: string): string[][] {
    let counts = [...(this.longForms.get(short) ?? [])].filter(([long]) => this.sameWord(short, long));
    if (counts.length === 0) counts = this.spelledReadings(short);
    return counts
      .sort((a, b) => b[1] - a[1])
      .slice(0, READINGS)
      .map(([long]) => long.split(' '));
  }

  /**
   * For each question term, the other forms that say the same: a short form's long form (all its terms
   * needed), and for each term of a long form (or of a short name) written out in the question, the other form.
   */
  alternatives(sequence: readonly string[]): Map<string, string[][]> {
    const out = new Map<string, string[][]>();
    const add = (term: string, form: string[]) => out.set(term, [...(out.get(term) ?? []), form]);
    const writtenAt = (terms: readonly string[], i: number) => terms.every((t, j) => sequence[i + j] === t);
    for (const term of new Set(sequence)) for (const long of this.readings(term)) add(term, long);
    sequence.forEach((term, i) => {
      for (const long of this.byFirstTerm.get(term) ?? []) {
        const terms = long.split(' ');
        const short = mostCommon(this.shortForms.get(long));
        if (short !== null && this.sameWord(short, long) && writtenAt(terms, i)) for (const t of terms) add(t, shortFormTerms(short));
      }
      for (const short of this.shortNamesByFirstTerm.get(term) ?? []) {
        const terms = shortFormTerms(short);
        const [long] = this.readings(short);
        if (long && writtenAt(terms, i)) for (const t of terms) add(t, long);
      }
    });
    return out;
  }

  /**
   * Long forms whose initials spell a short form the archive never holds, with the articles spelling each out: only
   * those spelled out at least as often as the archive holds the word the short form would otherwise be read as
   * ("arts" is art, in 119 sentences; "nus" is nu, in one).
   */
  private spelledReadings(short: string): [string, number][] {
    const spelled = this.spelledForms.get(short);
    if (!spelled || this.sentencesHolding(short) > 0) return [];
    const word = Math.max(this.sentencesHolding(stem(short)), this.sentencesHolding(short.replace(/s$/, '')));
    return [...spelled].filter(([, articles]) => articles >= SPELLED_ARTICLES && articles >= word);
  }

  /** Whether a pair says one thing two ways: always for an acronym; for a hyphenated word, see CLOSED_PER_HYPHENATED. */
  private sameWord(short: string, long: string): boolean {
    const articles = this.hyphenations.get(short)?.get(long);
    return articles === undefined || articles * CLOSED_PER_HYPHENATED >= this.sentencesHolding(short);
  }
}

/** Adds `delta` to a nested count, dropping entries that reach zero; false when the outer entry is gone. */
function count(map: Map<string, Map<string, number>>, outer: string, inner: string, delta: number): boolean {
  const counts = map.get(outer) ?? new Map<string, number>();
  const next = (counts.get(inner) ?? 0) + delta;
  if (next > 0) counts.set(inner, next);
  else counts.delete(inner);
  if (counts.size > 0) map.set(outer, counts);
  else map.delete(outer);
  return counts.size > 0;
}

function mostCommon(counts: Map<string, number> | undefined): string | null {
  let best: string | null = null;
  for (const [form, n] of counts ?? []) if (best === null || n > counts!.get(best)!) best = form;
  return best;
}

import { stem } from './wink.js';

/** Modal auxiliaries that put a statement in the future or the conditional; wink lemmatises "'ll" and "wo" (won't) to "will". */
const MODALS = new Set(['will', 'would', 'shall', 'should']);
/** Verbs whose statements are about what is to come: forecasts, plans and expectations (as index terms, stemmed). */
const EXPECTING = new Set(['expect', 'plan', 'forecast', 'predict', 'intend', 'schedule'].map((word) => stem(word)));

/**
 * Whether a token speaks of the future: a modal (by its lemma, which wink leaves out for some tokens; modals
 * are stop words and have no terms) or a verb of expectation in any form ("expected", "plans", "scheduled", by its index term).
 */
export function speaksOfFuture(lemma: string | undefined, terms: readonly string[]): boolean {
  return (lemma !== undefined && MODALS.has(lemma.toLowerCase())) || (terms.length === 1 && EXPECTING.has(terms[0]!));
}

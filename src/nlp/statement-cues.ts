import { stem } from './wink.js';

/*
 * Cues in a sentence's wording to what kind of statement it makes, matched against a question's wording
 * (Kind.future, Kind.addition). They are closed-class words, so a short list is the whole class.
 */

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

/** Words with which a sentence adds to what was said before it. */
const ADDING = new Set(['also', 'too', 'other', 'another', 'further', 'additional', 'additionally', 'besides']);
/** Whether a sentence's token adds to what was said ("he also met", "another 100,000 tonnes"). */
export const adds = (value: string): boolean => ADDING.has(value.toLowerCase());

/**
 * Whether a question's token asks for something beyond what was said ("what else", "who else"). Only "else": a
 * question's "other" or "another" ("what other company") as often asks for a different one as for one more
 * (SQuAD dev Hit@1 0.700 → 0.697 when they counted).
 */
export const asksForMore = (value: string): boolean => value.toLowerCase() === 'else';

import type { IndexedSentence } from './article-search.js';

/** Share of distinct terms two sentences must have in common (Jaccard) to be copies of one another. */
const SAME_TEXT = 0.8;
const DIGIT = /\d/;

/**
 * What copies of one sentence must agree on exactly: its numbers and its names. Wire services send
 * template sentences ("profit rose to 12.3 mln dlrs from ...") that differ only there, and those are
 * different facts; two copies of one story that differ by a typo ("must faster" / "much faster") are not.
 */
function facts(sentence: IndexedSentence): string {
  const numbers = sentence.terms.filter((t) => DIGIT.test(t));
  return [...new Set(numbers)].sort().join(' ') + '|' + [...sentence.names].sort().join(' ');
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Keeps the first (best-ranked) of each group of near-identical sentences: the same numbers and
 * names, and nearly the same terms, stopping once `limit` are kept. Sentences are only compared
 * within a group of equal facts, so the cost stays near linear in the number of results.
 */
export function collapseNearDuplicates<T extends { sentence: IndexedSentence }>(ranked: readonly T[], limit = Infinity): T[] {
  const kept = new Map<string, Set<string>[]>();
  const out: T[] = [];
  for (const result of ranked) {
    if (out.length >= limit) break;
    const key = facts(result.sentence);
    const terms = new Set(result.sentence.terms);
    const group = kept.get(key);
    if (group?.some((other) => similarity(terms, other) >= SAME_TEXT)) continue;
    if (group) group.push(terms);
    else kept.set(key, [terms]);
    out.push(result);
  }
  return out;
}

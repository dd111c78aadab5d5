import type { IndexedSentence } from '../search/article-search.js';
import { cosine, type TermVector } from './graph.js';
import { hasDanglingOpener } from './openers.js';

/** How long a summary may be: a number of sentences, a number of characters, or both. */
export interface Budget {
  sentences?: number;
  /** Total characters of the chosen sentences (separators not counted). */
  chars?: number;
}

/** A sentence up for selection, with its score and what the selection needs to know. */
export interface Scored {
  sentence: IndexedSentence;
  text: string;
  vector: TermVector;
  score: number;
  /** The sentence before it in the same article (for dangling openers), if it is a candidate too. */
  predecessor?: Scored;
}

/** Two sentences at least this similar say the same thing: only the better one is kept. */
export const REDUNDANT = 0.7;

function fits(chosen: Scored[], extra: Scored[], budget: Budget): boolean {
  if (budget.sentences !== undefined && chosen.length + extra.length > budget.sentences) return false;
  if (budget.chars === undefined) return true;
  const used = [...chosen, ...extra].reduce((sum, s) => sum + s.text.length, 0);
  return used <= budget.chars;
}

function redundant(candidate: Scored, chosen: Scored[]): boolean {
  const key = candidate.sentence.terms.join(' ');
  return chosen.some((c) => c.sentence.terms.join(' ') === key || cosine(c.vector, candidate.vector) >= REDUNDANT);
}

/**
 * Greedy selection, best score first, within the budget: a cut-off sentence is never taken, a
 * sentence repeating one already taken is skipped, and a sentence with a dangling opener is only
 * taken together with its predecessor (brought along when it fits), never alone.
 */
export function selectSentences(candidates: Scored[], budget: Budget): Scored[] {
  const chosen: Scored[] = [];
  const taken = new Set<Scored>();
  const ordered = [...candidates].sort((a, b) => b.score - a.score || a.sentence.id - b.sentence.id);
  for (const candidate of ordered) {
    if (taken.has(candidate) || candidate.sentence.cutOff || redundant(candidate, chosen)) continue;
    const group = [candidate];
    const before = candidate.predecessor;
    if (candidate.sentence.position > 0 && hasDanglingOpener(candidate.text) && !(before && taken.has(before))) {
      if (!before || before.sentence.cutOff || redundant(before, chosen) || hasDanglingOpener(before.text)) continue;
      group.unshift(before);
    }
    if (!fits(chosen, group, budget)) continue;
    for (const s of group) {
      chosen.push(s);
      taken.add(s);
    }
    if (budget.sentences !== undefined && chosen.length >= budget.sentences) break;
  }
  return chosen;
}

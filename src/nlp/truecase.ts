/** A word: letters, with the apostrophes inside a possessive or a contraction ("REAGAN'S"). */
const WORD = /\p{L}+(?:['\u2019]\p{L}+)*/gu;
const LOWER_CASE = /\p{Ll}/u;

/**
 * A headline in capitals ("DUTCH STATE LOAN RAISES 3.25 BILLION GUILDERS") with each word spelled as the
 * article's body spells it most often ("Dutch", "state", "raises"), and in lower case when the body never
 * uses it. In capitals every word reads as an acronym, which is kept whole and unstemmed, so a title's
 * "RATES" would never meet a question's "rate"; the body's own spelling is the evidence of which words
 * are names and acronyms (truecasing; Lita et al., "tRuEcasIng", ACL 2003, with the article as the corpus).
 * A title with any lower-case letter is returned unchanged.
 */
export function truecaseTitle(title: string, body: string): string {
  if (LOWER_CASE.test(title)) return title;
  const spellings = new Map<string, Map<string, number>>();
  for (const [word] of body.matchAll(WORD)) {
    const key = word.toLowerCase();
    const forms = spellings.get(key) ?? new Map<string, number>();
    forms.set(word, (forms.get(word) ?? 0) + 1);
    spellings.set(key, forms);
  }
  return title.replace(WORD, (word) => {
    const forms = spellings.get(word.toLowerCase());
    // The commonest spelling; on a tie, the one the body used first.
    return forms ? [...forms].reduce((best, form) => (form[1] > best[1] ? form : best))[0] : word.toLowerCase();
  });
}

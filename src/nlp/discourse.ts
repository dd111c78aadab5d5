import { shortFormTerms, type AcronymPair } from './acronyms.js';
import type { AnalyzedToken } from './analyze.js';

/** Pronouns that, near the start of a sentence, stand for something named earlier. */
const PRONOUNS = new Set(['it', 'its', 'he', 'his', 'she', 'her', 'they', 'their', 'them', 'him']);
const DETERMINERS = new Set(['the', 'this', 'that', 'these', 'those']);
/** How far into a sentence its subject is looked for. */
const SUBJECT_TOKENS = 4;
/** How many sentences back the nearest earlier name is looked for. */
const LOOK_BACK = 3;
const MAX_INHERITED = 12;

/** A run of proper-noun tokens, as the index terms of its words. */
type NameRun = string[];

function nameRuns(tokens: readonly AnalyzedToken[]): NameRun[] {
  const runs: NameRun[] = [];
  let run: string[] = [];
  for (const token of tokens) {
    if (token.name) run.push(...token.terms);
    else if (token.terms.length > 0 || token.value !== '&') {
      if (run.length > 0) runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Whether the sentence's subject refers back: a pronoun or a definite description ("The company", "This
 * week's deal") among its first words, before any name of its own.
 */
function refersBack(tokens: readonly AnalyzedToken[]): boolean {
  for (let i = 0; i < Math.min(tokens.length, SUBJECT_TOKENS); i++) {
    const token = tokens[i]!;
    const word = token.value.toLowerCase();
    if (token.name) return false;
    if (PRONOUNS.has(word)) return true;
    if (DETERMINERS.has(word) && tokens[i + 1]?.pos === 'NOUN') return true;
  }
  return false;
}

/** The name the article is mostly about: the most mentioned name run that its title or first sentence holds. */
function mainSubject(runs: NameRun[][], titleTerms: readonly string[]): NameRun | null {
  const title = new Set(titleTerms);
  const counts = new Map<string, { run: NameRun; score: number }>();
  runs.forEach((sentenceRuns, position) => {
    for (const run of sentenceRuns) {
      const key = run.join(' ');
      const entry = counts.get(key) ?? { run, score: 0 };
      // A run is scored once for being in the title or lead, then once per mention.
      if (entry.score === 0) entry.score += (run.some((t) => title.has(t)) ? 2 : 0) + (position === 0 ? 1 : 0);
      entry.score += 1;
      counts.set(key, entry);
    }
  });
  let best: { run: NameRun; score: number } | null = null;
  for (const entry of counts.values()) {
    const anchored = entry.run.some((t) => title.has(t)) || runs[0]?.some((r) => r.join(' ') === entry.run.join(' '));
    if (anchored && (!best || entry.score > best.score)) best = entry;
  }
  return best?.run ?? null;
}

/**
 * Terms each sentence inherits from its article, for a question that names what the sentence only refers
 * to: a sentence whose subject refers back ("It said", "The company also cited") inherits the article's
 * main subject and the nearest earlier name; a short name ("Yukos", "Mr Smith") inherits the full name the
 * article used before; an acronym inherits its long form and a long form its acronym. Terms the sentence
 * holds itself are left out, so inherited terms never double an exact match.
 */
export function inheritedTerms(
  sentences: readonly (readonly AnalyzedToken[])[],
  titleTerms: readonly string[],
  acronyms: readonly AcronymPair[],
): string[][] {
  const runs = sentences.map(nameRuns);
  const subject = mainSubject(runs, titleTerms);
  const seenRuns: NameRun[] = [];
  return sentences.map((tokens, position) => {
    const own = new Set(tokens.flatMap((t) => t.terms));
    const inherited = new Set<string>();
    const add = (terms: readonly string[]) => terms.forEach((t) => own.has(t) || t.length < 2 || inherited.add(t));
    if (refersBack(tokens)) {
      if (subject) add(subject);
      for (let back = position - 1; back >= Math.max(0, position - LOOK_BACK); back--) {
        const earlier = runs[back]![0];
        if (earlier) {
          add(earlier);
          break;
        }
      }
    }
    for (const run of runs[position]!) {
      const fuller = seenRuns.find((full) => full.length > run.length && run.every((t) => full.includes(t)));
      if (fuller) add(fuller);
    }
    for (const { short, long } of acronyms) {
      const shortTerms = shortFormTerms(short);
      if (shortTerms.every((t) => own.has(t))) add(long);
      else if (long.every((t) => own.has(t))) add(shortTerms);
    }
    seenRuns.push(...runs[position]!);
    return [...inherited].slice(0, MAX_INHERITED);
  });
}

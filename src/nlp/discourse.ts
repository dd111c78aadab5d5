import { shortFormTerms, type AcronymPair } from './acronyms.js';
import type { AnalyzedToken } from './analyze.js';
import { tokenTerms } from './terms.js';

/** Pronouns that, near the start of a sentence, stand for something named earlier. */
const PRONOUNS = new Set(['it', 'its', 'he', 'his', 'she', 'her', 'they', 'their', 'them', 'him']);
const DETERMINERS = new Set(['the', 'this', 'that', 'these', 'those']);
/** Pronouns that stand for a person. */
const PERSONAL = new Set(['he', 'his', 'him', 'she', 'her']);
/** Words written before a person's name ("Mr Brown", "President Reagan"): the name they precede is a person's. */
const PERSON_TITLES = new Set(
  'mr mrs ms miss dr sir lord lady dame professor president senator governor chancellor minister premier chairman judge general coach manager captain king queen prince princess pope'
    .split(' ')
    .flatMap((value) => tokenTerms({ value, lemma: value, type: 'word' })),
);
/** How far into a sentence its subject is looked for. */
const SUBJECT_TOKENS = 4;
/** How many sentences back the nearest earlier names are looked for. */
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
function refersBack(tokens: readonly AnalyzedToken[]): 'person' | 'other' | null {
  for (let i = 0; i < Math.min(tokens.length, SUBJECT_TOKENS); i++) {
    const token = tokens[i]!;
    const word = token.value.toLowerCase();
    if (token.name) return null;
    if (PRONOUNS.has(word)) return PERSONAL.has(word) ? 'person' : 'other';
    if (DETERMINERS.has(word) && tokens[i + 1]?.pos === 'NOUN') return 'other';
  }
  return null;
}

/** Last terms of the article's names that a title shows to be people's ("Mr Brown" makes Gordon Brown a person). */
function surnames(runs: readonly NameRun[][]): Set<string> {
  const out = new Set<string>();
  for (const run of runs.flat()) if (run.length > 1 && PERSON_TITLES.has(run[0]!)) out.add(run[run.length - 1]!);
  return out;
}

/** The person mentioned last before `position`, by the fullest name the article gave them up to there. */
function nearestPerson(runs: readonly NameRun[][], position: number, people: Set<string>): NameRun | null {
  for (let back = position - 1; back >= 0; back--) {
    const mention = runs[back]!.find((run) => people.has(run[run.length - 1]!));
    if (!mention) continue;
    const surname = mention[mention.length - 1]!;
    const forms = runs
      .slice(0, back + 1)
      .flat()
      .filter((run) => run[run.length - 1] === surname);
    return forms.reduce((fullest, run) => (run.length > fullest.length ? run : fullest)).filter((t) => !PERSON_TITLES.has(t));
  }
  return null;
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
 * main subject and the names of the nearest earlier sentence that has any; a short name ("Yukos", "Mr Smith") inherits the full name the
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
  const people = surnames(runs);
  const seenRuns: NameRun[] = [];
  return sentences.map((tokens, position) => {
    const own = new Set(tokens.flatMap((t) => t.terms));
    const inherited = new Set<string>();
    const add = (terms: readonly string[]) => terms.forEach((t) => own.has(t) || t.length < 2 || inherited.add(t));
    const reference = refersBack(tokens);
    if (reference) {
      if (subject) add(subject);
      const person = reference === 'person' ? nearestPerson(runs, position, people) : null;
      if (person) add(person);
      for (let back = position - 1; back >= Math.max(0, position - LOOK_BACK); back--) {
        // Any name of the nearest sentence that has one may be what "he" or "the company" stands for.
        if (runs[back]!.length > 0) {
          runs[back]!.forEach(add);
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

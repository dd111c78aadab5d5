import path from 'node:path';
import { watch } from 'chokidar';
import type { Article } from './article.js';
import { articleId } from './article.js';
import { listArticleFiles, loadArticleFile, type Logger } from './load.js';

/** Where the watcher sends what changed: the index, and whoever else keeps track of articles. */
export interface ArticleSink {
  /** A new or changed article (replaces any earlier version with the same id). */
  upsert(article: Article): void | Promise<void>;
  /** An article whose file was deleted or no longer parses. */
  remove(articleId: string): void | Promise<void>;
}

export interface WatchOptions {
  dir: string;
  /** Corpus name the folder was loaded under (for article ids). */
  corpus: string;
  sink: ArticleSink;
  log?: Logger;
  /** Quiet time after the last event on a file before it is handled. */
  debounceMs?: number;
  /** A file must keep the same size this long before it is read (a half-written file is not an article yet). */
  settleMs?: number;
  /**
   * Whether an article is already loaded: files that are not, once watching has begun, are read
   * (they arrived between the initial load and the start of watching).
   */
  isLoaded?: (articleId: string) => boolean;
}

export interface ArticleWatcher {
  /** Resolves once the watcher is watching. */
  ready: Promise<void>;
  /** Resolves when no change is waiting or being applied. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const isHidden = (file: string, root: string) =>
  path
    .relative(root, file)
    .split(path.sep)
    .some((part) => part.startsWith('.'));

/**
 * Keeps the sink in step with the article folder while the bot runs: files added, changed or
 * deleted (hidden files ignored, as by the loader). Changes are applied one at a time, in order.
 */
export function watchArticles({
  dir,
  corpus,
  sink,
  log = () => {},
  debounceMs = 200,
  settleMs = 500,
  isLoaded,
}: WatchOptions): ArticleWatcher {
  const root = path.resolve(dir);
  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: (file) => file !== root && isHidden(file, root),
    awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: Math.max(50, settleMs / 5) },
  });
  const timers = new Map<string, NodeJS.Timeout>();
  let queue: Promise<void> = Promise.resolve();

  const apply = async (file: string, kind: 'changed' | 'deleted') => {
    const source = path.relative(root, file).split(path.sep).join('/');
    const id = articleId(corpus, source);
    try {
      if (kind === 'deleted') {
        await sink.remove(id);
        log(`article removed: ${source}`);
        return;
      }
      const result = await loadArticleFile(root, corpus, source);
      if (result.ok) {
        await sink.upsert(result.article);
        log(`article loaded: ${source}`);
      } else {
        await sink.remove(id);
        log(`skipped ${path.join(dir, source)}: ${result.reason}`);
      }
    } catch (error) {
      // a file deleted between the event and the read is handled by its own unlink event
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`could not update ${source}: ${(error as Error).message}`);
    }
  };

  const schedule = (file: string, kind: 'changed' | 'deleted') => {
    clearTimeout(timers.get(file));
    timers.set(
      file,
      setTimeout(() => {
        timers.delete(file);
        queue = queue.then(() => apply(file, kind));
      }, debounceMs),
    );
  };

  watcher.on('add', (file) => schedule(file, 'changed'));
  watcher.on('change', (file) => schedule(file, 'changed'));
  watcher.on('unlink', (file) => schedule(file, 'deleted'));
  watcher.on('error', (error) => log(`article folder watcher: ${(error as Error).message}`));

  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve())).then(async () => {
    if (!isLoaded) return;
    for (const source of await listArticleFiles(root)) {
      if (!isLoaded(articleId(corpus, source))) schedule(path.join(root, ...source.split('/')), 'changed');
    }
  });

  return {
    ready,
    async idle() {
      while (timers.size > 0) await new Promise((resolve) => setTimeout(resolve, debounceMs));
      await queue;
    },
    async close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await watcher.close();
      await queue;
    },
  };
}

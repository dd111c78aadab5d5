import { nameCorpora } from '../articles/load.js';
import { watchArticles, type ArticleWatcher } from '../articles/watch.js';
import type { PersistentIndex } from '../search/open-index.js';
import type { Log } from './log.js';

export interface ArticleFolderOptions {
  /** The folder the index was loaded from (as one corpus). */
  dir: string;
  index: PersistentIndex;
  log: Log;
  /** Told about each new or changed article once the index has it (the digest store records it as seen). */
  onArrival?: (articleId: string) => unknown;
}

/**
 * Keeps the index in step with the article folder while the bot runs. It stands on its own, beside
 * the index: /ask keeps seeing new files whatever happens to the services that listen to arrivals.
 */
export function watchArticleFolder({ dir, index, log, onArrival }: ArticleFolderOptions): ArticleWatcher {
  const watcher = watchArticles({
    dir,
    corpus: nameCorpora([{ dir }])[0]!.name,
    log: (line) => log.info(line),
    isLoaded: (id) => index.index.article(id) !== undefined,
    sink: {
      async upsert(article) {
        await index.upsert(article);
        await onArrival?.(article.id);
      },
      remove: (id) => index.remove(id),
    },
  });
  watcher.ready.then(
    () => log.info(`watching ${dir} for article changes`),
    (error: Error) => log.error(`cannot watch ${dir} for article changes: ${error.message}`),
  );
  return watcher;
}

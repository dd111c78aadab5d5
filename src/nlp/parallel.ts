import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article } from '../articles/article.js';
import type { BatchReply, BatchRequest } from './analysis-worker.js';
import { analyzeArticle, type ArticleAnalysis } from './article-sentences.js';

export interface AnalyzeOptions {
  /** Worker threads; 0 analyses in this thread. Default: one per core when there is enough work. */
  workers?: number;
  /** Called after each batch with the number of articles analysed so far. */
  onProgress?: (done: number, total: number) => void;
}

/** Below this many articles, starting workers (each loads the wink model) costs more than it saves. */
const MIN_PARALLEL = 1000;
const BATCH_SIZE = 32;
const WORKER_ENTRY = new URL('./analysis-worker.mjs', import.meta.url);

export function defaultWorkers(articleCount: number): number {
  return articleCount >= MIN_PARALLEL ? availableParallelism() : 0;
}

/**
 * Runs wink-nlp over many articles, spread over worker threads so a build uses every core; results
 * come back in the articles' order. wink-nlp is not quite a pure function of the text: words it has
 * met before can tokenise differently ("F.O.B" once seen, "f.o.b." later ends a sentence; wink-nlp
 * issue 143), so worker w always takes batches w, w + workers, …: a build of the same articles with
 * the same number of workers splits the same sentences, run after run.
 */
export async function analyzeArticles(articles: Article[], options: AnalyzeOptions = {}): Promise<ArticleAnalysis[]> {
  const workers = Math.min(options.workers ?? defaultWorkers(articles.length), Math.ceil(articles.length / BATCH_SIZE));
  const progress = options.onProgress ?? (() => {});
  if (workers <= 0) {
    return articles.map((article, i) => {
      const analysis = analyzeArticle(article);
      if ((i + 1) % BATCH_SIZE === 0 || i + 1 === articles.length) progress(i + 1, articles.length);
      return analysis;
    });
  }
  return inWorkers(articles, workers, progress);
}

function inWorkers(articles: Article[], count: number, progress: (done: number, total: number) => void): Promise<ArticleAnalysis[]> {
  const results = new Array<ArticleAnalysis>(articles.length);
  const batches = Math.ceil(articles.length / BATCH_SIZE);
  const pool: Worker[] = [];
  let finished = 0;
  let done = 0;
  return new Promise<ArticleAnalysis[]>((resolve, reject) => {
    const stop = (error?: Error) => {
      for (const worker of pool) void worker.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const feed = (worker: Worker, batch: number) => {
      if (batch >= batches) return;
      const request: BatchRequest = { batch, articles: articles.slice(batch * BATCH_SIZE, (batch + 1) * BATCH_SIZE) };
      worker.postMessage(request);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_ENTRY);
      pool.push(worker);
      worker.on('message', (reply: BatchReply) => {
        if ('error' in reply) return stop(new Error(`analysis failed: ${reply.error}`));
        reply.analyses.forEach((analysis, j) => (results[reply.batch * BATCH_SIZE + j] = analysis));
        done += reply.analyses.length;
        progress(done, articles.length);
        if (++finished === batches) stop();
        else feed(worker, reply.batch + count);
      });
      worker.on('error', (error) => stop(new Error(`analysis worker failed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (finished < batches) stop(new Error(`analysis worker stopped early (exit code ${code})`));
      });
      feed(worker, i);
    }
  });
}

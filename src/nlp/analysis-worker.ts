import { parentPort } from 'node:worker_threads';
import type { Article } from '../articles/article.js';
import { analyzeArticle } from './article-sentences.js';

/** A batch of articles to analyse, and what comes back for it. */
export interface BatchRequest {
  batch: number;
  articles: Article[];
}
export type BatchReply = { batch: number; analyses: ReturnType<typeof analyzeArticle>[] } | { batch: number; error: string };

parentPort?.on('message', ({ batch, articles }: BatchRequest) => {
  let reply: BatchReply;
  try {
    reply = { batch, analyses: articles.map(analyzeArticle) };
  } catch (error) {
    reply = { batch, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});

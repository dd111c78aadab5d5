/**
 * One measurement in a fresh process (so memory figures are clean), driven by bench/run.ts:
 * argv[2] is a ChildJob as JSON; the last stdout line is its ChildResult as JSON.
 */
import MiniSearch from 'minisearch';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { defaultMiniSearch } from '../eval/baseline.js';
import { percentile } from '../eval/metrics.js';
import type { CorpusSpec } from '../src/articles/load.js';
import { readSettings, storageSettings } from '../src/settings.js';
import { ask } from '../src/search/ask.js';
import { openIndex, SNAPSHOT_FILE } from '../src/search/open-index.js';

export type Mode = 'build' | 'load' | 'baseline-build' | 'baseline-load';

export interface ChildJob {
  mode: Mode;
  corpora: CorpusSpec[];
  cacheDir: string;
  /** Where the baseline keeps its toJSON() (its "snapshot"). */
  baselineFile: string;
  /** A JSON file holding the questions to time, in order. */
  questionsFile: string;
}

export interface Memory {
  heapMB: number;
  rssMB: number;
}

export interface Latency {
  /** How many questions were timed (all of them unless the time budget ran out). */
  questions: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ChildResult {
  mode: Mode;
  articles: number;
  sentences: number;
  /** Build phases in seconds (read, nlp, index); load: seconds until the first answer (from process start, and in-process). */
  seconds: Record<string, number>;
  memory: Memory;
  latency?: Latency;
  diskMB?: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
function memory(): Memory {
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMB: Math.round(heapUsed / 1e6), rssMB: Math.round(rss / 1e6) };
}

/**
 * Time spent timing one system's answers at most: the baseline needs up to a second per question on
 * the largest size, so it may answer only the first part of the (random) sample; `questions` says how many.
 */
const LATENCY_BUDGET_MS = 90_000;

function latency(answer: (question: string) => void, questions: string[]): Latency {
  const times: number[] = [];
  const started = performance.now();
  for (const question of questions) {
    if (performance.now() - started > LATENCY_BUDGET_MS) break;
    const t = performance.now();
    try {
      answer(question);
    } catch {
      // A question the product refuses (no words) still counts: refusing is its answer.
    }
    times.push(performance.now() - t);
  }
  const ms = (p: number) => Math.round(percentile(times, p) * 100) / 100;
  return { p50: ms(50), p95: ms(95), p99: ms(99), max: Math.round(Math.max(...times) * 100) / 100, questions: times.length };
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const megabytes = (file: string) => Math.round(statSync(file).size / 1e4) / 100;

const log = (line: string) => process.stderr.write(`  ${line}\n`);
/** As `npm run ask` reads them ($WORD_VECTORS or the bundled file). */
const { wordVectors } = readSettings(process.env, storageSettings);

/** MiniSearch with default options over Newsdesk's sentences (read from the snapshot the build left). */
async function baselineIndex(corpora: CorpusSpec[], cacheDir: string) {
  const { index } = await openIndex({ corpora, cacheDir, log, wordVectors });
  gc?.();
  const t = performance.now();
  const mini = defaultMiniSearch(index);
  return { mini, articles: index.articleCount, indexSeconds: seconds(performance.now() - t) };
}

async function run(job: ChildJob): Promise<ChildResult> {
  const { mode, corpora, cacheDir } = job;
  const questions = JSON.parse(readFileSync(job.questionsFile, 'utf8')) as string[];
  if (mode === 'build' || mode === 'load') {
    const started = performance.now();
    const opened = await openIndex({ corpora, cacheDir, log, wordVectors });
    const { index, stats } = opened;
    if (mode === 'build') {
      if (stats.snapshot === 'loaded') throw new Error('build run found a snapshot: the cache folder must start empty');
      return {
        mode,
        articles: index.articleCount,
        sentences: index.sentenceCount,
        seconds: {
          read: seconds(stats.ms.read),
          nlp: seconds(stats.ms.analyse),
          index: seconds(stats.ms.index),
          vectors: seconds(stats.ms.vectors),
          save: seconds(stats.ms.save),
        },
        memory: memory(),
        diskMB: megabytes(`${cacheDir}/${SNAPSHOT_FILE}`),
      };
    }
    if (stats.analysed > 0) throw new Error('load run analysed articles: the snapshot was not used');
    ask(index, questions[0]!);
    // performance.now() counts from process start: Node, tsx, module and wink model loading included.
    const fromProcessStart = seconds(performance.now());
    const firstAnswer = seconds(performance.now() - started);
    const mem = memory();
    return {
      mode,
      articles: index.articleCount,
      sentences: index.sentenceCount,
      seconds: {
        fromProcessStart,
        firstAnswer,
        snapshot: seconds(stats.ms.snapshot),
        files: seconds(stats.ms.read),
        index: seconds(stats.ms.index),
      },
      memory: mem,
      latency: latency((q) => ask(index, q, { k: 3 }), questions),
    };
  }
  if (mode === 'baseline-build') {
    const { mini, articles, indexSeconds } = await baselineIndex(corpora, cacheDir);
    writeFileSync(job.baselineFile, JSON.stringify(mini));
    return {
      mode,
      articles,
      sentences: mini.documentCount,
      seconds: { index: indexSeconds },
      memory: memory(),
      diskMB: megabytes(job.baselineFile),
    };
  }
  const started = performance.now();
  const mini = MiniSearch.loadJSON<{ id: number; text: string }>(readFileSync(job.baselineFile, 'utf8'), { fields: ['text'] });
  mini.search(questions[0]!);
  const fromProcessStart = seconds(performance.now());
  const firstAnswer = seconds(performance.now() - started);
  const mem = memory();
  return {
    mode,
    articles: 0,
    sentences: mini.documentCount,
    seconds: { fromProcessStart, firstAnswer },
    memory: mem,
    latency: latency((q) => mini.search(q).slice(0, 3), questions),
  };
}

const job = JSON.parse(process.argv[2]!) as ChildJob;
run(job).then(
  (result) => console.log(JSON.stringify(result)),
  (error: Error) => {
    console.error(`bench child (${job.mode}) failed: ${error.message}`);
    process.exit(1);
  },
);

/**
 * The bbc-summary protocol (../shared/README.md): every BBC article is summarised with k sentences,
 * k = the number of its reference sentences; ROUGE-1/2/L F1 and sentence precision are reported per
 * category, with Lead-k and random-k baselines and the summariser's ablation in the same run.
 *
 *   npx tsx eval/bbc-summary.ts [--corpus DIR] [--references DIR] [--category NAME]... [--limit N]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpora } from '../src/articles/load.js';
import { indexArticles } from '../src/search/build.js';
import type { IndexedArticle, SentenceIndex } from '../src/search/sentence-index.js';
import { DEFAULT_WEIGHTS, sentencesOf, summarizeArticle, type SummaryWeights } from '../src/summarize/summarize.js';
import { rouge, type RougeScores } from './rouge.js';

const CATEGORIES = ['business', 'politics', 'entertainment', 'sport', 'tech'];
const SEED = 20260101;

const squash = (text: string) => text.replace(/\s+/g, '');

/**
 * The article's sentences that the reference holds, as positions, in the order the reference gives
 * them. References join sentences with no space after the full stop, so both sides are compared
 * with all whitespace removed.
 */
export function matchReference(sentences: readonly string[], reference: string): number[] {
  const flat = squash(reference);
  const found: { position: number; at: number }[] = [];
  sentences.forEach((sentence, position) => {
    const at = flat.indexOf(squash(sentence));
    if (squash(sentence) && at >= 0) found.push({ position, at });
  });
  return found.sort((a, b) => a.at - b.at).map((f) => f.position);
}

/** A small seeded generator (mulberry32), so that random-k is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** k distinct positions out of n, in order, drawn with `random`. */
function randomPositions(n: number, k: number, random: () => number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k).sort((a, b) => a - b);
}

/** A system picks sentence positions for an article, given k. */
type System = (article: IndexedArticle, k: number) => number[];

interface Totals extends RougeScores {
  precision: number;
  count: number;
}

function summariser(index: SentenceIndex, weights: SummaryWeights): System {
  return (article, k) => summarizeArticle(index, article, { sentences: k, weights }).map((s) => s.position);
}

function systems(index: SentenceIndex): [string, System][] {
  const random = seededRandom(SEED);
  return [
    ['Lead-k', (article, k) => Array.from({ length: Math.min(k, article.sentenceIds.length) }, (_, i) => i)],
    ['random-k', (article, k) => randomPositions(article.sentenceIds.length, k, random)],
    ['graph only', summariser(index, { graph: 1, position: 0 })],
    ['position only', summariser(index, { graph: 0, position: 1 })],
    ['Newsdesk (graph + position)', summariser(index, DEFAULT_WEIGHTS)],
  ];
}

function add(totals: Totals, scores: RougeScores, precision: number): void {
  totals.rouge1 += scores.rouge1;
  totals.rouge2 += scores.rouge2;
  totals.rougeL += scores.rougeL;
  totals.precision += precision;
  totals.count++;
}

const mean = (t: Totals, key: keyof RougeScores | 'precision') => (t.count ? t[key] / t.count : 0).toFixed(3);

export interface BbcSummaryOptions {
  corpus: string;
  references: string;
  categories: string[];
  /** Articles per category (for quick runs); all when undefined. */
  limit?: number;
}

/** Runs the protocol and returns the result as a Markdown table. */
export async function bbcSummary(options: BbcSummaryOptions, log: (line: string) => void = () => {}): Promise<string> {
  const started = Date.now();
  const { articles } = await loadCorpora([{ dir: options.corpus, name: 'bbc' }], log);
  const index = indexArticles(articles);
  log(`indexed ${articles.length} articles in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const runs = systems(index);
  const totals = new Map<string, Totals>();
  const total = (category: string, system: string) => {
    const key = `${category}\t${system}`;
    if (!totals.has(key)) totals.set(key, { rouge1: 0, rouge2: 0, rougeL: 0, precision: 0, count: 0 });
    return totals.get(key)!;
  };
  let unmatched = 0;
  for (const category of options.categories) {
    const inCategory = [...index.allArticles()].filter((a) => a.source.startsWith(`${category}/`)).slice(0, options.limit);
    for (const article of inCategory) {
      const texts = sentencesOf(article, index).map((s) => article.body.slice(s.start, s.end));
      const referenceText = await readFile(path.join(options.references, article.source), 'utf8').catch(() => null);
      if (referenceText === null) continue;
      const reference = matchReference(texts, referenceText);
      if (reference.length === 0) {
        unmatched++;
        continue;
      }
      const wanted = new Set(reference);
      const referenceSentences = reference.map((p) => texts[p]!);
      for (const [name, pick] of runs) {
        const chosen = pick(article, reference.length);
        const precision = chosen.length ? chosen.filter((p) => wanted.has(p)).length / chosen.length : 0;
        const scores = rouge(chosen.map((p) => texts[p]!), referenceSentences);
        add(total(category, name), scores, precision);
        add(total('all', name), scores, precision);
      }
    }
  }
  if (unmatched) log(`${unmatched} articles skipped: no reference sentence matched the article's sentences`);
  const rows = ['| category | system | articles | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 | sentence precision |', '|---|---|---|---|---|---|---|'];
  for (const category of [...options.categories, 'all']) {
    for (const [name] of runs) {
      const t = total(category, name);
      rows.push(`| ${category} | ${name} | ${t.count} | ${mean(t, 'rouge1')} | ${mean(t, 'rouge2')} | ${mean(t, 'rougeL')} | ${mean(t, 'precision')} |`);
    }
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return rows.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: '../shared/corpora/bbc' },
      references: { type: 'string', default: '../shared/eval/bbc-summaries' },
      category: { type: 'string', multiple: true },
      limit: { type: 'string' },
    },
  });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  const table = await bbcSummary(
    { corpus: values.corpus, references: values.references, categories: values.category ?? CATEGORIES, limit },
    (line) => console.error(line),
  );
  console.log(table);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    console.error(`bbc-summary failed: ${error.message}`);
    process.exit(1);
  });
}

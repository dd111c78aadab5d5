/**
 * The bbc-summary protocol (../shared/README.md): every BBC article is summarised with k sentences,
 * k = the number of its reference sentences; ROUGE-1/2/L F1 and sentence precision are reported per
 * category, with Lead-k and random-k baselines and the summariser's ablation in the same run.
 *
 *   npm run eval -- --protocol bbc-summary [--dev-only] [--limit N] [--no-ablation] [--bbc DIR] [--bbc-summaries DIR]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpora } from '../src/articles/load.js';
import { indexArticles } from '../src/search/build.js';
import type { ArticleSearch, IndexedArticle } from '../src/search/article-search.js';
import { DEFAULT_WEIGHTS, sentencesOf, summarizeArticle, type SummaryWeights } from '../src/summarize/summarize.js';
import { fixed, mean } from './metrics.js';
import { sample, type Protocol } from './protocol.js';
import { rouge, type RougeScores } from './rouge.js';
import { markdownTable } from './table.js';

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

interface Scores extends RougeScores {
  precision: number;
}

function summariser(index: ArticleSearch, weights: SummaryWeights): System {
  return (article, k) => summarizeArticle(index, article, { sentences: k, weights }).map((s) => s.position);
}

const OURS = 'Newsdesk (graph + position)';

function systems(index: ArticleSearch, ablation: boolean): [string, System][] {
  const random = seededRandom(SEED);
  const all: [string, System][] = [
    [OURS, summariser(index, DEFAULT_WEIGHTS)],
    ['Lead-k', (article, k) => Array.from({ length: Math.min(k, article.sentenceIds.length) }, (_, i) => i)],
    ['random-k', (article, k) => randomPositions(article.sentenceIds.length, k, random)],
  ];
  if (ablation)
    all.push(
      ['graph score only', summariser(index, { graph: 1, position: 0 })],
      ['position prior only', summariser(index, { graph: 0, position: 1 })],
    );
  return all;
}

/** Everything needed to score one article: its sentence texts and the reference's positions. */
interface Item {
  category: string;
  article: IndexedArticle;
  texts: string[];
  reference: number[];
}

async function loadItems(
  index: ArticleSearch,
  referenceDir: string,
  categories: string[],
  limit?: number,
): Promise<{ items: Item[]; unmatched: number }> {
  const items: Item[] = [];
  let unmatched = 0;
  for (const category of categories) {
    const inCategory = [...index.allArticles()].filter((a) => a.source.startsWith(`${category}/`));
    for (const article of sample(inCategory, limit)) {
      const texts = sentencesOf(article, index).map((s) => article.body.slice(s.start, s.end));
      const referenceText = await readFile(path.join(referenceDir, article.source), 'utf8').catch(() => null);
      const reference = referenceText === null ? [] : matchReference(texts, referenceText);
      if (reference.length) items.push({ category, article, texts, reference });
      else unmatched++;
    }
  }
  return { items, unmatched };
}

function score(item: Item, chosen: number[]): Scores {
  const wanted = new Set(item.reference);
  const precision = chosen.length ? chosen.filter((p) => wanted.has(p)).length / chosen.length : 0;
  return {
    ...rouge(
      chosen.map((p) => item.texts[p]!),
      item.reference.map((p) => item.texts[p]!),
    ),
    precision,
  };
}

const averaged = (scores: Scores[]): Scores => ({
  rouge1: mean(scores.map((s) => s.rouge1)),
  rouge2: mean(scores.map((s) => s.rouge2)),
  rougeL: mean(scores.map((s) => s.rougeL)),
  precision: mean(scores.map((s) => s.precision)),
});

const cells = (s: Scores) => [fixed(s.rouge1), fixed(s.rouge2), fixed(s.rougeL), fixed(s.precision)];
const COLUMNS = ['ROUGE-1 F1', 'ROUGE-2 F1', 'ROUGE-L F1', 'sentence precision'];
const TUNING = ['business', 'politics'];

export const bbcSummary: Protocol = {
  name: 'bbc-summary',
  summary: 'extractive summaries of the BBC articles, k = reference sentences (ROUGE-1/2/L F1, sentence precision)',
  options: {
    bbc: { type: 'string', default: '../shared/corpora/bbc', description: 'the BBC corpus folder (category/NNN.txt)' },
    'bbc-summaries': { type: 'string', default: '../shared/eval/bbc-summaries', description: 'the reference summaries, same layout' },
  },
  async run(paths, common, print) {
    const { articles } = await loadCorpora([{ dir: paths.bbc!, name: 'bbc' }]);
    const index = indexArticles(articles);
    const categories = common.devOnly ? TUNING : CATEGORIES;
    const { items, unmatched } = await loadItems(index, paths['bbc-summaries']!, categories, common.limit);
    const runs = systems(index, common.ablation);
    const results = new Map(
      runs.map(([name, pick]) => [name, items.map((item) => score(item, pick(item.article, item.reference.length)))]),
    );
    const over = (name: string, category?: string) =>
      averaged(results.get(name)!.filter((_, i) => !category || items[i]!.category === category));

    print(
      `### bbc-summary: ${items.length} articles (${categories.join(', ')}; tuned on ${TUNING.join(' and ')})${unmatched ? `, ${unmatched} without a matching reference left out` : ''}\n`,
    );
    const rows = [...categories, undefined].flatMap((category) =>
      runs.slice(0, 3).map(([name]) => [category ?? '**all**', name, ...cells(over(name, category))]),
    );
    print(markdownTable(['category', 'system', ...COLUMNS], rows));
    const ours = over(OURS);
    const lead = over('Lead-k');
    print(
      `\nMargin over Lead-k (all): ROUGE-1 ${fixed(ours.rouge1 - lead.rouge1)}, ROUGE-2 ${fixed(ours.rouge2 - lead.rouge2)}, ROUGE-L ${fixed(ours.rougeL - lead.rougeL)}.`,
    );
    if (!common.ablation) return;

    print(`\n### bbc-summary ablation (all the articles above)\n`);
    const ablation = [OURS, 'graph score only', 'position prior only'].map((name) => {
      const s = over(name);
      return [name, ...cells(s), fixed(s.rouge2 - ours.rouge2)];
    });
    print(markdownTable(['summariser', ...COLUMNS, 'ΔROUGE-2'], ablation));
  },
};

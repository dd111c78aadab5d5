/**
 * The seeded draw of articles for the news-chat question set (issue 9): BBC (all five categories,
 * interleaved) and Reuters-21578 drawn separately, in seeded random order, skipping articles that
 * cannot carry a chat question with a unique gold snippet (tables and lists, very short or very long
 * bodies, exact and near-duplicate stories). Writes eval/data/news-chat-draw.txt; the question
 * writers take the articles in its order. Seed 20261129.
 *
 *   npx tsx eval/news-chat-draw.ts [--corpora DIR]   (default ../shared/corpora)
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listArticleFiles } from '../src/articles/load.js';
import { parseArticle } from '../src/articles/parse.js';
import { seededRandom } from './bbc-summary.js';

const SEED = 20261129;
const PER_CORPUS = 280;
const MIN_CHARS = 600;
const MAX_CHARS = 6000;
const MIN_SENTENCES = 4;
/** A line is table-like when digits are at least this share of its letters and digits. */
const NUMERIC_LINE_SHARE = 0.25;
/** An article is a table or list when more than this share of its lines are table-like or very short. */
const MAX_TABLE_LINES = 0.3;
const SHORT_LINE_WORDS = 5;
/** First paragraphs at least this similar (Jaccard over their word sets) mark a near-duplicate story. */
const NEAR_DUPLICATE_JACCARD = 0.6;
const OUTPUT = 'eval/data/news-chat-draw.txt';

interface Candidate {
  /** Path relative to the corpora folder, e.g. bbc/tech/032.txt. */
  file: string;
  body: string;
  normalised: string;
  lead: Set<string>;
}

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

function isTableLike(line: string): boolean {
  const alnum = line.replace(/[^A-Za-z0-9]/g, '');
  const digits = line.replace(/[^0-9]/g, '');
  return digits.length >= NUMERIC_LINE_SHARE * alnum.length || words(line).length < SHORT_LINE_WORDS;
}

/** Why an article cannot carry a question, or null when it can (duplicates are checked separately). */
function unsuitable(body: string): string | null {
  if (body.length < MIN_CHARS) return 'short';
  if (body.length > MAX_CHARS) return 'long';
  if ((body.match(/[.!?]["')]?(?=\s|$)/g) ?? []).length < MIN_SENTENCES) return 'few sentences';
  const lines = body.split('\n').filter((l) => l.trim());
  if (lines.filter(isTableLike).length > MAX_TABLE_LINES * lines.length) return 'table or list';
  return null;
}

async function loadCorpus(corpora: string, name: string): Promise<Candidate[]> {
  const dir = path.join(corpora, name);
  const out: Candidate[] = [];
  for (const source of await listArticleFiles(dir)) {
    const parsed = parseArticle(await readFile(path.join(dir, source), 'utf8'), name, source);
    if (!parsed.ok) continue;
    const { body, paragraphs } = parsed.article;
    const first = paragraphs[0]!;
    out.push({
      file: `${name}/${source}`,
      body,
      normalised: words(body).join(' '),
      lead: new Set(words(body.slice(first.start, first.end))),
    });
  }
  return out;
}

/** True when another article of the corpus has the same words or a near-identical first paragraph. */
function hasDuplicate(c: Candidate, all: Candidate[]): boolean {
  return all.some((o) => o !== c && (o.normalised === c.normalised || jaccard(o.lead, c.lead) >= NEAR_DUPLICATE_JACCARD));
}

/** Takes candidates in the given order until `count` suitable ones are found; tallies the skips. */
function take(order: Candidate[], all: Candidate[], count: number, skips: Map<string, number>): string[] {
  const chosen: string[] = [];
  for (const c of order) {
    if (chosen.length === count) break;
    const reason = unsuitable(c.body) ?? (hasDuplicate(c, all) ? 'duplicate' : null);
    if (reason) skips.set(reason, (skips.get(reason) ?? 0) + 1);
    else chosen.push(c.file);
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} suitable articles, wanted ${count}`);
  return chosen;
}

/** The categories' draws interleaved round-robin, so any prefix of the draw covers them evenly. */
function interleave(groups: string[][]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(...groups.map((g) => g.length)); i++) for (const g of groups) if (g[i]) out.push(g[i]);
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpora: { type: 'string', default: '../shared/corpora' } } });
  const corpora = values.corpora!;
  const random = seededRandom(SEED);
  const skips = new Map<string, number>();

  const bbc = await loadCorpus(corpora, 'bbc');
  const categoryOf = (c: Candidate) => c.file.split('/')[1]!;
  const categories = shuffle([...new Set(bbc.map(categoryOf))].sort(), random);
  const perCategory = PER_CORPUS / categories.length;
  const bbcDrawn = interleave(
    categories.map((cat) =>
      take(
        shuffle(
          bbc.filter((c) => categoryOf(c) === cat),
          random,
        ),
        bbc,
        perCategory,
        skips,
      ),
    ),
  );

  const reuters = await loadCorpus(corpora, 'reuters21578');
  const reutersDrawn = take(shuffle(reuters, random), reuters, PER_CORPUS, skips);

  const header =
    `# news-chat draw, seed ${SEED} (mulberry32): ${PER_CORPUS} BBC (${perCategory} per category, categories in seeded order, interleaved round-robin) then ` +
    `${PER_CORPUS} Reuters-21578, each in seeded random order; skipped: bodies under ${MIN_CHARS} or over ${MAX_CHARS} chars ` +
    `or under ${MIN_SENTENCES} sentences, tables/lists (over ${MAX_TABLE_LINES * 100}% of lines numeric or under ` +
    `${SHORT_LINE_WORDS} words), exact duplicates (same normalised body) and near-duplicates (first-paragraph word ` +
    `Jaccard >= ${NEAR_DUPLICATE_JACCARD}) within the corpus. Split by article, alternating dev, test in draw order ` +
    `(BBC half: within each kind; Reuters half: over all its questions).`;
  await writeFile(OUTPUT, [header, ...bbcDrawn, ...reutersDrawn].join('\n') + '\n');
  console.log(`seed ${SEED}: wrote ${OUTPUT} (${bbcDrawn.length} BBC, ${reutersDrawn.length} Reuters)`);
  console.log(`skipped on the way: ${[...skips].map(([r, n]) => `${r} ${n}`).join(', ')}`);
}

await main();

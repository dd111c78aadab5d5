/**
 * `npm run bench`: build, start-up, answer latency and memory of Newsdesk against a plain MiniSearch
 * baseline, per corpus size. Every measurement runs in its own child process (bench/child.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../eval/bbc-summary.js';
import type { SquadFile } from '../eval/squad-open.js';
import type { CorpusSpec } from '../src/articles/load.js';
import { checkoutProblem, comparisonTable, fullBuildSeconds, type Side } from './against.js';
import type { ChildJob, ChildResult, Mode } from './child.js';
import { benchDigests, digestTable, type DigestBenchResult } from './digests.js';
import { fmt, ratio, whole } from './format.js';

interface Size {
  label: string;
  corpora: (shared: string) => CorpusSpec[];
  /** Runs by default (medians are reported); the large sizes are costly on a shared machine. */
  runs: number;
}

const REUTERS_COPIES = 5;
const SIZES: Record<string, Size> = {
  seed: { label: 'Seed article', corpora: (s) => [{ dir: path.join(s, 'seeds') }], runs: 5 },
  bbc: { label: 'BBC News', corpora: (s) => [{ dir: path.join(s, 'corpora/bbc') }], runs: 3 },
  reuters: { label: 'Reuters-21578', corpora: (s) => [{ dir: path.join(s, 'corpora/reuters21578') }], runs: 2 },
  reuters5: {
    label: `Reuters-21578 ×${REUTERS_COPIES} (distinct corpus names)`,
    corpora: (s) =>
      Array.from({ length: REUTERS_COPIES }, (_, i) => ({ dir: path.join(s, 'corpora/reuters21578'), name: `reuters-${i + 1}` })),
    runs: 1,
  },
};

/** Not a corpus: `/digest` with 10,000 servers that have a digest (bench/digests.ts). */
const DIGESTS = 'digests';

const USAGE = `Usage: npm run bench -- [--sizes ${[...Object.keys(SIZES), DIGESTS].join(',')}] [--runs N] [--questions N] [--seed N]
                       [--shared DIR] [--squad FILE] [--against DIR] [--results] [--note TEXT]

  --sizes LIST    corpus sizes to measure, and ${DIGESTS} (default: all)
  --runs N        runs per size (default: seed 5, bbc 3, reuters 2, reuters5 1); medians are reported
  --questions N   SQuAD dev questions in the latency sample (default 2000), drawn with --seed (default 1)
  --shared DIR    data folder (default ../shared); --squad FILE the SQuAD dev file in it
  --against DIR   also build and load each size with another checkout (e.g. a worktree of main at a
                  branch point, with node_modules), alternating with this one, and compare the two
  --results       also write the tables into docs/RESULTS.md ("## Speed (npm run bench)")
  --note TEXT     a remark printed with the machine line (e.g. "shared with other jobs")`;

function sampleQuestions(file: string, count: number, seed: number): string[] {
  const squad = JSON.parse(readFileSync(file, 'utf8')) as SquadFile;
  const all = squad.data.flatMap((a) => a.paragraphs.flatMap((p) => p.qas.map((q) => q.question)));
  const random = seededRandom(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, count);
}

/** Runs one measurement in a fresh process, with this checkout's code or the one in `checkout`. */
function runChild(job: ChildJob, checkout?: string): ChildResult {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/child.ts', JSON.stringify(job)], {
    cwd: checkout,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${job.mode} run${checkout ? ` in ${checkout}` : ''} failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildResult;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The median of every numeric field over several runs' results (same shape). */
function medianOf<T>(items: T[]): T {
  const first = items[0] as unknown;
  if (typeof first === 'number') return median(items as number[]) as T;
  if (first === null || typeof first !== 'object') return first as T;
  return Object.fromEntries(Object.keys(first).map((key) => [key, medianOf(items.map((i) => (i as Record<string, unknown>)[key]))])) as T;
}

type Measured = Record<Mode, ChildResult> & { against?: Side };
type SizeResult = Measured & { runs: number };

/** `against`: another checkout whose build and load run right after this one's, in the same run. */
function measure(size: Size, shared: string, questionsFile: string, runs: number, against?: string): SizeResult {
  const results: Measured[] = [];
  for (let run = 1; run <= runs; run++) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-bench-'));
    try {
      const job = (mode: Mode): ChildJob => ({
        mode,
        corpora: size.corpora(shared),
        cacheDir: path.join(root, 'cache'),
        baselineFile: path.join(root, 'baseline.json'),
        questionsFile,
      });
      const modes: Mode[] = ['build', 'load', 'baseline-build', 'baseline-load'];
      const one = {} as Measured;
      const other = {} as Side;
      for (const mode of modes) {
        console.error(`${size.label}: run ${run}/${runs}, ${mode}`);
        one[mode] = runChild(job(mode));
        if (against && (mode === 'build' || mode === 'load')) {
          console.error(`${size.label}: run ${run}/${runs}, ${mode} in ${against}`);
          other[mode] = runChild({ ...job(mode), cacheDir: path.join(root, 'against-cache') }, against);
        }
      }
      if (against) one.against = other;
      results.push(one);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return { ...medianOf(results), runs };
}

function table(size: Size, r: SizeResult): string {
  const { build, load } = r;
  const base = { build: r['baseline-build'], load: r['baseline-load'] };
  const nd = fullBuildSeconds(build);
  const bl = build.seconds.read! + base.build.seconds.index!;
  const asked = load.latency!.questions;
  const lat = (l: ChildResult['latency']) =>
    `${fmt(l!.p50)} / ${fmt(l!.p95)} / ${fmt(l!.p99)} / ${fmt(l!.max)}${l!.questions < asked ? ` (first ${whole(l!.questions)} questions: time budget)` : ''}`;
  const rows = [
    [
      'full build, s (read · NLP · index · word vectors)',
      `${fmt(nd)} (${fmt(build.seconds.read!)} · ${fmt(build.seconds.nlp!)} · ${fmt(build.seconds.index!)} · ${fmt(build.seconds.vectors!)})`,
      `${fmt(bl)} (${fmt(build.seconds.read!)} · — · ${fmt(base.build.seconds.index!)} · —)`,
    ],
    ['articles/s, full build', whole(build.articles / nd), whole(build.articles / bl)],
    ['snapshot write, s', fmt(build.seconds.save!), '—'],
    [
      'start-up from snapshot until first answer, s: from process start (opening the index)',
      `${fmt(load.seconds.fromProcessStart!)} (${fmt(load.seconds.firstAnswer!)})`,
      `${fmt(base.load.seconds.fromProcessStart!)} (${fmt(base.load.seconds.firstAnswer!)})`,
    ],
    ['answer latency p50 / p95 / p99 / max, ms', lat(load.latency), lat(base.load.latency)],
    [
      'latency ratio to baseline, p50 / p99',
      `${ratio(load.latency!.p50, base.load.latency!.p50)} / ${ratio(load.latency!.p99, base.load.latency!.p99)}`,
      '1×',
    ],
    [
      'heap / RSS after build, MB',
      `${whole(build.memory.heapMB)} / ${whole(build.memory.rssMB)}`,
      `${whole(base.build.memory.heapMB)} / ${whole(base.build.memory.rssMB)}`,
    ],
    [
      'heap / RSS after load, MB',
      `${whole(load.memory.heapMB)} / ${whole(load.memory.rssMB)}`,
      `${whole(base.load.memory.heapMB)} / ${whole(base.load.memory.rssMB)}`,
    ],
    ['persisted index on disk, MB', fmt(build.diskMB!), fmt(base.build.diskMB!)],
  ];
  return [
    `### ${size.label}: ${whole(build.articles)} articles, ${whole(build.sentences)} sentences (median of ${r.runs} run${r.runs > 1 ? 's' : ''})`,
    '',
    '| | Newsdesk | baseline: MiniSearch defaults, raw text |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function machineLine(note: string | undefined): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = Math.round(os.totalmem() / 2 ** 30);
  return `${new Date().toISOString().slice(0, 10)}, ${os.availableParallelism()} cores (${cpu}), ${memory} GB RAM, Node ${process.version}${note ? `; ${note}` : ''}`;
}

const RESULTS_FILE = 'docs/RESULTS.md';
const SPEED_HEADING = '## Speed (npm run bench)';

/** Replaces the text of the results file's speed section up to the next `## ` heading (or appends it). */
function writeResults(section: string): void {
  const results = readFileSync(RESULTS_FILE, 'utf8');
  const start = results.indexOf(SPEED_HEADING);
  if (start < 0) return writeFileSync(RESULTS_FILE, `${results.trimEnd()}\n\n${section}\n`);
  const next = results.indexOf('\n## ', start + SPEED_HEADING.length);
  writeFileSync(RESULTS_FILE, `${results.slice(0, start)}${section}\n${next < 0 ? '' : results.slice(next)}`);
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sizes: { type: 'string', default: [...Object.keys(SIZES), DIGESTS].join(',') },
        runs: { type: 'string' },
        questions: { type: 'string', default: '2000' },
        seed: { type: 'string', default: '1' },
        shared: { type: 'string', default: '../shared' },
        squad: { type: 'string' },
        against: { type: 'string' },
        results: { type: 'boolean', default: false },
        note: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const picked = values.sizes.split(',').map((s) => s.trim());
  const names = picked.filter((n) => n !== DIGESTS);
  const unknown = names.filter((n) => !SIZES[n]);
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  const count = Number(values.questions);
  if (unknown.length || (runs !== undefined && !(Number.isInteger(runs) && runs > 0)) || !(Number.isInteger(count) && count > 0)) {
    console.error(
      `${unknown.length ? `unknown size: ${unknown.join(', ')}` : '--runs and --questions take whole numbers above 0'}\n\n${USAGE}`,
    );
    return 2;
  }
  const against = values.against === undefined ? undefined : path.resolve(values.against);
  const problem = against === undefined ? null : checkoutProblem(against);
  if (problem) {
    console.error(`--against: ${problem}\n\n${USAGE}`);
    return 2;
  }
  const squad = values.squad ?? path.join(values.shared, 'eval/squad-dev-v1.1.json');
  let questions: string[] = [];
  try {
    if (names.length > 0) questions = sampleQuestions(squad, count, Number(values.seed));
  } catch (error) {
    console.error(`cannot read the SQuAD questions (${squad}): ${(error as Error).message}`);
    return 2;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-bench-questions-'));
  const questionsFile = path.join(work, 'questions.json');
  writeFileSync(questionsFile, JSON.stringify(questions));

  const results: Record<string, SizeResult | DigestBenchResult> = {};
  const tables: string[] = [];
  try {
    for (const name of names) {
      const size = SIZES[name]!;
      // Absolute folders: a child run by the --against checkout resolves paths from there.
      const result = measure(size, path.resolve(values.shared), questionsFile, runs ?? size.runs, against);
      results[name] = result;
      const sized = [
        table(size, result),
        ...(result.against ? [comparisonTable(size.label, values.against!, result, result.against)] : []),
      ];
      tables.push(...sized);
      console.log(`\n${sized.join('\n\n')}\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (picked.includes(DIGESTS)) {
    const result = await benchDigests();
    results[DIGESTS] = result;
    console.log(`\n${digestTable(result)}\n`);
  }

  const machine = machineLine(values.note);
  const command = `npm run bench -- ${process.argv
    .slice(2)
    .map((a) => (/\s/.test(a) ? `"${a}"` : a))
    .join(' ')}`.trim();
  mkdirSync('bench/results', { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const jsonFile = `bench/results/${stamp}.json`;
  writeFileSync(jsonFile, `${JSON.stringify({ command, machine, questions: count, seed: Number(values.seed), results }, null, 2)}\n`);
  console.log(`machine: ${machine}\nresults: ${jsonFile}`);
  if (values.results) {
    writeResults(
      [
        SPEED_HEADING,
        '',
        `\`${command}\` — ${machine}. Latency: ${count.toLocaleString('en')} SQuAD v1.1 dev questions (seeded sample) asked in-process`,
        'with `ask()` (k = 3, question analysis, candidates, re-ranking, excerpts); the baseline runs `search()` on the raw question.',
        'Each system is timed for at most 90 s per run (the baseline may answer only the first part of the sample on large sizes).',
        'Every figure comes from a fresh child process; build includes reading the files; the baseline reuses the same read time',
        `and sentences, and does no NLP. JSON copy: \`${jsonFile}\`.`,
        '',
        tables.join('\n\n'),
      ].join('\n'),
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`newsdesk bench failed: ${error.message}`);
    process.exit(1);
  },
);

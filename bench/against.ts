/**
 * `npm run bench -- --against DIR`: the same builds and loads run by another checkout of Newsdesk (main at a
 * branch point, in a git worktree), alternating with this one's in one run, so that a bound such as "full build
 * ≤ 1.3× main's" is read from two figures of the same machine and hour. On a shared machine a build moves by a
 * fifth from one run to the next; figures from different runs cannot carry such a bound.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ChildResult } from './child.js';
import { fmt, ratio, whole } from './format.js';

/** One checkout's build and load of one size. */
export interface Side {
  build: ChildResult;
  load: ChildResult;
}

/** What the bench calls a full build: reading, analysis, indexing and word vectors (a checkout without vectors: 0). */
export function fullBuildSeconds(build: ChildResult): number {
  const { read = 0, nlp = 0, index = 0, vectors = 0 } = build.seconds;
  return read + nlp + index + vectors;
}

/** Why `dir` cannot run the bench's child process, or null when it can. */
export function checkoutProblem(dir: string): string | null {
  if (!existsSync(path.join(dir, 'bench', 'child.ts'))) return `${dir} is not a Newsdesk checkout with bench/child.ts`;
  if (!existsSync(path.join(dir, 'node_modules'))) return `${dir} has no node_modules: run npm ci there (or link this checkout's)`;
  return null;
}

/** Both checkouts side by side, with this one's figures as a multiple of the other's. */
export function comparisonTable(label: string, dir: string, ours: Side, theirs: Side): string {
  const latency = (side: Side) => `${fmt(side.load.latency!.p50)} / ${fmt(side.load.latency!.p99)}`;
  const [ourBuild, theirBuild] = [fullBuildSeconds(ours.build), fullBuildSeconds(theirs.build)];
  const rows: [string, string, string, string][] = [
    ['full build, s', fmt(ourBuild), fmt(theirBuild), ratio(ourBuild, theirBuild)],
    [
      'answer latency p50 / p99, ms',
      latency(ours),
      latency(theirs),
      `${ratio(ours.load.latency!.p50, theirs.load.latency!.p50)} / ${ratio(ours.load.latency!.p99, theirs.load.latency!.p99)}`,
    ],
    [
      'RSS after load, MB',
      whole(ours.load.memory.rssMB),
      whole(theirs.load.memory.rssMB),
      ratio(ours.load.memory.rssMB, theirs.load.memory.rssMB),
    ],
  ];
  return [
    `### ${label}: this checkout against ${dir} (alternating, same run)`,
    '',
    '| | this checkout | --against | ratio |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

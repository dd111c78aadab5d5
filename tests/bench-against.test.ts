import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutProblem, comparisonTable, fullBuildSeconds, type Side } from '../bench/against.js';
import type { ChildResult } from '../bench/child.js';
import { tempCorpus } from './support/tmp.js';

const result = (mode: ChildResult['mode'], seconds: Record<string, number>, rssMB: number, p50 = 0, p99 = 0): ChildResult => ({
  mode,
  articles: 10,
  sentences: 100,
  seconds,
  memory: { heapMB: rssMB / 2, rssMB },
  latency: { questions: 5, p50, p95: p99, p99, max: p99 },
});

describe('the bench against another checkout', () => {
  it('counts a full build as read, analysis, index and vectors, a checkout without vectors at none', () => {
    expect(fullBuildSeconds(result('build', { read: 1, nlp: 5, index: 2, vectors: 1.5, save: 9 }, 0))).toBeCloseTo(9.5);
    expect(fullBuildSeconds(result('build', { read: 1, nlp: 5, index: 2, save: 9 }, 0))).toBeCloseTo(8);
  });

  it('shows this checkout as a multiple of the other for build, latency and memory', () => {
    const ours: Side = { build: result('build', { read: 1, nlp: 6, index: 2, vectors: 1 }, 0), load: result('load', {}, 1300.5, 4, 12) };
    const theirs: Side = { build: result('build', { read: 1, nlp: 5, index: 2 }, 0), load: result('load', {}, 1000, 2, 8) };
    const table = comparisonTable('Reuters', '/tmp/main-before', ours, theirs);
    expect(table).toContain('| full build, s | 10.00 | 8.00 | 1.25× |');
    expect(table).toContain('| answer latency p50 / p99, ms | 4.00 / 12.00 | 2.00 / 8.00 | 2.00× / 1.50× |');
    expect(table).toContain('| RSS after load, MB | 1,301 | 1,000 | 1.30× |');
  });

  it('names what a folder lacks to run the bench', () => {
    const empty = tempCorpus({ 'README.md': 'not a checkout' });
    expect(checkoutProblem(empty)).toMatch(/not a Newsdesk checkout/);
    const noModules = tempCorpus({ 'bench/child.ts': '' });
    expect(checkoutProblem(noModules)).toMatch(/no node_modules/);
    expect(checkoutProblem(path.resolve('.'))).toBeNull();
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIPELINE_SOURCES } from '../src/search/fingerprint.js';

/** The modules that write what a snapshot stores: parsed articles, analyses, the index's maps, the word vectors. */
const SHAPING = [
  'src/articles/parse.ts',
  'src/nlp/article-sentences.ts',
  'src/nlp/word-vectors.ts',
  'src/search/sentence-index.ts',
  'src/search/snapshot.ts',
];
/** Imported by those, but rebuilt at load (the acronym table, from the stored pairs) or used only at query time. */
const NOT_STORED = ['src/search/acronym-table.ts', 'src/search/bm25-idf.ts', 'src/search/top-k.ts'];

/** Project modules a module imports for their values (type-only imports shape nothing). */
function valueImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)'/gm)].flatMap(([, spec]) => {
    const base = path.normalize(path.join(path.dirname(file), spec!)).replace(/\.js$/, '');
    return ['.ts', '.mjs'].map((ext) => base + ext).filter((candidate) => existsSync(candidate));
  });
}

describe('pipelineFingerprint', () => {
  it('covers every module that shapes a snapshot, so editing one rebuilds old snapshots', () => {
    const seen = new Set<string>();
    const pending = [...SHAPING];
    while (pending.length) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      pending.push(...valueImports(file));
    }
    const fingerprinted = new Set(PIPELINE_SOURCES.map((relative) => path.normalize(path.join('src/search', relative)) + '.ts'));
    const missing = [...seen].filter((file) => !fingerprinted.has(file) && !NOT_STORED.includes(file));
    expect(missing).toEqual([]);
    expect(seen.size).toBeGreaterThan(SHAPING.length);
  });
});

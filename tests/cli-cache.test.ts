import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_FILE } from '../src/search/open-index.js';
import { runScript } from './support/run.js';
import { SMALL_CORPUS } from './support/articles.js';
import { tempCorpus } from './support/tmp.js';

const roots: string[] = [];
afterEach(() => {
  delete process.env.INDEX_CACHE_DIR;
  while (roots.length) rmSync(roots.pop()!, { recursive: true, force: true });
});
function tempDir(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-cache-'));
  roots.push(root);
  return path.join(root, 'cache');
}

describe('npm run ask with the index cache', () => {
  it('--cache DIR keeps the snapshot there; the next run answers the same without analysing', () => {
    const corpus = tempCorpus(SMALL_CORPUS);
    const cache = tempDir();
    const args = ['--json', '--corpus', corpus, '--cache', cache, 'who reopened the port'];
    const first = runScript('src/cli/ask.ts', args);
    expect(first.code).toBe(0);
    expect(readdirSync(cache)).toEqual([SNAPSHOT_FILE]);
    expect(first.stderr).toContain('0 from the cache, 4 analysed');
    const second = runScript('src/cli/ask.ts', args);
    expect(second.stderr).toContain('4 from the cache, 0 analysed');
    expect(second.stdout).toBe(first.stdout);
  });

  it('INDEX_CACHE_DIR sets the folder and --no-cache writes nothing', () => {
    const corpus = tempCorpus(SMALL_CORPUS);
    const cache = tempDir();
    process.env.INDEX_CACHE_DIR = cache;
    const off = runScript('src/cli/ask.ts', ['--json', '--no-cache', '--corpus', corpus, 'who reopened the port']);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).results[0].source).toBe('a.txt');
    expect(existsSync(cache)).toBe(false);
    runScript('src/cli/ask.ts', ['--json', '--corpus', corpus, 'who reopened the port']);
    expect(readdirSync(cache)).toEqual([SNAPSHOT_FILE]);
  });
});

import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ask } from '../src/search/ask.js';
import { buildIndex } from '../src/search/build.js';
import { openIndex, SNAPSHOT_FILE, type OpenIndexOptions } from '../src/search/open-index.js';
import { pipelineFingerprint } from '../src/search/fingerprint.js';
import type { ArticleSearch } from '../src/search/article-search.js';
import { decodeSnapshot, encodeSnapshot, type Snapshot } from '../src/search/snapshot.js';
import { SMALL_CORPUS } from './support/articles.js';
import { runScript } from './support/run.js';
import { tempCorpus } from './support/tmp.js';

const QUESTIONS = ['who reopened the port', 'when did grain prices rise', 'how much is the council budget', 'what closed the port'];
const answers = (index: ArticleSearch) => QUESTIONS.map((q) => ask(index, q, { k: 3 }));

const caches: string[] = [];
afterEach(() => {
  while (caches.length) rmSync(caches.pop()!, { recursive: true, force: true });
});
function tempCache(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'newsdesk-cache-')), 'cache');
  caches.push(path.dirname(dir));
  return dir;
}

async function open(dir: string, cacheDir: string | null, extra: Partial<OpenIndexOptions> = {}) {
  const lines: string[] = [];
  const opened = await openIndex({ corpora: [{ dir }], cacheDir, log: (l) => lines.push(l), workers: 0, ...extra });
  return { opened, lines, stats: opened.stats };
}

describe('openIndex with a snapshot', () => {
  it('answers identically from the snapshot as from a fresh build, analysing nothing again', async () => {
    const dir = tempCorpus(SMALL_CORPUS);
    const cache = tempCache();
    const first = await open(dir, cache);
    expect(first.stats).toMatchObject({ snapshot: 'none', analysed: 4, reused: 0 });
    expect(readdirSync(cache)).toEqual([SNAPSHOT_FILE]);
    const second = await open(dir, cache);
    expect(second.stats).toMatchObject({ snapshot: 'loaded', analysed: 0, reused: 4 });
    const fresh = await buildIndex([{ dir }]);
    expect(answers(second.opened.index)).toEqual(answers(fresh));
    expect(answers(first.opened.index)).toEqual(answers(fresh));
  });

  it('picks up added, changed and deleted files, re-analysing only those', async () => {
    const dir = tempCorpus(SMALL_CORPUS);
    const cache = tempCache();
    await open(dir, cache);
    writeFileSync(path.join(dir, 'e.txt'), 'date 2022-03-01 Ferry strike\n\nFerry crews walked out over pay on Friday.');
    writeFileSync(path.join(dir, 'a.txt'), 'date 2022-01-03 Harbour reopens\n\nThe lighthouse keeper reopened the port on Monday.');
    rmSync(path.join(dir, 'c.txt'));
    const touched = path.join(dir, 'b.txt');
    utimesSync(touched, new Date(), new Date(Date.now() + 60_000)); // same bytes, new mtime: hashed, not analysed
    const { opened, stats } = await open(dir, cache);
    expect(stats).toMatchObject({ analysed: 2, reused: 2, removed: 1, articles: 4 });
    expect(ask(opened.index, 'who walked out over pay').results[0]!.source).toBe('e.txt');
    expect(ask(opened.index, 'who reopened the port').results[0]!.text).toContain('lighthouse keeper');
    expect(opened.index.article(`${path.basename(dir)}/c.txt`)).toBeUndefined();
    expect(answers(opened.index)).toEqual(answers(await buildIndex([{ dir }])));
    expect((await open(dir, cache)).stats).toMatchObject({ analysed: 0, reused: 4 });
  });

  it('applies one-article updates through upsert/remove and persists them with save()', async () => {
    const dir = tempCorpus(SMALL_CORPUS);
    const cache = tempCache();
    const { opened } = await open(dir, cache);
    const name = path.basename(dir);
    writeFileSync(path.join(dir, 'f.txt'), 'date 2022-04-01 Bridge\n\nEngineers inspected the old bridge.');
    const article = {
      id: `${name}/f.txt`,
      corpus: name,
      source: 'f.txt',
      title: 'Bridge',
      date: '2022-04-01',
      body: 'Engineers inspected the old bridge.',
      paragraphs: [{ start: 0, end: 35 }],
    };
    await opened.upsert(article);
    opened.remove(`${name}/c.txt`);
    rmSync(path.join(dir, 'c.txt'));
    expect(await opened.save()).toBe(true);
    expect(await opened.save()).toBe(false);
    const reopened = await open(dir, cache);
    expect(reopened.stats).toMatchObject({ analysed: 0, reused: 4, removed: 0 });
    expect(ask(reopened.opened.index, 'who inspected the bridge').results[0]!.source).toBe('f.txt');
  });

  it('saves by itself once changes pause, with autoSaveMs', async () => {
    const dir = tempCorpus(SMALL_CORPUS);
    const cache = tempCache();
    const { opened } = await open(dir, cache, { autoSaveMs: 1 });
    opened.remove(`${path.basename(dir)}/c.txt`);
    const saved = () => decodeSnapshot(readFileSync(path.join(cache, SNAPSHOT_FILE)), pipelineFingerprint()).entries.length;
    expect(saved()).toBe(4);
    await vi.waitFor(() => expect(saved()).toBe(3));
  });

  it.each([
    ['damaged', (file: string) => writeFileSync(file, readFileSync(file).subarray(0, 200)), 'is damaged'],
    ['garbage', (file: string) => writeFileSync(file, 'not a snapshot at all'), 'is damaged'],
    [
      'missing its index maps',
      (file: string) => {
        const { mini: _, ...partial } = decodeSnapshot(readFileSync(file), pipelineFingerprint());
        writeFileSync(file, encodeSnapshot(partial as Snapshot));
      },
      'is damaged',
    ],
    [
      'another format',
      (file: string) => {
        const bytes = readFileSync(file);
        bytes.writeUInt32LE(999, 8);
        writeFileSync(file, bytes);
      },
      'is from another version',
    ],
  ])('rebuilds from the files after one log line when the snapshot is %s', async (_, spoil, message) => {
    const dir = tempCorpus(SMALL_CORPUS);
    const cache = tempCache();
    await open(dir, cache);
    spoil(path.join(cache, SNAPSHOT_FILE));
    const { opened, lines, stats } = await open(dir, cache);
    expect(lines.filter((l) => l.startsWith('index cache:'))).toEqual([expect.stringContaining(message)]);
    expect(stats).toMatchObject({ snapshot: 'unusable', analysed: 4 });
    expect(answers(opened.index)).toEqual(answers(await buildIndex([{ dir }])));
    expect((await open(dir, cache)).stats.snapshot).toBe('loaded');
  });

  it('writes nothing when the cache is off', async () => {
    const dir = tempCorpus(SMALL_CORPUS);
    const { opened, stats } = await open(dir, null);
    expect(stats.snapshot).toBe('off');
    expect(await opened.save()).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt', 'c.txt', 'sub']);
  });

  it('starts analysis workers from a tsx process too (as npm run ask does), with the same result', () => {
    const dir = tempCorpus(SMALL_CORPUS);
    const run = (workers: number) => runScript('tests/support/parallel-child.ts', [dir, String(workers)]);
    const [inThread, inWorkers] = [run(0), run(2)];
    expect(inWorkers.code).toBe(0);
    expect(JSON.parse(inWorkers.stdout)).toHaveLength(4);
    expect(inWorkers.stdout).toBe(inThread.stdout);
  });

  it('builds the same index in worker threads as in this thread', async () => {
    const dir = tempCorpus(SMALL_CORPUS);
    const single = await open(dir, null, { workers: 0 });
    const parallel = await open(dir, null, { workers: 2 });
    expect([...parallel.opened.analyzedArticles()]).toEqual([...single.opened.analyzedArticles()]);
    expect(answers(parallel.opened.index)).toEqual(answers(single.opened.index));
  });
});

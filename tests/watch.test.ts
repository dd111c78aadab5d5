import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../src/articles/article.js';
import { watchArticles, type ArticleWatcher } from '../src/articles/watch.js';
import { analyzeArticle } from '../src/nlp/article-sentences.js';
import { ask } from '../src/search/ask.js';
import { SentenceIndex } from '../src/search/sentence-index.js';
import { tempCorpus } from './support/tmp.js';

const watchers: ArticleWatcher[] = [];
afterEach(async () => {
  while (watchers.length) await watchers.pop()!.close();
});

/** Polls until `check` passes (file events arrive asynchronously); fails after 15 s. */
async function eventually(check: () => void): Promise<void> {
  for (let waited = 0; ; waited += 50) {
    try {
      return check();
    } catch (error) {
      if (waited > 15_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function recordingSink() {
  const events: string[] = [];
  const bodies = new Map<string, string[]>();
  return {
    events,
    bodies,
    upsert(article: Article) {
      events.push(`upsert ${article.id} ${article.title}`);
      bodies.set(article.id, [...(bodies.get(article.id) ?? []), article.body]);
    },
    remove(id: string) {
      events.push(`remove ${id}`);
    },
  };
}

describe('live article folder', () => {
  it('picks up added, changed and deleted files, ignores hidden ones, drops files that stop parsing', async () => {
    const dir = tempCorpus({ 'a.txt': 'date 2026-01-01 First\n\nBody one.\n' });
    const sink = recordingSink();
    const logs: string[] = [];
    const watcher = watchArticles({ dir, corpus: 'news', sink, log: (l) => logs.push(l), debounceMs: 50, settleMs: 200 });
    watchers.push(watcher);
    await watcher.ready;

    mkdirSync(path.join(dir, 'world'));
    writeFileSync(path.join(dir, 'world', 'b.txt'), 'Undated second\n\nBody two.\n');
    writeFileSync(path.join(dir, '.draft.txt'), 'Hidden\n\nNot an article yet.\n');
    await eventually(() => expect(sink.events).toContain('upsert news/world/b.txt Undated second'));

    writeFileSync(path.join(dir, 'a.txt'), 'date 2026-01-02 First, revised\n\nBody one, revised.\n');
    await eventually(() => expect(sink.events).toContain('upsert news/a.txt First, revised'));

    rmSync(path.join(dir, 'world', 'b.txt'));
    await eventually(() => expect(sink.events).toContain('remove news/world/b.txt'));

    writeFileSync(path.join(dir, 'a.txt'), 'date 2026-99-01 Broken\n\nBody.\n');
    await eventually(() => expect(sink.events.at(-1)).toBe('remove news/a.txt'));
    expect(logs.some((l) => l.includes('a.txt: bad date "2026-99-01"'))).toBe(true);
    expect(sink.events.join('\n')).not.toContain('draft');
  });

  it('reads files that arrived between the initial load and the start of watching', async () => {
    const dir = tempCorpus({ 'loaded.txt': 'Loaded\n\nAlready in the index.\n', 'gap.txt': 'Gap\n\nArrived in between.\n' });
    const sink = recordingSink();
    const watcher = watchArticles({ dir, corpus: 'news', sink, debounceMs: 50, settleMs: 200, isLoaded: (id) => id === 'news/loaded.txt' });
    watchers.push(watcher);
    await watcher.ready;
    await eventually(() => expect(sink.events).toContain('upsert news/gap.txt Gap'));
    await watcher.idle();
    expect(sink.events).toEqual(['upsert news/gap.txt Gap']);
  });

  it('waits for a file being written to settle before reading it', async () => {
    const dir = tempCorpus({});
    const sink = recordingSink();
    const watcher = watchArticles({ dir, corpus: 'news', sink, debounceMs: 50, settleMs: 1500 });
    watchers.push(watcher);
    await watcher.ready;
    const file = path.join(dir, 'slow.txt');
    const chunks = ['date 2026-02-02 Slow writer\n\n', 'First paragraph arrives.\n\n', 'Second paragraph arrives later.\n'];
    for (const chunk of chunks) {
      appendFileSync(file, chunk);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await eventually(() => expect(sink.bodies.get('news/slow.txt')).toBeDefined());
    await watcher.idle();
    expect(sink.bodies.get('news/slow.txt')).toEqual(['First paragraph arrives.\n\nSecond paragraph arrives later.']);
  });

  it('keeps a sentence index answering about a file dropped in while running', async () => {
    const dir = tempCorpus({});
    const index = new SentenceIndex();
    const watcher = watchArticles({
      dir,
      corpus: 'news',
      sink: { upsert: (article) => index.add(article, analyzeArticle(article)), remove: (id) => void index.remove(id) },
      debounceMs: 50,
      settleMs: 200,
    });
    watchers.push(watcher);
    await watcher.ready;
    writeFileSync(
      path.join(dir, 'port.txt'),
      'date 2026-03-03 Harbour reopens\n\nThe harbour of Valletta reopened on Monday after the storm.\n',
    );
    await eventually(() => expect(index.articleCount).toBe(1));
    expect(ask(index, 'when did the harbour reopen').results[0]?.text).toBe('The harbour of Valletta reopened on Monday after the storm.');
    rmSync(path.join(dir, 'port.txt'));
    await eventually(() => expect(index.articleCount).toBe(0));
    expect(ask(index, 'when did the harbour reopen').results).toEqual([]);
  });
});

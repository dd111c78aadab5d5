import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from './article.js';
import { parseArticleBytes } from './parse.js';

export interface CorpusSpec {
  dir: string;
  /** Name used in article ids; defaults to the folder's base name. */
  name?: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LoadResult {
  articles: Article[];
  skipped: SkippedFile[];
}

export type Logger = (line: string) => void;

/** Every regular file below `dir`, relative, sorted, with `/` separators; hidden files are ignored. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.push(child);
    }
  }
  await walk('');
  return out.sort();
}

/** Gives each corpus a distinct name, so ids stay unique even when two folders share a base name. */
export function nameCorpora(specs: CorpusSpec[]): Required<CorpusSpec>[] {
  const used = new Set<string>();
  return specs.map(({ dir, name }) => {
    const base = name ?? (path.basename(path.resolve(dir)) || 'corpus');
    let unique = base;
    for (let n = 2; used.has(unique); n++) unique = `${base}#${n}`;
    used.add(unique);
    return { dir, name: unique };
  });
}

/** Reads and parses one article file; a file that cannot be an article gives a reason instead. */
export async function loadArticleFile(dir: string, corpus: string, source: string) {
  return parseArticleBytes(await readFile(path.join(dir, source)), corpus, source);
}

/**
 * Loads every article below the given folders. Broken files are skipped with one log line each;
 * a missing folder is an error, since nothing could be answered from it.
 */
export async function loadCorpora(specs: CorpusSpec[], log: Logger = () => {}): Promise<LoadResult> {
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  for (const { dir, name } of nameCorpora(specs)) {
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) throw new Error(`corpus folder not found: ${dir}`);
    for (const source of await listArticleFiles(dir)) {
      const result = await loadArticleFile(dir, name, source);
      if (result.ok) articles.push(result.article);
      else {
        const file = path.join(dir, source);
        skipped.push({ file, reason: result.reason });
        log(`skipped ${file}: ${result.reason}`);
      }
    }
  }
  return { articles, skipped };
}

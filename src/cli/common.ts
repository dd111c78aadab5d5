import { createInterface } from 'node:readline';
import { cacheDirSetting, openIndex as openPersistentIndex } from '../search/open-index.js';
import type { SentenceIndex } from '../search/sentence-index.js';
import { progressReporter } from './progress.js';

/** parseArgs options for the index cache: `--cache DIR`, `--no-cache`. */
export const CACHE_OPTIONS = {
  cache: { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;
export const CACHE_USAGE = `  --cache DIR   index cache folder (default $INDEX_CACHE_DIR or ./data/cache)
  --no-cache    build from the files only; read and write no cache`;

/**
 * Opens the index of the `--corpus` folders (default ./seeds) through the persisted snapshot,
 * logging and showing build progress on stderr; null (and a message) when a folder is missing.
 */
export async function openIndex(dirs: string[] | undefined, cache: { cache?: string; 'no-cache'?: boolean } = {}): Promise<SentenceIndex | null> {
  try {
    const opened = await openPersistentIndex({
      corpora: (dirs ?? ['seeds']).map((dir) => ({ dir })),
      cacheDir: cache['no-cache'] ? null : (cache.cache ?? cacheDirSetting(process.env.INDEX_CACHE_DIR)),
      log: (line) => console.error(line),
      onProgress: progressReporter(),
    });
    return opened.index;
  } catch (error) {
    console.error((error as Error).message);
    return null;
  }
}

/** The lines of stdin, for `--batch` modes. */
export function stdinLines(): AsyncIterable<string> {
  return createInterface({ input: process.stdin, crlfDelay: Infinity });
}

/** Runs a command-line entry point and exits with its code; an unexpected error is one line, not a stack trace. */
export function runMain(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`newsdesk ${name} failed: ${error.message}`);
      process.exit(1);
    },
  );
}

import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readSettings, storageSettings } from '../settings.js';
import { openIndex } from '../search/open-index.js';
import type { ArticleSearch } from '../search/article-search.js';
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
export async function openCorpusIndex(
  dirs: string[] | undefined,
  cache: { cache?: string; 'no-cache'?: boolean } = {},
): Promise<ArticleSearch | null> {
  try {
    const storage = readSettings(process.env, storageSettings);
    const opened = await openIndex({
      corpora: (dirs ?? ['seeds']).map((dir) => ({ dir })),
      cacheDir: cache['no-cache'] ? null : (cache.cache ?? storage.indexCacheDir),
      wordVectors: storage.wordVectors,
      log: (line) => console.error(line),
      onProgress: progressReporter(),
    });
    return opened.index;
  } catch (error) {
    console.error((error as Error).message);
    return null;
  }
}

/** Prints a usage error (with the usage, if given) and gives exit code 2. */
export function usageError(message: string, usage?: string): number {
  console.error(usage ? `${message}\n\n${usage}` : message);
  return 2;
}

/**
 * parseArgs with the command lines' conventions: a bad flag prints it with the usage (exit code 2),
 * `--help` (which `config` must declare) prints the usage (exit code 0); otherwise the parsed values.
 */
export function parseCommandLine<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> | number {
  let parsed;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    return usageError((error as Error).message, usage);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    return 0;
  }
  return parsed;
}

/** A whole-number option within [min, max], the fallback when absent, null when malformed. */
export function wholeNumber(raw: string | undefined, fallback: number, min: number, max: number): number | null {
  const n = raw === undefined ? fallback : Number(raw.trim());
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
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

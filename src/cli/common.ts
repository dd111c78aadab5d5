import { createInterface } from 'node:readline';
import { buildIndex } from '../search/build.js';
import type { SentenceIndex } from '../search/sentence-index.js';

/** Builds the index of the `--corpus` folders (default ./seeds), logging to stderr; null (and a message) when a folder is missing. */
export async function openIndex(dirs: string[] | undefined): Promise<SentenceIndex | null> {
  try {
    return await buildIndex((dirs ?? ['seeds']).map((dir) => ({ dir })), (line) => console.error(line));
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

import { readFileSync } from 'node:fs';

/** One news-chat line, as far as tuning reads it. */
export interface ChatLine {
  question: string;
  file: string;
  gold: string;
  kind: string;
  split: string;
}

/** The DEV lines of news-chat files (the only ones anything may be tuned on). */
export function readDevLines(files: readonly string[]): ChatLine[] {
  return files
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim()),
    )
    .map((l) => JSON.parse(l) as ChatLine)
    .filter((l) => l.split === 'dev');
}

import type { SummarySentence } from '../summarize/summarize.js';
import { attribution } from './format.js';

/** The `--json` sentences: a stable contract (fields may be added; these keep their meaning). */
export function summaryJson(sentences: SummarySentence[]) {
  return sentences.map(({ text, title, date, source, paragraph }) => ({ text, title, date, source, paragraph }));
}

/** Human output: each sentence in quotes, then the article it came from. */
export function summaryText(sentences: SummarySentence[]): string {
  return sentences.map((s) => `“${s.text}”\n  ${attribution(s)}`).join('\n\n');
}

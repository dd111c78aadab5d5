import { attachWordVectors } from '../src/search/open-index.js';
import type { SentenceIndex } from '../src/search/sentence-index.js';
import { readSettings, storageSettings } from '../src/settings.js';
/** Options every protocol understands (see eval/run.ts). */
export interface CommonOptions {
  /** Ask about this many questions per set at most (an even, deterministic sample), for quick tuning runs. */
  limit?: number;
  /** Run the ablation tables too. */
  ablation: boolean;
  /** Only the tuning data (SQuAD articles 1–24, WikiQA dev). */
  devOnly: boolean;
}

export interface OptionSpec {
  type: 'string';
  default: string;
  description: string;
}

/** One evaluation protocol of ../shared/README.md: its own data-path flags and a run that prints markdown. */
export interface Protocol {
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  run(paths: Record<string, string>, common: CommonOptions, print: (markdown: string) => void): Promise<void>;
}

/** About `limit` items spread evenly over the list (all of them without a limit), in order. */
export function sample<T>(items: T[], limit?: number): T[] {
  if (!limit || limit >= items.length) return items;
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]!);
}

/** Reads the word vectors `npm run ask` would ($WORD_VECTORS, else the installed file) for an index an eval builds itself. */
export async function attachConfiguredVectors(index: SentenceIndex): Promise<void> {
  const { wordVectors } = readSettings(process.env, storageSettings);
  if (wordVectors) await attachWordVectors(index, wordVectors);
}

import { l, n } from 'js-rouge';

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

const oneSentencePerLine = (text: string) => text.split('\n');

/**
 * ROUGE-1, ROUGE-2 and summary-level ROUGE-L F1 (js-rouge), case-insensitive, of a candidate
 * against a reference, both given as lists of sentences (so sentence boundaries are exact).
 */
export function rouge(candidate: readonly string[], reference: readonly string[]): RougeScores {
  const cand = candidate.join('\n');
  const ref = reference.join('\n');
  if (!cand.trim() || !ref.trim()) return { rouge1: 0, rouge2: 0, rougeL: 0 };
  return {
    rouge1: n(cand, ref, { n: 1, caseSensitive: false }),
    rouge2: n(cand, ref, { n: 2, caseSensitive: false }),
    rougeL: l(cand, ref, { caseSensitive: false, segmenter: oneSentencePerLine }),
  };
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** 1/rank of the first relevant item within the first `cutoff` (0 when there is none). */
export function reciprocalRank(relevant: boolean[], cutoff = Infinity): number {
  const at = relevant.findIndex(Boolean);
  return at >= 0 && at < cutoff ? 1 / (at + 1) : 0;
}

/** Average precision of a ranked list of relevance labels, over the relevant items it holds. */
export function averagePrecision(relevant: boolean[]): number {
  let hits = 0;
  let sum = 0;
  relevant.forEach((r, i) => {
    if (r) sum += ++hits / (i + 1);
  });
  return hits ? sum / hits : 0;
}

/** Hit@k, MRR@10 over ranked relevance lists, one per question. */
export function retrievalScores(lists: boolean[][]) {
  return {
    hit1: mean(lists.map((l) => (l[0] ? 1 : 0))),
    hit3: mean(lists.map((l) => (l.slice(0, 3).some(Boolean) ? 1 : 0))),
    mrr10: mean(lists.map((l) => reciprocalRank(l, 10))),
  };
}

/** MAP and MRR over ranked relevance lists, one per question. */
export function selectionScores(lists: boolean[][]) {
  return { map: mean(lists.map(averagePrecision)), mrr: mean(lists.map((l) => reciprocalRank(l))) };
}

export const fixed = (n: number, digits = 3) => n.toFixed(digits);

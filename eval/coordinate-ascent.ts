/**
 * Coordinate ascent over a weight table (Metzler & Croft's recipe for linear rankers): each weight
 * in turn is scaled by a few factors (0 switches its signal off) and the best objective is kept,
 * for a few rounds. No randomness: the same data gives the same weights.
 */

const FACTORS = [0, 0.5, 0.8, 1.25, 2];
/** A change must gain at least this much to be taken (ties keep the current weight). */
const MIN_GAIN = 1e-9;

export function coordinateAscent<K extends string>(
  start: Readonly<Record<K, number>>,
  objective: (weights: Record<K, number>) => number,
  rounds = 2,
): { weights: Record<K, number>; value: number } {
  const weights: Record<K, number> = { ...start };
  let value = objective(weights);
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (const key of Object.keys(weights) as K[]) {
      const current = weights[key];
      // A weight at 0 can come back: try small positive values too.
      const options = current === 0 ? [0.1, 0.3, 1] : FACTORS.map((f) => current * f);
      for (const option of options) {
        const trial = { ...weights, [key]: option };
        const v = objective(trial);
        if (v > value + MIN_GAIN) {
          value = v;
          weights[key] = option;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return { weights, value };
}

/** Mean reciprocal rank within the first `cutoff` of lists re-scored by a weighted sum of their items' signals. */
export function weightedMrr<K extends string>(
  lists: readonly { signals: Readonly<Record<K, number>>; relevant: boolean }[][],
  weights: Readonly<Record<K, number>>,
  cutoff = 10,
): number {
  let sum = 0;
  for (const list of lists) {
    const scored = list.map((item, i) => {
      let score = 0;
      for (const key of Object.keys(weights) as K[]) score += weights[key] * item.signals[key];
      return { score, i, relevant: item.relevant };
    });
    scored.sort((a, b) => b.score - a.score || a.i - b.i);
    const at = scored.findIndex((s) => s.relevant);
    if (at >= 0 && at < cutoff) sum += 1 / (at + 1);
  }
  return lists.length ? sum / lists.length : 0;
}

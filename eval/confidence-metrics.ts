/**
 * What the `confident` flag is worth: over answerable questions, how many are answered confidently
 * and how many of those are right (Hit@1); over questions whose article was withheld, how many are
 * still answered confidently (all of them wrongly).
 */

export interface Judged {
  /** The first result is right (Hit@1). */
  right: boolean;
  confident: boolean;
}

export interface ConfidenceScores {
  /** Share of answerable questions answered confidently. */
  share: number;
  /** Share of those confident answers that are right (NaN when none is confident). */
  precision: number;
  /** Share of withheld-article questions answered confidently. */
  withheld: number;
}

export function confidenceScores(answerable: readonly Judged[], withheld: readonly boolean[]): ConfidenceScores {
  const sure = answerable.filter((a) => a.confident);
  return {
    share: answerable.length ? sure.length / answerable.length : 0,
    precision: sure.length ? sure.filter((a) => a.right).length / sure.length : NaN,
    withheld: withheld.length ? withheld.filter(Boolean).length / withheld.length : 0,
  };
}

export interface ThresholdGoal {
  /** Least precision among confident answers. */
  precision: number;
  /** Most withheld-article questions answered confidently. */
  withheld: number;
}

/**
 * The threshold on a probability that answers the most questions confidently while keeping the
 * goal's precision and withheld share on the given (dev) data; among equal shares, the highest
 * such threshold (the most cautious). When no threshold meets the goal, the one with the best
 * smoothed precision ((right + 1) / (confident + 2), so one lucky answer does not count as certainty).
 */
export function chooseThreshold(
  answerable: readonly { right: boolean; p: number }[],
  withheld: readonly number[],
  goal: ThresholdGoal,
): number {
  const candidates = [...new Set([...answerable.map((a) => a.p), ...withheld])].sort((a, b) => b - a);
  let best: { threshold: number; share: number } | null = null;
  let fallback: { threshold: number; precision: number } | null = null;
  for (const threshold of candidates) {
    const scores = confidenceScores(
      answerable.map((a) => ({ right: a.right, confident: a.p >= threshold })),
      withheld.map((p) => p >= threshold),
    );
    if (scores.precision >= goal.precision && scores.withheld <= goal.withheld && (!best || scores.share > best.share))
      best = { threshold, share: scores.share };
    const sure = answerable.filter((a) => a.p >= threshold);
    const smoothed = (sure.filter((a) => a.right).length + 1) / (sure.length + 2);
    if (smoothed > (fallback?.precision ?? -1)) fallback = { threshold, precision: smoothed };
  }
  return best?.threshold ?? fallback?.threshold ?? 1;
}

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
  /** Least (smoothed) precision among confident answers. */
  precision: number;
  /** Most withheld-article questions answered confidently. */
  withheld: number;
}

/** Precision with one right and one wrong answer added: a handful of lucky answers is not certainty. */
export function smoothedPrecision(right: number, confident: number): number {
  return (right + 1) / (confident + 2);
}

/**
 * The threshold on a probability that answers the most questions confidently while keeping the
 * goal's precision (smoothed) and withheld share on the given (dev) data; among equal shares, the
 * highest such threshold (the most cautious). When no threshold meets the goal, the one with the
 * best smoothed precision.
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
    const sure = answerable.filter((a) => a.p >= threshold);
    const precision = smoothedPrecision(sure.filter((a) => a.right).length, sure.length);
    const share = sure.length / answerable.length;
    const leaked = withheld.length ? withheld.filter((p) => p >= threshold).length / withheld.length : 0;
    if (precision >= goal.precision && leaked <= goal.withheld && (!best || share > best.share)) best = { threshold, share };
    if (precision > (fallback?.precision ?? -1)) fallback = { threshold, precision };
  }
  return best?.threshold ?? fallback?.threshold ?? 1;
}

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

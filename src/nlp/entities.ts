/** Bit flags for what kinds of answer a sentence can supply. */
export const Kind = {
  date: 1,
  time: 2,
  number: 4,
  money: 8,
  percent: 16,
  duration: 32,
  ordinal: 64,
  name: 128,
  /**
   * Not an answer but the statement's time: a modal of the future ("will", "would") or a verb of expectation
   * ("expected", "plans"). A question asked in the future ("when will the museum open") is answered by a
   * forecast or a plan far more often than by a report of what happened.
   */
  future: 256,
  /** Not an answer either: the sentence adds to what was said ("also", "another"), as a "what else" question asks. */
  addition: 512,
} as const;

const WINK_ENTITY_KINDS: Record<string, number> = {
  DATE: Kind.date,
  TIME: Kind.time,
  CARDINAL: Kind.number,
  MONEY: Kind.money | Kind.number,
  PERCENT: Kind.percent | Kind.number,
  DURATION: Kind.duration | Kind.time,
  ORDINAL: Kind.ordinal,
};

export function entityKind(winkType: string): number {
  return WINK_ENTITY_KINDS[winkType] ?? 0;
}

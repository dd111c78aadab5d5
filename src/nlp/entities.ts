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

import type { ItemEntity, ItemSentence } from 'wink-nlp';
import { entityKind, Kind } from './entities.js';
import { adds, speaksOfFuture } from './statement-cues.js';
import { tokenTerms } from './terms.js';
import { its, wink } from './wink.js';

export interface AnalyzedToken {
  /** Character range in the analysed text. */
  start: number;
  end: number;
  value: string;
  /** wink's lemma ("pulled" → "pull"), the value where wink gives none. */
  lemma: string;
  /** Index terms this token contributes (empty for stop words and punctuation). */
  terms: string[];
  pos: string;
  /** Proper noun (by POS tag or capitalisation inside the sentence). */
  name: boolean;
  /** Kind flags of the entity the token belongs to, if any. */
  kinds: number;
}

export interface AnalyzedSentence {
  start: number;
  end: number;
  tokens: AnalyzedToken[];
}

// wink's typings declare its.lemma with an addon signature that out() does not accept.
const LEMMA = its.lemma as unknown as typeof its.value;
const CAPITALISED = /^[A-Z][a-zA-Z]/;
/** A bare four-digit number in the range of years ("through 1988"): wink tags it a cardinal, but in news it is a date. */
const YEAR = /^(1[89]|20)\d\d$/;

/** Currency signs before an amount ("£80m"), and currency words after it ("17 mln dlrs", "2.25 billion guilders"). */
const CURRENCY_SIGNS = new Set(['£', '€', '$', '¥']);
const CURRENCY_WORDS = new Set(
  'dlr dlrs dollar dollars stg sterling pound pounds euro euros yen franc francs guilder guilders mark marks pence penny cent cents lira lire peseta pesetas rupee rupees yuan peso pesos rand'.split(
    ' ',
  ),
);
/** Words of scale that may stand between an amount and its currency ("mln", "bn"). */
const SCALES = new Set('m mln million millions bn billion billions tn trillion k thousand thousands'.split(' '));
/** How wire copy writes a share after its figure ("15 pct"); wink tags "%" and "percent" itself, but not after a figure it does not read. */
const PERCENT_WORDS = new Set(['pct', 'pct.', 'percent', '%']);

/**
 * Marks the amounts wink leaves as bare numbers: it tags "$1.6bn" and "15 pct", but not "£339", "17 mln dlrs",
 * "six dlrs" or "2-1/2 pct", which is how news, and wire copy above all, writes money and shares. A figure is a
 * number token or a number wink read in words ("six", "three billion").
 */
function markAmounts(values: readonly string[], types: readonly string[], kinds: number[]): void {
  for (let i = 0; i < values.length; i++) {
    if (types[i] !== 'number' && !(kinds[i]! & Kind.number)) continue;
    let currency = CURRENCY_SIGNS.has(values[i - 1] ?? '') ? i - 1 : -1;
    let next = i + 1;
    if (SCALES.has(values[next]?.toLowerCase() ?? '')) next++;
    const word = values[next]?.toLowerCase() ?? '';
    if (PERCENT_WORDS.has(word)) for (let j = i; j <= next; j++) kinds[j] = kinds[j]! | Kind.percent | Kind.number;
    if (CURRENCY_WORDS.has(word)) currency = next;
    if (currency < 0) continue;
    for (let j = Math.min(i, currency); j <= Math.max(i, currency); j++) kinds[j] = kinds[j]! | Kind.money | Kind.number;
  }
}

/**
 * Characters without a space longer than any word or link: no question can ask for one, and wink's time to read
 * one grows with the square of its length (a 16,000-character run took 4.6 s, 500,000 would take over an hour).
 * wink sees spaces in its place, so every other token keeps its place in the text.
 */
const OVERLONG_RUN = /\S{257,}/g;

/**
 * Splits text into sentences and tokens with wink-nlp, keeping every token's exact character
 * range so that sentence text is always a verbatim slice of the input.
 */
export function analyzeText(text: string): AnalyzedSentence[] {
  const doc = wink.readDoc(text.replace(OVERLONG_RUN, (run) => ' '.repeat(run.length)));
  const values = doc.tokens().out(its.value) as string[];
  const types = doc.tokens().out(its.type) as string[];
  const lemmas = doc.tokens().out(LEMMA) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const kinds = new Array<number>(values.length).fill(0);
  doc.entities().each((entity: ItemEntity) => {
    const [first, last] = entity.out(its.span) as unknown as [number, number];
    const kind = entityKind(entity.out(its.type) as string);
    for (let i = first; i <= last; i++) kinds[i] = kinds[i]! | kind;
  });
  markAmounts(values, types, kinds);

  const starts = new Array<number>(values.length);
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    const at = text.indexOf(values[i]!, offset);
    starts[i] = at < 0 ? offset : at;
    offset = starts[i]! + values[i]!.length;
  }

  const sentences: AnalyzedSentence[] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const [first, last] = sentence.out(its.span) as unknown as [number, number];
    const tokens: AnalyzedToken[] = [];
    for (let i = first; i <= last; i++) {
      const value = values[i]!;
      const terms = tokenTerms({ value, lemma: lemmas[i]!, type: types[i]! });
      // wink tags "January" and "Monday" as proper nouns; inside a date they are no name a who-question could want.
      const name =
        terms.length > 0 && !(kinds[i]! & (Kind.date | Kind.time)) && (pos[i] === 'PROPN' || (i > first && CAPITALISED.test(value)));
      tokens.push({
        start: starts[i]!,
        end: starts[i]! + value.length,
        value,
        lemma: lemmas[i] ?? value,
        terms,
        pos: pos[i]!,
        name,
        kinds:
          kinds[i]! |
          (types[i] === 'number' ? Kind.number | (YEAR.test(value) ? Kind.date : 0) : 0) |
          (name ? Kind.name : 0) |
          (speaksOfFuture(lemmas[i], terms) ? Kind.future : 0) |
          (adds(value) ? Kind.addition : 0),
      });
    }
    if (tokens.length > 0) sentences.push({ start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, tokens });
  });
  return sentences;
}

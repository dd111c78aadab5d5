import { analyzeText, type AnalyzedToken } from './analyze.js';
import {
  archiveForm,
  asWritten,
  functionWordSlip,
  slipWord,
  typedAcronym,
  type Correction,
  type KnownAcronym,
  type TermRarity,
  type TypedWord,
} from './chat-forms.js';
import { questionAsked } from './chat-words.js';
import { Kind } from './entities.js';
import { asksForMore } from './statement-cues.js';
import { STOP_WORDS } from './stopwords.js';
import { wordNet } from './synonyms.js';

export type AnswerType = 'person' | 'name' | 'time' | 'place' | 'number' | 'money' | 'percent' | 'reason' | 'other';

/** Things a "what/which X" question wants the proper name of. */
const NAMED =
  'company|firm|group|team|club|band|party|organi[sz]ation|newspaper|magazine|network|station|channel|stadium|university|college|school|airport|church|museum|league|brand|agency|ship|river|mountain|language|religion|book|film|movie|album|song|show|series|award|prize|law|act|treaty|war|battle|empire|dynasty|program(me)?|project|satellite|mission';
const NAME_OF = new RegExp(
  `\\b(what|which) ([\\w-]+ )?(${NAMED})\\b|\\bwhat (is|was|are|were) (the|its|their|his|her) (full |official |real |first |last |common |stage )?names?\\b|\\bwhat (is|was) .* called\\b`,
);

export interface AnalyzedQuestion {
  text: string;
  type: AnswerType;
  /** Distinct index terms of the question, in order. */
  terms: string[];
  /** Question terms in order, for phrase matching. */
  sequence: string[];
  /** The words behind the terms (not names or numbers) with their POS tags, for synonym expansion. */
  words: { value: string; pos: string; terms: string[] }[];
  /**
   * Terms of the measure a "how" question asks for ("fast" in "how fast did she run"): a sentence
   * giving the figure seldom repeats the word, so it may hold them but need not.
   */
  measures: string[];
  /**
   * Terms that may follow the figure asked for: the noun after "how many" ("how many rounds of talks" → round),
   * or the units of the measure asked ("how long": units of time; "how often": times or periods; "how far": distances).
   */
  counted: string[];
  /** Whether the question is asked in the future ("when will …", "how much does X expect …"): see Kind.future. */
  future: boolean;
  /** Whether the question asks for more than the obvious answer ("what else"): see Kind.addition. */
  addition: boolean;
  /** Words read as others than typed (typing slips put right), in the order of the question. */
  corrections: Correction[];
}

const TYPE_RULES: [RegExp, AnswerType][] = [
  [
    /\bwhy\b|\bhow come\b|\bwhat (caused|causes|led to|prompted|was behind|is behind)\b|\b(what|which) (was|is|were|are) the (reasons?|cause)\b|\bfor what reason\b/,
    'reason',
  ],
  // A change ("how much did shares fall") is given as a share as often as an amount: any figure answers it.
  [
    /\bhow much\b.*\b(fall|falls|fell|fallen|drop|drops|dropped|rise|rises|rose|risen|grow|grows|grew|grown|gain|gains|gained|climb|climbs|climbed|jump|jumped|increase|increased|decrease|decreased|decline|declined|shrink|shrank|cut|go up|gone up|went up|go down|gone down|went down)\b/,
    'number',
  ],
  [
    /\bhow (much|many) (money|dollars?|pounds?|euros?)\b|\bhow much (did|does|do|will|would|is|was|were|are)\b.*\b(cost|pay|paid|spend|spent|earn|make|made|worth|price|raise|sell|sold|buy|bought|charge)/,
    'money',
  ],
  [/\bwhat (percent(age)?|share|proportion)\b|\bhow much of\b|\bby how much\b/, 'percent'],
  [/\bhow (many|much|long|far|old|big|large|often)\b|\bwhat (number|amount|size|population)\b/, 'number'],
  // "which time" is left out: it asks which occasion ("which time did he win") as often as when.
  [/\bwhen\b|\b(what|which) (years?|dates?|days?|months?|centur(y|ies)|decades?)\b|\bwhat times?\b|\bhow long ago\b/, 'time'],
  [/\bwhere\b|\b(what|which) (countr(y|ies)|cit(y|ies)|states?|places?|towns?|regions?|continents?|count(y|ies)|provinces?)\b/, 'place'],
  [
    /\bwho(m|se)?\b|\b(what|which) (persons?|people|m[ae]n|wom[ae]n|kings?|queens?|presidents?|leaders?|players?|authors?|writers?|artists?|scientists?|emperors?|generals?|actors?|actress(es)?|singers?|coach(es)?|popes?)\b/,
    'person',
  ],
  [NAME_OF, 'name'],
];

/** The kind flags a sentence needs to be able to answer each question type. */
export const ANSWER_KINDS: Record<AnswerType, number> = {
  person: Kind.name,
  name: Kind.name,
  time: Kind.date | Kind.time,
  place: Kind.name,
  number: Kind.number | Kind.duration,
  money: Kind.money,
  percent: Kind.percent,
  // A reason is no entity: the re-ranker looks for causal wording instead (see causalCue).
  reason: 0,
  other: 0,
};

/** The question words a question opens with ("in which year", "so who"): where its own question starts. */
const QUESTION_WORD = /\b(what|which|who|whom|whose|when|where|why|how)\b/;

/**
 * The answer type of the wording rule that matches first in the question, ties to the earlier rule, and whether
 * it matched at the question word that opens the question rather than in a clause after it ("what was the score
 * when liverpool beat olympiakos" asks for a score, not a date).
 */
function wordingType(text: string): { type: AnswerType; atOpening: boolean } {
  // The rules are written with "is": "what's … called" asks what "what is … called" does.
  const lower = text
    .toLowerCase()
    .replace(/[\u2019']/g, "'")
    .replace(/\b(what|who|where|when|how)'s\b/g, '$1 is');
  let first: { at: number; type: AnswerType } = { at: Infinity, type: 'other' };
  for (const [pattern, type] of TYPE_RULES) {
    const at = lower.search(pattern);
    if (at >= 0 && at < first.at) first = { at, type };
  }
  const opening = lower.search(QUESTION_WORD);
  return { type: first.type, atOpening: opening < 0 || first.at <= opening };
}

export const questionType = (text: string): AnswerType => wordingType(text).type;

/** Whether the token right before token i is "how". */
const followsHow = (tokens: readonly AnalyzedToken[], i: number) => i > 0 && tokens[i - 1]!.value.toLowerCase() === 'how';

/** An adjective or adverb: after "how", the measure asked for ("how fast", "how lopsided"). */
const isMeasure = (token: AnalyzedToken) => token.pos === 'ADJ' || token.pos === 'ADV';

const wordSet = (list: string) => new Set(list.split(' '));
/** Head nouns of "what …" questions that ask for a figure, by the kind of figure news gives for them. */
const MEASURE_NOUNS: [Set<string>, AnswerType][] = [
  [wordSet('rate rates growth ratio percentage proportion'), 'percent'],
  [
    wordSet(
      'price prices cost costs value worth fee fees salary wage fine bid budget deficit surplus revenue revenues profit profits sales assets earnings income loss losses debt dividend',
    ),
    'money',
  ],
  [wordSet('number score total figure tally amount size population attendance count margin'), 'number'],
];
const FORMS_OF_BE = wordSet("'s is was are were");

/**
 * What "what [is the] … NOUN" asks for when the noun that heads it is a measure: "what inflation rate", "whats
 * the cheapest mac mini cost", "what was the score". The head is the last noun of the words after "what" (and a
 * form of "be" or a determiner); "what did …" has none.
 */
function measureNounType(tokens: readonly AnalyzedToken[]): AnswerType {
  const what = tokens.findIndex((t) => t.value.toLowerCase() === 'what');
  if (what < 0) return 'other';
  let j = what + 1;
  while (j < tokens.length && (FORMS_OF_BE.has(tokens[j]!.value.toLowerCase()) || tokens[j]!.pos === 'DET')) j++;
  let head: string | undefined;
  for (; j < tokens.length && ['ADJ', 'NOUN', 'PROPN'].includes(tokens[j]!.pos); j++)
    if (tokens[j]!.pos === 'NOUN') head = tokens[j]!.value.toLowerCase();
  return MEASURE_NOUNS.find(([nouns]) => head !== undefined && nouns.has(head))?.[1] ?? 'other';
}

/**
 * The answer type the question's grammar asks for when no wording rule matched: "what" headed by a measure
 * noun asks for that kind of figure (measureNounType), "how" before an adjective or adverb for a measure
 * ("how fast", "how lopsided"), "which" before a noun for the name of one of that kind ("which diet brand",
 * "which countries"). "What" before another noun asks for a name too rarely ("what kind of", "what role") to count.
 */
function typeFromGrammar(tokens: readonly AnalyzedToken[]): AnswerType {
  const measured = measureNounType(tokens);
  if (measured !== 'other') return measured;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const word = tokens[i]!.value.toLowerCase();
    const next = tokens[i + 1]!;
    if (followsHow(tokens, i + 1) && isMeasure(next)) return 'number';
    const noun = next.pos === 'ADJ' ? tokens[i + 2] : next;
    if (word === 'which' && (noun?.pos === 'NOUN' || noun?.pos === 'PROPN')) return 'name';
  }
  return 'other';
}

/** Words that, after "how", belong to the question word: the answer is a figure, not a sentence saying "many". */
const HOW_QUANTIFIERS = new Set(['much', 'many']);

/** The tokens with the terms of "how much" and "how many" dropped, as "how" itself is (a stop word). */
function withoutQuestionWords(tokens: AnalyzedToken[]): AnalyzedToken[] {
  return tokens.map((token, i) =>
    followsHow(tokens, i) && HOW_QUANTIFIERS.has(token.value.toLowerCase()) ? { ...token, terms: [] } : token,
  );
}

/**
 * Terms of an adjective or adverb right after "how" that the question uses nowhere else, unless the
 * question has no other terms ("how fast?"): then the measure is all it asks about.
 */
function measureTerms(tokens: readonly AnalyzedToken[]): string[] {
  const measures = tokens.filter((token, i) => followsHow(tokens, i) && isMeasure(token));
  const others = tokens.filter((t) => !measures.includes(t)).flatMap((t) => t.terms);
  if (others.length === 0) return [];
  const elsewhere = new Set(others);
  return measures.flatMap((t) => t.terms).filter((term) => !elsewhere.has(term));
}

/** The index terms of each of the words, as sentences hold them (stemmed). */
const termsOf = (words: string) => [...new Set(words.split(' ').flatMap((word) => analyzeText(word)[0]!.tokens[0]!.terms))];
const TIME_UNITS = termsOf('second minute hour day week month year decade');
/**
 * The units that follow the figure a "how" + measure question asks for: a span of time for "how long" ("in 14
 * minutes 32.93 seconds"), a count of times or a period for "how often", a distance for "how far".
 */
const MEASURE_UNITS = new Map([
  ...['long', 'fast', 'soon', 'quickly'].map((measure) => [measure, TIME_UNITS] as const),
  ['often', [...termsOf('times'), ...TIME_UNITS]],
  ['far', termsOf('mile kilometre kilometer km metre meter yard foot feet')],
]);

/**
 * What the figure a "how many" or "how" + measure question asks for counts (AnalyzedQuestion.counted): the noun after
 * "how many", the head of its noun phrase ("how many buckhorn shares" → share), or the units of the measure asked.
 */
function countedThing(tokens: readonly AnalyzedToken[]): string[] {
  for (let i = 1; i < tokens.length; i++) {
    if (!followsHow(tokens, i)) continue;
    const word = tokens[i]!.value.toLowerCase();
    const units = MEASURE_UNITS.get(word);
    // "how long ago" asks for a date (a "time" question).
    if (units) return tokens[i + 1]?.value.toLowerCase() === 'ago' ? [] : units;
    if (word !== 'many') continue;
    let head: AnalyzedToken | undefined;
    for (let j = i + 1; j < tokens.length && ['ADJ', 'NOUN', 'PROPN'].includes(tokens[j]!.pos); j++)
      if (tokens[j]!.pos !== 'ADJ') head = tokens[j];
    return head?.terms ?? [];
  }
  return [];
}

/** Particles that make a verb another verb ("pull out" is withdraw, "step down" is resign). */
const PARTICLES = new Set(['up', 'down', 'out', 'off', 'over', 'in', 'on', 'back', 'away', 'through']);
/** wink tags the verb of a short question as a noun as often as not ("the chairman step down"); WordNet decides whether it is one. */
const VERB_LIKE = new Set(['VERB', 'NOUN']);

/**
 * The question's phrasal verbs, named as WordNet names them ("pull_out"), as words with no terms of their own:
 * their synonyms are what an article may write instead ("withdraw"). Each particle is a stop word, so the verb
 * alone would be expanded as if it stood by itself.
 */
function phrasalVerbs(tokens: readonly AnalyzedToken[]): AnalyzedQuestion['words'] {
  return tokens.flatMap((token, i) => {
    const next = tokens[i + 1]?.value.toLowerCase();
    return VERB_LIKE.has(token.pos) && next && PARTICLES.has(next)
      ? [{ value: `${token.lemma.toLowerCase()}_${next}`, pos: 'VERB', terms: [] }]
      : [];
  });
}

/**
 * Words of one question whose slips are looked for in the word itself (TypedWord.wordSearches). Questions people
 * ask need three at most (news-chat 3, SQuAD 3 but for two lists of species names); one typed full of words the
 * archive lacks would otherwise pay about 1.5 ms for each.
 */
const WORD_SEARCHES = 4;

/** Prefixes English makes new words with at will ("reoccupy", "upregulated", "defunded"); WordNet lists few of those words. */
const PREFIXES = 're un de dis mis pre post non over under out up co anti counter inter sub mid semi multi'.split(' ');
/** Letters the rest of a prefixed word needs at least: "un" + "till" is a slip of until, not a word. */
const PREFIXED_BASE = 5;

/** Whether WordNet knows the word, or a word it knows with a prefix before it: a word spelled right is no slip. */
function isWord(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    wordNet().knows(lower) ||
    PREFIXES.some(
      (prefix) => lower.startsWith(prefix) && lower.length - prefix.length >= PREFIXED_BASE && wordNet().knows(lower.slice(prefix.length)),
    )
  );
}
/**
 * What a word typed with a letter held down may be: a function word ("sooo" → so), or an English word of three
 * letters or more (WordNet knows two-letter symbols and abbreviations: "brrr" is no "br").
 */
const isStretchedWord = (word: string) => STOP_WORDS.has(word) || (word.length >= 3 && isWord(word));

/**
 * The question with each word whose term was read as a slip (`read` against `typed`) written as the English word
 * meant, and those words. A possessive typed without its apostrophe ("gtes" → GTE's) is no slip.
 */
function withSlipsCorrected(
  text: string,
  typed: readonly AnalyzedToken[],
  read: readonly AnalyzedToken[],
): { text: string; corrections: Correction[] } {
  let out = '';
  let at = 0;
  const corrections: Correction[] = [];
  typed.forEach((token, i) => {
    if (token.terms.length !== 1 || !read[i]) return;
    const term = read[i].terms[0];
    if (token.terms[0] === term || token.terms[0] === `${term}s`) return;
    const word = term === undefined ? functionWordSlip(token.value) : slipWord(token.value, term, isWord);
    if (!word) return;
    out += text.slice(at, token.start) + word;
    at = token.end;
    corrections.push({ typed: token.value, read: word });
  });
  return { text: out + text.slice(at), corrections };
}

/**
 * Analyses a question with the same tokens and terms as the indexed sentences, reading chat spellings
 * the way articles write them (see chat-forms.ts). `rarity` says which terms the archive holds and how
 * rare they are: without it, a term the archive lacks (a possessive without its apostrophe, a typo) stays as typed.
 * `known` says which acronyms the archive has learned, for those typed in lower case ("the us", "irs").
 * `slips` says which terms the archive holds may be slips it holds too (TypedWord.slipFrom and archiveName).
 */
export function analyzeQuestion(
  text: string,
  rarity?: TermRarity,
  known?: KnownAcronym,
  slips?: Pick<TypedWord, 'slipFrom' | 'archiveName'>,
): AnalyzedQuestion {
  // Read past the way it was typed in chat (chat-words.ts), then spelled the way articles write (chat-forms.ts).
  const asked = questionAsked(text, isStretchedWord);
  const spelled = asWritten(asked.text);
  const tokenize = (written: string) => withoutQuestionWords(analyzeText(written).flatMap((s) => s.tokens));
  const read = (raw: AnalyzedToken[]) => {
    const wordSearches = { left: WORD_SEARCHES };
    return raw.map((t, i, all) => {
      if (!rarity) return t;
      const acronym = known && typedAcronym(all, i, rarity, known);
      if (acronym) return { ...t, terms: [acronym] };
      const capitalised = t.start > 0 && /^\p{Lu}/u.test(t.value);
      const word = { ...slips, word: t.value, isWord, name: t.name, capitalised, wordSearches };
      return { ...t, terms: t.terms.map((term) => archiveForm(term, rarity, word)).filter((term) => term !== '') };
    });
  };
  const first = tokenize(spelled);
  let tokens = read(first);
  // A word read as a slip of an English word is read again as that word (see slipWord): once, as it is one now.
  const corrected = withSlipsCorrected(spelled, first, tokens);
  const written = corrected.text;
  if (written !== spelled) tokens = read(tokenize(written));
  const corrections = [...asked.corrections, ...corrected.corrections];
  const sequence = tokens.flatMap((t) => t.terms);
  const words = [
    ...tokens.filter((t) => t.terms.length > 0 && !t.name).map(({ value, pos, terms }) => ({ value, pos, terms })),
    ...phrasalVerbs(tokens),
  ];
  // A wording rule that matched in a clause after the question word yields to the question's grammar.
  const wording = wordingType(written);
  const byGrammar = wording.atOpening && wording.type !== 'other' ? 'other' : typeFromGrammar(tokens);
  const type = byGrammar === 'other' ? wording.type : byGrammar;
  const future = tokens.some((t) => t.kinds & Kind.future);
  const addition = tokens.some((t) => asksForMore(t.value));
  return {
    text,
    type,
    terms: [...new Set(sequence)],
    sequence,
    words,
    measures: measureTerms(tokens),
    counted: countedThing(tokens),
    future,
    addition,
    corrections,
  };
}

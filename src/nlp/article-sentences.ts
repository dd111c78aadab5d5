import type { Article } from '../articles/article.js';
import { learnAcronyms, learnSpelledNames, type AcronymPair } from './acronyms.js';
import { analyzeText, type AnalyzedToken } from './analyze.js';
import { learnCompounds } from './compounds.js';
import { inheritedTerms } from './discourse.js';
import { truecaseTitle } from './truecase.js';

/** One body sentence, reduced to what indexing and ranking need (its text is a slice of the body). */
export interface SentenceRecord {
  /** Character range in the article body. */
  start: number;
  end: number;
  /** 1-based paragraph number. */
  paragraph: number;
  /** 0-based position of the sentence in the article. */
  position: number;
  /** The article stops in the middle of this sentence. */
  cutOff: boolean;
  /** Index terms in token order. */
  terms: string[];
  /** Distinct terms of proper nouns in the sentence. */
  names: string[];
  /** Kind flags (see Kind) of the entities in the sentence. */
  kinds: number;
  /**
   * Terms the sentence refers to without holding them (see inheritedTerms): kept apart from `terms` so
   * that what the sentence says, and the summariser's vectors, stay its own words.
   */
  inherited: string[];
}

export interface ArticleAnalysis {
  titleTerms: string[];
  sentences: SentenceRecord[];
  /**
   * Acronyms the article defines (see learnAcronyms), the words it hyphenates (see learnCompounds), and the
   * initials of the long names it spells out (see learnSpelledNames).
   */
  acronyms: AcronymPair[];
}

/** One shared empty list for the many sentences that inherit nothing (memory at 650k sentences). */
export const NOTHING_INHERITED: string[] = [];

const LOWER_CASE = /[a-z]/;
const COMPLETE_ENDING = /[.!?…]["'”’)\]]*$/;

export function termsOf(tokens: AnalyzedToken[]): string[] {
  return tokens.flatMap((token) => token.terms);
}

/** Splits an article into sentences with wink-nlp, one paragraph at a time. */
export function analyzeArticle(article: Article): ArticleAnalysis {
  const sentences: SentenceRecord[] = [];
  const tokens: AnalyzedToken[][] = [];
  article.paragraphs.forEach((paragraph, index) => {
    const text = article.body.slice(paragraph.start, paragraph.end);
    for (const sentence of analyzeText(text)) {
      tokens.push(sentence.tokens);
      const names = new Set<string>();
      let kinds = 0;
      for (const token of sentence.tokens) {
        if (token.name) token.terms.forEach((term) => names.add(term));
        kinds |= token.kinds;
      }
      sentences.push({
        start: paragraph.start + sentence.start,
        end: paragraph.start + sentence.end,
        paragraph: index + 1,
        position: sentences.length,
        cutOff: false,
        terms: termsOf(sentence.tokens),
        names: [...names],
        kinds,
        inherited: NOTHING_INHERITED,
      });
    }
  });
  const last = sentences[sentences.length - 1];
  if (last && !COMPLETE_ENDING.test(article.body.slice(last.start, last.end))) last.cutOff = true;
  const titleTokens = analyzeText(truecaseTitle(article.title, article.body)).map((s) => s.tokens);
  const titleTerms = titleTokens.flatMap(termsOf);
  // Headlines shorten names most ("TOTP turns to Elvis impersonator"); a title all in capitals has no short forms to tell apart.
  const acronyms = learnAcronyms(LOWER_CASE.test(article.title) ? [...titleTokens, ...tokens] : tokens);
  inheritedTerms(tokens, titleTerms, acronyms).forEach((terms, i) => {
    if (terms.length > 0) sentences[i]!.inherited = terms;
  });
  return { titleTerms, sentences, acronyms: [...acronyms, ...learnCompounds(tokens), ...learnSpelledNames(tokens, acronyms)] };
}

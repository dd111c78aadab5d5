import { describe, expect, it } from 'vitest';
import type { Article } from '../src/articles/article.js';
import { analyzeArticle } from '../src/nlp/article-sentences.js';
import { analyzeQuestion } from '../src/nlp/question.js';
import { truecaseTitle } from '../src/nlp/truecase.js';

const BODY =
  "The Dutch state loan raised 2.25 billion guilders, the CIA said. Dutch officials said rates were stable. Reagan's aides agreed.";

function article(title: string): Article {
  return { id: 'c/a.txt', corpus: 'c', source: 'a.txt', title, date: null, body: BODY, paragraphs: [{ start: 0, end: BODY.length }] };
}

describe('titles in capitals', () => {
  it('spells each word as the body does, and in lower case when the body never uses it', () => {
    expect(truecaseTitle("REAGAN'S CIA SAYS DUTCH RATES TO STAY FIRM", BODY)).toBe("Reagan's CIA says Dutch rates to stay firm");
  });

  it('leaves a title with lower-case letters as written', () => {
    expect(truecaseTitle('NATO summit RATES', BODY)).toBe('NATO summit RATES');
  });

  it("gives the title the terms a question's words have, acronyms kept whole", () => {
    const { titleTerms } = analyzeArticle(article('CIA SAYS DUTCH LOAN RATES TO STAY FIRM'));
    const question = analyzeQuestion('what does the cia say about dutch loan rates');
    for (const term of question.terms) expect(titleTerms).toContain(term);
    // Stop words a headline in capitals used to keep as acronyms ("TO") are dropped like any other.
    expect(titleTerms).not.toContain('to');
    expect(titleTerms).toContain('cia');
  });
});

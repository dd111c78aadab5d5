import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article, Span } from '../src/articles/article.js';
import { analyzeArticle, type ArticleAnalysis, type SentenceRecord } from '../src/nlp/article-sentences.js';
import type { AnalyzedQuestion } from '../src/nlp/question.js';
import { analyzeAgainst, validateQuestion } from '../src/search/ask.js';
import { SentenceIndex } from '../src/search/sentence-index.js';
import type { Candidate } from '../src/search/article-search.js';
import { ABLATION, FULL, rankVariant, type Variant } from './ablation.js';
import { BASELINE_LABEL, defaultMiniSearch } from './baseline.js';
import { fixed, selectionScores } from './metrics.js';
import { attachConfiguredVectors, sample, type Protocol } from './protocol.js';
import { markdownTable } from './table.js';

export interface WikiQuestion {
  text: string;
  /** Index ids of its candidate sentences, in the file's order, and which of them are correct. */
  candidates: number[];
  correct: Set<number>;
}

export interface Split {
  name: string;
  index: SentenceIndex;
  questions: WikiQuestion[];
}

/**
 * WikiQA sentences are the units to rank, so each one is one record: the document becomes an
 * article with one paragraph per given sentence, and wink's analysis of a paragraph is merged.
 */
function oneRecordPerParagraph(article: Article, analysis: ArticleAnalysis): ArticleAnalysis {
  const sentences = article.paragraphs.map((span, p): SentenceRecord => {
    const parts = analysis.sentences.filter((s) => s.paragraph === p + 1);
    const terms = parts.flatMap((s) => s.terms);
    return {
      start: span.start,
      end: span.end,
      paragraph: p + 1,
      position: p,
      cutOff: false,
      terms,
      names: [...new Set(parts.flatMap((s) => s.names))],
      kinds: parts.reduce((k, s) => k | s.kinds, 0),
      inherited: [...new Set(parts.flatMap((s) => s.inherited))].filter((t) => !terms.includes(t)),
    };
  });
  return { titleTerms: analysis.titleTerms, sentences, acronyms: analysis.acronyms };
}

/** Reads a WikiQA split: every document once (corpus statistics over all its sentences), questions with their candidates. */
export async function loadSplit(file: string, name: string): Promise<Split> {
  const [, ...lines] = (await readFile(file, 'utf8')).split(/\r?\n/).filter((l) => l.trim());
  const docs = new Map<string, { title: string; sentences: Map<string, string> }>();
  const asked = new Map<string, { text: string; rows: { doc: string; sid: string; label: boolean }[] }>();
  for (const line of lines) {
    const [qid, question, doc, title, sid, sentence, label] = line.split('\t') as string[];
    if (!docs.has(doc!)) docs.set(doc!, { title: title!, sentences: new Map() });
    docs.get(doc!)!.sentences.set(sid!, sentence!.trim());
    if (!asked.has(qid!)) asked.set(qid!, { text: question!, rows: [] });
    asked.get(qid!)!.rows.push({ doc: doc!, sid: sid!, label: label === '1' });
  }
  const index = new SentenceIndex();
  const ids = new Map<string, number>();
  for (const [doc, { title, sentences }] of docs) {
    const order = [...sentences.keys()].sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()));
    const paragraphs: Span[] = [];
    let body = '';
    for (const sid of order) {
      if (body) body += '\n\n';
      paragraphs.push({ start: body.length, end: body.length + sentences.get(sid)!.length });
      body += sentences.get(sid)!;
    }
    const article: Article = { id: `wikiqa/${doc}`, corpus: 'wikiqa', source: doc, title, date: null, body, paragraphs };
    index.add(article, oneRecordPerParagraph(article, analyzeArticle(article)));
    index.article(article.id)!.sentenceIds.forEach((id, i) => ids.set(order[i]!, id));
  }
  const questions = [...asked.values()]
    .map(({ text, rows }) => ({
      text,
      candidates: rows.map((r) => ids.get(r.sid)!),
      correct: new Set(rows.filter((r) => r.label).map((r) => ids.get(r.sid)!)),
    }))
    .filter((q) => q.correct.size > 0);
  await attachConfiguredVectors(index);
  return { name, index, questions };
}

/** A question's own candidates, with the BM25 score the index gives each (0 when it matched no term). */
export function candidatePool(index: SentenceIndex, ids: number[]) {
  return (weights: Map<string, number>): Candidate[] => {
    const bm25 = new Map(index.candidates(weights, index.sentenceCount).map((c) => [c.sentence.id, c.score]));
    return ids.map((id) => ({ sentence: index.sentence(id)!, score: bm25.get(id) ?? 0 }));
  };
}

/** Candidates the ranker did not return (near-duplicates, nothing matched) go last, in file order. */
function relevanceList(q: WikiQuestion, order: number[]): boolean[] {
  const seen = new Set(order);
  return [...order, ...q.candidates.filter((id) => !seen.has(id))].map((id) => q.correct.has(id));
}

export function rankedLists(split: Split, analysed: AnalyzedQuestion[], questions: WikiQuestion[], variant: Variant): boolean[][] {
  return questions.map((q, i) =>
    relevanceList(
      q,
      rankVariant(split.index, analysed[i]!, variant, candidatePool(split.index, q.candidates)).map((r) => r.sentence.id),
    ),
  );
}

function baselineLists(split: Split, questions: WikiQuestion[]): boolean[][] {
  const mini = defaultMiniSearch(split.index);
  return questions.map((q) => {
    const score = new Map(mini.search(q.text).map((h) => [h.id as number, h.score]));
    const order = q.candidates.filter((id) => score.has(id)).sort((a, b) => score.get(b)! - score.get(a)!);
    return relevanceList(q, order);
  });
}

export const wikiqa: Protocol = {
  name: 'wikiqa',
  summary: 'answer-sentence selection on WikiQA dev and test (MAP, MRR)',
  options: {
    wikiqa: { type: 'string', default: '../shared/eval/wikiqa', description: 'folder with WikiQA-dev.tsv and WikiQA-test-gold.tsv' },
  },
  async run(paths, common, print) {
    const files: [string, string][] = [
      ['dev', 'WikiQA-dev.tsv'],
      ['test', 'WikiQA-test-gold.tsv'],
    ];
    const splits = await Promise.all(
      (common.devOnly ? files.slice(0, 1) : files).map(([name, f]) => loadSplit(path.join(paths.wikiqa!, f), name)),
    );
    const prepared = splits.map((split) => {
      const questions = sample(split.questions, common.limit);
      return { split, questions, analysed: questions.map((q) => analyzeAgainst(split.index, validateQuestion(q.text))) };
    });
    const scoreOf = (variant: Variant) =>
      prepared.map(({ split, questions, analysed }) => selectionScores(rankedLists(split, analysed, questions, variant)));

    print(
      `### wikiqa: ${prepared.map((p) => `${p.split.name} ${p.questions.length} questions / ${p.split.index.sentenceCount} sentences`).join(', ')}\n`,
    );
    const ours = scoreOf(FULL);
    const baseline = prepared.map(({ split, questions }) => selectionScores(baselineLists(split, questions)));
    const columns = prepared.flatMap((p) => [`${p.split.name} MAP`, `${p.split.name} MRR`]);
    const cells = (scores: { map: number; mrr: number }[]) => scores.flatMap((s) => [fixed(s.map, 4), fixed(s.mrr, 4)]);
    print(
      markdownTable(
        ['system', ...columns],
        [
          ['newsdesk rankQuestion()', ...cells(ours)],
          [BASELINE_LABEL, ...cells(baseline)],
        ],
      ),
    );
    if (!common.ablation) return;

    const rows = ABLATION.map((variant) => {
      const scores = variant === FULL ? ours : scoreOf(variant);
      return [variant.label, ...cells(scores), ...scores.map((s, i) => fixed(s.map - ours[i]!.map, 4))];
    });
    print(`\n### wikiqa ablation\n`);
    print(markdownTable(['ranker', ...columns, ...prepared.map((p) => `Δ${p.split.name} MAP`)], rows));
  },
};

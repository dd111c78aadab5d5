import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Article, Span } from '../src/articles/article.js';
import { analyzeAgainst, ask, QuestionError, validateQuestion, type Excerpt } from '../src/search/ask.js';
import { indexArticles } from '../src/search/build.js';
import type { ArticleSearch, IndexedSentence } from '../src/search/article-search.js';
import type { SentenceIndex } from '../src/search/sentence-index.js';
import { ABLATION, rankVariant } from './ablation.js';
import { BASELINE_LABEL, defaultMiniSearch } from './baseline.js';
import { fixed, mean, percentile, retrievalScores } from './metrics.js';
import { attachConfiguredVectors, sample, type Protocol } from './protocol.js';
import { markdownTable } from './table.js';

export interface SquadFile {
  data: { title: string; paragraphs: { context: string; qas: { question: string; answers: { answer_start: number }[] }[] }[] }[];
}

export interface SquadQuestion {
  text: string;
  articleId: string;
  paragraph: number;
  /** Body offsets of the gold answers' starts. */
  answers: number[];
  /** Among SQuAD articles 1–24, the tuning half. */
  dev: boolean;
}

/** The first 24 articles are for tuning; the rest are only reported. */
const DEV_ARTICLES = 24;
const K = 10;
/** Questions asked again with their own article removed (an even sample), to check the confidence flag. */
const UNANSWERABLE_SAMPLE = 2000;
/** The ablation (and the lower-case check) re-rank every question again: an even sample keeps the run to minutes. */
const ABLATION_SAMPLE = 2000;

/** The protocol's corpus: one undated article per SQuAD article, its paragraphs' contexts in order. */
export function squadCorpus(file: SquadFile): { articles: Article[]; questions: SquadQuestion[] } {
  const articles: Article[] = [];
  const questions: SquadQuestion[] = [];
  file.data.forEach((entry, n) => {
    const source = `${entry.title}.txt`;
    const id = `squad/${source}`;
    const paragraphs: Span[] = [];
    let body = '';
    entry.paragraphs.forEach(({ context, qas }, p) => {
      if (body) body += '\n\n';
      const start = body.length;
      body += context;
      paragraphs.push({ start, end: body.length });
      for (const qa of qas) {
        const answers = qa.answers.map((a) => start + a.answer_start);
        questions.push({ text: qa.question, articleId: id, paragraph: p + 1, answers, dev: n < DEV_ARTICLES });
      }
    });
    articles.push({ id, corpus: 'squad', source, title: entry.title.replace(/_/g, ' '), date: null, body, paragraphs });
  });
  return { articles, questions };
}

type Located = Pick<Excerpt, 'articleId' | 'paragraph' | 'start' | 'end'>;

const located = (s: IndexedSentence): Located => ({ articleId: s.article.id, paragraph: s.paragraph, start: s.start, end: s.end });

export function correct(q: SquadQuestion, s: Located): boolean {
  return s.articleId === q.articleId && s.paragraph === q.paragraph && q.answers.some((a) => a >= s.start && a < s.end);
}

interface Outcome {
  question: SquadQuestion;
  relevant: boolean[];
  chars: number[];
  ms: number;
  confident?: boolean;
}

function askSafely(index: ArticleSearch, text: string): { results: Excerpt[]; confident: boolean } {
  try {
    return ask(index, text, { k: K });
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
    return { results: [], confident: false };
  }
}

/** Confidence flags for questions whose own article is taken out of the index: none of them can be answered. */
function askUnanswerable(index: SentenceIndex, articles: Article[], questions: SquadQuestion[]): boolean[] {
  const flags: boolean[] = [];
  for (const article of articles) {
    const own = questions.filter((q) => q.articleId === article.id);
    if (own.length === 0) continue;
    index.remove(article.id);
    for (const q of own) flags.push(askSafely(index, q.text).confident);
    indexArticles([article], index);
  }
  return flags;
}

function confidenceTable(answerable: Outcome[], unanswerable: boolean[]): string {
  const share = (n: number, of: number) => (of ? fixed(n / of) : '–');
  const sure = answerable.filter((o) => o.confident);
  const unsure = answerable.filter((o) => !o.confident);
  const hits = (list: Outcome[]) => list.filter((o) => o.relevant[0]).length;
  return markdownTable(
    ['questions', 'n', 'flagged confident', 'Hit@1 when confident', 'Hit@1 when not'],
    [
      [
        'answerable (own article indexed)',
        answerable.length,
        share(sure.length, answerable.length),
        share(hits(sure), sure.length),
        share(hits(unsure), unsure.length),
      ],
      [
        'unanswerable (own article removed)',
        unanswerable.length,
        share(unanswerable.filter(Boolean).length, unanswerable.length),
        '–',
        '–',
      ],
    ],
  );
}

function askAll(index: ArticleSearch, questions: SquadQuestion[]): Outcome[] {
  return questions.map((question) => {
    const began = performance.now();
    const { results, confident } = askSafely(index, question.text);
    const ms = performance.now() - began;
    return { question, relevant: results.map((r) => correct(question, r)), chars: results.map((r) => r.text.length), ms, confident };
  });
}

function baselineAll(index: ArticleSearch, questions: SquadQuestion[]): Outcome[] {
  const mini = defaultMiniSearch(index);
  return questions.map((question) => {
    const began = performance.now();
    const hits = mini.search(question.text).slice(0, K);
    const ms = performance.now() - began;
    const sentences = hits.map((h) => index.sentence(h.id as number)!);
    return { question, relevant: sentences.map((s) => correct(question, located(s))), chars: sentences.map((s) => s.end - s.start), ms };
  });
}

function row(label: string, set: string, outcomes: Outcome[]): (string | number)[] {
  const s = retrievalScores(outcomes.map((o) => o.relevant));
  const ms = outcomes.map((o) => o.ms);
  return [
    label,
    set,
    outcomes.length,
    fixed(s.hit1),
    fixed(s.hit3),
    fixed(s.mrr10),
    fixed(mean(outcomes.flatMap((o) => o.chars)), 0),
    `${fixed(mean(ms), 2)} / ${fixed(percentile(ms, 95), 2)}`,
  ];
}

const SETS: [string, (q: SquadQuestion) => boolean][] = [
  ['dev (articles 1–24)', (q) => q.dev],
  ['rest (articles 25–48)', (q) => !q.dev],
  ['all', () => true],
];

export const squadOpen: Protocol = {
  name: 'squad-open',
  summary: 'sentence retrieval over the 48 SQuAD v1.1 dev articles (Hit@1, Hit@3, MRR@10)',
  options: {
    squad: { type: 'string', default: '../shared/eval/squad-dev-v1.1.json', description: 'SQuAD v1.1 dev JSON file' },
  },
  async run(paths, common, print) {
    const file = JSON.parse(await readFile(paths.squad!, 'utf8')) as SquadFile;
    const corpus = squadCorpus(file);
    const index = indexArticles(corpus.articles);
    await attachConfiguredVectors(index);
    const asked = sample(common.devOnly ? corpus.questions.filter((q) => q.dev) : corpus.questions, common.limit);
    const sets = SETS.filter(([, keep]) => asked.some(keep));
    const sentenceChars: number[] = [];
    for (const article of index.allArticles())
      for (const id of article.sentenceIds) sentenceChars.push(index.sentence(id)!.end - index.sentence(id)!.start);

    const ours = askAll(index, asked);
    const baseline = baselineAll(index, asked);
    const lowerCased = askAll(
      index,
      sample(asked, ABLATION_SAMPLE).map((q) => ({ ...q, text: q.text.toLowerCase() })),
    );
    print(
      `### squad-open: ${index.sentenceCount} sentences in ${index.articleCount} articles, ${asked.length} questions; mean wink sentence length ${fixed(mean(sentenceChars), 0)} chars\n`,
    );
    print(
      markdownTable(
        ['system', 'questions', 'n', 'Hit@1', 'Hit@3', 'MRR@10', 'chars/excerpt', 'latency ms mean / p95'],
        sets
          .flatMap(([name, keep]) => [
            row(
              'newsdesk ask()',
              name,
              ours.filter((o) => keep(o.question)),
            ),
            row(
              BASELINE_LABEL,
              name,
              baseline.filter((o) => keep(o.question)),
            ),
          ])
          .concat([row('newsdesk ask(), questions lower-cased (as typed in chat)', 'all (even sample)', lowerCased)]),
      ),
    );
    print(`\n### squad-open confidence flag (\`confident\` in ask())\n`);
    print(confidenceTable(ours, askUnanswerable(index, corpus.articles, sample(asked, UNANSWERABLE_SAMPLE))));
    if (!common.ablation) return;

    const analysed = sample(asked, ABLATION_SAMPLE).flatMap((q) => {
      try {
        return [{ q, analysed: analyzeAgainst(index, validateQuestion(q.text)) }];
      } catch {
        return [];
      }
    });
    const scores = ABLATION.map((variant) =>
      retrievalScores(
        analysed.map(({ q, analysed }) =>
          rankVariant(index, analysed, variant)
            .slice(0, K)
            .map((r) => correct(q, located(r.sentence))),
        ),
      ),
    );
    const rows = scores.map((s, i) => [ABLATION[i]!.label, fixed(s.hit1), fixed(s.hit3), fixed(s.mrr10), fixed(s.hit1 - scores[0]!.hit1)]);
    print(`\n### squad-open ablation (${analysed.length} questions, ${common.devOnly ? 'dev articles only' : 'all articles'})\n`);
    print(markdownTable(['ranker', 'Hit@1', 'Hit@3', 'MRR@10', 'ΔHit@1'], rows));
  },
};

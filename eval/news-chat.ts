import { readFile } from 'node:fs/promises';
import { ask, QuestionError, type AskOptions, type AskResult, type Excerpt } from '../src/search/ask.js';
import type { ConfidenceSignals } from '../src/search/confidence.js';
import { readSettings, storageSettings } from '../src/settings.js';
import type { ArticleSearch } from '../src/search/article-search.js';
import { openIndex, type PersistentIndex } from '../src/search/open-index.js';
import { FEATURES, type Feature } from '../src/search/rank.js';
import { SentenceIndex, type AnalyzedArticle } from '../src/search/sentence-index.js';
import { TermVectors } from '../src/search/term-vectors.js';
import { BASELINE_LABEL, defaultMiniSearch } from './baseline.js';
import { confidenceScores, type Judged } from './confidence-metrics.js';
import { fixed, retrievalScores } from './metrics.js';
import { sample, type Protocol } from './protocol.js';
import { KINDS, NEWS_CHAT_FILES, SPLITS, type NewsChatQuestion } from './news-chat-data.js';
import { markdownTable } from './table.js';
import { inShorthand, ofTheArticle, openedInDiscord, typedLoosely, withTypingSlip } from './typos.js';

/**
 * news-chat (issue 9): chat-style questions over BBC + Reuters-21578 + seeds, asked in-process
 * through the same ask() and corpus naming as `npm run ask -- --corpus ../shared/corpora/bbc
 * --corpus ../shared/corpora/reuters21578 --corpus seeds --k 10 --batch`. Hit@k: the gold snippet
 * is a substring of one of the first k texts. Withheld-article questions: a split's questions asked
 * against one copy of the archive without any of that split's gold articles.
 */

export const NEWS_CHAT_CORPORA = ['../shared/corpora/bbc', '../shared/corpora/reuters21578', 'seeds'];
export const K = 10;

/** The question lines of one or more JSONL files (comma-separated paths), in file order. */
export async function readNewsChat(paths: string): Promise<NewsChatQuestion[]> {
  const questions: NewsChatQuestion[] = [];
  for (const file of paths.split(',').filter(Boolean)) {
    const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
    lines.forEach((line, n) => {
      if (!line.trim()) return;
      try {
        questions.push(JSON.parse(line) as NewsChatQuestion);
      } catch {
        throw new Error(`${file}:${n + 1}: not a JSON line`);
      }
    });
  }
  return questions;
}

/** Whether each returned text holds the gold snippet, in rank order. */
export function goldHits(gold: string, texts: readonly string[]): boolean[] {
  return texts.map((text) => text.includes(gold));
}

/** Whether the answer phrase the first result marks overlaps the short answer (undefined: no phrase, or not the gold sentence). */
export function answerShown(question: NewsChatQuestion, first: Excerpt): boolean | undefined {
  const at = first.text.indexOf(question.gold);
  if (at < 0 || !first.answer) return undefined;
  const start = at + question.gold.indexOf(question.answer);
  return first.answer.start < start + question.answer.length && first.answer.end > start;
}

/** The archive as `npm run ask` opens it (same folders, names and snapshot cache). */
export async function openArchive(corpora = NEWS_CHAT_CORPORA): Promise<PersistentIndex> {
  const storage = readSettings(process.env, storageSettings);
  return openIndex({
    corpora: corpora.map((dir) => ({ dir })),
    cacheDir: storage.indexCacheDir,
    wordVectors: storage.wordVectors,
    log: (line) => console.error(line),
  });
}

/**
 * One copy of the index without the given articles, built from the kept analyses (no NLP runs again),
 * with the archive's word vectors (an in-memory copy: it is never saved, so it records no vector file).
 */
export function withoutArticles(analysed: Iterable<AnalyzedArticle>, ids: ReadonlySet<string>, vectors = TermVectors.NONE): SentenceIndex {
  const copy = new SentenceIndex();
  copy.addAll([...analysed].filter((entry) => !ids.has(entry.article.id)));
  copy.setVectors(vectors, null);
  return copy;
}

export interface Asked {
  question: NewsChatQuestion;
  /** Gold found in each of the first K results. */
  relevant: boolean[];
  confident: boolean;
  confidence: number;
  signals?: ConfidenceSignals;
  /**
   * When the first result holds the gold sentence and marks an answer phrase in it: whether that phrase overlaps
   * the question's short answer.
   */
  answerShown?: boolean;
}

/** ask() as `--batch` runs it: a question it refuses is a line with no results, not confident. */
export function askSafely(index: ArticleSearch, text: string, options: AskOptions = {}): AskResult {
  try {
    return ask(index, text, { ...options, k: K });
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
    return { question: text, confident: false, confidence: 0, results: [], corrections: [] };
  }
}

export function askAll(index: ArticleSearch, questions: readonly NewsChatQuestion[], options: AskOptions = {}): Asked[] {
  return questions.map((question) => {
    const { results, confident, confidence, signals } = askSafely(index, question.question, options);
    return {
      question,
      relevant: goldHits(
        question.gold,
        results.map((r) => r.text),
      ),
      confident,
      confidence,
      signals,
      answerShown: results[0] && answerShown(question, results[0]),
    };
  });
}

/** The ranker's switchable features as of main when issue 9 began; any others are the new stages. */
const BRANCH_POINT_FEATURES = 'bm25 coverage proximity phrase answerType title context position short cutOff synonyms'.split(' ');
export const NEW_STAGES: readonly Feature[] = FEATURES.filter((f) => !BRANCH_POINT_FEATURES.includes(f));
/** main's rule at the branch point: confident when the top sentence covers this IDF share of the question. */
const BRANCH_POINT_COVERAGE = 0.55;

interface System {
  label: string;
  answerable: Asked[];
  /** Confidence flags of the withheld-article questions (absent for a system without a flag). */
  withheld?: boolean[];
}

const byKind = (kind: string) => (a: Asked) => kind === 'all' || a.question.kind === kind;
const judged = (list: Asked[]): Judged[] => list.map((a) => ({ right: a.relevant[0] === true, confident: a.confident }));
const cell = (n: number) => (Number.isNaN(n) ? '–' : fixed(n));

function systemRow(system: System, split: string): (string | number)[] {
  const s = retrievalScores(system.answerable.map((a) => a.relevant));
  const kinds = KINDS.map((kind) => cell(retrievalScores(system.answerable.filter(byKind(kind)).map((a) => a.relevant)).hit1));
  const c = system.label === BASELINE_LABEL ? null : confidenceScores(judged(system.answerable), system.withheld ?? []);
  return [
    system.label,
    split,
    system.answerable.length,
    fixed(s.hit1),
    fixed(s.hit3),
    fixed(s.mrr10),
    ...kinds,
    c ? fixed(c.share) : '–',
    c ? cell(c.precision) : '–',
    c && system.withheld ? fixed(c.withheld) : '–',
  ];
}

function kindRows(answerable: Asked[], split: string): (string | number)[][] {
  return [...KINDS, 'all'].map((kind) => {
    const list = answerable.filter(byKind(kind));
    const s = retrievalScores(list.map((a) => a.relevant));
    const c = confidenceScores(judged(list), []);
    const shown = list.filter((a) => a.answerShown !== undefined);
    const spans = `${shown.filter((a) => a.answerShown).length} of ${shown.length}`;
    return [split, kind, list.length, fixed(s.hit1), fixed(s.hit3), fixed(s.mrr10), fixed(c.share), cell(c.precision), spans];
  });
}

type Search = (text: string) => string[];

/** MiniSearch defaults over the same sentences, queried with the raw question: the texts of its first K hits. */
function baselineSearch(index: ArticleSearch): Search {
  const mini = defaultMiniSearch(index);
  return (text) =>
    mini
      .search(text)
      .slice(0, K)
      .map((hit) => {
        const s = index.sentence(hit.id as number)!;
        return s.article.body.slice(s.start, s.end);
      });
}

/** main's confidence rule at the branch point, applied to a ranked answer's top coverage. */
const branchPointRule = (a: Asked) => ({ ...a, confident: (a.signals?.coverage ?? 0) >= BRANCH_POINT_COVERAGE });

/** The same questions typed as people type in chat, each a row of its own: answers should not change. */
const TYPINGS: readonly { label: string; retype: (question: string, id: string) => string }[] = [
  { label: 'newsdesk ask(), one typing slip per question', retype: withTypingSlip },
  { label: 'newsdesk ask(), typed loosely (a chat opening or closing, capitals, or "exactly")', retype: typedLoosely },
  { label: 'newsdesk ask(), in chat shorthand ("y", "wat", "u", "r", "b4", "w/")', retype: inShorthand },
  { label: 'newsdesk ask(), asked of the article ("in the bbc article, …", "… according to the story")', retype: ofTheArticle },
  { label: 'newsdesk ask(), opened as in Discord ("can you explain …", "wait, …", "newsdesk …")', retype: openedInDiscord },
];

/**
 * Every system on one split's questions: the full pipeline; today's ranker (the new stages off, main's
 * confidence rule); each new stage off in turn (no withheld run: the ablation is about ranking); the
 * MiniSearch baseline. The withheld copy lives only while this split is asked.
 */
function splitSystems(archive: PersistentIndex, questions: NewsChatQuestion[], baseline: Search, ablation: boolean): System[] {
  const { index } = archive;
  const copy = withoutArticles(archive.analyzedArticles(), new Set(questions.map((q) => q.file)), archive.index.vectors);
  const today = { disabled: new Set(NEW_STAGES) };
  const systems: System[] = [
    { label: 'newsdesk ask()', answerable: askAll(index, questions), withheld: askAll(copy, questions).map((a) => a.confident) },
    {
      label: `today's ranker (${NEW_STAGES.length ? 'new stages off, ' : ''}main's rule: confident when coverage ≥ ${BRANCH_POINT_COVERAGE})`,
      answerable: askAll(index, questions, today).map(branchPointRule),
      withheld: askAll(copy, questions, today).map((a) => branchPointRule(a).confident),
    },
  ];
  for (const { label, retype } of TYPINGS) {
    const retyped = questions.map((q) => ({ ...q, question: retype(q.question, q.id) }));
    systems.push({ label, answerable: askAll(index, retyped), withheld: askAll(copy, retyped).map((a) => a.confident) });
  }
  if (ablation)
    for (const stage of NEW_STAGES)
      systems.push({ label: `without ${stage}`, answerable: askAll(index, questions, { disabled: new Set([stage]) }) });
  systems.push({
    label: BASELINE_LABEL,
    answerable: questions.map((question) => ({
      question,
      relevant: goldHits(question.gold, baseline(question.question)),
      confident: false,
      confidence: 0,
    })),
  });
  return systems;
}

export const newsChat: Protocol = {
  name: 'news-chat',
  summary: 'chat-style questions over BBC + Reuters + seeds as npm run ask answers them (Hit@1, Hit@3, MRR@10, confidence)',
  options: {
    'news-chat': {
      type: 'string',
      default: NEWS_CHAT_FILES.join(','),
      description: 'question file(s), JSON lines {id, question, file, gold, answer, kind, split}; several comma-separated',
    },
    'news-chat-corpora': {
      type: 'string',
      default: NEWS_CHAT_CORPORA.join(','),
      description: 'the corpus folders, comma-separated, as --corpus flags of npm run ask',
    },
  },
  async run(paths, common, print) {
    const all = await readNewsChat(paths['news-chat']!);
    const splits = common.devOnly ? ['dev'] : [...SPLITS];
    const questions = splits.flatMap((split) =>
      sample(
        all.filter((q) => q.split === split),
        common.limit,
      ),
    );
    const archive = await openArchive(paths['news-chat-corpora']!.split(','));
    const { index } = archive;
    print(
      `### news-chat: ${questions.length} questions (${splits.join(', ')}), ${index.sentenceCount} sentences in ${index.articleCount} articles\n`,
    );

    const baseline = baselineSearch(index);
    const bySplit = splits.map((split) => ({
      split,
      systems: splitSystems(
        archive,
        questions.filter((q) => q.split === split),
        baseline,
        common.ablation,
      ),
    }));
    print(
      markdownTable(
        [
          'system',
          'split',
          'n',
          'Hit@1',
          'Hit@3',
          'MRR@10',
          ...KINDS.map((k) => `Hit@1 ${k}`),
          'confident share',
          'precision when confident',
          'withheld-article confident',
        ],
        bySplit.flatMap(({ split, systems }) => systems.map((system) => systemRow(system, split))),
      ),
    );
    print(`\n### news-chat by kind (newsdesk ask())\n`);
    print(
      markdownTable(
        ['split', 'kind', 'n', 'Hit@1', 'Hit@3', 'MRR@10', 'confident share', 'precision when confident', 'answer phrase right'],
        bySplit.flatMap(({ split, systems }) => kindRows(systems[0]!.answerable, split)),
      ),
    );
  },
};

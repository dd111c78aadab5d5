/**
 * The news-chat question set (issue 9): chat-style questions over BBC and Reuters-21578 articles, one
 * per article, each with a verbatim gold snippet of its answer sentence. eval/data/news-chat.jsonl holds
 * the first 240 (the first 120 usable articles of each corpus's draw), news-chat-2.jsonl 99 more written
 * later the same way over the rest of the draw (2026-11-30), to halve the noise of tuning and reporting,
 * news-chat-3.jsonl 100 more over the draw extended to 220 articles per corpus (2026-11-30, later),
 * news-chat-4.jsonl 100 more over the draw extended to 280 (articles 221–270 of each corpus; 2026-11-30, night).
 * Its rules live here as pure functions over the lines and a view of the archive, so that the check
 * script and its tests share them.
 *
 * Split: by article (one question per article, so each file is in one split), alternating dev, test
 * in draw order: the BBC half within each kind, the Reuters half over all its questions. Both keep
 * the splits the same size with the same mix of kinds (the check verifies the mix).
 */
import { markdownTable } from './table.js';

/** The question files, read as one set. */
export const NEWS_CHAT_FILES = [
  'eval/data/news-chat.jsonl',
  'eval/data/news-chat-2.jsonl',
  'eval/data/news-chat-3.jsonl',
  'eval/data/news-chat-4.jsonl',
];

export const KINDS = ['lexical', 'paraphrase', 'discourse', 'acronym'] as const;
export type Kind = (typeof KINDS)[number];
export const SPLITS = ['dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** Target share of each kind, over the whole file and over each split. */
export const KIND_QUOTAS: Record<Kind, number> = { lexical: 0.25, paraphrase: 0.3, discourse: 0.3, acronym: 0.15 };

export interface NewsChatQuestion {
  id: string;
  question: string;
  /** Path relative to the corpora folder, e.g. bbc/tech/032.txt. */
  file: string;
  /** A verbatim snippet of the answer sentence, unique in the whole archive. */
  gold: string;
  /** The short answer, inside gold. */
  answer: string;
  kind: Kind;
  split: Split;
}

/** What the rules need to know about the archive. */
export interface ArchiveView {
  /** The body of an article (undefined when there is no such file). */
  bodyOf(file: string): string | undefined;
  /** How many times `text` occurs in the raw text of all archive files, counting up to `limit`. */
  occurrences(text: string, limit: number): number;
}

export interface CheckOptions {
  minLines: number;
  /** Allowed distance of a kind's share from its quota (0.02 = ±2 percentage points). */
  quotaTolerance: number;
  /** Allowed difference between the splits' sizes, as a share of all lines. */
  splitSizeTolerance: number;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = { minLines: 240, quotaTolerance: 0.02, splitSizeTolerance: 0.05 };

export interface Problem {
  /** 1-based line number, or null for a rule over the whole set. */
  line: number | null;
  message: string;
}

export interface CheckResult {
  questions: NewsChatQuestion[];
  problems: Problem[];
}

const MIN_WORDS = 4;
const MAX_WORDS = 14;
const FIELDS = ['id', 'question', 'file', 'gold', 'answer', 'kind', 'split'] as const;

/** Archive view over in-memory texts keyed by path; a body is what follows the header line and blank lines. */
export function archiveFromTexts(texts: ReadonlyMap<string, string>): ArchiveView {
  const all = [...texts.values()].join('\u0000');
  return {
    bodyOf: (file) => {
      const text = texts.get(file);
      return text === undefined ? undefined : text.slice(text.indexOf('\n') + 1).replace(/^\s+/, '');
    },
    occurrences: (snippet, limit) => {
      let count = 0;
      for (let at = all.indexOf(snippet); at >= 0 && count < limit; at = all.indexOf(snippet, at + 1)) count++;
      return count;
    },
  };
}

function parseLine(raw: string, line: number, problems: Problem[]): NewsChatQuestion | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    problems.push({ line, message: 'not valid JSON' });
    return null;
  }
  const record = value as Record<string, unknown>;
  const missing = FIELDS.filter((f) => typeof record?.[f] !== 'string' || !record[f]);
  if (missing.length) {
    problems.push({ line, message: `missing or non-string field(s): ${missing.join(', ')}` });
    return null;
  }
  const q = record as unknown as NewsChatQuestion;
  if (!KINDS.includes(q.kind)) problems.push({ line, message: `unknown kind "${q.kind}"` });
  if (!SPLITS.includes(q.split)) problems.push({ line, message: `unknown split "${q.split}"` });
  return q;
}

function checkQuestion(q: NewsChatQuestion, line: number, archive: ArchiveView, problems: Problem[]): void {
  const fail = (message: string) => void problems.push({ line, message });
  if (q.question !== q.question.toLowerCase()) fail('question is not all lowercase');
  const words = q.question.trim().split(/\s+/).length;
  if (words < MIN_WORDS || words > MAX_WORDS) fail(`question has ${words} words (want ${MIN_WORDS}–${MAX_WORDS})`);
  if (!q.gold.includes(q.answer)) fail('answer is not inside gold');
  if (/\n/.test(q.gold)) fail('gold spans a line break');
  const body = archive.bodyOf(q.file);
  if (body === undefined) return fail(`no such article file: ${q.file}`);
  if (!body.includes(q.gold)) fail(`gold not found in the body of ${q.file}`);
  if (archive.occurrences(q.gold, 2) > 1) fail('gold occurs more than once in the archive');
}

function share(count: number, total: number): number {
  return total ? count / total : 0;
}

function checkQuotas(questions: NewsChatQuestion[], label: string, tolerance: number, problems: Problem[]): void {
  for (const kind of KINDS) {
    const got = share(questions.filter((q) => q.kind === kind).length, questions.length);
    if (Math.abs(got - KIND_QUOTAS[kind]) > tolerance + 1e-9) {
      problems.push({
        line: null,
        message: `${label}: ${kind} is ${(got * 100).toFixed(1)}% (want ${KIND_QUOTAS[kind] * 100}% ± ${tolerance * 100})`,
      });
    }
  }
}

function checkSet(entries: { q: NewsChatQuestion; line: number }[], options: CheckOptions, problems: Problem[]): void {
  const questions = entries.map((e) => e.q);
  if (questions.length < options.minLines)
    problems.push({ line: null, message: `${questions.length} lines (want at least ${options.minLines})` });
  const firstLineOf = new Map<string, number>();
  const firstIdOf = new Map<string, number>();
  for (const { q, line } of entries) {
    const fileLine = firstLineOf.get(q.file);
    if (fileLine !== undefined) problems.push({ line, message: `second question on ${q.file} (first on line ${fileLine})` });
    else firstLineOf.set(q.file, line);
    const idLine = firstIdOf.get(q.id);
    if (idLine !== undefined) problems.push({ line, message: `id ${q.id} repeats line ${idLine}` });
    else firstIdOf.set(q.id, line);
  }
  checkQuotas(questions, 'all', options.quotaTolerance, problems);
  for (const split of SPLITS) {
    checkQuotas(
      questions.filter((q) => q.split === split),
      split,
      options.quotaTolerance,
      problems,
    );
  }
  const [dev, test] = SPLITS.map((s) => questions.filter((q) => q.split === s).length);
  if (Math.abs(dev! - test!) > options.splitSizeTolerance * questions.length) {
    problems.push({ line: null, message: `splits differ in size: dev ${dev}, test ${test}` });
  }
}

/** Checks the JSONL text of a question set against the archive; an empty problem list means it passes. */
export function checkNewsChat(jsonl: string, archive: ArchiveView, options: CheckOptions = DEFAULT_CHECK_OPTIONS): CheckResult {
  const problems: Problem[] = [];
  const entries: { q: NewsChatQuestion; line: number }[] = [];
  jsonl.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const q = parseLine(raw, i + 1, problems);
    if (!q) return;
    checkQuestion(q, i + 1, archive, problems);
    entries.push({ q, line: i + 1 });
  });
  checkSet(entries, options, problems);
  return { questions: entries.map((e) => e.q), problems };
}

/** Counts per kind and split, with shares, as a markdown table. */
export function summaryTable(questions: NewsChatQuestion[]): string {
  const cell = (subset: NewsChatQuestion[], kind?: Kind) => {
    const n = kind ? subset.filter((q) => q.kind === kind).length : subset.length;
    return kind ? `${n} (${(share(n, subset.length) * 100).toFixed(1)}%)` : String(n);
  };
  const columns = [...SPLITS.map((s) => questions.filter((q) => q.split === s)), questions];
  const rows = [...KINDS, undefined].map((kind) => [kind ?? 'total', ...columns.map((c) => cell(c, kind))]);
  return markdownTable(['kind', ...SPLITS, 'all'], rows);
}

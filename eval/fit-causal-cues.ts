/**
 * Learns the words that mark a causal statement, for the answer type of "why" questions:
 * `npx tsx eval/fit-causal-cues.ts [--shared DIR] [FILE...]` takes each dev why-question's gold sentence
 * against the other sentences of its article, and writes the connective words much likelier in the gold
 * sentences (in at least MIN_GOLD of them, MIN_LIFT times as often as chance, and more often than chance
 * explains: see poissonTail) to src/search/causal-cues.json. The questions are the news-chat lines of the DEV
 * split (FILE..., default NEWS_CHAT_FILES) and the why-questions of SQuAD's tuning half (articles 1–24): a
 * dozen chat questions alone would learn whichever connectives they happen to share. A re-tune is this one command.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Article } from '../src/articles/article.js';
import { parseArticleBytes } from '../src/articles/parse.js';
import { analyzeText } from '../src/nlp/analyze.js';
import { analyzeArticle } from '../src/nlp/article-sentences.js';
import { analyzeQuestion } from '../src/nlp/question.js';
import { readNewsChat } from './news-chat.js';
import { NEWS_CHAT_FILES } from './news-chat-data.js';
import { squadCorpus, type SquadFile } from './squad-open.js';

const MIN_GOLD = 3;
const SIGNIFICANCE = 0.05;
/**
 * And at least this many times likelier in a gold sentence than chance: a word in a third of all sentences
 * ("for") can pass the test on numbers alone, yet marks every other sentence as causal.
 */
const MIN_LIFT = 3;
const OUT = 'src/search/causal-cues.json';

/**
 * Causal wording is grammatical ("because", "so", "due to", "as a result of"): the candidates are connective
 * words and pairs ending in a preposition, so that a topic word that happens to be in a few gold sentences
 * ("government", "prices") is never one.
 */
const CONNECTIVES = new Set(['SCONJ', 'ADP', 'ADV', 'CCONJ']);
const WORD = /^[a-z]+$/i;
/** Pairs led by these ("price of", "aid to") name a topic, not a connection. */
const CONTENT = new Set(['NOUN', 'PROPN', 'NUM', 'PRON', 'DET']);
function cueCandidates(text: string): Set<string> {
  const found = new Set<string>();
  for (const { tokens } of analyzeText(text))
    tokens.forEach((token, i) => {
      if (!WORD.test(token.value)) return;
      if (CONNECTIVES.has(token.pos)) found.add(token.value.toLowerCase());
      const next = tokens[i + 1];
      if (!CONTENT.has(token.pos) && next?.pos === 'ADP' && WORD.test(next.value)) found.add(`${token.value} ${next.value}`.toLowerCase());
    });
  return found;
}

/** A why-question's article and where its answer lies: a sentence is gold when it holds one of `answers` (body offsets). */
interface WhyQuestion {
  article: Article;
  answers: number[];
}

const isWhy = (question: string) => analyzeQuestion(question).type === 'reason';

async function newsChatQuestions(files: string, corpora: string): Promise<WhyQuestion[]> {
  const lines = (await readNewsChat(files)).filter((l) => l.split === 'dev' && isWhy(l.question));
  const questions: WhyQuestion[] = [];
  for (const line of lines) {
    const [corpus, ...rest] = line.file.split('/');
    const parsed = parseArticleBytes(await readFile(path.join(corpora, line.file)), corpus!, rest.join('/'));
    if (parsed.ok) questions.push({ article: parsed.article, answers: [parsed.article.body.indexOf(line.gold)] });
  }
  return questions;
}

async function squadQuestions(file: string): Promise<WhyQuestion[]> {
  const { articles, questions } = squadCorpus(JSON.parse(await readFile(file, 'utf8')) as SquadFile);
  const byId = new Map(articles.map((a) => [a.id, a]));
  return questions.filter((q) => q.dev && isWhy(q.text)).map((q) => ({ article: byId.get(q.articleId)!, answers: q.answers }));
}

/** P(X ≥ n) for X ~ Poisson(mean): how likely a word is in n gold sentences by chance, given how common it is. */
function poissonTail(n: number, mean: number): number {
  let term = Math.exp(-mean);
  let below = 0;
  for (let k = 0; k < n; k++) {
    below += term;
    term *= mean / (k + 1);
  }
  return Math.max(0, 1 - below);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { shared: { type: 'string' } } });
const shared = values.shared ?? '../shared';
const chat = await newsChatQuestions((positionals.length ? positionals : NEWS_CHAT_FILES).join(','), path.join(shared, 'corpora'));
const squad = await squadQuestions(path.join(shared, 'eval', 'squad-dev-v1.1.json'));

// Each sentence counts once, however many questions it answers (SQuAD asks several of one paragraph).
const goldAt = new Map<Article, number[]>();
for (const { article, answers } of [...chat, ...squad]) goldAt.set(article, [...(goldAt.get(article) ?? []), ...answers]);
const gold = new Map<string, number>();
const other = new Map<string, number>();
let goldCount = 0;
let otherCount = 0;
for (const [article, answers] of goldAt) {
  for (const sentence of analyzeArticle(article).sentences) {
    const isGold = answers.some((at) => at >= sentence.start && at < sentence.end);
    for (const word of cueCandidates(article.body.slice(sentence.start, sentence.end))) {
      const counts = isGold ? gold : other;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    if (isGold) goldCount++;
    else otherCount++;
  }
}
const total = goldCount + otherCount;
const candidates = [...gold].filter(([, n]) => n >= MIN_GOLD);
// Hundreds of candidates are tested at once: a cue must pass the test at SIGNIFICANCE shared among them all (Bonferroni).
const cues = candidates
  .map(([word, n]) => ({ word, n, expected: ((n + (other.get(word) ?? 0)) * goldCount) / total }))
  .map((c) => ({ ...c, p: poissonTail(c.n, c.expected) }))
  .filter((c) => c.p < SIGNIFICANCE / candidates.length && c.n >= MIN_LIFT * c.expected)
  .sort((a, b) => a.p - b.p || a.word.localeCompare(b.word))
  // "because of" says nothing "because" does not already match.
  .filter((c, _, all) => !all.some((shorter) => c.word.startsWith(`${shorter.word} `)));
const questions = chat.length + squad.length;
// Written as prettier prints it, so a re-tune leaves a clean diff.
const list = JSON.stringify(cues.map((c) => c.word)).replace(/","/g, '", "');
writeFileSync(OUT, `{\n  "questions": ${questions},\n  "cues": ${list}\n}\n`);
console.log(
  `${chat.length} news-chat and ${squad.length} SQuAD why-questions, ${goldCount} gold sentences: ${cues.map((c) => `${c.word} (${c.n}, ${(c.n / c.expected).toFixed(1)}× chance, p ${c.p.toExponential(1)})`).join(', ')}`,
);

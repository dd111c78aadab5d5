/**
 * Learns the words that mark a causal statement, for the answer type of "why" questions:
 * `npx tsx eval/fit-causal-cues.ts [--shared DIR] FILE...` reads news-chat lines (DEV split only), takes
 * each why-question's gold sentence against the other sentences of its article, and writes the connective
 * words much likelier in the gold sentences (smoothed log-odds, seen in at least MIN_GOLD of them) to
 * src/search/causal-cues.json. A re-tune is this one command.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseArticleBytes } from '../src/articles/parse.js';
import { analyzeText } from '../src/nlp/analyze.js';
import { analyzeArticle } from '../src/nlp/article-sentences.js';
import { analyzeQuestion } from '../src/nlp/question.js';
import { readNewsChat } from './news-chat.js';

const MIN_GOLD = 2;
const MIN_LOG_ODDS = 1;
const MAX_CUES = 24;
const OUT = 'src/search/causal-cues.json';

/**
 * Causal wording is grammatical ("because", "due to", "so"): only connective word classes are candidates,
 * so that a topic word that happens to be in a few gold sentences ("government", "prices") is never learned.
 */
const CONNECTIVES = new Set(['SCONJ', 'ADP', 'ADV', 'CCONJ']);
const words = (text: string) =>
  new Set(
    analyzeText(text)
      .flatMap((s) => s.tokens)
      .filter((t) => CONNECTIVES.has(t.pos) && /^[a-z]+$/i.test(t.value))
      .map((t) => t.value.toLowerCase()),
  );

const { values, positionals } = parseArgs({ allowPositionals: true, options: { shared: { type: 'string' } } });
const corpora = path.join(values.shared ?? '../shared', 'corpora');
const lines = (await readNewsChat(positionals.join(','))).filter((l) => l.split === 'dev' && analyzeQuestion(l.question).type === 'reason');

const gold = new Map<string, number>();
const other = new Map<string, number>();
let goldCount = 0;
let otherCount = 0;
for (const line of lines) {
  const [corpus, ...rest] = line.file.split('/');
  const parsed = parseArticleBytes(readFileSync(path.join(corpora, line.file)), corpus!, rest.join('/'));
  if (!parsed.ok) continue;
  const { body } = parsed.article;
  const at = body.indexOf(line.gold);
  for (const sentence of analyzeArticle(parsed.article).sentences) {
    const isGold = at >= sentence.start && at < sentence.end;
    for (const word of words(body.slice(sentence.start, sentence.end))) {
      const counts = isGold ? gold : other;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    if (isGold) goldCount++;
    else otherCount++;
  }
}
const cues = [...gold]
  .filter(([, n]) => n >= MIN_GOLD)
  .map(([word, n]) => ({ word, odds: Math.log((n + 0.5) / (goldCount + 1)) - Math.log(((other.get(word) ?? 0) + 0.5) / (otherCount + 1)) }))
  .filter((c) => c.odds >= MIN_LOG_ODDS)
  .sort((a, b) => b.odds - a.odds || a.word.localeCompare(b.word))
  .slice(0, MAX_CUES);
// Written as prettier prints it, so a re-tune leaves a clean diff.
const list = JSON.stringify(cues.map((c) => c.word)).replace(/","/g, '", "');
writeFileSync(OUT, `{\n  "questions": ${lines.length},\n  "cues": ${list}\n}\n`);
console.log(`${lines.length} why-questions, ${goldCount} gold sentences: ${cues.map((c) => `${c.word} ${c.odds.toFixed(2)}`).join(', ')}`);

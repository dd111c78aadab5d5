/**
 * Quick tuning measure on the news-chat DEV half only: `npx tsx eval/news-chat-dev.ts [--show] FILE...`.
 * Asks each dev question against BBC + Reuters + seeds (the snapshot cache makes repeated runs fast) and
 * prints Hit@1 / Hit@3 per kind (gold snippet a substring of a result's text). Test lines are never read
 * past their split field.
 */
import { parseArgs } from 'node:util';
import { ask } from '../src/search/ask.js';
import { openIndex } from '../src/search/open-index.js';
import { readDevLines } from './news-chat-lines.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { show: { type: 'boolean' }, shared: { type: 'string' }, cache: { type: 'string' } },
});
const shared = values.shared ?? '../shared';
const cacheDir = values.cache ?? './data/cache';
const lines = readDevLines(positionals);
const opened = await openIndex({
  corpora: [{ dir: `${shared}/corpora/bbc` }, { dir: `${shared}/corpora/reuters21578` }, { dir: 'seeds' }],
  cacheDir,
  log: (m) => console.error(m),
});
const byKind = new Map<string, { n: number; hit1: number; hit3: number }>();
for (const line of lines) {
  const texts = ask(opened.index, line.question, { k: 10 }).results.map((r) => r.text);
  const rank = texts.findIndex((t) => t.includes(line.gold));
  for (const kind of [line.kind, 'all']) {
    const row = byKind.get(kind) ?? { n: 0, hit1: 0, hit3: 0 };
    row.n++;
    if (rank === 0) row.hit1++;
    if (rank >= 0 && rank < 3) row.hit3++;
    byKind.set(kind, row);
  }
  if (values.show && rank !== 0)
    console.log(`[${line.kind}] rank ${rank} | ${line.question}\n   gold: ${line.gold}\n   got:  ${texts[0] ?? '-'}`);
}
for (const [kind, { n, hit1, hit3 }] of [...byKind].sort())
  console.log(`${kind.padEnd(11)} n=${String(n).padStart(3)}  Hit@1 ${(hit1 / n).toFixed(3)}  Hit@3 ${(hit3 / n).toFixed(3)}`);

/**
 * Checks the news-chat question set (rules in eval/news-chat-data.ts) against the archive: BBC and
 * Reuters-21578 under ../shared/corpora plus ../shared/seeds. Several files are checked as one set.
 * Prints a summary table and every problem with its line; exits 1 on any problem.
 *
 *   npx tsx eval/check-news-chat.ts [--shared DIR] [FILE...]   (default: NEWS_CHAT_FILES, eval/data/news-chat*.jsonl)
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listArticleFiles } from '../src/articles/load.js';
import { archiveFromTexts, checkNewsChat, NEWS_CHAT_FILES, summaryTable } from './news-chat-data.js';

const ARCHIVE_FOLDERS = ['corpora/bbc', 'corpora/reuters21578', 'seeds'];

/** Every archive file's raw text, keyed by its path relative to the corpora folder (seeds as seeds/…). */
async function readArchive(shared: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const folder of ARCHIVE_FOLDERS) {
    const dir = path.join(shared, folder);
    const prefix = folder.replace(/^corpora\//, '');
    for (const file of await listArticleFiles(dir)) texts.set(`${prefix}/${file}`, await readFile(path.join(dir, file), 'utf8'));
  }
  return texts;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { shared: { type: 'string', default: '../shared' } },
    allowPositionals: true,
  });
  const files = positionals.length ? positionals : NEWS_CHAT_FILES;
  const parts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  // Lines of all files are checked as one set; each line is reported as file:line.
  const origins = parts.flatMap((text, i) =>
    text
      .replace(/\n$/, '')
      .split('\n')
      .map((_, n) => `${files[i]}:${n + 1}`),
  );
  const jsonl = parts.map((text) => text.replace(/\n$/, '')).join('\n');

  const { questions, problems } = checkNewsChat(jsonl, archiveFromTexts(await readArchive(values.shared!)));
  console.log(summaryTable(questions));
  for (const p of problems) console.log(`${p.line === null ? 'set' : origins[p.line - 1]}: ${p.message}`);
  console.log(problems.length ? `${problems.length} problem(s)` : `ok: ${questions.length} questions`);
  process.exitCode = problems.length ? 1 : 0;
}

await main();

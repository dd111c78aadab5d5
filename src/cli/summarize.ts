import type { ArticleSearch } from '../search/article-search.js';
import { findArticle } from '../search/find-article.js';
import { DEFAULT_SENTENCES, summarizeArticle } from '../summarize/summarize.js';
import { summarizeTopic, SummaryError } from '../summarize/topic.js';
import { CACHE_OPTIONS, CACHE_USAGE, openCorpusIndex, parseCommandLine, runMain, stdinLines, usageError, wholeNumber } from './common.js';
import { summaryJson, summaryText } from './summary-format.js';

const USAGE = `Usage: npm run summarize -- [--corpus DIR]... [--sentences N] (--article SOURCE | --topic "query") [--from D] [--to D] [--json] [--cache DIR | --no-cache]
       npm run summarize -- [--corpus DIR]... --batch < lines of SOURCE<TAB>N

  --corpus DIR     a folder of articles (repeatable; default ./seeds)
  --sentences N    summary length in sentences (1-20, default 3)
  --article SOURCE summarise one article (its path inside the corpus folder, or corpus/path)
  --topic QUERY    summarise what the articles say about a topic, naming each sentence's article
  --from, --to D   only articles dated within these days (YYYY-MM-DD; with --topic)
  --json           print one JSON line: {"sentences": [{"text", "title", "date", "source", "paragraph"}]}
  --batch          read SOURCE<TAB>N lines from stdin; print one JSON line each, in order
${CACHE_USAGE}
  --help           show this help`;

const MAX_SENTENCES = 20;

const usage = (message: string) => usageError(message, USAGE);
const sentenceCount = (raw: string | undefined) => wholeNumber(raw, DEFAULT_SENTENCES, 1, MAX_SENTENCES);

/** One batch line `SOURCE<TAB>N` → its JSON answer line. */
function batchLine(index: ArticleSearch, line: string): object {
  const [source = '', count, ...rest] = line.split('\t');
  const sentences = sentenceCount(count);
  if (count === undefined || rest.length || sentences === null)
    return { source, error: `want SOURCE<TAB>N with N from 1 to ${MAX_SENTENCES}` };
  const found = findArticle(index.allArticles(), source);
  if (!found.ok) return { source, error: found.reason };
  return { source, sentences: summaryJson(summarizeArticle(index, found.article, { sentences })) };
}

/** Exit codes: 0 summarised, 1 nothing could be summarised (unknown article, no match), 2 bad usage or missing corpus. */
async function main(): Promise<number> {
  const args = parseCommandLine(USAGE, {
    options: {
      corpus: { type: 'string', multiple: true },
      sentences: { type: 'string' },
      article: { type: 'string' },
      topic: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
      batch: { type: 'boolean' },
      help: { type: 'boolean' },
      ...CACHE_OPTIONS,
    },
  });
  if (typeof args === 'number') return args;
  const { values } = args;
  const sentences = sentenceCount(values.sentences);
  if (sentences === null) return usage(`--sentences must be a whole number from 1 to ${MAX_SENTENCES}.`);
  const modes = [values.article !== undefined, values.topic !== undefined, Boolean(values.batch)].filter(Boolean).length;
  if (modes !== 1) return usage('Give exactly one of --article SOURCE, --topic "query" or --batch.');
  if ((values.from || values.to) && values.topic === undefined) return usage('--from and --to go with --topic.');

  const index = await openCorpusIndex(values.corpus, values);
  if (!index) return 2;

  if (values.batch) {
    for await (const line of stdinLines()) console.log(JSON.stringify(batchLine(index, line)));
    return 0;
  }

  const fail = (message: string) => {
    if (values.json) console.log(JSON.stringify({ sentences: [], error: message }));
    console.error(message);
    return 1;
  };
  let chosen;
  if (values.article !== undefined) {
    const found = findArticle(index.allArticles(), values.article);
    if (!found.ok) return fail(found.reason);
    chosen = summarizeArticle(index, found.article, { sentences });
    if (chosen.length === 0) return fail(`"${found.article.source}" has no complete sentence to quote.`);
  } else {
    try {
      chosen = summarizeTopic(index, values.topic!, { sentences, from: values.from, to: values.to }).sentences;
    } catch (error) {
      if (!(error instanceof SummaryError)) throw error;
      return fail(error.message);
    }
    if (chosen.length === 0) return fail('Nothing in the articles matches this topic (in that date range). Try other words.');
  }
  console.log(values.json ? JSON.stringify({ sentences: summaryJson(chosen) }) : summaryText(chosen));
  return 0;
}

runMain('summarize', main);

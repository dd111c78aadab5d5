import { ask, MAX_RESULTS, QuestionError } from '../search/ask.js';
import { CACHE_OPTIONS, CACHE_USAGE, openCorpusIndex, parseCommandLine, runMain, stdinLines, usageError, wholeNumber } from './common.js';
import { askJson, askText } from './format.js';

const USAGE = `Usage: npm run ask -- [--corpus DIR]... [--k N] [--json] [--batch] [--cache DIR | --no-cache] [QUESTION]

  --corpus DIR  a folder of articles (repeatable; default ./seeds)
  --k N         how many excerpts to show (1-10, default 3)
  --json        print one JSON line instead of text
  --batch       read questions from stdin, one per line; print one JSON line each
${CACHE_USAGE}
  --help        show this help`;

/** Exit codes: 0 answered, 1 the question could not be answered, 2 bad usage or missing corpus. */
async function main(): Promise<number> {
  const args = parseCommandLine(USAGE, {
    allowPositionals: true,
    options: {
      corpus: { type: 'string', multiple: true },
      k: { type: 'string' },
      json: { type: 'boolean' },
      batch: { type: 'boolean' },
      help: { type: 'boolean' },
      ...CACHE_OPTIONS,
    },
  });
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  const k = wholeNumber(values.k, 3, 1, MAX_RESULTS);
  if (k === null) return usageError(`--k must be a whole number from 1 to ${MAX_RESULTS}.`);
  if (!values.batch && positionals.length === 0) {
    return usageError('Give a question to ask.', USAGE);
  }

  const index = await openCorpusIndex(values.corpus, values);
  if (!index) return 2;

  if (values.batch) {
    for await (const line of stdinLines()) {
      try {
        console.log(JSON.stringify(askJson(ask(index, line, { k }))));
      } catch (error) {
        const message = error instanceof QuestionError ? error.message : `internal error: ${(error as Error).message}`;
        console.log(JSON.stringify({ question: line, error: message }));
      }
    }
    return 0;
  }

  try {
    const result = ask(index, positionals.join(' '), { k });
    console.log(values.json ? JSON.stringify(askJson(result)) : askText(result));
    return 0;
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
    if (values.json) console.log(JSON.stringify({ question: positionals.join(' '), error: error.message }));
    console.error(error.message);
    return 1;
  }
}

runMain('ask', main);

import { parseArgs } from 'node:util';
import { bbcSummary } from './bbc-summary.js';
import { newsChat } from './news-chat.js';
import type { Protocol } from './protocol.js';
import { squadOpen } from './squad-open.js';
import { wikiqa } from './wikiqa.js';

/** Every protocol of ../shared/README.md that `npm run eval` knows; adding one is one line here. */
const PROTOCOLS: Protocol[] = [squadOpen, wikiqa, bbcSummary, newsChat];

const USAGE = `Usage: npm run eval -- [--protocol NAME]... [--limit N] [--dev-only] [--no-ablation] [data paths]

  --protocol NAME  run only this protocol (repeatable; default: all)
  --limit N        at most N questions per set, an even sample (quick tuning runs)
  --dev-only       only the tuning data (SQuAD articles 1–24, WikiQA dev)
  --no-ablation    skip the ablation tables
${PROTOCOLS.map(
  (p) =>
    `\n  ${p.name}: ${p.summary}${Object.entries(p.options)
      .map(([flag, o]) => `\n    --${flag} PATH  ${o.description} (default ${o.default})`)
      .join('')}`,
).join('')}`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        protocol: { type: 'string', multiple: true },
        limit: { type: 'string' },
        'dev-only': { type: 'boolean', default: false },
        'no-ablation': { type: 'boolean', default: false },
        help: { type: 'boolean' },
        ...Object.fromEntries(
          PROTOCOLS.flatMap((p) => Object.entries(p.options).map(([flag, o]) => [flag, { type: o.type, default: o.default }])),
        ),
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const names = (values.protocol as string[] | undefined) ?? PROTOCOLS.map((p) => p.name);
  const unknown = names.filter((n) => !PROTOCOLS.some((p) => p.name === n));
  if (unknown.length) {
    console.error(`Unknown protocol ${unknown.join(', ')}; known: ${PROTOCOLS.map((p) => p.name).join(', ')}.`);
    return 2;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    console.error('--limit must be a positive whole number.');
    return 2;
  }
  const common = { limit, devOnly: Boolean(values['dev-only']), ablation: !values['no-ablation'] };
  const paths = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

  console.log(`# npm run eval (${new Date().toISOString().slice(0, 10)})`);
  let failed = 0;
  for (const protocol of PROTOCOLS.filter((p) => names.includes(p.name))) {
    const began = Date.now();
    console.log(`\n## ${protocol.name}\n`);
    try {
      await protocol.run(paths, common, (markdown) => console.log(markdown));
      console.error(`${protocol.name} took ${((Date.now() - began) / 1000).toFixed(1)} s`);
    } catch (error) {
      // A missing or unreadable data file stops its own protocol only; the flags name where the data goes.
      const flags = Object.keys(protocol.options)
        .map((flag) => `--${flag}`)
        .join(', ');
      console.error(`${protocol.name} failed: ${(error as Error).message}${flags ? ` (data paths: ${flags})` : ''}`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`eval failed: ${error.message}`);
    process.exit(1);
  },
);

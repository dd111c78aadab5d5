import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript } from './support/run.js';
import { tempCorpus } from './support/tmp.js';

// --no-cache: tests write nothing into the project's cache folder.
const summarize = (args: string[], input?: string) => runScript('src/cli/summarize.ts', ['--no-cache', ...args], input);
const SEED = '000_d0dc32616b42ff6f.txt';
const seedBody = readFileSync(`seeds/${SEED}`, 'utf8');

describe('npm run summarize', () => {
  it('prints an article summary as one JSON line of verbatim, attributed sentences, logs kept off stdout', () => {
    const r = summarize(['--json', '--sentences', '2', '--article', SEED]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const { sentences } = JSON.parse(lines[0]!);
    expect(sentences).toHaveLength(2);
    for (const s of sentences) {
      expect(Object.keys(s).sort()).toEqual(['date', 'paragraph', 'source', 'text', 'title']);
      expect(s).toMatchObject({ date: '2021-12-29', source: SEED });
      expect(seedBody).toContain(s.text);
    }
    expect(sentences[0].paragraph).toBeLessThan(sentences[1].paragraph);
  });

  it('prints a topic summary in text, every sentence with its article', () => {
    const other = tempCorpus(
      { 'port.txt': 'date 2022-03-01 Harbour news\n\nThe harbour master closed the port for repairs. Ships wait outside the port.' },
      'ports',
    );
    const r = summarize(['--corpus', 'seeds', '--corpus', other, '--topic', 'port repairs', '--sentences', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('“The harbour master closed the port for repairs.”\n  — Harbour news (2022-03-01), port.txt, paragraph 1');
    expect(r.stdout).not.toContain(SEED);
  });

  it('summarises a batch in order, one JSON line per input line, errors on their own line, index built once', () => {
    const r = summarize(['--batch'], `${SEED}\t1\nnope.txt\t2\n${SEED}\tmany\n${SEED}\t3\n`);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ source: SEED });
    expect(lines[0].sentences).toHaveLength(1);
    expect(lines[1].error).toContain('No article "nope.txt"');
    expect(lines[2].error).toContain('SOURCE<TAB>N');
    expect(lines[3].sentences).toHaveLength(3);
  });

  it.each([
    [['--article', 'nope.txt'], 1, 'No article'],
    [['--topic', 'zebra crossings'], 1, 'Nothing in the articles matches'],
    [['--topic', 'Geneva', '--from', '2022-01-01'], 1, 'Nothing in the articles matches'],
    [['--topic', 'Geneva', '--to', '2021-13-01'], 1, 'YYYY-MM-DD'],
    [['--topic', '   '], 1, 'empty'],
    [['--article', SEED, '--topic', 'Geneva'], 2, 'exactly one'],
    [[], 2, 'exactly one'],
    [['--article', SEED, '--sentences', '0'], 2, '--sentences'],
    [['--article', SEED, '--from', '2021-01-01'], 2, '--from and --to go with --topic'],
    [['--corpus', '/no/such/dir', '--article', SEED], 2, 'corpus folder not found'],
  ])('bad input %# gets a clear message and a non-zero exit, never a stack trace', (args, code, message) => {
    const r = summarize(args as string[]);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

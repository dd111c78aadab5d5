import { describe, expect, it } from 'vitest';
import { runScript } from './support/run.js';
import { tempCorpus } from './support/tmp.js';

// --no-cache: tests write nothing into the project's cache folder (tests/cli-cache.test.ts covers the cache).
const ask = (args: string[], input?: string) => runScript('src/cli/ask.ts', ['--no-cache', ...args], input);
const GENEVA = 'Senior US and Russian officials intend to meet in Geneva on January 10 in an effort to ease tensions.';

describe('npm run ask', () => {
  it('prints one JSON line with the contract fields, logs kept off stdout', () => {
    const r = ask(['--json', 'who will meet in Geneva']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json.question).toBe('who will meet in Geneva');
    expect(json.confident).toBe(true);
    expect(json.results[0]).toMatchObject({
      text: GENEVA,
      title: 'In the midst of the Ukraine standoff, Biden and Putin will hold a new phone call.',
      date: '2021-12-29',
      source: '000_d0dc32616b42ff6f.txt',
      paragraph: 7,
      matched: ['meet', 'Geneva'],
    });
    expect(typeof json.results[0].score).toBe('number');
    expect(json.results.length).toBeLessThanOrEqual(3);
    expect(json.corrections).toEqual([]);
  });

  it('says which typed words it read as others, in the JSON and for people', () => {
    const json = JSON.parse(ask(['--json', 'hwo is gonna meet in genva']).stdout);
    expect(json.corrections).toEqual([
      { typed: 'hwo', read: 'who' },
      { typed: 'genva', read: 'geneva' },
    ]);
    expect(json.results[0].text).toBe(GENEVA);
    expect(ask(['--k', '1', 'hwo is gonna meet in genva']).stdout).toMatch(/^Read “hwo” as “who”, “genva” as “geneva”\.\n\n“Senior US/);
  });

  it('prints quotes with marked words and an attribution line for people', () => {
    const r = ask(['--k', '1', 'who will meet in Geneva']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('“Senior US and Russian officials intend to **meet** in **Geneva** on January 10');
    expect(r.stdout).toContain(
      '— In the midst of the Ukraine standoff, Biden and Putin will hold a new phone call. (2021-12-29), 000_d0dc32616b42ff6f.txt',
    );
  });

  it('answers a batch in order, one JSON line per input line, errors on their own line, exit 0', () => {
    const r = ask(['--batch', '--k', '1'], 'who will meet in Geneva\n\nwhen is the phone call\n!!!\n');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].results[0].text).toBe(GENEVA);
    expect(lines[1]).toEqual({ question: '', error: expect.stringContaining('empty') });
    expect(lines[2].results[0].text).toMatch(/^The call will take place/);
    expect(lines[3].error).toContain('no words');
  });

  it.each([
    [[''], 1, 'empty'],
    [['x'.repeat(10_000)], 1, 'too long'],
    [['🎉🎉🎉'], 1, 'no words'],
    [['--corpus', '/no/such/dir', 'anything'], 2, 'corpus folder not found'],
    [['--k', 'lots', 'anything'], 2, '--k'],
    [[], 2, 'Give a question'],
  ])('bad input %# gets a clear message and a non-zero exit, never a stack trace', (args, code, message) => {
    const r = ask(args as string[]);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads several --corpus folders', () => {
    const a = tempCorpus({ 'n.txt': 'date 2022-03-01 Harbour news\n\nThe harbour master closed the port for repairs.' }, 'ports');
    const r = ask(['--json', '--corpus', 'seeds', '--corpus', a, 'who closed the port']);
    const json = JSON.parse(r.stdout);
    expect(json.results[0]).toMatchObject({ source: 'n.txt', title: 'Harbour news', date: '2022-03-01' });
  });
});

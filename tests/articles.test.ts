import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpora } from '../src/articles/load.js';
import { isCalendarDate, parseArticle } from '../src/articles/parse.js';
import { tempCorpus } from './support/tmp.js';

const SEEDS = path.resolve('seeds');

describe('parseArticle', () => {
  it('reads a dated header, title and paragraphs', () => {
    const r = parseArticle('date 2021-12-29 A title\n\nFirst one. Second.\n\nThird.\n', 'c', 'a.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.article).toMatchObject({ id: 'c/a.txt', title: 'A title', date: '2021-12-29', source: 'a.txt' });
    expect(r.article.paragraphs.map((p) => r.article.body.slice(p.start, p.end))).toEqual(['First one. Second.', 'Third.']);
  });

  it('accepts a title-only header as an undated article and never invents a date', () => {
    const r = parseArticle('Ad sales boost Time Warner profit\n\nQuarterly profits jumped.', 'bbc', 'business/001.txt');
    expect(r.ok && r.article.date).toBe(null);
    expect(r.ok && r.article.title).toBe('Ad sales boost Time Warner profit');
  });

  it('tolerates a BOM, CRLF line ends, leading white space and no final newline', () => {
    const r = parseArticle('\uFEFF  date 2020-02-29 Leap\r\n\r\nOne.\r\n\r\nTwo.', 'c', 'x.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.article.date).toBe('2020-02-29');
    expect(r.article.title).toBe('Leap');
    expect(r.article.body).toBe('One.\n\nTwo.');
  });

  it.each([
    ['', 'empty file'],
    ['date 2021-13-45 Bad\n\nBody.', 'bad date'],
    ['date 2021-02-30 Bad\n\nBody.', 'bad date'],
    ['Only a title\n\n\n', 'no body'],
    ['date 2021-01-01\n\nBody.', 'no title'],
  ])('rejects %j with a reason', (text, reason) => {
    const r = parseArticle(text, 'c', 'x.txt');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('checks calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2021-1-1')).toBe(false);
  });
});

describe('loadCorpora', () => {
  it('loads nested folders and skips broken files with one log line each', async () => {
    const dir = tempCorpus({
      'good.txt': 'date 2021-01-02 Good\n\nA fine body.',
      'nested/deeper/undated.txt': 'Undated story\n\nSome text here.',
      'empty.txt': '',
      'binary.bin': new Uint8Array([0x64, 0x00, 0x01, 0x02]),
      'latin1.txt': new Uint8Array([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x0a, 0xe9, 0xe8]),
      'baddate.txt': 'date 2021-13-45 Bad\n\nBody.',
      'nobody.txt': 'Just a title',
    });
    const logs: string[] = [];
    const { articles, skipped } = await loadCorpora([{ dir }], (l) => logs.push(l));
    expect(articles.map((a) => a.source)).toEqual(['good.txt', 'nested/deeper/undated.txt']);
    expect(skipped.map((s) => path.basename(s.file)).sort()).toEqual([
      'baddate.txt',
      'binary.bin',
      'empty.txt',
      'latin1.txt',
      'nobody.txt',
    ]);
    expect(logs).toHaveLength(5);
    expect(logs.find((l) => l.includes('latin1.txt'))).toContain('not valid UTF-8');
    expect(logs.find((l) => l.includes('binary.bin'))).toContain('binary');
  });

  it('keeps ids distinct across folders holding the same path, and for one folder loaded twice', async () => {
    const a = tempCorpus({ 'a/1.txt': 'One\n\nBody one.' }, 'left');
    const b = tempCorpus({ 'a/1.txt': 'Two\n\nBody two.' }, 'right');
    const { articles } = await loadCorpora([{ dir: a }, { dir: b }, { dir: a, name: 'again' }]);
    expect(articles.map((x) => x.id)).toEqual(['left/a/1.txt', 'right/a/1.txt', 'again/a/1.txt']);
    const twice = await loadCorpora([{ dir: a }, { dir: a }]);
    expect(new Set(twice.articles.map((x) => x.id)).size).toBe(2);
  });

  it('fails clearly on a missing folder', async () => {
    await expect(loadCorpora([{ dir: '/no/such/folder' }])).rejects.toThrow('corpus folder not found: /no/such/folder');
  });

  it('loads the seed article with its leading white space before "date"', async () => {
    const { articles, skipped } = await loadCorpora([{ dir: SEEDS }]);
    expect(skipped).toEqual([]);
    expect(articles[0]).toMatchObject({
      date: '2021-12-29',
      title: 'In the midst of the Ukraine standoff, Biden and Putin will hold a new phone call.',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/articles/parse.js';
import { askJson } from '../src/cli/format.js';
import { ask } from '../src/search/ask.js';
import { buildIndex } from '../src/search/build.js';
import { summarizeArticle } from '../src/summarize/summarize.js';
import { tempCorpus } from './support/tmp.js';

const parse = (text: string) => {
  const result = parseArticle(text, 'c', 'a.txt');
  if (!result.ok) throw new Error(result.reason);
  return result.article;
};

describe('the optional `url <link>` header line', () => {
  it('is read right below the header, dated or not, and kept out of the body', () => {
    const dated = parse('date 2025-01-02 Title\nurl https://news.example/a?b=1\n\nFirst paragraph.\n\nSecond.');
    expect(dated).toMatchObject({
      title: 'Title',
      date: '2025-01-02',
      url: 'https://news.example/a?b=1',
      body: 'First paragraph.\n\nSecond.',
    });
    expect(parse('Undated title\nurl http://news.example/b\n\nBody.')).toMatchObject({
      date: null,
      url: 'http://news.example/b',
      body: 'Body.',
    });
  });

  it('leaves articles without it unchanged, and a non-http(s) or misplaced url line in the body', () => {
    expect(parse('date 2025-01-02 Title\n\nBody text.')).not.toHaveProperty('url');
    expect(parse('Title\nurl javascript:alert(1)\n\nBody.')).toMatchObject({ body: 'url javascript:alert(1)\n\nBody.' });
    expect(parse('Title\n\nurl https://x.example/\n\nBody.')).toMatchObject({ body: 'url https://x.example/\n\nBody.' });
    expect(parse('Title\n\nurl https://x.example/\n\nBody.')).not.toHaveProperty('url');
  });

  it('appears as `url` (string or null) in ask JSON and on summary sentences', async () => {
    const dir = tempCorpus({
      'linked.txt':
        'date 2025-01-02 Harbour news\nurl https://news.example/ferry\n\nThe harbour ferry resumed its crossings after the storm.',
      'plain.txt': 'date 2025-01-03 Valley news\n\nThe valley orchard harvest broke a record this autumn.',
    });
    const index = await buildIndex([{ dir }]);
    expect(askJson(ask(index, 'when did the ferry resume crossings')).results[0]).toMatchObject({
      title: 'Harbour news',
      url: 'https://news.example/ferry',
    });
    expect(askJson(ask(index, 'orchard harvest record')).results[0]).toMatchObject({ title: 'Valley news', url: null });
    const article = [...index.allArticles()].find((a) => a.source === 'linked.txt')!;
    expect(summarizeArticle(index, article)[0]).toMatchObject({ title: 'Harbour news', url: 'https://news.example/ferry' });
  });
});

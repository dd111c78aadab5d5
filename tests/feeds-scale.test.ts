import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openIndex } from '../src/search/open-index.js';
import { startFeedServer, syntheticFeed, type FeedServer } from './support/feed-server.js';
import { feedWorld } from './support/feeds.js';

let server: FeedServer;
afterEach(() => server?.close());

describe('a feed of 2,000 items', () => {
  it('is written and indexed once; polls answered 304 (or 200 with the same items) cost no re-analysis', async () => {
    server = await startFeedServer({ '/big': { body: syntheticFeed('wire', 2000) } });
    const world = await feedWorld();
    await world.add('wire', server.url('/big'));
    const cacheDir = path.join(world.stateDir, '..', 'cache');
    const open = async () => {
      const opened = await openIndex({ corpora: [{ dir: world.seedsDir }], cacheDir });
      await opened.save();
      return opened.stats;
    };

    const [first] = await world.poller.pollAll();
    expect(first).toMatchObject({ status: 'ok', new: 2000 });
    expect(await open()).toMatchObject({ articles: 2000, analysed: 2000, reused: 0 });

    const [second] = await world.poller.pollAll();
    expect(second).toMatchObject({ status: 'not-modified', new: 0, updated: 0 });
    // Same items under a new ETag: nothing is rewritten either.
    server.routes.set('/big', { body: `${syntheticFeed('wire', 2000)}\n` });
    const [third] = await world.poller.pollAll();
    expect(third).toMatchObject({ status: 'ok', new: 0, updated: 0 });
    expect(await open()).toMatchObject({ articles: 2000, analysed: 0, reused: 2000 });
  }, 120_000);
});

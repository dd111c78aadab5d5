import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ArticleSource } from '../../src/digest/assemble.js';
import type { ChannelMessage, Sender } from '../../src/digest/deliver.js';
import type { Clock } from '../../src/digest/schedule.js';
import type { MessagePayload } from '../../src/digest/store.js';
import type { IndexedArticle, IndexedSentence } from '../../src/search/article-search.js';

/** A clock that only moves when told to; timers fire as it passes them. */
export class FakeClock implements Clock {
  private timers: { at: number; run: () => void; live: boolean }[] = [];
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  setTimeout(run: () => void, ms: number) {
    const timer = { at: this.t + ms, run, live: true };
    this.timers.push(timer);
    return { cancel: () => void (timer.live = false) };
  }
  set(instant: number | string): void {
    this.t = typeof instant === 'string' ? Date.parse(instant) : instant;
    for (const timer of this.timers.filter((x) => x.live && x.at <= this.t)) {
      timer.live = false;
      timer.run();
    }
    this.timers = this.timers.filter((x) => x.live);
  }
}

export interface FakeArticle {
  id: string;
  title: string;
  date: string | null;
  sentences: string[];
}

/** An ArticleSource without wink-nlp: one sentence per string, terms are its lower-cased words. */
export function fakeSource(articles: FakeArticle[]): ArticleSource & { articles: FakeArticle[] } {
  const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const build = () => {
    const sentences: IndexedSentence[] = [];
    const indexed = articles.map((a) => {
      const body = a.sentences.join(' ');
      const article: IndexedArticle = {
        id: a.id,
        corpus: 'corpus',
        source: `${a.id}.txt`,
        title: a.title,
        date: a.date,
        body,
        paragraphs: [{ start: 0, end: body.length }],
        titleTerms: words(a.title),
        sentenceIds: [],
        acronyms: [],
        slot: 0,
      };
      let start = 0;
      a.sentences.forEach((text, position) => {
        const id = sentences.length;
        const cutOff = position === a.sentences.length - 1 && !/[.!?]$/.test(text);
        sentences.push({
          id,
          article,
          start,
          end: start + text.length,
          paragraph: 1,
          position,
          cutOff,
          terms: words(text),
          names: [],
          kinds: 0,
          inherited: [],
        });
        article.sentenceIds.push(id);
        start += text.length + 1;
      });
      return article;
    });
    return { indexed, sentences };
  };
  return {
    articles,
    allArticles: () => build().indexed.values(),
    sentence: (id) => build().sentences[id],
    idf: () => 1,
  };
}

interface StoredMessage extends ChannelMessage {
  channelId: string;
  at: number;
  payload: MessagePayload;
}

/**
 * A stand-in for Discord's channel API as the digest uses it: it honours `enforce_nonce` for
 * `nonceMemoryMs` and, like Discord's history reads, does not echo nonces in `recent`. With a
 * file it survives the process (for crash tests).
 */
export class FakeChannels implements Sender {
  readonly selfId = 'bot-user';
  readonly failing = new Set<string>();
  /** Channels where a send never completes (a hung connection). */
  readonly hanging = new Set<string>();
  private memory: StoredMessage[] = [];
  constructor(
    private readonly now: () => number,
    private readonly file?: string,
    private readonly nonceMemoryMs = 5 * 60_000,
  ) {}

  messages(channelId?: string): StoredMessage[] {
    const all = this.file ? (existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as StoredMessage[]) : []) : this.memory;
    return channelId ? all.filter((m) => m.channelId === channelId) : all;
  }

  async send(channelId: string, payload: MessagePayload, nonce: string): Promise<{ id: string }> {
    if (this.failing.has(channelId)) throw new Error('Missing Permissions');
    if (this.hanging.has(channelId)) return new Promise(() => {});
    const all = this.messages();
    const same = all.find((m) => m.channelId === channelId && m.nonce === nonce && this.now() - m.at <= this.nonceMemoryMs);
    if (same) return { id: same.id };
    const message = {
      id: `m${all.length + 1}`,
      channelId,
      authorId: this.selfId,
      content: payload.content,
      nonce,
      at: this.now(),
      payload,
    };
    all.push(message);
    if (this.file) writeFileSync(this.file, JSON.stringify(all));
    return { id: message.id };
  }

  async recent(channelId: string, limit: number): Promise<ChannelMessage[]> {
    return this.messages(channelId)
      .slice(-limit)
      .reverse()
      .map(({ id, authorId, content }) => ({ id, authorId, content }));
  }
}

/** A dated article with `n` short sentences about `topic`. */
export function newsArticle(id: string, date: string | null, topic: string, n = 3): FakeArticle {
  return {
    id,
    title: `${topic} update ${id}`,
    date,
    sentences: Array.from({ length: n }, (_, i) => `Sentence ${i + 1} of ${id} is about ${topic}.`),
  };
}

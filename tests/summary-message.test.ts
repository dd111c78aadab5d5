import { describe, expect, it } from 'vitest';
import { limitProblem } from '../src/bot/limits.js';
import { packBlocks, postedMessages, previewMessage, type SummaryView } from '../src/bot/summary-message.js';
import type { SummarySentence } from '../src/summarize/summarize.js';

function sentence(i: number, text: string): SummarySentence {
  return {
    text,
    articleId: `c/a${i}.txt`,
    corpus: 'c',
    source: `a${i}.txt`,
    title: `Title *${i}*`,
    date: i % 2 ? '2022-01-01' : null,
    url: null,
    paragraph: i,
    position: i,
    start: 0,
    end: text.length,
  };
}

const long = (i: number) => `Sentence ${i} ${'word '.repeat(150)}ends here.`;

describe('summary messages', () => {
  it('packs whole blocks and leaves out one that could only fit cut', () => {
    expect(packBlocks(['aaa', 'bbb', 'ccc'], 8)).toEqual(['aaa\n\nbbb', 'ccc']);
    expect(packBlocks(['aaa', 'x'.repeat(20), 'ccc'], 8)).toEqual(['aaa\n\nccc']);
  });

  it('splits a long topic summary across embeds and messages between sentences, each within Discord limits', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => sentence(i + 1, long(i + 1)));
    const view: SummaryView = { kind: 'topic', heading: 'harbour', subtitle: 'From 40 articles', sentences };
    const messages = postedMessages(view, '123');
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]!.content).toBe('Summary posted by <@123>');
    expect(messages.slice(1).every((m) => m.content === undefined)).toBe(true);
    for (const m of messages) expect(limitProblem(m)).toBeNull();
    const text = messages.flatMap((m) => m.embeds.map((e) => e.description)).join('\n\n');
    for (const s of sentences) {
      expect(text).toContain(`“${s.text}”`);
      expect(text).toContain(`— *Title \\*${s.paragraph}\\** (${s.date ?? 'undated'}), a${s.paragraph}.txt, paragraph ${s.paragraph}`);
    }
  });

  it('escapes the topic in the public title and trims a sentence too long for an embed instead of leaving it out', () => {
    const huge = `${'word '.repeat(1200)}end.`;
    const view: SummaryView = { kind: 'topic', heading: '**big** @everyone', subtitle: 'From 2 articles', sentences: [sentence(1, huge)] };
    const [message] = postedMessages(view, '123');
    expect(message!.embeds[0]!.title).toBe('Summary: \\*\\*big\\*\\* @\u200beveryone');
    expect(message!.embeds[0]!.description).toMatch(/^\*From 2 articles\*\n\n> “word word .* word … \(trimmed\)”\n— \*Title/);
    expect(limitProblem(message!)).toBeNull();
  });

  it('previews the first message with a channel select, Post and Cancel, within limits', () => {
    const view: SummaryView = {
      kind: 'article',
      heading: 'T',
      subtitle: '2022-01-01 · a.txt',
      sentences: [sentence(1, 'One.'), sentence(2, 'Two.')],
    };
    const preview = previewMessage(view, 'k1', '42');
    expect(limitProblem(preview)).toBeNull();
    expect(preview.embeds[0]!.description).toBe('*2022-01-01 · a.txt*\n\n> “One.”\n— paragraph 1\n\n> “Two.”\n— paragraph 2');
    const ids = preview.components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
    expect(ids).toEqual(['summary.channel:k1', 'summary.post:k1', 'summary.cancel:k1']);
    expect(preview.content).toContain('<#42>');
  });
});

import { describe, expect, it } from 'vitest';
import { renderDigest } from '../src/bot/digest-message.js';
import { limitProblem } from '../src/bot/limits.js';
import type { DigestEntry } from '../src/digest/assemble.js';

const entry = (i: number, title: string, summary: string[]): DigestEntry => ({
  id: `c/${i}.txt`,
  title,
  date: '2026-06-01',
  source: `${i}.txt`,
  summary,
});
const options = { date: '2026-06-01', late: false, total: 30, quietDay: 'silent' as const };

describe('digest messages', () => {
  it('packs whole articles into messages within Discord limits, in order', () => {
    const entries = Array.from({ length: 30 }, (_, i) => entry(i, `Title ${i} `.padEnd(200, 'x'), [`Sentence ${i}. `.padEnd(390, 'y')]));
    const parts = renderDigest(entries, options);
    for (const part of parts) expect(limitProblem(part)).toBeNull();
    expect(parts.flatMap((p) => p.embeds).map((e) => e.footer?.text)).toEqual(entries.map((e) => `2026-06-01 · ${e.source}`));
    expect(parts.map((p) => p.embeds.length)).toEqual([9, 9, 9, 3]); // 6,000 characters bind before 10 embeds
    expect(parts.map((p) => p.content)).toEqual([
      '**News digest 2026-06-01** · part 1/4 · 30 new articles',
      '**News digest 2026-06-01** · part 2/4',
      '**News digest 2026-06-01** · part 3/4',
      '**News digest 2026-06-01** · part 4/4',
    ]);
  });

  it('shows article text as written: markdown escaped, mentions inert; a quiet day posts a line or nothing', () => {
    const [part] = renderDigest([entry(1, '**Big** news for @everyone', ['Prices fell by 5% _today_ <@123>.'])], {
      ...options,
      total: 3,
      late: true,
    });
    expect(part!.content).toBe(
      '**News digest 2026-06-01** · the 1 most important of 3 new articles · posted late: the bot was offline at the scheduled time',
    );
    expect(part!.embeds[0]!.title).toBe('\\*\\*Big\\*\\* news for @\u200beveryone');
    expect(part!.embeds[0]!.description).toBe('Prices fell by 5% \\_today\\_ <\u200b@123>.');
    expect(renderDigest([], options)).toEqual([]);
    expect(renderDigest([], { ...options, quietDay: 'line' })).toEqual([
      { content: '**News digest 2026-06-01** · nothing new since the last digest.', embeds: [] },
    ]);
  });
});

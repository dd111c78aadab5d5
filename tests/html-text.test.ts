import { describe, expect, it } from 'vitest';
import { htmlToParagraphs, MAX_NESTING, nestsDeeperThan } from '../src/feeds/html-text.js';

describe('nestsDeeperThan', () => {
  it('counts the elements open at once, from the tags alone', () => {
    expect(nestsDeeperThan('<div>'.repeat(4), 3)).toBe(true);
    expect(nestsDeeperThan('<div>'.repeat(3), 3)).toBe(false);
    expect(nestsDeeperThan('<div><span>a</span></div>'.repeat(1000), 3)).toBe(false);
    expect(nestsDeeperThan('<DIV>'.repeat(4), 3)).toBe(true);
  });

  it('does not count elements that cannot hold others, close themselves, or may leave out their end tag', () => {
    expect(nestsDeeperThan('<br><img src="a.png"><hr/>'.repeat(100), 3)).toBe(false);
    expect(nestsDeeperThan('<x-widget/>'.repeat(100), 3)).toBe(false);
    expect(nestsDeeperThan('<p>one<p>two<li>three<td>four'.repeat(100), 3)).toBe(false);
  });
});

describe('htmlToParagraphs beyond MAX_NESTING', () => {
  const inner =
    '<p>First &amp; foremost<br>on one line<br><br>Second</p><script>var a = "<p>no</p>";</script>' +
    '<figure><img src="x.png"><figcaption>A caption</figcaption></figure><p>Third</p>';
  const nested = (depth: number) => `${'<div class="box">'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`;

  it('reads the paragraphs from the tags as the parser reads them, scripts and figures left out', () => {
    const parsed = htmlToParagraphs(nested(10));
    expect(parsed).toEqual(['First & foremost on one line', 'Second', 'Third']);
    expect(nestsDeeperThan(nested(MAX_NESTING + 1), MAX_NESTING)).toBe(true);
    expect(htmlToParagraphs(nested(MAX_NESTING + 1))).toEqual(parsed);
  });

  it('keeps the text after an element it skips, however deep that nests its own kind', () => {
    const html = `${'<div>'.repeat(MAX_NESTING + 1)}<figure><figure>x</figure>y</figure><p>After</p>`;
    expect(htmlToParagraphs(html)).toEqual(['After']);
  });
});

import { describe, expect, it } from 'vitest';
import { htmlToParagraphs, PARSE_LIMITS, tooCostlyToParse } from '../src/feeds/html-text.js';

describe('tooCostlyToParse', () => {
  const limits = { nesting: 3, tags: 100, references: 10 };

  // Elements open at once count from the tags alone; those that cannot hold others, close themselves or may leave
  // out their end tag do not nest; every tag and character reference counts towards its own limit.
  it.each([
    ['4 open at once', '<div>'.repeat(4), true],
    ['4 open at once, in capitals', '<DIV>'.repeat(4), true],
    ['3 open at once', '<div>'.repeat(3), false],
    ['many, each closed', '<div><span>a</span></div>'.repeat(25), false],
    ['void and self-closed elements', '<br><img src="a.png"><hr/><x-widget/>'.repeat(25), false],
    ['end tags left out where HTML allows it', '<p>one<p>two<li>three<td>four'.repeat(25), false],
    ['100 tags', '<p>a</p>'.repeat(50), false],
    ['102 tags', '<p>a</p>'.repeat(51), true],
    ['10 character references', '&amp;'.repeat(10), false],
    ['11 character references', '&amp;'.repeat(11), true],
  ])('%s', (_, html, costly) => {
    expect(tooCostlyToParse(html, limits)).toBe(costly);
  });
});

describe('htmlToParagraphs beyond the parse limits', () => {
  const inner =
    '<p>First &amp; foremost<br>on one line<br><br>Second</p><script>var a = "<p>no</p>";</script>' +
    '<figure><img src="x.png"><figcaption>A caption</figcaption></figure><p>Third</p>';
  const nested = (depth: number) => `${'<div class="box">'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`;

  it('reads the paragraphs from the tags as the parser reads them, scripts and figures left out', () => {
    const parsed = htmlToParagraphs(nested(10));
    expect(parsed).toEqual(['First & foremost on one line', 'Second', 'Third']);
    expect(tooCostlyToParse(nested(PARSE_LIMITS.nesting + 1))).toBe(true);
    expect(htmlToParagraphs(nested(PARSE_LIMITS.nesting + 1))).toEqual(parsed);
  });

  it('keeps every paragraph of a text with more tags or references than the parser is given', () => {
    const many = PARSE_LIMITS.tags / 2 + 1;
    expect(htmlToParagraphs('<p>Line</p>'.repeat(many))).toEqual(Array<string>(many).fill('Line'));
    expect(htmlToParagraphs(`<p>${'&lt;&gt; '.repeat(PARSE_LIMITS.references)}</p>`)).toEqual([
      Array<string>(PARSE_LIMITS.references).fill('<>').join(' '),
    ]);
  });

  it('keeps the text after an element it skips, however deep that nests its own kind', () => {
    const html = `${'<div>'.repeat(PARSE_LIMITS.nesting + 1)}<figure><figure>x</figure>y</figure><p>After</p>`;
    expect(htmlToParagraphs(html)).toEqual(['After']);
  });
});

describe('htmlToParagraphs within the parse limits', () => {
  // Both took the walk over the parsed text quadratic time: linkedom builds an element's child list anew on each
  // access, and a <br> looked at the whole paragraph read so far (20,000 paragraphs took 65 s).
  it('reads a text of many elements side by side in time that grows with their number', () => {
    const words = PARSE_LIMITS.tags / 2 - 1;
    expect(tooCostlyToParse('<span>word</span>'.repeat(words))).toBe(false);
    expect(htmlToParagraphs('<span>word</span>'.repeat(words))).toEqual([Array<string>(words).fill('word').join('')]);
    expect(htmlToParagraphs('line<br>'.repeat(PARSE_LIMITS.tags - 1))).toEqual([
      Array<string>(PARSE_LIMITS.tags - 1)
        .fill('line')
        .join(' '),
    ]);
  });

  it('breaks a line at one <br> and ends the paragraph at two, whitespace between them or not', () => {
    expect(htmlToParagraphs('<div>one<br>two<br> <br>three<br><img src="a.png"><br>four</div>')).toEqual(['one two', 'three', 'four']);
  });
});

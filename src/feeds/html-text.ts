import { decodeHTML } from 'entities';
import { parseHTML } from 'linkedom';

/** Elements whose text is never article text. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'FIGURE',
  'FIGCAPTION',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'CANVAS',
  'FORM',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'NAV',
  'HEAD',
]);
/** Elements that end the paragraph before them and start a new one. */
const BLOCKS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'BLOCKQUOTE',
  'PRE',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'TABLE',
  'TR',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HR',
  'ADDRESS',
]);
/** Class or id of share buttons and similar widgets that feeds append to items. */
const WIDGET = /(^|[\s_-])(share|sharing|social|sharedaddy|addtoany|related|newsletter|subscribe)([\s_-]|$)/i;

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?: (name: string) => string | null;
}

/**
 * What an HTML text may hold before it is read without the parser: elements open at once, and tags and character
 * references in all. News pages nest some 30 deep and hold a few thousand tags. linkedom's parse time grows with the
 * square of the depth (200,000 nested elements took 25–31 s) and faster than the number of tags and references
 * (600,000 <br> took 22 s, 600,000 &amp; 5–9 s), and a 5 MB feed or page holds over a million of either.
 */
export const PARSE_LIMITS = { nesting: 300, tags: 50_000, references: 50_000 };
/** Elements that never hold others (names in capitals, as the DOM gives them and as SKIPPED and BLOCKS hold them). */
const VOID = new Set(['AREA', 'BASE', 'BR', 'COL', 'EMBED', 'HR', 'IMG', 'INPUT', 'LINK', 'META', 'PARAM', 'SOURCE', 'TRACK', 'WBR']);
/** Elements whose end tag may be left out: the next one closes them (`<p>a<p>b`), so they do not nest. */
const END_OPTIONAL = new Set(['P', 'LI', 'DT', 'DD', 'TR', 'TD', 'TH', 'OPTION', 'OPTGROUP', 'THEAD', 'TBODY', 'TFOOT', 'COLGROUP']);
const TAG = /<(\/?)([a-z][^\s/>]*)[^>]*>/gi;

/**
 * Whether `html` is beyond PARSE_LIMITS, by one pass over its tags and a count of its ampersands (no parse). An
 * estimate on the safe side: a tag inside a comment or an attribute counts too.
 */
export function tooCostlyToParse(html: string, limits = PARSE_LIMITS): boolean {
  let references = 0;
  for (let at = html.indexOf('&'); at >= 0; at = html.indexOf('&', at + 1)) if (++references > limits.references) return true;
  let depth = 0;
  let tags = 0;
  for (const [tag, closing, name] of html.matchAll(TAG)) {
    if (++tags > limits.tags) return true;
    const element = name!.toUpperCase();
    if (VOID.has(element) || END_OPTIONAL.has(element)) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else if (!tag.endsWith('/>') && ++depth > limits.nesting) return true;
  }
  return false;
}

/**
 * Plain paragraphs from an HTML fragment, through a real HTML parser: block elements become
 * paragraphs, entities are decoded, whitespace is collapsed, and scripts, styles, figures (with
 * their captions) and share widgets are left out. Text without any markup is split on blank lines.
 * HTML beyond PARSE_LIMITS is read without the parser (see taggedParagraphs).
 */
export function htmlToParagraphs(html: string): string[] {
  if (!/<[a-z!/]/i.test(html)) return plainParagraphs(decodeHTML(html));
  if (tooCostlyToParse(html)) return taggedParagraphs(html);
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return domParagraphs(document.body as unknown as DomNode);
}

/**
 * Paragraphs of HTML too costly to parse, read from its tags alone in one pass: block tags break paragraphs (as two
 * <br> do), other tags are dropped, and the elements htmlToParagraphs skips (scripts, styles, figures …) are skipped with
 * their text. Share widgets are not told apart here.
 */
function taggedParagraphs(html: string): string[] {
  let text = '';
  let at = 0;
  /** The skipped element being read past, and how many of its kind are open inside it. */
  let skipping: string | null = null;
  let open = 0;
  for (const match of html.matchAll(TAG)) {
    const [tag, closing, name] = match;
    const element = name!.toUpperCase();
    if (skipping === null) text += html.slice(at, match.index);
    at = match.index + tag.length;
    const selfClosing = tag.endsWith('/>');
    if (skipping !== null) {
      if (element === skipping && !selfClosing) open += closing ? -1 : 1;
      if (open === 0) skipping = null;
    } else if (!closing && !selfClosing && SKIPPED.has(element)) {
      skipping = element;
      open = 1;
    } else if (BLOCKS.has(element)) text += '\n\n';
    // One <br> breaks a line; two in a row leave the blank line that ends a paragraph.
    else if (element === 'BR') text += '\n';
  }
  if (skipping === null) text += html.slice(at);
  return plainParagraphs(decodeHTML(text));
}

/** Paragraphs of an element already parsed (Readability's output, for instance). */
export function domParagraphs(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let current = '';
  /** Whether a <br> is the last thing read into `current` (whitespace aside): a second one ends the paragraph. */
  let lineBroken = false;
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
    lineBroken = false;
  };
  // Depth first with a stack of its own, not by recursion, so that no depth can overflow the call stack. A null
  // entry closes the block element below it.
  const stack: (DomNode | null)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as DomNode | null;
    if (node === null) {
      flush();
      continue;
    }
    if (node.nodeType === 3) {
      const text = node.textContent ?? '';
      current += text;
      if (/\S/.test(text)) lineBroken = false;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIPPED.has(name) || isWidget(node)) continue;
    if (name === 'BR') {
      // One <br> breaks a line within a paragraph; two in a row end the paragraph.
      // (A flag, not a look at the end of `current`: that copies it on every <br>, quadratic in a long run of them.)
      if (lineBroken) flush();
      else {
        current += ' ';
        lineBroken = true;
      }
      continue;
    }
    if (BLOCKS.has(name)) {
      flush();
      stack.push(null);
    }
    // Read once: linkedom builds the list anew on every access, by walking the children (quadratic in their number).
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  flush();
  return paragraphs;
}

/** One line of text from a title or other inline HTML (entities decoded, tags dropped). */
export function htmlToLine(html: string): string {
  return htmlToParagraphs(html).join(' ').replace(/\s+/g, ' ').trim();
}

/** Removes share buttons and similar widgets from a whole page (before Readability, which would keep their text). */
export function dropWidgets(document: { querySelectorAll(selector: string): ArrayLike<DomNode & { remove(): void }> }): void {
  const candidates = Array.from(document.querySelectorAll('[class], [id]'));
  for (const element of candidates) if (isWidget(element)) element.remove();
}

function isWidget(node: DomNode): boolean {
  const label = `${node.getAttribute?.('class') ?? ''} ${node.getAttribute?.('id') ?? ''}`;
  return WIDGET.test(label);
}

function plainParagraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

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
const LINE_BREAK = '\uE000';
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
 * Elements an HTML text may keep open at once before it is read without the parser. News pages nest some 30 deep;
 * linkedom's parse time grows with the square of the depth (200,000 nested elements took 25–31 s, and a 5 MB feed
 * or page holds over a million), so deeper text would hold the bot for minutes.
 */
export const MAX_NESTING = 300;
/** Elements that never hold others. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose end tag may be left out: the next one closes them (`<p>a<p>b`), so they do not nest. */
const END_OPTIONAL = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup']);
const TAG = /<(\/?)([a-z][^\s/>]*)[^>]*>/gi;

/**
 * Whether `html` keeps more than `limit` elements open at once, by one pass over its tags (no parse). An estimate
 * on the safe side: a tag inside a comment or an attribute counts too.
 */
export function nestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  for (const [tag, closing, name] of html.matchAll(TAG)) {
    const element = name!.toLowerCase();
    if (VOID.has(element) || END_OPTIONAL.has(element)) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else if (!tag.endsWith('/>') && ++depth > limit) return true;
  }
  return false;
}

/**
 * Plain paragraphs from an HTML fragment, through a real HTML parser: block elements become
 * paragraphs, entities are decoded, whitespace is collapsed, and scripts, styles, figures (with
 * their captions) and share widgets are left out. Text without any markup is split on blank lines.
 * HTML nesting deeper than MAX_NESTING is read without the parser (see taggedParagraphs).
 */
export function htmlToParagraphs(html: string): string[] {
  if (!/<[a-z!/]/i.test(html)) return plainParagraphs(decodeEntities(html));
  if (nestsDeeperThan(html, MAX_NESTING)) return taggedParagraphs(html);
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return domParagraphs(document.body as unknown as DomNode);
}

/**
 * Paragraphs of HTML too deep to parse, read from its tags alone in one pass: block tags break paragraphs (as two
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
  return plainParagraphs(decodeEntities(text));
}

/** Paragraphs of an element already parsed (Readability's output, for instance). */
export function domParagraphs(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replaceAll(LINE_BREAK, ' ').replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
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
      current += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIPPED.has(name) || isWidget(node)) continue;
    if (name === 'BR') {
      // One <br> breaks a line within a paragraph; two in a row end the paragraph.
      if (current.trimEnd().endsWith(LINE_BREAK)) flush();
      else current += LINE_BREAK;
      continue;
    }
    if (BLOCKS.has(name)) {
      flush();
      stack.push(null);
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
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

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${text}</body></html>`);
  return document.body.textContent ?? text;
}

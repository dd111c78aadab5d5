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
 * Plain paragraphs from an HTML fragment, through a real HTML parser: block elements become
 * paragraphs, entities are decoded, whitespace is collapsed, and scripts, styles, figures (with
 * their captions) and share widgets are left out. Text without any markup is split on blank lines.
 */
export function htmlToParagraphs(html: string): string[] {
  if (!/<[a-z!/]/i.test(html)) return plainParagraphs(decodeEntities(html));
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return domParagraphs(document.body as unknown as DomNode);
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
  // Depth first with a stack of its own, not by recursion: a feed item's HTML may nest deeper than the call stack
  // goes (20,000 nested elements overflowed it). A null entry closes the block element below it.
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

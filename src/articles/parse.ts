import type { Article, Span } from './article.js';
import { articleId } from './article.js';

export type ParseResult = { ok: true; article: Article } | { ok: false; reason: string };

const DATED_HEADER = /^date\s+(\S+)(?:\s+(.*))?$/;
const URL_LINE = /^url[ \t]+(https?:\/\/\S+)[ \t]*$/i;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True for a real calendar day written YYYY-MM-DD (2021-13-45 is not). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

/** Decodes a file's bytes, rejecting binary and non-UTF-8 content. */
function decodeArticleBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
}

/** Decodes and parses an article file's bytes. */
export function parseArticleBytes(bytes: Uint8Array, corpus: string, source: string): ParseResult {
  const decoded = decodeArticleBytes(bytes);
  return decoded.ok ? parseArticle(decoded.text, corpus, source) : decoded;
}

function paragraphSpans(body: string): Span[] {
  const spans: Span[] = [];
  const blank = /\n[ \t]*\n\s*/g;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(body[s]!)) s++;
    while (e > s && /\s/.test(body[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let m = blank.exec(body); m; m = blank.exec(body)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(body.length);
  return spans;
}

/**
 * Parses an article file: a header line (`date YYYY-MM-DD Title`, or just a title for an undated
 * article), an optional `url <http(s) link>` line right below it, a blank line, then paragraphs
 * separated by blank lines.
 */
export function parseArticle(text: string, corpus: string, source: string): ParseResult {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstBreak = normalised.indexOf('\n');
  const header = (firstBreak < 0 ? normalised : normalised.slice(0, firstBreak)).trim();
  if (!header) return { ok: false, reason: normalised.trim() ? 'first line (the header) is blank' : 'empty file' };

  let title = header;
  let date: string | null = null;
  const dated = DATED_HEADER.exec(header);
  if (dated) {
    if (!isCalendarDate(dated[1]!)) return { ok: false, reason: `bad date "${dated[1]}" in header (want YYYY-MM-DD)` };
    date = dated[1]!;
    title = (dated[2] ?? '').trim();
    if (!title) return { ok: false, reason: 'header has a date but no title' };
  }

  let rest = firstBreak < 0 ? '' : normalised.slice(firstBreak + 1);
  const secondBreak = rest.indexOf('\n');
  const link = URL_LINE.exec(secondBreak < 0 ? rest : rest.slice(0, secondBreak));
  if (link) rest = secondBreak < 0 ? '' : rest.slice(secondBreak + 1);

  const body = firstBreak < 0 ? '' : rest.replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');
  const paragraphs = paragraphSpans(body);
  if (paragraphs.length === 0) return { ok: false, reason: 'no body after the header' };
  const article: Article = { id: articleId(corpus, source), corpus, source, title, date, body, paragraphs };
  if (link) article.url = link[1]!;
  return { ok: true, article };
}

import type { Span } from '../articles/article.js';

export interface Segment {
  text: string;
  marked: boolean;
}

/** Cuts text into plain and marked runs (overlapping or touching spans merge), for any renderer. */
export function segments(text: string, spans: readonly Span[]): Segment[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const out: Segment[] = [];
  let at = 0;
  for (const span of merged) {
    if (span.start > at) out.push({ text: text.slice(at, span.start), marked: false });
    out.push({ text: text.slice(span.start, span.end), marked: true });
    at = span.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}

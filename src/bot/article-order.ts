/** How the commands list and pick articles: newest first, and by the words a user typed. */

interface Dated {
  date?: string | null;
  title: string;
}

/** Newest first, undated last; articles of the same day keep their order. */
export function byDateNewestFirst(a: Dated, b: Dated): number {
  return (b.date ?? '').localeCompare(a.date ?? '');
}

/** Newest first, undated last, then by title. */
export function newestFirst(a: Dated, b: Dated): number {
  return byDateNewestFirst(a, b) || a.title.localeCompare(b.title);
}

/** Whether `text` holds every word of `query` (case-insensitive); an empty query matches everything. */
export function matchesWords(text: string, query: string): boolean {
  const lower = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => lower.includes(w));
}

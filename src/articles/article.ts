/** A character range [start, end) inside an article body. */
export interface Span {
  start: number;
  end: number;
}

/** One news article as loaded from a corpus folder. */
export interface Article {
  /** Unique across every loaded folder: the corpus name plus the source path. */
  id: string;
  /** Name the corpus folder was loaded under. */
  corpus: string;
  /** Path of the file relative to its corpus folder, with `/` separators. */
  source: string;
  title: string;
  /** YYYY-MM-DD, or null for an undated article (never invented). */
  date: string | null;
  /** The article's web address from an optional `url <link>` header line (http/https only); absent when none. */
  url?: string;
  /** Everything after the header, line ends normalised to `\n`; sentence spans index into it. */
  body: string;
  /** Paragraph ranges in `body`, in order. */
  paragraphs: Span[];
}

export function articleId(corpus: string, source: string): string {
  return `${corpus}/${source}`;
}

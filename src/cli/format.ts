import type { AskResult, Excerpt } from '../search/ask.js';
import { segments } from '../search/segments.js';

/** The `--json` line: a stable contract (fields may be added; these keep their meaning). */
export function askJson(result: AskResult) {
  return {
    question: result.question,
    confident: result.confident,
    confidence: Math.round(result.confidence * 1000) / 1000,
    results: result.results.map((r) => ({
      text: r.text,
      title: r.title,
      date: r.date,
      source: r.source,
      paragraph: r.paragraph,
      score: r.score,
      matched: r.matched,
      article: r.articleId,
      answer: r.answer ? r.text.slice(r.answer.start, r.answer.end) : null,
      cutOff: r.cutOff,
      url: r.url,
    })),
    corrections: result.corrections.map(({ typed, read }) => ({ typed, read })),
  };
}

/** "Read “adition” as “addition”": the words of the question read as others than typed, or '' when none were. */
export function correctionsLine(result: Pick<AskResult, 'corrections'>): string {
  if (result.corrections.length === 0) return '';
  return `Read ${result.corrections.map(({ typed, read }) => `“${typed}” as “${read}”`).join(', ')}.`;
}

export function attribution(r: Pick<Excerpt, 'title' | 'date' | 'source' | 'paragraph'>): string {
  return `— ${r.title} (${r.date ?? 'undated'}), ${r.source}, paragraph ${r.paragraph}`;
}

/** Human output: each excerpt in quotes with matched words in **bold** markers, then its attribution. */
export function askText(result: AskResult): string {
  const lines: string[] = [];
  const corrections = correctionsLine(result);
  if (corrections) lines.push(corrections, '');
  if (!result.confident) lines.push('No sentence matches this question well; the closest ones are below.', '');
  if (result.results.length === 0)
    return [corrections, 'Nothing in the articles matches this question. Try other words or a name from an article.']
      .filter(Boolean)
      .join('\n\n');
  for (const r of result.results) {
    const quoted = segments(r.text, r.highlights)
      .map((s) => (s.marked ? `**${s.text}**` : s.text))
      .join('');
    lines.push(`“${quoted}${r.cutOff ? ' […]' : ''}”`, `  ${attribution(r)}`, '');
  }
  return lines.join('\n').trimEnd();
}

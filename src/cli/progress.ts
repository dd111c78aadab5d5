import type { BuildProgress } from '../search/open-index.js';

const PHASES: Record<BuildProgress['phase'], string> = { read: 'reading', analyse: 'analysing' };
/** Quiet for short builds: nothing is shown before this. */
const SHOW_AFTER_MS = 1000;
/** Redraw rate on a terminal, and the interval of plain lines elsewhere (logs, pipes, CI). */
const REDRAW_MS = 100;
const LINE_EVERY_MS = 5000;
const BAR_WIDTH = 24;

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** One status text: count, share, rate and time left. */
export function progressText({ phase, done, total }: BuildProgress, elapsedMs: number, bar: boolean): string {
  const share = total > 0 ? done / total : 1;
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? (total - done) / rate : 0;
  const filled = Math.round(share * BAR_WIDTH);
  const meter = bar ? ` [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]` : '';
  return `${PHASES[phase]} ${done.toLocaleString('en')}/${total.toLocaleString('en')} articles${meter} ${Math.round(share * 100)}%, ${Math.round(rate).toLocaleString('en')}/s, ${clock(left)} left`;
}

/**
 * A progress reporter for long index builds, on stderr: a bar redrawn in place when stderr is a
 * terminal, a plain line every few seconds otherwise. Short builds print nothing.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr, now: () => number = () => performance.now()) {
  let phase: BuildProgress['phase'] | null = null;
  let started = 0;
  let shownAt = -Infinity;
  let drawn = false;
  return (progress: BuildProgress): void => {
    const t = now();
    if (progress.phase !== phase) {
      if (drawn && stream.isTTY) stream.write('\n');
      phase = progress.phase;
      started = t;
      shownAt = -Infinity;
      drawn = false;
    }
    const finished = progress.done >= progress.total;
    if (t - started < SHOW_AFTER_MS) return;
    if (stream.isTTY) {
      if (t - shownAt < REDRAW_MS && !finished) return;
      stream.write(`\r${progressText(progress, t - started, true)}\x1b[K${finished ? '\n' : ''}`);
      drawn = !finished;
    } else {
      if (t - shownAt < LINE_EVERY_MS && !finished) return;
      stream.write(`${progressText(progress, t - started, false)}\n`);
    }
    shownAt = t;
  };
}

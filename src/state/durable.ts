import { open } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';

/** Makes a rename inside `dir` durable (the file itself is fsynced by write-file-atomic). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a file whole or not at all, even across a kill or power cut: temporary file, fsync, rename, folder fsync. */
export async function writeDurably(dir: string, file: string, data: string): Promise<void> {
  await writeFileAtomic(file, data, { fsync: true });
  await syncDirectory(dir);
}

/**
 * The writes of one file: they never overlap and a failed one does not block the next; changes
 * made while a write is waiting to start share it (a burst of changes costs a few writes, not one
 * each), and every caller resolves after a write that started after its change.
 */
export class CoalescedWrites {
  private last: Promise<void> = Promise.resolve();
  /** The write that has not started yet, if any (later changes join it). */
  private queued: Promise<void> | null = null;

  /** `write` writes the file's content as it is when the write starts. */
  constructor(private readonly write: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.last
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return this.write();
      });
    this.queued = next;
    this.last = next;
    return next;
  }

  /** Settles with the latest write requested. */
  get done(): Promise<void> {
    return this.last;
  }
}

/** Runs at most `limit` tasks at once; the others wait their turn, in order. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // the slot passes straight to the next task waiting, if any
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

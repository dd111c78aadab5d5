import path from 'node:path';
import lockfile from 'proper-lockfile';

export const POLL_LOCK = 'feeds-poll';
/** A lock not refreshed for this long belongs to a process that died: it is taken over. */
const STALE_MS = 10_000;

/** Another process (the bot, or another `npm run feeds -- poll`) is polling. */
export class PollerBusyError extends Error {
  constructor() {
    super('another poller (the bot, or another `npm run feeds -- poll`) is polling the feeds now; try again in a moment');
  }
}

/**
 * Takes the one-poller lock in `stateDir` (a folder created atomically and refreshed while held,
 * so a killed holder leaves a lock that goes stale within seconds), waiting up to `waitMs`.
 * Resolves with its release function; rejects with PollerBusyError when still held by another.
 */
export async function acquirePollLock(stateDir: string, waitMs: number): Promise<() => Promise<void>> {
  const retries = Math.max(0, Math.ceil(waitMs / 250));
  try {
    return await lockfile.lock(path.join(stateDir, POLL_LOCK), {
      realpath: false,
      stale: STALE_MS,
      retries: retries ? { retries, factor: 1, minTimeout: 250, maxTimeout: 250 } : 0,
      // A lock found compromised (e.g. the machine slept past `stale`) only means another poller may start: nothing to crash over.
      onCompromised: () => {},
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new PollerBusyError();
    throw error;
  }
}

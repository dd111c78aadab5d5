import { Cron } from 'croner';
import { digestOn, isComplete, type DigestSettings, type GuildState } from './store.js';

/** Time as the scheduler sees it: injectable so tests can move it by hand. */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): { cancel(): void };
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(run, ms) {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};

/** The system clock shifted so that it read `startAt` when created. For tests only. */
export function shiftedClock(startAt: number, base: Clock = systemClock): Clock {
  const offset = startAt - base.now();
  return { now: () => base.now() + offset, setTimeout: base.setTimeout };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DEFAULT_GRACE_MS = 6 * HOUR;
/** A run this long after its scheduled minute is marked late. */
const LATE_AFTER_MS = 2 * MINUTE;
/** Waits between attempts of a failed digest; its length bounds the attempts. */
export const RETRY_DELAYS_MS = [1, 5, 15, 60].map((m) => m * MINUTE);

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** Every IANA zone this runtime knows (plus UTC), for autocomplete. */
export function timeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}

type Schedule = Pick<DigestSettings, 'time' | 'timezone'>;

/** Parsed schedules by time and zone: parsing costs more than finding a run, and servers share schedules. */
const crons = new Map<string, Cron>();
/** Bounds the memory of `crons` (one entry per distinct time and zone in use). */
const MAX_CRONS = 20_000;

function cron({ time, timezone }: Schedule): Cron {
  const key = `${time} ${timezone}`;
  let parsed = crons.get(key);
  if (parsed) return parsed;
  const [hour, minute] = time.split(':').map(Number);
  // croner resolves DST: a time skipped by spring-forward runs once, at the first valid minute
  // after it; a time repeated on fall-back runs once, at its first occurrence.
  parsed = new Cron(`${minute} ${hour} * * *`, { timezone, paused: true });
  if (crons.size >= MAX_CRONS) crons.clear();
  crons.set(key, parsed);
  return parsed;
}

/** The latest scheduled instant at or before `now`. */
export function previousOccurrence(schedule: Schedule, now: number): number {
  return cron(schedule)
    .previousRuns(1, new Date(now + 1))[0]!
    .getTime();
}

/** The first scheduled instant strictly after `now`. */
export function nextOccurrence(schedule: Schedule, now: number): number {
  return cron(schedule).nextRun(new Date(now))!.getTime();
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** "2026-03-08 03:00 EDT": an instant as the server's members read it. */
export function localDateTime(instant: number, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${localDate(instant, timezone)} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

/** What a server's schedule asks for right now. */
export type Due =
  | { kind: 'run'; date: string; scheduledAt: number; late: boolean }
  /** A digest of today exists but some of its parts are not posted yet (restart, or a retry is due). */
  | { kind: 'resume'; date: string; scheduledAt: number }
  /** The bot was down past the grace window: skip; the next digest covers the gap. */
  | { kind: 'missed'; date: string; scheduledAt: number }
  | { kind: 'none' };

/**
 * Decides, from a server's stored state alone, what its schedule needs at `now`. The digest of a
 * local day is identified by that day, so a day's digest runs at most once whatever the clock
 * does (a fall-back hour, a restart, `/digest now` earlier that day).
 */
export function dueAction(guild: Readonly<GuildState>, now: number, graceMs = DEFAULT_GRACE_MS): Due {
  const settings = guild.settings;
  if (!settings) return { kind: 'none' };
  const retry = dueRetry(guild, now);
  if (retry) return retry;
  const scheduledAt = previousOccurrence(settings, now);
  if (scheduledAt < settings.since) return { kind: 'none' };
  const date = localDate(scheduledAt, settings.timezone);
  const existing = digestOn(guild, date);
  if (existing) {
    if (isComplete(existing)) return { kind: 'none' };
    const failure = guild.failure?.date === date ? guild.failure : null;
    if (failure && (failure.nextRetryAt === null || failure.nextRetryAt > now)) return { kind: 'none' };
    return { kind: 'resume', date, scheduledAt };
  }
  if (guild.lastRun?.date === date) return { kind: 'none' };
  if (now - scheduledAt > graceMs) return { kind: 'missed', date, scheduledAt };
  return { kind: 'run', date, scheduledAt, late: now - scheduledAt > LATE_AFTER_MS };
}

/**
 * The first instant, from `now` on, at which the server's schedule may need something: `now` when
 * it does already, else its next scheduled minute or retry, whichever comes first; null with no
 * schedule. Until then dueAction stays 'none' unless the server's state changes, so nothing needs
 * to look at the server before that instant.
 */
export function nextCheckAt(guild: Readonly<GuildState>, now: number, graceMs = DEFAULT_GRACE_MS): number | null {
  const settings = guild.settings;
  if (!settings) return null;
  if (dueAction(guild, now, graceMs).kind !== 'none') return now;
  const retryAt = guild.failure?.nextRetryAt;
  const next = nextOccurrence(settings, now);
  return retryAt != null && retryAt > now ? Math.min(next, retryAt) : next;
}

/** A failed digest (of any day, e.g. one posted early with /digest now) whose next attempt is due. */
function dueRetry(guild: Readonly<GuildState>, now: number): Due | null {
  const failure = guild.failure;
  if (!failure || failure.nextRetryAt === null || failure.nextRetryAt > now) return null;
  const failed = digestOn(guild, failure.date);
  if (!failed || isComplete(failed)) return null;
  return { kind: 'resume', date: failed.date, scheduledAt: failed.scheduledAt };
}

/** When a failed digest is tried again, or null once the attempts are used up. */
export function nextRetry(attempts: number, now: number): number | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : now + delay;
}

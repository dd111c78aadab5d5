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

/** Zones found valid: creating a formatter to check one costs far more than a look-up. */
const knownZones = new Set<string>();

export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (zone.length === 0) return false;
  knownZones.add(zone);
  return true;
}

/** Formatters by kind and zone: creating one costs far more than formatting, and thousands of servers share a few zones. */
const formatters = new Map<string, Intl.DateTimeFormat>();

const FORMATS = {
  date: ['en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }],
  time: ['en-US', { hourCycle: 'h23', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }],
  wall: [
    'en-US',
    { hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' },
  ],
} as const;

function formatter(kind: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    const [locale, options] = FORMATS[kind];
    formatters.set(key, (format = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  }
  return format;
}

/** Every IANA zone this runtime knows (plus UTC), for autocomplete. */
export function timeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}

type Schedule = Pick<DigestSettings, 'time' | 'timezone'>;

const DAY = 24 * 60 * 60_000;

/** The wall-clock reading of an instant in a zone, as if that reading were UTC (whole seconds). */
function wallClock(instant: number, timeZone: string): number {
  const f: Record<string, number> = {};
  for (const part of formatter('wall', timeZone).formatToParts(instant)) if (part.type !== 'literal') f[part.type] = Number(part.value);
  return Date.UTC(f.year!, f.month! - 1, f.day!, f.hour! % 24, f.minute!, f.second!);
}

/** The zone's offset from UTC at an instant, ms. */
function offsetAt(instant: number, timeZone: string): number {
  return wallClock(instant, timeZone) - Math.floor(instant / 1000) * 1000;
}

/** The zone's offsets at the start and end of a window around a local day (different when its clocks change then). */
const dayOffsets = new Map<string, [number, number]>();

function offsetsAround(day: number, timeZone: string): [number, number] {
  const key = `${timeZone} ${day}`;
  let offsets = dayOffsets.get(key);
  if (!offsets) {
    if (dayOffsets.size >= 100_000) dayOffsets.clear();
    // wide enough for any zone's offset (−12 h to +14 h); clocks never change twice in three days
    dayOffsets.set(key, (offsets = [offsetAt(day - DAY, timeZone), offsetAt(day + 2 * DAY, timeZone)]));
  }
  return offsets;
}

/**
 * The instant the schedule runs on one local day (`day` as a UTC midnight). A time the clocks skip
 * (spring forward) runs at the first instant after it, the change itself; a time they repeat
 * (fall back) runs at its first occurrence: one run per local day either way.
 */
function runOn(day: number, minuteOfDay: number, timeZone: string): number {
  const wall = day + minuteOfDay * 60_000;
  const [offsetBefore, offsetAfter] = offsetsAround(day, timeZone);
  const before = wall - offsetBefore;
  const after = wall - offsetAfter;
  if (before === after) return before;
  const valid = [before, after].filter((instant) => wallClock(instant, timeZone) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // skipped: the clocks read before the time at `after` and past it at `before`; find the change
  let [lo, hi] = [Math.min(before, after), Math.max(before, after)];
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (wallClock(mid, timeZone) > wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The runs on the local days around `now`, earliest first (a run may fall on a neighbouring day's instant). */
function runsAround({ time, timezone }: Schedule, now: number): number[] {
  const [hour, minute] = time.split(':').map(Number);
  const today = Math.floor(wallClock(now, timezone) / DAY) * DAY;
  return [-1, 0, 1, 2].map((k) => runOn(today + k * DAY, hour! * 60 + minute!, timezone));
}

/** The latest scheduled instant at or before `now`. */
export function previousOccurrence(schedule: Schedule, now: number): number {
  return runsAround(schedule, now)
    .filter((run) => run <= now)
    .at(-1)!;
}

/** The first scheduled instant strictly after `now`. */
export function nextOccurrence(schedule: Schedule, now: number): number {
  return runsAround(schedule, now).find((run) => run > now)!;
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: number, timezone: string): string {
  return formatter('date', timezone).format(instant);
}

/** "2026-03-08 03:00 EDT": an instant as the server's members read it. */
export function localDateTime(instant: number, timezone: string): string {
  const parts = formatter('time', timezone).formatToParts(instant);
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

import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { dueAction, isTimeZone, localDate, localDateTime, nextOccurrence, previousOccurrence } from '../src/digest/schedule.js';
import type { GuildState } from '../src/digest/store.js';
import { SAMPLE_ZONES } from './support/zones.js';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);

function guild(time: string, timezone: string, since = 0): GuildState {
  return { settings: { channelId: 'c', time, timezone, size: 10, quietDay: 'silent', since }, digests: [], lastRun: null, failure: null };
}

/** Every scheduled instant in [from, to). */
function runsBetween(time: string, timezone: string, from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = nextOccurrence({ time, timezone }, at(from) - 1); t < at(to); t = nextOccurrence({ time, timezone }, t)) out.push(iso(t));
  return out;
}

describe('digest schedule', () => {
  it('knows IANA zones and rejects others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('places the same local time in different zones', () => {
    const now = at('2026-06-01T00:00:00Z');
    expect(iso(nextOccurrence({ time: '08:00', timezone: 'Europe/Berlin' }, now))).toBe('2026-06-01T06:00:00.000Z');
    expect(iso(nextOccurrence({ time: '08:00', timezone: 'America/New_York' }, now))).toBe('2026-06-01T12:00:00.000Z');
    expect(iso(nextOccurrence({ time: '08:00', timezone: 'Asia/Kolkata' }, now))).toBe('2026-06-01T02:30:00.000Z');
    expect(localDate(at('2026-06-01T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-06-02');
    expect(localDateTime(at('2026-06-01T12:00:00Z'), 'America/New_York')).toBe('2026-06-01 08:00 EDT');
  });

  it('runs 02:30 once on a spring-forward day, at the first valid minute', () => {
    const runs = runsBetween('02:30', 'America/New_York', '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z');
    expect(runs).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z']);
    expect(runs.map((r) => localDate(at(r), 'America/New_York'))).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
  });

  it('runs a repeated hour once on a fall-back day', () => {
    const ny = runsBetween('01:30', 'America/New_York', '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z');
    expect(ny).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    const berlin = runsBetween('02:30', 'Europe/Berlin', '2026-10-24T12:00:00Z', '2026-10-27T00:00:00Z');
    expect(berlin).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('does not run a second time in the repeated hour, even when asked from the state alone', () => {
    const g = guild('01:30', 'America/New_York');
    const first = dueAction(g, at('2026-11-01T05:30:00Z'));
    expect(first).toMatchObject({ kind: 'run', date: '2026-11-01', late: false });
    // the wall clock reads 01:30 again an hour later (EST): the same day's digest, so nothing to do
    g.digests.push({
      date: '2026-11-01',
      channelId: 'c',
      scheduledAt: at('2026-11-01T05:30:00Z'),
      createdAt: 0,
      late: false,
      articleIds: [],
      parts: [],
    });
    expect(dueAction(g, at('2026-11-01T06:30:00Z'))).toEqual({ kind: 'none' });
    expect(previousOccurrence(g.settings!, at('2026-11-01T06:31:00Z'))).toBe(at('2026-11-01T05:30:00Z'));
  });

  it('before the minute nothing is due; within the grace window a missed run is late; past it, missed', () => {
    const g = guild('08:00', 'Europe/Berlin');
    g.digests.push({
      date: '2026-06-01',
      channelId: 'c',
      scheduledAt: at('2026-06-01T06:00:00Z'),
      createdAt: 0,
      late: false,
      articleIds: [],
      parts: [],
    });
    expect(dueAction(g, at('2026-06-02T05:59:00Z'))).toEqual({ kind: 'none' });
    expect(dueAction(g, at('2026-06-02T06:00:30Z'))).toMatchObject({ kind: 'run', date: '2026-06-02', late: false });
    expect(dueAction(g, at('2026-06-02T11:00:00Z'))).toMatchObject({ kind: 'run', date: '2026-06-02', late: true });
    expect(dueAction(g, at('2026-06-02T12:30:00Z'))).toMatchObject({ kind: 'missed', date: '2026-06-02' });
  });

  it("a schedule set after today's minute starts tomorrow", () => {
    const g = guild('08:00', 'UTC', at('2026-06-02T09:00:00Z'));
    expect(dueAction(g, at('2026-06-02T09:00:01Z'))).toEqual({ kind: 'none' });
    expect(dueAction(g, at('2026-06-03T08:00:00Z'))).toMatchObject({ kind: 'run', date: '2026-06-03' });
  });

  it('agrees with croner (a cron library) around every clock change of 2026 in 30 zones', () => {
    const times = ['00:00', '00:30', '01:30', '02:00', '02:30', '03:00', '12:00', '23:30'];
    const offset = (instant: number, zone: string) => localDateTime(instant, zone).slice(-6);
    let checked = 0;
    for (const timezone of SAMPLE_ZONES) {
      // the days the zone's clocks change, plus one ordinary day
      const days = [at('2026-01-15T00:00:00Z')];
      for (let day = at('2026-01-01T00:00:00Z'); day < at('2027-01-01T00:00:00Z'); day += 24 * 3600_000)
        if (offset(day, timezone) !== offset(day + 24 * 3600_000, timezone)) days.push(day);
      for (const day of days)
        for (let now = day - 6 * 3600_000; now <= day + 30 * 3600_000; now += 5 * 3600_000 + 17 * 60_000)
          for (const time of times) {
            const [hour, minute] = time.split(':').map(Number);
            const cron = new Cron(`${minute} ${hour} * * *`, { timezone, paused: true });
            const where = `${time} ${timezone} from ${iso(now)}`;
            expect(iso(nextOccurrence({ time, timezone }, now)), where).toBe(iso(cron.nextRun(new Date(now))!.getTime()));
            expect(iso(previousOccurrence({ time, timezone }, now)), where).toBe(
              iso(cron.previousRuns(1, new Date(now + 1))[0]!.getTime()),
            );
            checked++;
          }
    }
    expect(checked).toBeGreaterThan(3000);
  });
});

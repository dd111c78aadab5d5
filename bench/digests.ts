/**
 * `npm run bench -- --sizes digests`: the digest service with many servers that have a digest.
 * `/digest set` is timed through the real bot process and the Discord stand-in (acknowledgement as
 * the stand-in sees it, one at a time and 20 at once); the minute tick and state writes are timed
 * in-process on the same state, before the bot starts.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile } from '../eval/metrics.js';
import { renderDigest } from '../src/bot/digest-message.js';
import { DigestRunner } from '../src/digest/runner.js';
import { systemClock } from '../src/digest/schedule.js';
import { DigestStore, STATE_FILE, type DigestSettings, type GuildState } from '../src/digest/store.js';
import { startBot } from '../tests/support/bot-process.js';
import {
  ACK_DEADLINE_MS,
  DiscordStandIn,
  MEMBER_PERMISSIONS,
  PERMISSIONS,
  type InteractionRecord,
} from '../tests/support/discord-stand-in.js';

export const DIGEST_SERVERS = 10_000;
const CONCURRENT = 20;

/** 30 zones: whole, half- and quarter-hour offsets, both hemispheres' daylight saving time. */
const ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Helsinki',
  'Europe/Moscow',
  'Europe/Lisbon',
  'Africa/Lagos',
  'Africa/Nairobi',
  'Africa/Johannesburg',
  'Asia/Dubai',
  'Asia/Tehran',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Adelaide',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/St_Johns',
  'America/Sao_Paulo',
];

export interface Percentiles {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export interface DigestBenchResult {
  servers: number;
  /** `/digest set` acknowledgement, ms, one at a time. */
  setOneAtATime: Percentiles;
  /** The same, 20 sent at once (several rounds); how many were acknowledged within Discord's 3 s. */
  setConcurrent: Percentiles & { rounds: number; withinDeadline: number };
  /** In-process: planning every server when the runner starts, ms. */
  planAllMs: number;
  /** In-process: one tick with nothing due, ms. */
  tickNothingDue: Percentiles;
  /** In-process: one state write (serialise, atomic write, fsync), ms; and the longest event-loop stall meanwhile. */
  stateWrite: Percentiles & { longestStallMs: number; fileMB: number };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function percentiles(values: number[]): Percentiles {
  return {
    samples: values.length,
    p50: round2(percentile(values, 50)),
    p99: round2(percentile(values, 99)),
    max: round2(Math.max(...values)),
  };
}

const hhmm = (minuteOfDay: number) =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

/** The state of `servers` servers with a digest: distinct server and channel ids, times spread over the day, 30 zones. */
function seedState(dir: string, servers: number, now: number): void {
  const guilds: Record<string, GuildState> = {};
  for (let i = 0; i < servers; i++) {
    const settings: DigestSettings = {
      channelId: String(800000000000000000n + BigInt(i)),
      time: hhmm(Math.floor((i * 1440) / servers)),
      timezone: ZONES[i % ZONES.length]!,
      size: 10,
      quietDay: 'silent',
      since: now,
    };
    guilds[String(700000000000000000n + BigInt(i))] = { settings, digests: [], lastRun: null, failure: null };
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, STATE_FILE), JSON.stringify({ version: 1, initializedAt: now, seen: {}, guilds }));
}

/** Times the runner's start-up planning, the tick with nothing due, and state writes, on a copy of the seeded state. */
async function inProcess(stateDir: string, now: number) {
  const store = await DigestStore.open(stateDir, now);
  const clock = { now: () => now, setTimeout: systemClock.setTimeout };
  const noArticles = { allArticles: () => [], sentence: () => undefined, idf: () => 0 };
  const sender = {
    selfId: 'bench',
    send: () => Promise.reject(new Error('nothing is due in this measurement')),
    recent: () => Promise.resolve([]),
  };
  let t = performance.now();
  const runner = new DigestRunner({ store, source: noArticles, sender, render: renderDigest, clock });
  const planAllMs = round2(performance.now() - t);
  const ticks: number[] = [];
  for (let i = 0; i < 1000; i++) {
    t = performance.now();
    await runner.tick();
    ticks.push(performance.now() - t);
  }
  const writes: number[] = [];
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  stalls.enable();
  const first = store.guildIds()[0]!;
  for (let i = 0; i < 50; i++) {
    t = performance.now();
    await store.setSettings(first, { ...store.settings(first)!, time: hhmm((i * 29) % 1440) });
    writes.push(performance.now() - t);
  }
  stalls.disable();
  const { size } = statSync(store.file);
  return {
    planAllMs,
    tickNothingDue: percentiles(ticks),
    stateWrite: { ...percentiles(writes), longestStallMs: round2(stalls.max / 1e6), fileMB: round2(size / 1e6) },
  };
}

const ackMs = (record: InteractionRecord) => {
  if (record.acknowledgedAt === null) throw new Error(`/digest set was not acknowledged (late: ${record.late})`);
  return record.acknowledgedAt - record.createdAt;
};

/** Seeds the state, measures in-process, then starts the bot against the stand-in and times `/digest set`. */
export async function benchDigests({ servers = DIGEST_SERVERS, sequential = 200, rounds = 5 } = {}): Promise<DigestBenchResult> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-bench-digests-'));
  const discord = await DiscordStandIn.start();
  try {
    const now = Date.now();
    seedState(path.join(root, 'measure'), servers, now);
    const measured = await inProcess(path.join(root, 'measure'), now);
    const stateDir = path.join(root, 'state');
    seedState(stateDir, servers, now);
    console.error(`digests: starting the bot with ${servers.toLocaleString('en')} server schedules`);
    const bot = await startBot(discord, { STATE_DIR: stateDir });
    try {
      await bot.waitFor(/digests: \d+ server schedule/, 120_000);
      let n = 0;
      const set = async () => {
        n++;
        const values = { channel: discord.channelId, time: hhmm((n * 37) % 1440), timezone: ZONES[n % ZONES.length] };
        const record = await discord.slash('digest', values, {
          subcommand: 'set',
          permissions: MEMBER_PERMISSIONS | PERMISSIONS.ManageGuild,
        });
        const reply = await record.until(() => record.late || record.original, 'acknowledgement', 30_000);
        if (reply !== true && !String(reply.content).startsWith('Done.'))
          throw new Error(`unexpected reply to /digest set: ${reply.content}`);
        return record;
      };
      for (let i = 0; i < 5; i++) await set(); // warm-up: modules, JIT, connections
      const one: number[] = [];
      for (let i = 0; i < sequential; i++) one.push(ackMs(await set()));
      const records: InteractionRecord[] = [];
      for (let r = 0; r < rounds; r++) records.push(...(await Promise.all(Array.from({ length: CONCURRENT }, set))));
      const acknowledged = records.filter((r) => r.acknowledgedAt !== null && !r.late);
      const concurrent = records.map((r) => (r.acknowledgedAt === null ? Infinity : r.acknowledgedAt - r.createdAt));
      return {
        servers,
        setOneAtATime: percentiles(one),
        setConcurrent: {
          ...percentiles(concurrent),
          rounds,
          withinDeadline: acknowledged.filter((r) => ackMs(r) <= ACK_DEADLINE_MS).length,
        },
        ...measured,
      };
    } finally {
      await bot.stop();
    }
  } finally {
    await discord.close();
    rmSync(root, { recursive: true, force: true });
  }
}

export function digestTable(r: DigestBenchResult): string {
  const p = (x: Percentiles) => `${x.p50} / ${x.p99} / ${x.max}`;
  const c = r.setConcurrent;
  return [
    `### Digest scheduling: ${r.servers.toLocaleString('en')} servers with a digest (30 zones, times spread over the day)`,
    '',
    '| | p50 / p99 / max, ms | target |',
    '|---|---|---|',
    `| \`/digest set\` acknowledgement, one at a time (${r.setOneAtATime.samples}; real bot process, Discord stand-in) | ${p(r.setOneAtATime)} | p99 ≤ 50 |`,
    `| \`/digest set\` acknowledgement, ${CONCURRENT} at once (${c.rounds} rounds; ${c.withinDeadline} of ${c.samples} within 3 s) | ${p(c)} | all ≤ 3,000, p99 ≤ 500 |`,
    `| minute tick with nothing due (in-process, ${r.tickNothingDue.samples} ticks) | ${p(r.tickNothingDue)} | ≤ 5 |`,
    `| planning every server when the runner starts (in-process, once) | ${r.planAllMs} | |`,
    `| state write: serialise, atomic write, fsync (in-process, ${r.stateWrite.samples} writes of ${r.stateWrite.fileMB} MB); longest event-loop stall meanwhile ${r.stateWrite.longestStallMs} ms | ${p(r.stateWrite)} | |`,
  ].join('\n');
}

/**
 * `npm run bench -- --sizes digests`: the digest service with many servers that have a digest.
 * `/digest set` is timed through the real bot process and the Discord stand-in (acknowledgement as
 * the stand-in sees it, one at a time and 20 at once); the minute tick and state writes are timed
 * in-process on the same state, before the bot starts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import writeFileAtomic from 'write-file-atomic';
import { percentile } from '../eval/metrics.js';
import { renderDigest } from '../src/bot/digest-message.js';
import { DigestRunner } from '../src/digest/runner.js';
import { systemClock } from '../src/digest/schedule.js';
import { DigestStore, STATE_FILE, type DigestSettings, type GuildState } from '../src/digest/store.js';
import { startBot } from '../tests/support/bot-process.js';
import { SAMPLE_ZONES } from '../tests/support/zones.js';
import {
  ACK_DEADLINE_MS,
  DiscordStandIn,
  MEMBER_PERMISSIONS,
  PERMISSIONS,
  type InteractionRecord,
} from '../tests/support/discord-stand-in.js';

const DIGEST_SERVERS = 10_000;
const CONCURRENT = 20;

export interface Percentiles {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/** The figures for one number of servers. */
export interface DigestFigures {
  servers: number;
  /** `/digest set` acknowledgement, ms, one at a time. */
  setOneAtATime: Percentiles;
  /** The same, 20 sent at once (several rounds); how many were acknowledged within Discord's 3 s. */
  setConcurrent: Percentiles & { rounds: number; withinDeadline: number };
  /** In-process: planning every server when the runner starts (in slices), until the first tick could run, ms. */
  planAllMs: number;
  /** In-process: one tick with nothing due, ms. */
  tickNothingDue: Percentiles;
  /** In-process: the service work of one `/digest set` (store durably, reschedule, status), ms; longest event-loop stall meanwhile; the snapshot's size. */
  stateWrite: Percentiles & { longestStallMs: number; fileMB: number };
  /** The disk's share: the same atomic write and folder fsync of the server's file, without the store, ms. */
  bareWrite: Percentiles;
  /** Longest event-loop stall while the process idles as long as the writes took (the machine's own noise), ms. */
  idleStallMs: number;
  /** In-process: every server's state changed at once (one server file each), ms; then opening the state, which folds those files into the snapshot, ms. */
  everyServerChanged: { writeMs: number; openMs: number };
}

export type DigestBenchResult = DigestFigures[];

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
      timezone: SAMPLE_ZONES[i % SAMPLE_ZONES.length]!,
      size: 10,
      quietDay: 'silent',
      since: now,
    };
    guilds[String(700000000000000000n + BigInt(i))] = { settings, digests: [], lastRun: null, failure: null };
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, STATE_FILE), JSON.stringify({ version: 1, initializedAt: now, seen: {}, guilds }));
}

async function timed(times: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await run(i);
    out.push(performance.now() - t);
  }
  return out;
}

const WRITES = 50;

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
  const t = performance.now();
  const runner = new DigestRunner({ store, source: noArticles, sender, render: renderDigest, clock });
  await runner.tick(); // waits for the start-up planning
  const planAllMs = round2(performance.now() - t);
  const ticks = await timed(1000, () => runner.tick());

  const guildId = '200000000000000002';
  await store.setSettings(guildId, { channelId: '1', time: '00:00', timezone: 'UTC', size: 10, quietDay: 'silent', since: now });
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  stalls.enable();
  const started = performance.now();
  // what `/digest set` does with the service: store the settings, reschedule, read the status
  runner.start();
  const writes = await timed(WRITES, async (i) => {
    await store.setSettings(guildId, { ...store.settings(guildId)!, time: hhmm((i * 29) % 1440), since: now });
    runner.reschedule();
    runner.status(guildId);
  });
  runner.stop();
  const writing = performance.now() - started;
  stalls.disable();

  const idle = monitorEventLoopDelay({ resolution: 1 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, writing));
  idle.disable();

  const { size } = statSync(store.file);
  const content = readFileSync(store.serverFile(guildId));
  const bare = path.join(stateDir, 'bare');
  mkdirSync(bare);
  const bareWrites = await timed(WRITES, async () => {
    await writeFileAtomic(path.join(bare, 'file.json'), content, { fsync: true });
    const folder = await open(bare, 'r');
    await folder.sync();
    await folder.close();
  });
  // as after a day of digests: every server has its own file until the next start-up folds them in
  let t0 = performance.now();
  await Promise.all(store.guildIds().map((id) => store.recordRun(id, { at: now, date: '2026-01-01', outcome: 'empty' }, null)));
  const writeMs = round2(performance.now() - t0);
  t0 = performance.now();
  await DigestStore.open(stateDir, now);
  const openMs = round2(performance.now() - t0);
  return {
    everyServerChanged: { writeMs, openMs },
    planAllMs,
    tickNothingDue: percentiles(ticks),
    stateWrite: { ...percentiles(writes), longestStallMs: round2(stalls.max / 1e6), fileMB: round2(size / 1e6) },
    bareWrite: percentiles(bareWrites),
    idleStallMs: round2(idle.max / 1e6),
  };
}

const ackMs = (record: InteractionRecord) => {
  if (record.acknowledgedAt === null) throw new Error(`/digest set was not acknowledged (late: ${record.late})`);
  return record.acknowledgedAt - record.createdAt;
};

/** Times `/digest set` through a bot process started on the state in `stateDir`. */
async function throughTheBot(discord: DiscordStandIn, stateDir: string, sequential: number, rounds: number) {
  const bot = await startBot(discord, { STATE_DIR: stateDir });
  try {
    await bot.waitFor(/digests: \d+ server schedule/, 120_000);
    let n = 0;
    const set = async () => {
      n++;
      const values = { channel: discord.channelId, time: hhmm((n * 37) % 1440), timezone: SAMPLE_ZONES[n % SAMPLE_ZONES.length] };
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
    const inTime = records.filter((r) => r.acknowledgedAt !== null && r.acknowledgedAt - r.createdAt <= ACK_DEADLINE_MS);
    return {
      setOneAtATime: percentiles(one),
      setConcurrent: {
        ...percentiles(records.map((r) => (r.acknowledgedAt === null ? Infinity : r.acknowledgedAt - r.createdAt))),
        rounds,
        withinDeadline: inTime.length,
      },
    };
  } finally {
    await bot.stop();
  }
}

/** For each number of servers: seeds the state, measures in-process, then through the bot and the stand-in. */
export async function benchDigests({ servers = [0, DIGEST_SERVERS], sequential = 200, rounds = 5 } = {}): Promise<DigestBenchResult> {
  const results: DigestFigures[] = [];
  const discord = await DiscordStandIn.start();
  try {
    for (const count of servers) {
      const root = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-bench-digests-'));
      try {
        const now = Date.now();
        console.error(`digests: ${count.toLocaleString('en')} servers, in-process`);
        seedState(path.join(root, 'measure'), count, now);
        const measured = await inProcess(path.join(root, 'measure'), now);
        console.error(`digests: ${count.toLocaleString('en')} servers, through the bot`);
        seedState(path.join(root, 'state'), count, now);
        results.push({ servers: count, ...(await throughTheBot(discord, path.join(root, 'state'), sequential, rounds)), ...measured });
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  } finally {
    await discord.close();
  }
  return results;
}

export function digestTable(results: DigestBenchResult): string {
  const p = (x: Percentiles) => `${x.p50} / ${x.p99} / ${x.max}`;
  const row = (label: string, cell: (r: DigestFigures) => string | number, target = '') =>
    `| ${label} | ${results.map((r) => cell(r)).join(' | ')} | ${target} |`;
  const first = results[0]!;
  return [
    `### Digest scheduling: servers with a digest (30 zones, times spread over the day); p50 / p99 / max, ms`,
    '',
    `| | ${results.map((r) => `${r.servers.toLocaleString('en')} servers`).join(' | ')} | target (10,000 servers) |`,
    `|---|${results.map(() => '---|').join('')}---|`,
    row(
      `\`/digest set\` acknowledgement, one at a time (${first.setOneAtATime.samples}; real bot process, Discord stand-in)`,
      (r) => p(r.setOneAtATime),
      'p99 ≤ 50',
    ),
    row(
      `\`/digest set\` acknowledgement, ${CONCURRENT} at once (${first.setConcurrent.rounds} rounds)`,
      (r) => p(r.setConcurrent),
      'p99 ≤ 500',
    ),
    row('… of those, acknowledged within 3 s', (r) => `${r.setConcurrent.withinDeadline} of ${r.setConcurrent.samples}`, 'all'),
    row(`minute tick with nothing due (in-process, ${first.tickNothingDue.samples} ticks)`, (r) => p(r.tickNothingDue), '≤ 5'),
    row('planning every server at start-up, in slices (in-process, once)', (r) => r.planAllMs),
    row(
      `\`/digest set\` service work: store durably, reschedule, status (in-process, ${first.stateWrite.samples} sets)`,
      (r) => `${p(r.stateWrite)} (snapshot ${r.stateWrite.fileMB} MB)`,
    ),
    row("… the disk's share: the same server file's atomic write + folder fsync alone", (r) => p(r.bareWrite)),
    row(
      'longest event-loop stall during those sets / while idle as long (machine noise)',
      (r) => `${r.stateWrite.longestStallMs} / ${r.idleStallMs}`,
    ),
    row('every server changed at once, one file each (in-process, wall ms)', (r) => r.everyServerChanged.writeMs),
    row('… then start-up: opening the state, folding those files into the snapshot (in-process, ms)', (r) => r.everyServerChanged.openMs),
  ].join('\n');
}

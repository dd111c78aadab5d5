import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import writeFileAtomic from 'write-file-atomic';
import { CoalescedWrites, Limiter, syncDirectory, writeDurably } from '../state/durable.js';
import { isTimeZone } from './schedule.js';
import { TIME_OF_DAY } from './time-of-day.js';

/**
 * Durable digest state: a snapshot file, `state.json`, and a folder, `digest-servers/`, with one
 * small file per server changed since the snapshot (its whole state, or `null` once it is removed),
 * which overrides the snapshot's entry. A change of one server rewrites that server's file alone;
 * articles seen rewrite the snapshot, whose servers stay as they were when it was made. Every file
 * is written with write-file-atomic (a temporary file, fsynced, renamed over the old one) followed
 * by an fsync of its folder, so that after a kill -9 or a power cut each file is either the old or
 * the new version, never a mix; a server's file on disk is always its latest acknowledged state or
 * equal to the snapshot's. Every mutating method resolves only once the change is on disk.
 *
 * Opening folds the servers' files into a new snapshot, then deletes them (a kill in between leaves
 * files equal to the snapshot: harmless). A version-1 folder (state.json alone) becomes version 2 the
 * same way, so a version-1 bot refuses the folder instead of missing the servers' files.
 *
 * Writes of one file never overlap; changes made while its write is waiting to start share it. At
 * most SERVER_WRITES_AT_ONCE servers' files are written at once, and one fsync of their folder
 * covers every rename done before it started.
 */

export const STATE_FILE = 'state.json';
/** One file per server changed since the snapshot, named by its id. */
export const SERVERS_FOLDER = 'digest-servers';
const VERSION = 2;
/** The same snapshot, written before the servers' folder existed. */
const SINGLE_FILE_VERSION = 1;
/** Digests kept per server: enough for status and for "what did the previous digest cover". */
const KEPT_DIGESTS = 14;

const embed = z.object({
  title: z.string(),
  description: z.string().optional(),
  footer: z.object({ text: z.string() }).optional(),
});
const payload = z.object({ content: z.string(), embeds: z.array(embed) });
/** A message delivered exactly once (see deliverParts), carrying a payload of the given schema. */
export const deliveryPart = <P extends z.ZodType>(payload: P) =>
  z.object({
    index: z.number().int(),
    nonce: z.string().max(25),
    /** Exactly what is sent, so a resend with the same nonce is the same message. */
    payload,
    status: z.enum(['pending', 'posted']),
    /** When the part was first recorded as about to be sent (null: never attempted). */
    pendingSince: z.number().nullable(),
    messageId: z.string().nullable(),
  });
const part = deliveryPart(payload);
const digest = z.object({
  /** Local day (in the server's zone) of the scheduled run this digest belongs to. */
  date: z.string(),
  channelId: z.string(),
  scheduledAt: z.number(),
  createdAt: z.number(),
  late: z.boolean(),
  articleIds: z.array(z.string()),
  parts: z.array(part),
});
const settings = z.object({
  channelId: z.string(),
  /** HH:MM, 24-hour, in `timezone`. */
  time: z.string().regex(TIME_OF_DAY),
  timezone: z.string().refine(isTimeZone, 'not an IANA time zone'),
  /** Most articles listed in one digest. */
  size: z.number().int().min(1),
  /** What a day with nothing new posts: nothing, or a short line. */
  quietDay: z.enum(['silent', 'line']),
  /** When the schedule was set: runs scheduled before this never happen. */
  since: z.number(),
});
const runOutcome = z.object({
  at: z.number(),
  date: z.string(),
  outcome: z.enum(['posted', 'late', 'empty', 'missed', 'failed']),
  detail: z.string().optional(),
});
const failure = z.object({
  date: z.string(),
  message: z.string(),
  attempts: z.number().int(),
  /** Null once the retries are used up. */
  nextRetryAt: z.number().nullable(),
});
const guild = z.object({
  settings: settings.nullable(),
  digests: z.array(digest),
  lastRun: runOutcome.nullable(),
  failure: failure.nullable(),
});
/** A server's file: its state, or null once it was removed. */
const serverFile = guild.nullable();
const stateSchema = z.object({
  version: z.union([z.literal(SINGLE_FILE_VERSION), z.literal(VERSION)]),
  /** When the store was created: articles recorded then were already in the folder (not new). */
  initializedAt: z.number(),
  /** Article id → when the bot first saw it (ms since the epoch). */
  seen: z.record(z.string(), z.number()),
  guilds: z.record(z.string(), guild),
});

export type DigestSettings = z.infer<typeof settings>;
export type MessagePayload = z.infer<typeof payload>;
export type DigestPart = z.infer<typeof part>;
export type DigestRecord = z.infer<typeof digest>;
export type RunOutcome = z.infer<typeof runOutcome>;
export type DigestFailure = z.infer<typeof failure>;
export type GuildState = z.infer<typeof guild>;
export type DigestState = z.infer<typeof stateSchema>;

/** True when every part of the digest was posted. */
export function isComplete(record: DigestRecord): boolean {
  return record.parts.every((p) => p.status === 'posted');
}

/** The server's digest for that day, if one was assembled. */
export function digestOn(guild: Readonly<GuildState>, date: string): DigestRecord | undefined {
  return guild.digests.find((d) => d.date === date);
}

/** The state file exists but cannot be used; it is left in place for inspection. */
export class StateError extends Error {}

const HINT = `it was left untouched for inspection; fix it, or move ${STATE_FILE} and ${SERVERS_FOLDER}/ away to start with no digest settings`;

/** A state file parsed and checked against `schema`; undefined when it does not exist. */
async function readStateFile<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateError(`cannot read the digest state file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateError(`the digest state file ${file} is corrupt (${(error as Error).message}); ${HINT}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StateError(`the digest state file ${file} is not valid (${issue.path.join('.') || 'root'}: ${issue.message}); ${HINT}`);
  }
  return parsed.data;
}

const SERVER_FILE_SUFFIX = '.json';
/** Server files read (or deleted) at once: thousands of servers, a bounded number of open files. */
const FILE_BATCH = 64;
/** Servers' files written at once: a burst of changes (many digests due the same minute) opens a bounded number of files. */
const SERVER_WRITES_AT_ONCE = 32;

async function inBatches<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += FILE_BATCH) out.push(...(await Promise.all(items.slice(i, i + FILE_BATCH).map(task))));
  return out;
}

/** The servers' files: id → its state (null: removed). */
async function readServerFiles(folder: string): Promise<Map<string, GuildState | null>> {
  const files = (await readdir(folder).catch(() => [])).filter((name) => name.endsWith(SERVER_FILE_SUFFIX));
  const states = await inBatches(files, (name) => readStateFile(path.join(folder, name), serverFile));
  const servers = new Map<string, GuildState | null>();
  files.forEach((name, i) => {
    const state = states[i];
    if (state !== undefined) servers.set(decodeURIComponent(name.slice(0, -SERVER_FILE_SUFFIX.length)), state);
  });
  return servers;
}

async function readSaved(dir: string) {
  return {
    snapshot: await readStateFile(path.join(dir, STATE_FILE), stateSchema),
    servers: await readServerFiles(path.join(dir, SERVERS_FOLDER)),
  };
}

/** `state` (changed) with each server's file in place of its entry. */
function applyServerFiles(state: DigestState, servers: Map<string, GuildState | null>): DigestState {
  for (const [guildId, guild] of servers) {
    if (guild) state.guilds[guildId] = guild;
    else delete state.guilds[guildId];
  }
  return state;
}

/** The state saved in `dir` as the next start will see it (null: none yet), read without changing anything. */
export async function readSavedState(dir: string): Promise<DigestState | null> {
  const { snapshot, servers } = await readSaved(dir);
  return snapshot ? applyServerFiles(snapshot, servers) : null;
}

/**
 * Temporary files killed writes left behind: `state.json.<number>` beside the snapshot, and
 * anything but a server's file in the servers' folder (write-file-atomic names them `<file>.<number>`).
 */
async function removeLeftovers(dir: string): Promise<void> {
  const folder = path.join(dir, SERVERS_FOLDER);
  const stray = [
    ...(await readdir(dir)).filter((name) => name.startsWith(`${STATE_FILE}.`)).map((name) => path.join(dir, name)),
    ...(await readdir(folder)).filter((name) => !name.endsWith(SERVER_FILE_SUFFIX)).map((name) => path.join(folder, name)),
  ];
  await inBatches(stray, (file) => unlink(file).catch(() => {}));
}

/** Told the id of a server whose state just changed (in memory: the write may still be under way). */
export type GuildListener = (guildId: string) => void;

export class DigestStore {
  private readonly snapshotWrites: CoalescedWrites;
  /** Each server's writes, once it changed. */
  private readonly serverWrites = new Map<string, CoalescedWrites>();
  private readonly fileSlots = new Limiter(SERVER_WRITES_AT_ONCE);
  /** One fsync of the servers' folder covers every rename done before it started. */
  private readonly serversFolderSync: CoalescedWrites;
  /** The servers as the snapshot holds them until the next open (writes of the snapshot keep them). */
  private readonly snapshotGuildsJson: string;
  private seenJson: string | null = null;
  private readonly listeners = new Set<GuildListener>();

  private constructor(
    readonly dir: string,
    private readonly state: DigestState,
    /** True when no state existed: the articles now in the folder are the baseline, not news. */
    readonly firstStart: boolean,
  ) {
    this.snapshotGuildsJson = JSON.stringify(state.guilds);
    this.snapshotWrites = new CoalescedWrites(() => writeDurably(dir, this.file, this.snapshotJson()));
    this.serversFolderSync = new CoalescedWrites(() => syncDirectory(path.join(dir, SERVERS_FOLDER)));
  }

  /** Opens (or creates) the state in `dir`; throws StateError when a file is unusable. */
  static async open(dir: string, now: number): Promise<DigestStore> {
    await mkdir(path.join(dir, SERVERS_FOLDER), { recursive: true });
    await removeLeftovers(dir);
    const { snapshot, servers } = await readSaved(dir);
    const state = applyServerFiles(snapshot ?? { version: VERSION, initializedAt: now, seen: {}, guilds: {} }, servers);
    const store = new DigestStore(dir, { ...state, version: VERSION }, !snapshot);
    if (snapshot?.version !== VERSION || servers.size > 0) {
      await store.snapshotWrites.request();
      // not fsynced: a server's file that comes back after a power cut equals the snapshot's entry
      await inBatches([...servers.keys()], (guildId) => unlink(store.serverFile(guildId)).catch(() => {}));
    }
    return store;
  }

  /** Calls `listener` after every change of a server's state; returns the function that stops it. */
  onGuildChange(listener: GuildListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The snapshot. */
  get file(): string {
    return path.join(this.dir, STATE_FILE);
  }

  /** Where a server's state is written when it changes. */
  serverFile(guildId: string): string {
    return path.join(this.dir, SERVERS_FOLDER, `${encodeURIComponent(guildId)}${SERVER_FILE_SUFFIX}`);
  }

  get initializedAt(): number {
    return this.state.initializedAt;
  }

  guildIds(): string[] {
    return Object.keys(this.state.guilds);
  }

  guild(guildId: string): Readonly<GuildState> | undefined {
    return this.state.guilds[guildId];
  }

  settings(guildId: string): DigestSettings | null {
    return this.state.guilds[guildId]?.settings ?? null;
  }

  firstSeen(articleId: string): number | undefined {
    return this.state.seen[articleId];
  }

  digest(guildId: string, date: string): DigestRecord | undefined {
    const guild = this.state.guilds[guildId];
    return guild && digestOn(guild, date);
  }

  /** The most recent digest whose every part was posted (what the next digest continues from). */
  lastCompleteDigest(guildId: string): DigestRecord | undefined {
    const digests = this.state.guilds[guildId]?.digests ?? [];
    return digests.filter(isComplete).at(-1);
  }

  async setSettings(guildId: string, value: DigestSettings): Promise<void> {
    const valid = settings.parse(value);
    this.guildState(guildId).settings = valid;
    await this.changed(guildId);
  }

  /** `/digest off`: no more runs; past digests stay (the next setup continues from them). */
  async clearSettings(guildId: string): Promise<boolean> {
    const state = this.state.guilds[guildId];
    if (!state?.settings) return false;
    state.settings = null;
    state.failure = null;
    await this.changed(guildId);
    return true;
  }

  /** Forgets a server entirely (the bot was removed from it). */
  async removeGuild(guildId: string): Promise<boolean> {
    if (!this.state.guilds[guildId]) return false;
    delete this.state.guilds[guildId];
    await this.changed(guildId);
    return true;
  }

  /** Records articles not seen before as first seen at `at`; returns how many were new. */
  async recordSeen(articleIds: Iterable<string>, at: number): Promise<number> {
    let added = 0;
    for (const id of articleIds) {
      if (this.state.seen[id] !== undefined) continue;
      this.state.seen[id] = at;
      added++;
    }
    if (added === 0) return 0;
    this.seenJson = null;
    await this.snapshotWrites.request();
    return added;
  }

  /**
   * Records the articles found in the folder at start-up. On the very first start they are the
   * baseline (seen when the store was created, so never counted as new); on later starts, any
   * not seen before arrived while the bot was down.
   */
  recordStartup(articleIds: Iterable<string>, now: number): Promise<number> {
    return this.recordSeen(articleIds, this.firstStart ? this.state.initializedAt : now);
  }

  /** Adds (or replaces) a digest; digests stay in date order and only the latest few are kept. */
  async saveDigest(guildId: string, record: DigestRecord): Promise<void> {
    const valid = digest.parse(record);
    const state = this.guildState(guildId);
    state.digests = state.digests.filter((d) => d.date !== record.date);
    state.digests.push(valid);
    state.digests.sort((a, b) => a.scheduledAt - b.scheduledAt);
    state.digests.splice(0, Math.max(0, state.digests.length - KEPT_DIGESTS));
    await this.changed(guildId);
  }

  async markPending(guildId: string, date: string, index: number, at: number): Promise<void> {
    const target = this.part(guildId, date, index);
    target.pendingSince = at;
    await this.changed(guildId);
  }

  async markPosted(guildId: string, date: string, index: number, messageId: string): Promise<void> {
    const target = this.part(guildId, date, index);
    target.status = 'posted';
    target.messageId = messageId;
    await this.changed(guildId);
  }

  async recordRun(guildId: string, lastRun: RunOutcome, failure: DigestFailure | null): Promise<void> {
    const state = this.guildState(guildId);
    state.lastRun = lastRun;
    state.failure = failure;
    await this.changed(guildId);
  }

  /** Resolves once every change made so far is durable. */
  flush(): Promise<void> {
    return Promise.all([this.snapshotWrites, ...this.serverWrites.values()].map((w) => w.done)).then(() => {});
  }

  private part(guildId: string, date: string, index: number): DigestPart {
    const found = this.digest(guildId, date)?.parts.find((p) => p.index === index);
    if (!found) throw new Error(`no part ${index} of the ${date} digest of server ${guildId}`);
    return found;
  }

  private guildState(guildId: string): GuildState {
    return (this.state.guilds[guildId] ??= { settings: null, digests: [], lastRun: null, failure: null });
  }

  /** After a change of one server's state: tells the listeners, then writes that server's file. */
  private changed(guildId: string): Promise<void> {
    for (const listener of this.listeners) listener(guildId);
    let writes = this.serverWrites.get(guildId);
    if (!writes) {
      const file = this.serverFile(guildId);
      writes = new CoalescedWrites(async () => {
        await this.fileSlots.run(() => writeFileAtomic(file, JSON.stringify(this.state.guilds[guildId] ?? null), { fsync: true }));
        await this.serversFolderSync.request(); // makes the rename durable
      });
      this.serverWrites.set(guildId, writes);
    }
    return writes.request();
  }

  /** The snapshot as JSON: the articles seen now, the servers as they were at open. */
  private snapshotJson(): string {
    const { initializedAt, seen } = this.state;
    this.seenJson ??= JSON.stringify(seen);
    return `{"version":${VERSION},"initializedAt":${initializedAt},"seen":${this.seenJson},"guilds":${this.snapshotGuildsJson}}`;
  }
}

import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { syncDirectory } from '../state/durable.js';
import { isTimeZone } from './schedule.js';
import { TIME_OF_DAY } from './time-of-day.js';

/**
 * Durable digest state: one JSON file, rewritten whole on every change with write-file-atomic
 * (write a temporary file, fsync it, rename it over the old one) followed by an fsync of the
 * folder, so that after a kill -9 or a power cut the file is either the old or the new version,
 * never a mix. Every mutating method resolves only once the change is on disk. Changes made while
 * a write is in flight share the next one, and each server's JSON is kept between writes until it
 * changes, so a write with thousands of servers serialises only what changed (the file I/O itself
 * runs off the event loop).
 */

export const STATE_FILE = 'state.json';
const VERSION = 1;
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
const stateSchema = z.object({
  version: z.literal(VERSION),
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
type State = z.infer<typeof stateSchema>;

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

async function readState(file: string): Promise<State | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StateError(`cannot read the digest state file ${file}: ${(error as Error).message}`);
  }
  const hint = 'it was left untouched for inspection; fix it, or move it away to start with no digest settings';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateError(`the digest state file ${file} is corrupt (${(error as Error).message}); ${hint}`);
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StateError(`the digest state file ${file} is not valid (${issue.path.join('.') || 'root'}: ${issue.message}); ${hint}`);
  }
  return parsed.data;
}

/** Temporary files a killed write left behind (write-file-atomic names them `state.json.<hash>`). */
async function removeLeftovers(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.startsWith(`${STATE_FILE}.`)) await unlink(path.join(dir, name)).catch(() => {});
  }
}

/** Told the id of a server whose state just changed (in memory: the write may still be under way). */
export type GuildListener = (guildId: string) => void;

export class DigestStore {
  private writes: Promise<void> = Promise.resolve();
  /** The write that has not started yet, if any (later changes join it). */
  private queued: Promise<void> | null = null;
  /** Each server's `"id":{…}` as last written. */
  private readonly guildJson = new Map<string, string>();
  /** Servers changed since the last write (all of them at first). */
  private readonly dirty: Set<string>;
  private seenJson: string | null = null;
  private readonly listeners = new Set<GuildListener>();

  private constructor(
    readonly dir: string,
    private readonly state: State,
    /** True when no state existed: the articles now in the folder are the baseline, not news. */
    readonly firstStart: boolean,
  ) {
    this.dirty = new Set(Object.keys(state.guilds));
  }

  /** Opens (or creates) the state in `dir`; throws StateError when the file is unusable. */
  static async open(dir: string, now: number): Promise<DigestStore> {
    await mkdir(dir, { recursive: true });
    await removeLeftovers(dir);
    const existing = await readState(path.join(dir, STATE_FILE));
    const store = new DigestStore(dir, existing ?? { version: VERSION, initializedAt: now, seen: {}, guilds: {} }, !existing);
    if (!existing) await store.persist();
    return store;
  }

  /** Calls `listener` after every change of a server's state; returns the function that stops it. */
  onGuildChange(listener: GuildListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get file(): string {
    return path.join(this.dir, STATE_FILE);
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
    await this.persist();
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
    return this.writes;
  }

  private part(guildId: string, date: string, index: number): DigestPart {
    const found = this.digest(guildId, date)?.parts.find((p) => p.index === index);
    if (!found) throw new Error(`no part ${index} of the ${date} digest of server ${guildId}`);
    return found;
  }

  private guildState(guildId: string): GuildState {
    return (this.state.guilds[guildId] ??= { settings: null, digests: [], lastRun: null, failure: null });
  }

  /** After a change of one server's state: tells the listeners, then writes it. */
  private changed(guildId: string): Promise<void> {
    this.dirty.add(guildId);
    for (const listener of this.listeners) listener(guildId);
    return this.persist();
  }

  /** The state as JSON, reusing every part that has not changed since the last write. */
  private serialise(): string {
    const { version, initializedAt, seen, guilds } = this.state;
    this.seenJson ??= JSON.stringify(seen);
    for (const guildId of this.dirty) {
      const guild = guilds[guildId];
      if (guild) this.guildJson.set(guildId, `${JSON.stringify(guildId)}:${JSON.stringify(guild)}`);
      else this.guildJson.delete(guildId);
    }
    this.dirty.clear();
    return `{"version":${version},"initializedAt":${initializedAt},"seen":${this.seenJson},"guilds":{${[...this.guildJson.values()].join(',')}}}`;
  }

  /**
   * Queues a write of the whole state. Writes never overlap and a failed one does not block the
   * next; changes made while a write is waiting to start share it (a burst of new articles costs a
   * few writes, not one each), and every caller resolves after a write that includes its change.
   */
  private persist(): Promise<void> {
    if (this.queued) return this.queued;
    const write = this.writes
      .catch(() => {})
      .then(async () => {
        this.queued = null;
        await writeFileAtomic(this.file, this.serialise(), { fsync: true });
        await syncDirectory(this.dir);
      });
    this.queued = write;
    this.writes = write;
    return write;
  }
}

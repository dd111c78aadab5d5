import path from 'node:path';
import { z } from 'zod';

/** Empty strings (as .env.example leaves them) count as unset. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The feed settings, as a schema the bot's settings can merge (`feedSettingsSchema.shape`). */
export const feedSettingsSchema = z.object({
  SEEDS_DIR: optional(z.string()).transform((dir) => path.resolve(dir ?? './seeds')),
  STATE_DIR: optional(z.string()).transform((dir) => path.resolve(dir ?? './data/state')),
  FEEDS_ALLOW_PRIVATE: optional(z.enum(['0', '1'], 'must be 1 or 0')).transform((v) => v === '1'),
  FEEDS_KEEP_DAYS: optional(
    z.string().regex(/^[1-9]\d{0,4}$/, 'must be a whole number of days (1 or more), or empty to keep every article'),
  ).transform((v) => (v === undefined ? null : Number(v))),
});

export interface FeedSettings {
  seedsDir: string;
  stateDir: string;
  /** Test and local use only: fetches may reach loopback and private addresses. */
  allowPrivate: boolean;
  /** Feed-written articles older than this many days are deleted; null keeps them all. */
  keepDays: number | null;
}

/** The feed settings from the environment; throws an Error naming the first bad setting (never its value). */
export function loadFeedSettings(env: NodeJS.ProcessEnv): FeedSettings {
  const parsed = feedSettingsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')} ${issue.message}`);
  }
  const v = parsed.data;
  return { seedsDir: v.SEEDS_DIR, stateDir: v.STATE_DIR, allowPrivate: v.FEEDS_ALLOW_PRIVATE, keepDays: v.FEEDS_KEEP_DAYS };
}

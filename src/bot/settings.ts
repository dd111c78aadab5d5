import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const SNOWFLAKE = /^\d{17,20}$/;
/** Empty strings (as .env.example leaves them) count as unset. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const schema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is missing: set it in .env (developer portal → Bot → Reset Token)' })
    .trim()
    .min(1, 'is empty: set it in .env (developer portal → Bot → Reset Token)')
    .regex(/^\S+$/, 'contains spaces: paste the token alone'),
  DISCORD_CLIENT_ID: z
    .string({ error: 'is missing: set it to the application id (developer portal → General Information)' })
    .regex(SNOWFLAKE, 'must be the numeric application id (17 to 20 digits)'),
  DISCORD_GUILD_ID: optional(z.string().regex(SNOWFLAKE, 'must be a numeric server id (17 to 20 digits), or empty for global commands')),
  SEEDS_DIR: optional(z.string()).transform((dir) => path.resolve(dir ?? './seeds')),
  DISCORD_API_BASE: optional(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8080/api' })
      .refine((url) => !/\/v\d+\/?$/.test(url), 'must not end with the version: discord.js appends /v10')
      .transform((url) => url.replace(/\/+$/, '')),
  ),
  ASK_COOLDOWN: optional(z.string().regex(/^\d+\/\d+$/, 'must be USES/SECONDS, such as 3/10')).transform((v) => {
    const [uses, seconds] = (v ?? '3/10').split('/').map(Number) as [number, number];
    return { uses, seconds };
  }),
  NEWSDESK_TEST_FAULTS: optional(z.enum(['0', '1'], 'must be 1 or 0')).transform((v) => v === '1'),
});

export interface Settings {
  token: string;
  clientId: string;
  guildId: string | undefined;
  seedsDir: string;
  apiBase: string | undefined;
  /** At most `uses` /ask per user per `seconds`. */
  askCooldown: { uses: number; seconds: number };
  /** Test only: a string option equal to TEST_FAULT_TRIGGER makes the handler throw (see router.ts). */
  testFaults: boolean;
}

/** A setting that stops start-up; the message is one line naming it, never its value. */
export class SettingsError extends Error {}

/** Validates the environment. `needArticles` also checks that SEEDS_DIR is a folder. */
export function loadSettings(env: NodeJS.ProcessEnv, { needArticles = true } = {}): Settings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SettingsError(`${issue.path.join('.')} ${issue.message}`);
  }
  const v = parsed.data;
  if (needArticles && !isFolder(v.SEEDS_DIR)) throw new SettingsError(`SEEDS_DIR is not a folder: ${v.SEEDS_DIR}`);
  if (v.ASK_COOLDOWN.uses < 1 || v.ASK_COOLDOWN.seconds < 1)
    throw new SettingsError('ASK_COOLDOWN must allow at least 1 use per at least 1 second');
  return {
    token: v.DISCORD_TOKEN,
    clientId: v.DISCORD_CLIENT_ID,
    guildId: v.DISCORD_GUILD_ID,
    seedsDir: v.SEEDS_DIR,
    apiBase: v.DISCORD_API_BASE,
    askCooldown: v.ASK_COOLDOWN,
    testFaults: v.NEWSDESK_TEST_FAULTS,
  };
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

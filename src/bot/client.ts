import { Client, GatewayIntentBits } from 'discord.js';
import { NO_MENTIONS } from './reply.js';
import type { Settings } from '../settings.js';

/** The Guilds intent only (no privileged intents); mentions off by default for every message. */
export function createClient(settings: Settings): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: settings.apiBase ? { api: settings.apiBase } : {},
  });
}

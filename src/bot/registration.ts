import { REST, Routes, type RESTGetAPIApplicationCommandsResult, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Settings } from '../settings.js';

/** Where commands are registered: one server (instant) or globally. */
function commandsRoute(settings: Pick<Settings, 'clientId' | 'guildId'>): `/${string}` {
  return settings.guildId
    ? Routes.applicationGuildCommands(settings.clientId, settings.guildId)
    : Routes.applicationCommands(settings.clientId);
}

/** A REST client for the configured API base (Discord's unless DISCORD_API_BASE is set). */
export function createRest(settings: Pick<Settings, 'token' | 'apiBase'>): REST {
  return new REST(settings.apiBase ? { api: settings.apiBase } : {}).setToken(settings.token);
}

type Json = RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * The parts of a command definition that matter, with Discord's defaults filled in, so a local
 * definition and Discord's echo of it (ids, versions, nulls, omitted `required: false`) compare equal.
 */
function canonical(command: Record<string, unknown>): unknown {
  const canonicalOptions = (list: unknown): unknown =>
    ((list as Record<string, unknown>[] | undefined) ?? []).map((o) => ({
      type: o.type,
      name: o.name,
      description: o.description,
      required: o.required ?? false,
      autocomplete: o.autocomplete ?? false,
      choices: o.choices ?? [],
      min_value: o.min_value ?? null,
      max_value: o.max_value ?? null,
      min_length: o.min_length ?? null,
      max_length: o.max_length ?? null,
      channel_types: o.channel_types ?? [],
      options: canonicalOptions(o.options),
    }));
  return {
    name: command.name,
    type: command.type ?? 1,
    description: command.description,
    default_member_permissions: command.default_member_permissions ?? null,
    contexts: command.contexts ?? null,
    integration_types: command.integration_types ?? [0],
    nsfw: command.nsfw ?? false,
    options: canonicalOptions(command.options),
  };
}

/** True when the registered commands are exactly the local ones (order aside). */
export function sameCommands(local: readonly Json[], registered: RESTGetAPIApplicationCommandsResult): boolean {
  const key = (list: readonly object[]) =>
    JSON.stringify(
      list.map((c) => canonical(c as Record<string, unknown>)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  return key(local) === key(registered);
}

/** Replaces the registered set with `local` in one bulk PUT, unless it is already the same (or `force`). */
export async function syncCommands(
  rest: REST,
  settings: Pick<Settings, 'clientId' | 'guildId'>,
  local: readonly Json[],
  force = false,
): Promise<'unchanged' | 'registered'> {
  const route = commandsRoute(settings);
  if (!force) {
    const registered = (await rest.get(route)) as RESTGetAPIApplicationCommandsResult;
    if (sameCommands(local, registered)) return 'unchanged';
  }
  await rest.put(route, { body: local });
  return 'registered';
}

export const registrationScope = (settings: Pick<Settings, 'guildId'>) => (settings.guildId ? `server ${settings.guildId}` : 'globally');

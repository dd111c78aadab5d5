import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local Discord for end-to-end tests: the REST routes discord.js 14 uses under /api/v10 (plain
 * node:http) and a gateway (ws). It enforces what Discord enforces — message and embed limits,
 * custom-id length, the 3-second acknowledgement deadline, default_member_permissions — so a bot
 * that passes here does not get 400s there. Extend it additively: addRoute() for new REST routes,
 * dispatch() for new gateway events, `channelPermissions` for 403s, `messages` per channel.
 */

export const PERMISSIONS = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  UseApplicationCommands: 1n << 31n,
} as const;
/** What an ordinary member may do in the test server. */
export const MEMBER_PERMISSIONS =
  PERMISSIONS.ViewChannel | PERMISSIONS.SendMessages | PERMISSIONS.EmbedLinks | PERMISSIONS.UseApplicationCommands;
const BOT_PERMISSIONS = PERMISSIONS.ViewChannel | PERMISSIONS.SendMessages | PERMISSIONS.EmbedLinks;

export const ACK_DEADLINE_MS = 3000;
const EPHEMERAL = 1 << 6;

// Snowflake-shaped ids (the bot validates DISCORD_CLIENT_ID and DISCORD_GUILD_ID).
const APP_ID = '100000000000000001';
const GUILD_ID = '200000000000000002';
const CHANNEL_ID = '300000000000000003';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Discord's JSON payloads, read loosely by the tests
export type Json = Record<string, any>;

export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON a route may receive
  body: any;
  headers: IncomingMessage['headers'];
}
export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
export type RouteHandler = (req: RouteRequest) => RouteResponse | Promise<RouteResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
  /** Interaction webhooks and callbacks carry no Authorization header. */
  open: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface User {
  id: string;
  username: string;
}

export interface InvokeOptions {
  user?: User;
  /** The member's permissions in the channel (default: an ordinary member). */
  permissions?: bigint;
  channelId?: string;
  /** In a DM with the bot instead of the server: only global commands whose contexts allow it (1). */
  dm?: boolean;
}

/** Thrown by slash() when the member would not even see the command (default_member_permissions). */
export class HiddenCommandError extends Error {}

const error = (status: number, code: number, message: string, errors?: unknown): RouteResponse => ({
  status,
  body: { code, message, errors },
});

/** Checks a message body the way Discord does; the problem, or null. */
export function messageProblem(body: Json): string | null {
  const embeds: Json[] = body.embeds ?? [];
  if ((body.content ?? '').length > 2000) return 'content: Must be 2000 or fewer in length.';
  if (embeds.length > 10) return 'embeds: Must be 10 or fewer in length.';
  let total = 0;
  for (const e of embeds) {
    if ((e.title ?? '').length > 256) return 'embeds.title: Must be 256 or fewer in length.';
    if ((e.description ?? '').length > 4096) return 'embeds.description: Must be 4096 or fewer in length.';
    if ((e.fields ?? []).length > 25) return 'embeds.fields: Must be 25 or fewer in length.';
    if ((e.footer?.text ?? '').length > 2048) return 'embeds.footer.text: Must be 2048 or fewer in length.';
    for (const f of e.fields ?? []) if (f.name.length > 256 || f.value.length > 1024) return 'embeds.fields: a field is over its limit.';
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
    total += (e.fields ?? []).reduce((n: number, f: Json) => n + f.name.length + f.value.length, 0);
  }
  if (total > 6000) return 'embeds: Embed size exceeds maximum size of 6000';
  const rows: Json[] = body.components ?? [];
  if (rows.length > 5) return 'components: Must be 5 or fewer in length.';
  for (const row of rows) {
    if ((row.components ?? []).length > 5) return 'components.components: Must be 5 or fewer in length.';
    for (const c of row.components ?? []) {
      if (c.custom_id !== undefined && (c.custom_id.length < 1 || c.custom_id.length > 100))
        return 'custom_id: Must be between 1 and 100 in length.';
      if ((c.label ?? '').length > 80) return 'label: Must be 80 or fewer in length.';
    }
    for (const c of row.components ?? []) {
      // select menus (string, user, role, mentionable, channel): alone in their row, values within bounds
      if (![3, 5, 6, 7, 8].includes(c.type)) continue;
      if (row.components.length > 1) return 'components: A select menu must be the only component in its action row.';
      const [min, max] = [c.min_values ?? 1, c.max_values ?? 1];
      if (min < 0 || max < 1 || max > 25 || min > max) return 'components.min_values/max_values: out of range.';
      if ((c.placeholder ?? '').length > 150) return 'placeholder: Must be 150 or fewer in length.';
      if ((c.default_values ?? []).length > max) return 'default_values: more than max_values.';
    }
    const ids = (row.components ?? []).map((c: Json) => c.custom_id).filter(Boolean);
    if (new Set(ids).size !== ids.length) return 'components: Component custom id cannot be duplicated';
  }
  return null;
}

/** One interaction as the test sees it: every acknowledgement, the answer, follow-ups, autocomplete choices. */
export class InteractionRecord extends EventEmitter {
  readonly callbacks: number[] = [];
  /** The message the interaction answered with (for a component update, the message it updated). */
  original: Json | null = null;
  readonly followups: Json[] = [];
  choices: Json[] | null = null;
  /** An acknowledgement that came after the deadline (Discord says "Unknown interaction"). */
  late = false;
  readonly createdAt = Date.now();
  /** When the first acknowledgement arrived (Date.now()), if one did in time. */
  acknowledgedAt: number | null = null;
  constructor(readonly payload: Json) {
    super();
  }
  get id(): string {
    return this.payload.id;
  }
  get token(): string {
    return this.payload.token;
  }
  /** Waiters run after the current response is sent and logged, as a real client would see it. */
  changed(): void {
    setImmediate(() => this.emit('change'));
  }
  /** Resolves once `test` holds, re-checked on every change (fails after `ms`). */
  until<T>(test: () => T | null | undefined | false, what: string, ms = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = test();
        if (!value) return false;
        clearTimeout(timer);
        this.off('change', check);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.off('change', check);
        reject(
          new Error(
            `interaction ${this.payload.data?.name ?? this.payload.data?.custom_id}: no ${what} within ${ms} ms (callbacks ${this.callbacks.join(',') || 'none'})`,
          ),
        );
      }, ms);
      if (!check()) this.on('change', check);
    });
  }
  /** The answer as people see it: an immediate reply, or a deferred one once edited. */
  reply(): Promise<Json> {
    return this.until(() => this.original && !this.original.pending && this.original, 'reply');
  }
  followup(n = 0): Promise<Json> {
    return this.until(() => this.followups[n], `follow-up ${n}`);
  }
  autocompleteChoices(): Promise<Json[]> {
    return this.until(() => this.choices, 'autocomplete choices');
  }
}

export class DiscordStandIn {
  readonly appId = APP_ID;
  readonly guildId = GUILD_ID;
  readonly channelId = CHANNEL_ID;
  readonly botUser = { id: APP_ID, username: 'Newsdesk', discriminator: '0', bot: true, avatar: null, global_name: null };
  readonly token = 'stand-in-bot-token';
  readonly defaultUser: User = { id: '400000000000000004', username: 'reader' };
  /** Who owns the application (GET /applications/@me): a user, or, when `team` is set, that team. */
  applicationOwner: User = { id: '400000000000000001', username: 'owner' };
  team: { ownerId: string; members: { user: User; accepted: boolean }[] } | null = null;
  /** Registered commands by scope: 'global' or a guild id. */
  readonly commands = new Map<string, Json[]>();
  /** Non-ephemeral messages by channel id, oldest first. */
  readonly messages = new Map<string, Json[]>();
  /** The bot's permissions per channel (default: view, send, embed). */
  readonly channelPermissions = new Map<string, bigint>();
  /** How long a message's nonce is remembered for enforce_nonce (Discord: "a few minutes"). */
  nonceMemoryMs = 5 * 60_000;
  readonly interactions = new Map<string, InteractionRecord>();
  /** Discord's; the stand-in's own tests shorten it. */
  ackDeadlineMs = ACK_DEADLINE_MS;
  readonly requests: RecordedRequest[] = [];
  readonly gatewayEvents = new EventEmitter();
  private readonly routes: Route[] = [];
  private readonly failures: { method: string; path: RegExp; response: RouteResponse }[] = [];
  private server!: Server;
  private wss!: WebSocketServer;
  private socket: WebSocket | null = null;
  private seq = 0;
  private nextId = 500000000000000000n;
  private sessionId = 'session-1';
  /** How many IDENTIFY and RESUME the gateway has seen. */
  identifies = 0;
  resumes = 0;

  static async start(): Promise<DiscordStandIn> {
    const standIn = new DiscordStandIn();
    await standIn.listen();
    return standIn;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  /** What DISCORD_API_BASE should be. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** The environment a bot process needs to talk to this stand-in. */
  botEnv(): Record<string, string> {
    return { DISCORD_TOKEN: this.token, DISCORD_CLIENT_ID: this.appId, DISCORD_GUILD_ID: this.guildId, DISCORD_API_BASE: this.apiBase };
  }

  snowflake(): string {
    return String(this.nextId++);
  }

  /** Adds a REST route under /api/v10, e.g. addRoute('GET', '/channels/:channel/messages', handler). */
  addRoute(method: string, path: string, handler: RouteHandler, { open = false } = {}): void {
    const keys: string[] = [];
    const pattern = new RegExp(`^${path.replace(/:(\w+)/g, (_, key: string) => (keys.push(key), '([^/]+)'))}$`);
    this.routes.push({ method, pattern, keys, handler, open });
  }

  /** The next `times` requests matching method and path get `status` (429 with Retry-After by default). */
  failNext(method: string, path: RegExp, { status = 429, retryAfter = 1, times = 1 } = {}): void {
    const response =
      status === 429
        ? {
            status,
            body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
            headers: { 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' },
          }
        : error(status, 0, `stand-in failure ${status}`);
    for (let i = 0; i < times; i++) this.failures.push({ method, path, response });
  }

  channelMessages(channelId = this.channelId): Json[] {
    return this.messages.get(channelId) ?? [];
  }

  private constructor() {
    this.addStandardRoutes();
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.wss.on('connection', (ws) => this.onGatewayConnection(ws));
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise((resolve) => this.wss.close(resolve));
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  // ---------------------------------------------------------------- REST

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = url.pathname
      .replace(/^\/api\/v10/, '')
      .split('/')
      .map(decodeURIComponent)
      .join('/');
    const reply = (r: RouteResponse) => {
      this.requests.push({ method, path, status: r.status, at: Date.now() });
      res.writeHead(r.status, { ...(r.body === undefined ? {} : { 'content-type': 'application/json' }), ...r.headers });
      res.end(r.body === undefined ? undefined : JSON.stringify(r.body));
    };
    const failure = this.failures.findIndex((f) => f.method === method && f.path.test(path));
    if (failure >= 0) return reply(this.failures.splice(failure, 1)[0]!.response);
    for (const route of this.routes) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (!match) continue;
      if (!route.open && req.headers.authorization !== `Bot ${this.token}`) return reply(error(401, 0, '401: Unauthorized'));
      const params = Object.fromEntries(route.keys.map((k, i) => [k, match[i + 1]!]));
      let body: unknown = undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        return reply(error(400, 50109, 'The request body contains invalid JSON.'));
      }
      try {
        return reply(await route.handler({ method, path, params, query: url.searchParams, body, headers: req.headers }));
      } catch (e) {
        return reply(error(500, 0, `stand-in route failed: ${(e as Error).message}`));
      }
    }
    reply(error(404, 0, `404: Not Found (${method} ${path})`));
  }

  private commandScope(params: Record<string, string>): string {
    return params.guild ?? 'global';
  }

  private addStandardRoutes(): void {
    this.addRoute('GET', '/gateway/bot', () => ({
      status: 200,
      body: {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      },
    }));
    const listCommands: RouteHandler = ({ params }) => ({ status: 200, body: this.commands.get(this.commandScope(params)) ?? [] });
    const putCommands: RouteHandler = ({ params, body }) => {
      if (!Array.isArray(body)) return error(400, 50035, 'Invalid Form Body');
      const problem = body.map(commandProblem).find(Boolean);
      if (problem) return error(400, 50035, `Invalid Form Body: ${problem}`);
      const scope = this.commandScope(params);
      const registered = body.map((c: Json) => ({
        id: this.snowflake(),
        application_id: this.appId,
        version: this.snowflake(),
        type: 1,
        default_member_permissions: null,
        nsfw: false,
        integration_types: [0],
        ...(scope === 'global' ? {} : { guild_id: scope }),
        ...c,
      }));
      this.commands.set(scope, registered);
      return { status: 200, body: registered };
    };
    this.addRoute('GET', '/applications/@me', () => ({ status: 200, body: this.applicationJson() }));
    this.addRoute('GET', '/applications/:app/commands', listCommands);
    this.addRoute('PUT', '/applications/:app/commands', putCommands);
    this.addRoute('GET', '/applications/:app/guilds/:guild/commands', listCommands);
    this.addRoute('PUT', '/applications/:app/guilds/:guild/commands', putCommands);

    this.addRoute('POST', '/interactions/:id/:token/callback', (req) => this.onCallback(req), { open: true });
    this.addRoute('PATCH', '/webhooks/:app/:token/messages/:message', (req) => this.onEditOriginal(req), { open: true });
    this.addRoute(
      'GET',
      '/webhooks/:app/:token/messages/:message',
      ({ params }) => {
        const original = this.interactionByToken(params.token!)?.original;
        return original ? { status: 200, body: original } : error(404, 10008, 'Unknown Message');
      },
      { open: true },
    );
    this.addRoute('POST', '/webhooks/:app/:token', (req) => this.onFollowup(req), { open: true });

    this.addRoute('GET', '/channels/:channel', ({ params }) => ({ status: 200, body: this.channelJson(params.channel!) }));
    this.addRoute('POST', '/channels/:channel/messages', ({ params, body }) => {
      const allowed = this.channelPermissions.get(params.channel!) ?? BOT_PERMISSIONS;
      if ((allowed & (PERMISSIONS.ViewChannel | PERMISSIONS.SendMessages)) !== (PERMISSIONS.ViewChannel | PERMISSIONS.SendMessages))
        return error(403, 50013, 'Missing Permissions');
      const problem = messageProblem(body ?? {});
      if (problem) return error(400, 50035, `Invalid Form Body: ${problem}`);
      if (body?.nonce !== undefined && String(body.nonce).length > 25)
        return error(400, 50035, 'Invalid Form Body: nonce: Must be 25 or fewer in length.');
      // enforce_nonce: within the nonce memory, the same author and nonce get the existing message back
      const same = body?.enforce_nonce
        ? this.channelMessages(params.channel!).find(
            (m) => m.nonce === body.nonce && Date.now() - Date.parse(m.timestamp) <= this.nonceMemoryMs,
          )
        : undefined;
      if (same) return { status: 200, body: same };
      return {
        status: 200,
        body: this.storeMessage(params.channel!, body, this.botUser, body?.nonce === undefined ? {} : { nonce: body.nonce }),
      };
    });
    // Recent messages, newest first. Like Discord's history reads, without the nonce.
    this.addRoute('GET', '/channels/:channel/messages', ({ params, query }) => {
      const allowed = this.channelPermissions.get(params.channel!) ?? BOT_PERMISSIONS;
      if ((allowed & PERMISSIONS.ViewChannel) === 0n) return error(403, 50001, 'Missing Access');
      const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
      const recent = this.channelMessages(params.channel!).slice(-limit).reverse();
      return { status: 200, body: recent.map(({ nonce: _nonce, ...message }) => message) };
    });
  }

  /** The application object as Discord returns it to its bot: owner, and team (members with their membership state). */
  private applicationJson(): Json {
    const user = (u: User) => ({ id: u.id, username: u.username, discriminator: '0', avatar: null, global_name: null });
    const team = this.team && {
      id: '700000000000000001',
      name: 'Newsdesk team',
      icon: null,
      owner_user_id: this.team.ownerId,
      members: this.team.members.map((m) => ({
        team_id: '700000000000000001',
        user: user(m.user),
        membership_state: m.accepted ? 2 : 1,
        permissions: ['*'],
        role: 'admin',
      })),
    };
    return {
      id: this.appId,
      name: 'Newsdesk',
      icon: null,
      description: '',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0',
      flags: 0,
      owner: team ? user({ id: '700000000000000001', username: 'team700000000000000001' }) : user(this.applicationOwner),
      team,
    };
  }

  private channelJson(id: string): Json {
    return {
      id,
      type: 0,
      guild_id: this.guildId,
      name: `channel-${id.slice(-3)}`,
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
    };
  }

  /** A message as Discord returns it; stored in its channel unless ephemeral. */
  private storeMessage(channelId: string, body: Json, author: Json, extra: Json = {}): Json {
    const message = {
      id: this.snowflake(),
      channel_id: channelId,
      author,
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: 0,
      flags: body.flags ?? 0,
      allowed_mentions: body.allowed_mentions,
      ...extra,
    };
    if (!(message.flags & EPHEMERAL)) this.messages.set(channelId, [...this.channelMessages(channelId), message]);
    return message;
  }

  /** What a message answering an interaction says about it (discord.js needs the integration owners). */
  private interactionMetadata(p: Json): Json {
    return {
      interaction_metadata: {
        id: p.id,
        type: p.type,
        user: p.member?.user ?? p.user,
        name: p.data?.name,
        authorizing_integration_owners: p.authorizing_integration_owners,
      },
    };
  }

  private interactionByToken(token: string): InteractionRecord | undefined {
    for (const record of this.interactions.values()) if (record.token === token) return record;
    return undefined;
  }

  private onCallback({ params, body }: RouteRequest): RouteResponse {
    const record = this.interactions.get(params.id!);
    if (!record || record.token !== params.token) return error(404, 10062, 'Unknown interaction');
    if (Date.now() - record.createdAt > this.ackDeadlineMs) {
      record.late = true;
      record.changed();
      return error(404, 10062, 'Unknown interaction');
    }
    if (record.callbacks.length > 0) return error(400, 40060, 'Interaction has already been acknowledged.');
    const data: Json = body?.data ?? {};
    const problem = messageProblem(data);
    if (problem) return error(400, 50035, `Invalid Form Body: ${problem}`);
    const type: number = body?.type;
    const p = record.payload;
    const metadata = this.interactionMetadata(p);
    switch (type) {
      case 4:
        record.original = this.storeMessage(p.channel_id, data, this.botUser, metadata);
        break;
      case 5:
        record.original = { pending: true, flags: data.flags ?? 0 };
        break;
      case 6:
        record.original = p.message ?? null;
        break;
      case 7:
        if (!p.message) return error(400, 50035, 'Invalid Form Body: update on an interaction without a message');
        Object.assign(p.message, pick(data, ['content', 'embeds', 'components']), { edited_timestamp: new Date().toISOString() });
        record.original = p.message;
        break;
      case 8: {
        const choices: Json[] = data.choices ?? [];
        if (choices.length > 25 || choices.some((c) => c.name.length < 1 || c.name.length > 100 || String(c.value).length > 100))
          return error(400, 50035, 'Invalid Form Body: choices');
        record.choices = choices;
        break;
      }
      default:
        return error(400, 50035, `Invalid Form Body: callback type ${type}`);
    }
    record.callbacks.push(type);
    record.acknowledgedAt ??= Date.now();
    record.changed();
    return { status: 204 };
  }

  private onEditOriginal({ params, body }: RouteRequest): RouteResponse {
    const record = this.interactionByToken(params.token!);
    if (!record || params.message !== '@original') return error(404, 10008, 'Unknown Message');
    if (!record.original) return error(404, 10008, 'Unknown Message');
    const problem = messageProblem(body ?? {});
    if (problem) return error(400, 50035, `Invalid Form Body: ${problem}`);
    const p = record.payload;
    if (record.original.pending) {
      const flags = record.original.flags;
      record.original = this.storeMessage(p.channel_id, { ...body, flags }, this.botUser, this.interactionMetadata(p));
    } else {
      Object.assign(record.original, pick(body, ['content', 'embeds', 'components']), { edited_timestamp: new Date().toISOString() });
    }
    record.changed();
    return { status: 200, body: record.original };
  }

  private onFollowup({ params, body }: RouteRequest): RouteResponse {
    const record = this.interactionByToken(params.token!);
    if (!record || record.callbacks.length === 0) return error(404, 10015, 'Unknown Webhook');
    const problem = messageProblem(body ?? {});
    if (problem) return error(400, 50035, `Invalid Form Body: ${problem}`);
    const message = this.storeMessage(record.payload.channel_id, body, this.botUser);
    record.followups.push(message);
    record.changed();
    return { status: 200, body: message };
  }

  // ---------------------------------------------------------------- gateway

  private send(ws: WebSocket, payload: Json): void {
    ws.send(JSON.stringify(payload));
  }

  /** Sends a dispatch event (INTERACTION_CREATE, GUILD_DELETE, …) to the connected bot. */
  async dispatch(t: string, d: unknown): Promise<void> {
    const ws = this.socket ?? (await new Promise<WebSocket>((resolve) => this.gatewayEvents.once('session', resolve)));
    this.send(ws, { op: 0, t, s: ++this.seq, d });
  }

  /** Asks the bot to reconnect (op 7); resolves when it has resumed its session. */
  async reconnect(): Promise<void> {
    const resumed = new Promise((resolve) => this.gatewayEvents.once('resumed', resolve));
    const ws = this.socket;
    this.socket = null;
    if (ws) this.send(ws, { op: 7, d: null });
    await resumed;
  }

  /** Resolves once a bot has identified (or is already connected). */
  async connected(): Promise<void> {
    if (!this.socket) await new Promise((resolve) => this.gatewayEvents.once('session', resolve));
  }

  private guildCreate(): Json {
    return {
      id: this.guildId,
      name: 'Newsdesk test server',
      unavailable: false,
      owner_id: this.defaultUser.id,
      joined_at: new Date().toISOString(),
      member_count: 2,
      large: false,
      features: [],
      roles: [
        {
          id: this.guildId,
          name: '@everyone',
          permissions: String(MEMBER_PERMISSIONS),
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      channels: [this.channelJson(this.channelId)],
      members: [],
      threads: [],
      emojis: [],
      stickers: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }

  private onGatewayConnection(ws: WebSocket): void {
    this.send(ws, { op: 10, d: { heartbeat_interval: 41_250 } });
    ws.on('message', (raw) => {
      const { op, d } = JSON.parse(String(raw)) as { op: number; d: Json };
      if (op === 1) this.send(ws, { op: 11 });
      else if (op === 2) {
        if (d.token !== this.token) return ws.close(4004, 'Authentication failed.');
        this.identifies++;
        this.sessionId = `session-${this.identifies}`;
        this.socket = ws;
        this.send(ws, {
          op: 0,
          t: 'READY',
          s: ++this.seq,
          d: {
            v: 10,
            user: this.botUser,
            guilds: [{ id: this.guildId, unavailable: true }],
            session_id: this.sessionId,
            resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
            shard: [0, 1],
            application: { id: this.appId, flags: 0 },
          },
        });
        this.send(ws, { op: 0, t: 'GUILD_CREATE', s: ++this.seq, d: this.guildCreate() });
        this.gatewayEvents.emit('session', ws);
      } else if (op === 6) {
        if (d.session_id !== this.sessionId) return this.send(ws, { op: 9, d: false });
        this.resumes++;
        this.socket = ws;
        this.send(ws, { op: 0, t: 'RESUMED', s: ++this.seq, d: {} });
        this.gatewayEvents.emit('session', ws);
        this.gatewayEvents.emit('resumed');
      }
    });
    ws.on('close', () => {
      if (this.socket === ws) this.socket = null;
    });
  }

  // ---------------------------------------------------------------- acting as people

  private registered(name: string, dm = false): Json {
    const visible = dm
      ? (this.commands.get('global') ?? [])
      : [...(this.commands.get(this.guildId) ?? []), ...(this.commands.get('global') ?? [])];
    const command = visible.find((c) => c.name === name);
    if (!command) throw new Error(`/${name} is not registered${dm ? ' globally (DMs see only global commands)' : ''}`);
    if (dm && command.contexts && !command.contexts.includes(1))
      throw new HiddenCommandError(`/${name} is not available in DMs (contexts ${command.contexts})`);
    return command;
  }

  /** What every interaction carries, in a server or a DM (without entitlements discord.js drops it). */
  private envelope(type: number): Json {
    return {
      id: this.snowflake(),
      application_id: this.appId,
      type,
      token: `itoken-${this.snowflake()}`,
      version: 1,
      locale: 'en-US',
      entitlements: [],
    };
  }

  private basePayload(type: number, options: InvokeOptions): Json {
    const user = options.user ?? this.defaultUser;
    if (options.dm) return this.dmPayload(type, user);
    const channelId = options.channelId ?? this.channelId;
    return {
      ...this.envelope(type),
      guild_id: this.guildId,
      channel_id: channelId,
      channel: { id: channelId, type: 0, guild_id: this.guildId },
      member: {
        user: { ...user, discriminator: '0', avatar: null, global_name: null },
        roles: [],
        permissions: String(options.permissions ?? MEMBER_PERMISSIONS),
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      },
      // the bot's permissions in the channel the interaction comes from, as Discord sends them
      app_permissions: String(this.channelPermissions.get(channelId) ?? BOT_PERMISSIONS),
      guild_locale: 'en-US',
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
    };
  }

  /** An interaction in the bot's DM: a user instead of a member, no guild, context 1. */
  private dmPayload(type: number, user: User): Json {
    const channelId = `6${user.id.slice(1)}`;
    const author = { ...user, discriminator: '0', avatar: null, global_name: null };
    return {
      ...this.envelope(type),
      channel_id: channelId,
      channel: { id: channelId, type: 1, recipients: [author] },
      user: author,
      app_permissions: String(BOT_PERMISSIONS),
      authorizing_integration_owners: { '0': '0' },
      context: 1,
    };
  }

  private async deliver(payload: Json): Promise<InteractionRecord> {
    const record = new InteractionRecord(payload);
    this.interactions.set(record.id, record);
    await this.dispatch('INTERACTION_CREATE', payload);
    return record;
  }

  /** Typed options of a registered command from plain values (`subcommand` nests them). */
  private commandOptions(command: Json, values: Record<string, unknown>, subcommand?: string, focused?: string): Json[] {
    let schema: Json[] = command.options ?? [];
    if (subcommand) {
      const sub = schema.find((o) => o.name === subcommand);
      if (!sub) throw new Error(`/${command.name} has no subcommand ${subcommand}`);
      schema = sub.options ?? [];
    }
    const options = Object.entries(values).map(([name, value]) => {
      const option = schema.find((o) => o.name === name);
      if (!option) throw new Error(`/${command.name} has no option ${name}`);
      return { name, type: option.type, value, ...(name === focused ? { focused: true } : {}) };
    });
    return subcommand ? [{ name: subcommand, type: 1, options }] : options;
  }

  /** A member uses a slash command. Throws HiddenCommandError when Discord would not show it to them. */
  async slash(
    name: string,
    values: Record<string, unknown> = {},
    options: InvokeOptions & { subcommand?: string; resolved?: Json } = {},
  ): Promise<InteractionRecord> {
    const command = this.registered(name, options.dm);
    const required = command.default_member_permissions == null ? null : BigInt(command.default_member_permissions);
    const has = options.permissions ?? MEMBER_PERMISSIONS;
    if (required !== null && (has & PERMISSIONS.Administrator) === 0n && (has & required) !== required)
      throw new HiddenCommandError(`/${name} is hidden from members without permissions ${required}`);
    const payload = this.basePayload(2, options);
    const sent = this.commandOptions(command, values, options.subcommand);
    payload.data = {
      id: command.id,
      name,
      type: 1,
      options: sent,
      resolved: options.resolved ?? this.resolvedChannels(sent, options.permissions),
      ...(options.dm ? {} : { guild_id: this.guildId }),
    };
    return this.deliver(payload);
  }

  /**
   * The channels that channel options name, resolved as Discord sends them (every id is a text
   * channel of the server here); `resolved` in slash() sends something else, as a forging client could.
   */
  private resolvedChannels(sent: Json[], permissions?: bigint): Json {
    const ids = [...sent, ...sent.flatMap((o) => o.options ?? [])].filter((o) => o.type === 7).map((o) => o.value);
    const channels = ids.map((id) => [id, { ...this.channelJson(id), permissions: String(permissions ?? MEMBER_PERMISSIONS) }]);
    return channels.length ? { channels: Object.fromEntries(channels) } : {};
  }

  /** A member types in an autocomplete option (`focused`). */
  async autocomplete(
    name: string,
    values: Record<string, unknown>,
    focused: string,
    options: InvokeOptions & { subcommand?: string } = {},
  ): Promise<InteractionRecord> {
    const command = this.registered(name);
    const payload = this.basePayload(4, options);
    payload.data = { id: command.id, name, type: 1, options: this.commandOptions(command, values, options.subcommand, focused) };
    return this.deliver(payload);
  }

  /** A member presses a button (or picks in a select, with `values`) on a message. */
  async click(
    message: Json,
    customId: string,
    options: InvokeOptions & { values?: string[]; componentType?: number } = {},
  ): Promise<InteractionRecord> {
    const exists = (message.components ?? []).some((row: Json) => row.components.some((c: Json) => c.custom_id === customId));
    if (!exists) throw new Error(`no component ${customId} on message ${message.id}`);
    const payload = this.basePayload(3, options);
    payload.message = message;
    payload.data = {
      custom_id: customId,
      component_type: options.componentType ?? 2,
      ...(options.values ? { values: options.values } : {}),
    };
    // A channel select (type 8) carries the picked channels resolved, as Discord sends them.
    if (options.componentType === 8 && options.values)
      payload.data.resolved = {
        channels: Object.fromEntries(
          options.values.map((id) => [id, { ...this.channelJson(id), permissions: String(options.permissions ?? MEMBER_PERMISSIONS) }]),
        ),
      };
    return this.deliver(payload);
  }
}

/** Discord's checks on a command definition that a bot is likely to get wrong. */
function commandProblem(command: Json): string | null {
  if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(command.name ?? '') || command.name !== command.name.toLowerCase()) return `name ${command.name}`;
  if (!command.description || command.description.length > 100) return `description of /${command.name}`;
  const options: Json[] = command.options ?? [];
  if (options.length > 25) return `/${command.name} has more than 25 options`;
  let seenOptional = false;
  for (const o of options) {
    if (!o.description || o.description.length > 100) return `description of option ${o.name}`;
    if (o.required && seenOptional) return `/${command.name}: required options must come first`;
    if (!o.required && o.type !== 1 && o.type !== 2) seenOptional = true;
  }
  return null;
}

/** The buttons and selects on a message, in order. */
export function componentsOf(message: Json): Json[] {
  return (message.components ?? []).flatMap((row: Json) => row.components ?? []);
}

/** The custom id of the button labelled `label` on a message. */
export function buttonId(message: Json, label: string): string {
  const found = componentsOf(message).find((c) => c.label === label);
  if (!found)
    throw new Error(
      `no "${label}" button; have ${
        componentsOf(message)
          .map((c) => c.label)
          .join(', ') || 'none'
      }`,
    );
  return found.custom_id;
}

function pick(source: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));
}

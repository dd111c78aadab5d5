import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DiscordStandIn, HiddenCommandError, PERMISSIONS } from './support/discord-stand-in.js';

/** The stand-in refuses what Discord refuses, so the end-to-end tests cannot pass on a bot Discord would reject. */

let discord: DiscordStandIn;
let gateway: WebSocket;
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${discord.apiBase}/v10${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bot ${discord.token}`, ...init.headers },
  });
const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });

beforeAll(async () => {
  discord = await DiscordStandIn.start();
  // A bare gateway client, so interactions can be dispatched without a bot.
  gateway = new WebSocket(`ws://127.0.0.1:${discord.port}/gateway`);
  gateway.on('open', () => gateway.send(JSON.stringify({ op: 2, d: { token: discord.token } })));
  await discord.connected();
  const put = await api(`/applications/${discord.appId}/guilds/${discord.guildId}/commands`, {
    method: 'PUT',
    body: JSON.stringify([
      { name: 'ask', description: 'Ask', options: [{ type: 3, name: 'question', description: 'Q', required: true }] },
      { name: 'mod', description: 'Moderators only', default_member_permissions: String(PERMISSIONS.ManageMessages) },
    ]),
  });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  gateway?.terminate();
  await discord?.close();
});

describe('the Discord stand-in', () => {
  it('rejects a missing or wrong token on bot routes', async () => {
    expect((await fetch(`${discord.apiBase}/v10/gateway/bot`)).status).toBe(401);
    expect((await api('/gateway/bot')).status).toBe(200);
  });

  it.each([
    [{ content: 'x'.repeat(2001) }, /content/],
    [{ embeds: [{ description: 'x'.repeat(4097) }] }, /description/],
    [{ embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] }, /6000/],
    [{ components: [{ type: 1, components: [{ type: 2, style: 1, label: 'b', custom_id: 'x'.repeat(101) }] }] }, /custom_id/],
  ])('answers 400 to a message over a limit (%#)', async (data, problem) => {
    const record = await discord.slash('ask', { question: 'q' });
    const response = await post(`/interactions/${record.id}/${record.token}/callback`, { type: 4, data });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(problem);
    expect(record.callbacks).toEqual([]);
  });

  it('accepts one acknowledgement within the deadline, then refuses a second', async () => {
    const record = await discord.slash('ask', { question: 'q' });
    expect((await post(`/interactions/${record.id}/${record.token}/callback`, { type: 5 })).status).toBe(204);
    expect((await post(`/interactions/${record.id}/${record.token}/callback`, { type: 4, data: { content: 'late' } })).status).toBe(400);
    const edit = await fetch(`${discord.apiBase}/v10/webhooks/${discord.appId}/${record.token}/messages/%40original`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'answer' }),
    });
    expect(edit.status).toBe(200);
    expect((await record.reply()).content).toBe('answer');
  });

  it('answers "Unknown interaction" to an acknowledgement after the deadline', async () => {
    discord.ackDeadlineMs = 20;
    try {
      const record = await discord.slash('ask', { question: 'q' });
      await new Promise((resolve) => setTimeout(resolve, 40));
      const response = await post(`/interactions/${record.id}/${record.token}/callback`, { type: 4, data: { content: 'too late' } });
      expect(response.status).toBe(404);
      expect((await response.json()).code).toBe(10062);
      expect(record.late).toBe(true);
    } finally {
      discord.ackDeadlineMs = 3000;
    }
  });

  it('hides a command from members without its default_member_permissions', async () => {
    await expect(discord.slash('mod')).rejects.toThrow(HiddenCommandError);
    await expect(discord.slash('mod', {}, { permissions: PERMISSIONS.ManageMessages })).resolves.toBeDefined();
    await expect(discord.slash('mod', {}, { permissions: PERMISSIONS.Administrator })).resolves.toBeDefined();
  });

  it('answers 403 Missing Permissions in a channel the bot may not send to', async () => {
    const channel = '300000000000000099';
    discord.channelPermissions.set(channel, PERMISSIONS.ViewChannel);
    const response = await post(`/channels/${channel}/messages`, { content: 'hello' });
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe(50013);
    expect((await post(`/channels/${discord.channelId}/messages`, { content: 'hello' })).status).toBe(200);
    expect(discord.channelMessages().at(-1)?.content).toBe('hello');
  });
});

// A bot "process" for crash tests: delivers the 2026-06-01 digest of server g (two parts) and
// SIGKILLs itself at the point named by CRASH (none | pending:K | send:K | sent:K | posted:K).
// usage: tsx tests/support/digest-crash-child.ts STATE_DIR CHANNEL_FILE NOW_MS CRASH
import { DigestRunner } from '../../src/digest/runner.js';
import { renderDigest } from '../../src/bot/digest-message.js';
import { DigestStore } from '../../src/digest/store.js';
import { FakeChannels, FakeClock, fakeSource, newsArticle } from './digest.js';

const [dir, channelFile, nowArg, crash = 'none'] = process.argv.slice(2);
const [point, partArg] = crash.split(':');
const part = Number(partArg);
const die = (at: string, index: number) => {
  if (at === point && index === part) process.kill(process.pid, 'SIGKILL');
};

const clock = new FakeClock(Number(nowArg));
const store = await DigestStore.open(dir!, clock.now());
if (!store.settings('g')) {
  await store.setSettings('g', { channelId: 'news', time: '08:00', timezone: 'UTC', size: 15, quietDay: 'silent', since: 0 });
}
const source = fakeSource(Array.from({ length: 15 }, (_, i) => newsArticle(`a${i}`, '2026-06-01', `topic${i}`)));

const markPending = store.markPending.bind(store);
store.markPending = async (guildId, date, index, at) => {
  die('pending', index);
  await markPending(guildId, date, index, at);
};
const markPosted = store.markPosted.bind(store);
store.markPosted = async (guildId, date, index, messageId) => {
  await markPosted(guildId, date, index, messageId);
  die('posted', index);
};
const channels = new FakeChannels(() => clock.now(), channelFile);
const sender = {
  selfId: channels.selfId,
  recent: channels.recent.bind(channels),
  async send(...args: Parameters<FakeChannels['send']>) {
    const index = store.digest('g', '2026-06-01')!.parts.find((p) => p.nonce === args[2])!.index;
    die('send', index);
    const sent = await channels.send(...args);
    die('sent', index);
    return sent;
  },
};

await new DigestRunner({ store, source, sender, render: renderDigest, clock }).tick();
console.log(JSON.stringify(store.digest('g', '2026-06-01')?.parts.map((p) => p.status)));

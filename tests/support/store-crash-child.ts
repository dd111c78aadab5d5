// Writes digest state, then SIGKILLs itself at one step of the next write (inside
// write-file-atomic's use of node:fs), as a crash or power cut at that instant would.
// usage: tsx tests/support/store-crash-child.ts STATE_DIR POINT [WRITE]
//   POINT: write | torn | fsync | rename | renamed
//   WRITE, the write killed: seen (the snapshot, for an article seen) | server (server g's file, for
//   a change of its settings) | reopen (opening folds servers' files into the snapshot) |
//   single-file (opening a folder the version-1 store left: state.json alone)
import fs from 'node:fs';
import path from 'node:path';
import { DigestStore, STATE_FILE, type DigestSettings } from '../../src/digest/store.js';

const [dir, point, target = 'seen'] = process.argv.slice(2);
const berlin: DigestSettings = { channelId: 'c', time: '08:00', timezone: 'Europe/Berlin', size: 5, quietDay: 'line', since: 1 };
let store: DigestStore | undefined;
if (target === 'single-file') {
  const seen = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`a${i + 1}`, i + 1]));
  const guilds = { g: { settings: berlin, digests: [], lastRun: null, failure: null } };
  fs.mkdirSync(dir!, { recursive: true });
  fs.writeFileSync(path.join(dir!, STATE_FILE), JSON.stringify({ version: 1, initializedAt: 1, seen, guilds }));
} else {
  store = await DigestStore.open(dir!, 1);
  await store.setSettings('g', berlin);
  if (target === 'reopen') {
    await store.setSettings('h', berlin);
    await store.setSettings('x', berlin);
    store = await DigestStore.open(dir!, 1); // g, h and x are in the snapshot now
    await store.setSettings('h', { ...berlin, time: '09:30' });
    await store.removeGuild('x');
  }
  for (let i = 1; i <= 20; i++) await store.recordSeen([`a${i}`], i);
}

const die = () => process.kill(process.pid, 'SIGKILL');
const patched = fs as unknown as Record<string, (...args: unknown[]) => void>;
const wrap = (name: string, around: (original: (...args: unknown[]) => void, args: unknown[]) => void) => {
  const original = patched[name]!.bind(fs);
  patched[name] = (...args: unknown[]) => around(original, args);
};
if (point === 'write') wrap('write', () => die());
if (point === 'torn') {
  // half of the new content reaches the temporary file, then the lights go out
  wrap('write', (_original, [fd, data]) => {
    const text = String(data);
    fs.writeSync(fd as number, text.slice(0, text.length >> 1));
    die();
  });
}
if (point === 'fsync') wrap('fsync', () => die());
if (point === 'rename') wrap('rename', () => die());
if (point === 'renamed') wrap('rename', (original, args) => original(...args.slice(0, 2), () => die()));

if (target === 'seen') await store!.recordSeen(['last'], 99);
if (target === 'server') await store!.setSettings('g', { ...berlin, timezone: 'Asia/Tokyo' });
if (target === 'reopen' || target === 'single-file') await DigestStore.open(dir!, 5);
console.log('survived');

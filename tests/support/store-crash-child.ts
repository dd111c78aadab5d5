// Writes digest state, then SIGKILLs itself at one step of the next write (inside
// write-file-atomic's use of node:fs), as a crash or power cut at that instant would.
// usage: tsx tests/support/store-crash-child.ts STATE_DIR POINT   (POINT: write | torn | fsync | rename | renamed)
import fs from 'node:fs';
import { DigestStore } from '../../src/digest/store.js';

const [dir, point] = process.argv.slice(2);
const store = await DigestStore.open(dir!, 1);
await store.setSettings('g', { channelId: 'c', time: '08:00', timezone: 'Europe/Berlin', size: 5, quietDay: 'line', since: 1 });
for (let i = 1; i <= 20; i++) await store.recordSeen([`a${i}`], i);

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

await store.recordSeen(['last'], 99);
console.log('survived');

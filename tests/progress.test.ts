import { describe, expect, it } from 'vitest';
import { progressReporter } from '../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
}

function run(isTTY: boolean, times: number[]) {
  const { writes, stream } = fakeStream(isTTY);
  let now = 0;
  const report = progressReporter(stream, () => now);
  times.forEach((t, i) => {
    now = t;
    report({ phase: 'analyse', done: (i + 1) * 100, total: times.length * 100 });
  });
  return writes;
}

describe('build progress on stderr', () => {
  it('prints nothing for a short build', () => {
    expect(run(true, [0, 100, 200])).toEqual([]);
    expect(run(false, [0, 100, 200])).toEqual([]);
  });

  it('redraws a bar with count, rate and time left on a terminal', () => {
    const writes = run(true, [0, 500, 1000, 1500, 2000]);
    expect(writes[0]).toMatch(/^\ranalysing 300\/500 articles \[#+-+\] 60%, 300\/s, 0:01 left/);
    expect(writes.at(-1)).toMatch(/500\/500 articles \[#{24}\] 100%.*\n$/);
  });

  it('writes a plain line every few seconds elsewhere', () => {
    const writes = run(false, [0, 1000, 2000, 3000, 7000, 8000]);
    expect(writes).toEqual([
      'analysing 200/600 articles 33%, 200/s, 0:02 left\n',
      'analysing 500/600 articles 83%, 71/s, 0:01 left\n',
      'analysing 600/600 articles 100%, 75/s, 0:00 left\n',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { CoalescedWrites, Limiter } from '../src/state/durable.js';

/** A promise resolved from outside. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Limiter', () => {
  it('runs at most the limit at once, the others in turn, and passes on results and errors', async () => {
    const limiter = new Limiter(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        await g.promise;
        if (i === 1) throw new Error('task 1 failed');
        return i * 10;
      }),
    );
    const outcomes = Promise.allSettled(runs);
    await settle();
    expect(started).toEqual([0, 1]);
    gates[1]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    const settled = await outcomes;
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(settled.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      0,
      'task 1 failed',
      20,
      30,
      40,
    ]);
  });
});

describe('CoalescedWrites', () => {
  it('never overlaps writes; changes made while one waits share it; a change during a write gets the next one', async () => {
    let value = 0;
    const written: number[] = [];
    const gates: ReturnType<typeof gate>[] = [];
    const writes = new CoalescedWrites(async () => {
      const g = gate();
      gates.push(g);
      const content = value; // what the file gets: the state when the write starts
      await g.promise;
      written.push(content);
    });
    value = 1;
    const first = writes.request();
    await settle(); // the first write has started
    value = 2;
    const second = writes.request();
    value = 3;
    const third = writes.request();
    expect(third).toBe(second);
    expect(gates).toHaveLength(1);
    gates[0]!.open();
    await first;
    await settle();
    expect(gates).toHaveLength(2);
    gates[1]!.open();
    await third;
    expect(written).toEqual([1, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../eval/bbc-summary.js';
import { TimeQueue } from '../src/digest/time-queue.js';

describe('time queue', () => {
  it('gives what is due in time order, and nothing before its time', () => {
    const queue = new TimeQueue<string>();
    queue.set('c', 30);
    queue.set('a', 10);
    queue.set('b', 20);
    queue.set('d', 40);
    expect(queue.earliest()).toBe(10);
    expect(queue.takeDue(9)).toEqual([]);
    expect(queue.takeDue(25)).toEqual(['a', 'b']);
    expect(queue.size).toBe(2);
    expect(queue.earliest()).toBe(30);
    expect(queue.takeDue(100)).toEqual(['c', 'd']);
    expect(queue.earliest()).toBeUndefined();
  });

  it('moves a key when set again, forgets a deleted one, and keeps set order among equal instants', () => {
    const queue = new TimeQueue<string>();
    for (const [key, at] of [
      ['a', 10],
      ['b', 20],
      ['c', 30],
    ] as const)
      queue.set(key, at);
    queue.set('c', 5); // earlier
    queue.set('a', 50); // later
    expect(queue.at('a')).toBe(50);
    expect(queue.delete('b')).toBe(true);
    expect(queue.delete('b')).toBe(false);
    expect(queue.at('b')).toBeUndefined();
    queue.set('x', 50);
    queue.set('y', 50);
    expect(queue.takeDue(60)).toEqual(['c', 'a', 'x', 'y']);
  });

  it('agrees with a plain sorted list through thousands of random changes', () => {
    const random = seededRandom(7);
    const queue = new TimeQueue<number>();
    const model = new Map<number, { at: number; order: number }>();
    let order = 0;
    let now = 0;
    for (let step = 0; step < 5000; step++) {
      const key = Math.floor(random() * 300);
      const action = random();
      if (action < 0.6) {
        const at = now + Math.floor(random() * 1000);
        queue.set(key, at);
        model.set(key, { at, order: order++ });
      } else if (action < 0.85) {
        expect(queue.delete(key)).toBe(model.delete(key));
      } else {
        now += Math.floor(random() * 200);
        const expected = [...model]
          .filter(([, e]) => e.at <= now)
          .sort(([, a], [, b]) => a.at - b.at || a.order - b.order)
          .map(([k]) => k);
        for (const k of expected) model.delete(k);
        expect(queue.takeDue(now)).toEqual(expected);
      }
      expect(queue.size).toBe(model.size);
    }
    expect(model.size).toBeGreaterThan(0);
    for (const [key, { at }] of model) expect(queue.at(key)).toBe(at);
  });
});

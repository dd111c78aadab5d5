interface Entry<K> {
  key: K;
  at: number;
  /** Breaks ties between equal instants: the key set first comes first. */
  order: number;
}

/**
 * Keys ordered by an instant, earliest first: a binary min-heap with an index from key to heap
 * slot, so that setting, moving or deleting one key costs O(log n) and taking what is due costs
 * O(due · log n), whatever the number of keys.
 */
export class TimeQueue<K> {
  private readonly heap: Entry<K>[] = [];
  private readonly slots = new Map<K, number>();
  private sets = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The instant a key is queued for, if it is queued. */
  at(key: K): number | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : this.heap[slot]!.at;
  }

  /** The earliest instant queued, if any. */
  earliest(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Queues a key for `at`, or moves it there if it is queued already. */
  set(key: K, at: number): void {
    const slot = this.slots.get(key);
    const entry = { key, at, order: this.sets++ };
    if (slot === undefined) {
      this.heap.push(entry);
      this.slots.set(key, this.heap.length - 1);
      this.up(this.heap.length - 1);
      return;
    }
    this.heap[slot] = entry;
    this.restore(slot);
  }

  delete(key: K): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) return false;
    this.slots.delete(key);
    const last = this.heap.pop()!;
    if (slot < this.heap.length) {
      this.heap[slot] = last;
      this.slots.set(last.key, slot);
      this.restore(slot);
    }
    return true;
  }

  /** Removes and returns, earliest first, every key queued for `now` or before. */
  takeDue(now: number): K[] {
    const due: K[] = [];
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const { key } = this.heap[0]!;
      this.delete(key);
      due.push(key);
    }
    return due;
  }

  clear(): void {
    this.heap.length = 0;
    this.slots.clear();
  }

  private before(a: Entry<K>, b: Entry<K>): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  /** Moves the entry at `slot` up or down until the heap order holds again. */
  private restore(slot: number): void {
    if (slot > 0 && this.before(this.heap[slot]!, this.heap[(slot - 1) >> 1]!)) this.up(slot);
    else this.down(slot);
  }

  private up(slot: number): void {
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!this.before(this.heap[slot]!, this.heap[parent]!)) return;
      this.swap(slot, parent);
      slot = parent;
    }
  }

  private down(slot: number): void {
    for (;;) {
      const left = 2 * slot + 1;
      const right = left + 1;
      let first = slot;
      if (left < this.heap.length && this.before(this.heap[left]!, this.heap[first]!)) first = left;
      if (right < this.heap.length && this.before(this.heap[right]!, this.heap[first]!)) first = right;
      if (first === slot) return;
      this.swap(slot, first);
      slot = first;
    }
  }

  private swap(a: number, b: number): void {
    const entry = this.heap[a]!;
    this.heap[a] = this.heap[b]!;
    this.heap[b] = entry;
    this.slots.set(this.heap[a]!.key, a);
    this.slots.set(this.heap[b]!.key, b);
  }
}

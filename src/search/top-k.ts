interface Entry {
  key: number;
  score: number;
}

/** Higher score first; on a tie, the lower key (the earlier-indexed sentence). */
const better = (a: Entry, b: Entry) => a.score > b.score || (a.score === b.score && a.key < b.key);

/** Keeps the k best of a stream of scored keys in a binary heap: O(n log k), k entries of memory. */
export class TopK {
  /** Min-heap on `better`: the root is the worst entry kept. */
  private readonly heap: Entry[] = [];

  constructor(private readonly k: number) {}

  offer(key: number, score: number): void {
    if (this.heap.length < this.k) {
      this.heap.push({ key, score });
      this.up(this.heap.length - 1);
      return;
    }
    const worst = this.heap[0];
    // Most offers lose to the worst kept entry: reject those without allocating.
    if (!worst || score < worst.score || (score === worst.score && key > worst.key)) return;
    this.heap[0] = { key, score };
    this.down(0);
  }

  /** The kept entries, best first. */
  sorted(): Entry[] {
    return [...this.heap].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!better(h[parent]!, h[i]!)) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && better(h[worst]!, h[l]!)) worst = l;
      if (r < h.length && better(h[worst]!, h[r]!)) worst = r;
      if (worst === i) return;
      [h[worst], h[i]] = [h[i]!, h[worst]!];
      i = worst;
    }
  }
}

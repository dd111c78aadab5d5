import { randomBytes } from 'node:crypto';

/**
 * Things waiting for a button press (a previewed summary), under short random keys that fit in
 * a custom id. They live in memory for `ttlMs` and at most `capacity` at once (the oldest go
 * first): after a restart or a long wait the button says the preview has expired.
 */
export class PendingStore<T> {
  private readonly items = new Map<string, { value: T; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(value: T): string {
    this.prune();
    const key = randomBytes(6).toString('base64url');
    this.items.set(key, { value, expires: this.now() + this.ttlMs });
    while (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value!);
    return key;
  }

  get(key: string): T | undefined {
    this.prune();
    return this.items.get(key)?.value;
  }

  delete(key: string): void {
    this.items.delete(key);
  }

  private prune(): void {
    const now = this.now();
    for (const [key, item] of this.items) if (item.expires <= now) this.items.delete(key);
  }
}

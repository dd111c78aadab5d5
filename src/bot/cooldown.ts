/** Past this many remembered users, those idle for a whole window are forgotten. */
const SWEEP_ABOVE = 10_000;

/** A sliding window per user: at most `uses` in any `seconds`. */
export class Cooldown {
  private readonly uses = new Map<string, number[]>();

  /** Records a use and returns 0, or (recording nothing) the whole seconds until one is allowed. */
  take(user: string, rule: { uses: number; seconds: number }, now = Date.now()): number {
    const windowMs = rule.seconds * 1000;
    const recent = (this.uses.get(user) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= rule.uses) {
      this.uses.set(user, recent);
      return Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
    }
    recent.push(now);
    this.uses.set(user, recent);
    if (this.uses.size > SWEEP_ABOVE) this.sweep(now - windowMs);
    return 0;
  }

  private sweep(before: number): void {
    for (const [user, times] of this.uses) if (times[times.length - 1]! < before) this.uses.delete(user);
  }
}

import { byImportance, digestWindow, selectDated, selectNew, toEntries, type ArticleSource, type Renderer } from './assemble.js';
import { deliverDigest, partNonce, type Sender } from './deliver.js';
import { DEFAULT_GRACE_MS, dueAction, localDate, MINUTE, nextCheckAt, nextOccurrence, nextRetry, type Clock } from './schedule.js';
import { TimeQueue } from './time-queue.js';
import type { IndexedArticle } from '../search/article-search.js';
import {
  isComplete,
  type DigestFailure,
  type DigestRecord,
  type DigestSettings,
  type DigestStore,
  type MessagePayload,
  type RunOutcome,
} from './store.js';

export interface RunnerOptions {
  store: DigestStore;
  source: ArticleSource;
  sender: Sender;
  /** Turns entries into messages (the bot's Discord rendering). */
  render: Renderer;
  clock: Clock;
  graceMs?: number;
  log?: (line: string) => void;
  /** When a server's schedule needs looking at next (default nextCheckAt); tests pass a counting one. */
  nextCheck?: typeof nextCheckAt;
}

/** What `/digest status` shows. */
export interface DigestStatus {
  settings: DigestSettings | null;
  nextRunAt: number | null;
  lastRun: RunOutcome | null;
  failure: DigestFailure | null;
}

/** The longest the runner sleeps, so a wall-clock jump is noticed soon. */
const MAX_SLEEP_MS = MINUTE;
/** The shortest, so that a run due now never turns into a busy loop. */
const MIN_SLEEP_MS = 1000;
/** Planning every server yields to other work this often (thousands of servers take about a second). */
const PLAN_SLICE_MS = 10;

/** The local day of the next scheduled digest: the one `/digest now` posts and a preview shows. */
function nextDigestDate(settings: DigestSettings, now: number): string {
  return localDate(nextOccurrence(settings, now), settings.timezone);
}

export interface PostNowResult {
  /** The digest's day (null when no digest is set up). */
  date: string | null;
  outcome: RunOutcome['outcome'] | 'already-posted' | 'not-set-up';
  parts: number;
  detail?: string;
}

/**
 * Runs every server's digest schedule. Each server is handled on its own: a slow or failing
 * channel never delays another server, and a server never has two runs at once.
 *
 * Each server waits in a queue ordered by the instant its schedule next needs looking at
 * (nextCheckAt). A change of one server's state (the store tells the runner) moves that server
 * alone, and a tick takes only the servers that are due: neither grows with the number of servers.
 */
export class DigestRunner {
  private readonly running = new Map<string, Promise<void>>();
  private readonly queue = new TimeQueue<string>();
  private timer: { cancel(): void; at: number } | null = null;
  /** The latest clock reading the queue was planned at: a clock going back means planning again. */
  private plannedAt: number;
  /** Set while every server is being planned (start-up, clock gone back); ticks wait for it. */
  private planning: Promise<void> | null = null;
  private readonly graceMs: number;
  private readonly log: (line: string) => void;
  private readonly nextCheck: typeof nextCheckAt;

  constructor(private readonly options: RunnerOptions) {
    this.graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.log = options.log ?? (() => {});
    this.nextCheck = options.nextCheck ?? nextCheckAt;
    this.plannedAt = options.clock.now();
    this.planAll();
    options.store.onGuildChange((guildId) => this.plan(guildId));
  }

  /** Starts what is due now and then keeps waking up for the next due run. */
  start(): void {
    this.stop();
    this.wake();
  }

  /** After a schedule changed: start what is due now and sleep until the next run (if started). */
  reschedule(): void {
    if (this.timer) this.start();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** Starts what is due; resolves when those runs have finished. */
  tick(): Promise<void> {
    if (this.options.clock.now() < this.plannedAt) this.planAll();
    // while no planning is under way, what is due starts before tick() returns
    return this.planning ? this.planning.then(() => this.startDue()) : this.startDue();
  }

  private async startDue(): Promise<void> {
    const { store, clock } = this.options;
    const now = clock.now();
    this.plannedAt = now;
    const runs = this.queue.takeDue(now).map((guildId) => {
      const guild = store.guild(guildId);
      if (!guild || this.running.has(guildId)) return undefined; // a run in progress plans the server when it ends
      const due = dueAction(guild, now, this.graceMs);
      if (due.kind === 'none') {
        this.plan(guildId);
        return undefined;
      }
      return this.exclusive(guildId, async () => {
        if (due.kind === 'missed') {
          this.log(`digest ${guildId} ${due.date}: missed (the bot was offline past the grace window); the next digest covers the gap`);
          await store.recordRun(guildId, { at: now, date: due.date, outcome: 'missed' }, guild.failure);
          return;
        }
        if (due.kind === 'run') await this.assemble(guildId, due.date, due.scheduledAt, due.late);
        await this.deliver(guildId, due.date);
      });
    });
    await Promise.allSettled(runs);
  }

  /**
   * `/digest now`: assembles and posts the digest that is due next, at once. It runs after, never
   * beside, the server's other runs and changes (a second `now`, `off`): a digest turned off
   * meanwhile is 'not-set-up', one posted meanwhile 'already-posted'.
   */
  postNow(guildId: string): Promise<PostNowResult> {
    const { store, clock } = this.options;
    return this.serially(guildId, async () => {
      const settings = store.settings(guildId);
      if (!settings) return { date: null, outcome: 'not-set-up', parts: 0 };
      const date = nextDigestDate(settings, clock.now());
      const already = store.digest(guildId, date);
      if (already && isComplete(already)) return { date, outcome: 'already-posted', parts: already.parts.length };
      if (!already) await this.assemble(guildId, date, clock.now(), false);
      await this.deliver(guildId, date);
      const lastRun = store.guild(guildId)?.lastRun;
      return {
        date,
        outcome: lastRun?.outcome ?? 'failed',
        parts: store.digest(guildId, date)?.parts.length ?? 0,
        detail: lastRun?.detail,
      };
    });
  }

  /** `/digest off`: stops the server's digests once a run of it in progress has finished; false when none was set up. */
  turnOff(guildId: string): Promise<boolean> {
    return this.serially(guildId, () => this.options.store.clearSettings(guildId));
  }

  /** What a digest would post now (or for the articles dated `date`), without posting or recording it. */
  preview(guildId: string, date?: string): MessagePayload[] {
    const { store, clock, source } = this.options;
    const settings = store.settings(guildId);
    if (!settings) throw new Error('no digest is set up for this server');
    const now = clock.now();
    const day = date ?? nextDigestDate(settings, now);
    const articles = date ? selectDated(source, date) : this.newArticles(guildId, settings, day, now);
    // an undated preview always shows something; a dated one is empty when no article has that date
    return this.render(articles, settings, day, false, date ? 'silent' : 'line');
  }

  status(guildId: string): DigestStatus {
    const guild = this.options.store.guild(guildId);
    const settings = guild?.settings ?? null;
    return {
      settings,
      nextRunAt: settings ? nextOccurrence(settings, this.options.clock.now()) : null,
      lastRun: guild?.lastRun ?? null,
      failure: guild?.failure ?? null,
    };
  }

  /** Resolves when every run in progress has finished (for shutdown and tests). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private render(
    articles: IndexedArticle[],
    settings: DigestSettings,
    date: string,
    late: boolean,
    quietDay: DigestSettings['quietDay'],
  ): MessagePayload[] {
    const { source, render } = this.options;
    const entries = toEntries(byImportance(articles, source).slice(0, settings.size), source);
    return render(entries, { date, late, total: articles.length, quietDay });
  }

  /** What is new for the server's digest of `date`, made at `now`. */
  private newArticles(guildId: string, settings: DigestSettings, date: string, now: number) {
    const { store, source } = this.options;
    return selectNew(
      source,
      (id) => store.firstSeen(id),
      digestWindow(store.lastCompleteDigest(guildId), date, now, settings.timezone, store.initializedAt),
    );
  }

  private async assemble(guildId: string, date: string, scheduledAt: number, late: boolean): Promise<void> {
    const { store, clock } = this.options;
    const settings = store.settings(guildId);
    if (!settings) return; // turned off or removed meanwhile
    const now = clock.now();
    const articles = this.newArticles(guildId, settings, date, now);
    const payloads = this.render(articles, settings, date, late, settings.quietDay);
    const record: DigestRecord = {
      date,
      channelId: settings.channelId,
      scheduledAt,
      createdAt: now,
      late,
      articleIds: articles.map((a) => a.id),
      parts: payloads.map((payload, index) => ({
        index,
        nonce: partNonce(guildId, settings.since, date, index),
        payload,
        status: 'pending',
        pendingSince: null,
        messageId: null,
      })),
    };
    await store.saveDigest(guildId, record);
  }

  private async deliver(guildId: string, date: string): Promise<void> {
    const { store, clock, sender } = this.options;
    const record = store.digest(guildId, date);
    if (!record) return; // the server was removed meanwhile
    try {
      await deliverDigest(store, guildId, date, sender, () => clock.now());
      const outcome = record.parts.length === 0 ? 'empty' : record.late ? 'late' : 'posted';
      this.log(
        `digest ${guildId} ${date}: ${outcome} (${record.parts.length} message${record.parts.length === 1 ? '' : 's'}, ${record.articleIds.length} articles)`,
      );
      await store.recordRun(guildId, { at: clock.now(), date, outcome }, null);
    } catch (error) {
      const guild = store.guild(guildId);
      if (!guild) return; // removed from the server while posting: nothing to report
      const previous = guild.failure;
      const attempts = (previous?.date === date ? previous.attempts : 0) + 1;
      const now = clock.now();
      const message = (error as Error).message || String(error);
      const retryAt = nextRetry(attempts, now);
      this.log(
        `digest ${guildId} ${date}: post failed (attempt ${attempts}): ${message}; ${retryAt === null ? 'giving up' : `retrying at ${new Date(retryAt).toISOString()}`}`,
      );
      await store.recordRun(
        guildId,
        { at: now, date, outcome: 'failed', detail: message },
        { date, message, attempts, nextRetryAt: retryAt },
      );
    }
  }

  /** Runs `operation` after the server's runs and operations before it, one at a time; its result and error are the caller's. */
  private async serially<T>(guildId: string, operation: () => Promise<T>): Promise<T> {
    let result!: Promise<T>;
    // resolves once the run is over, the server's next check planned included
    await this.exclusive(guildId, () => {
      result = operation();
      return result.then(
        () => undefined,
        () => undefined,
      );
    });
    return result;
  }

  private exclusive(guildId: string, run: () => Promise<void>): Promise<void> {
    const previous = this.running.get(guildId) ?? Promise.resolve();
    const next = previous.then(run).catch((error) => this.log(`digest ${guildId}: ${(error as Error).message}`));
    const tracked = next.finally(() => {
      if (this.running.get(guildId) !== tracked) return;
      this.running.delete(guildId);
      this.plan(guildId, true);
    });
    this.running.set(guildId, tracked);
    return tracked;
  }

  /** Ticks, then sleeps until the earliest queued check (at most a minute). */
  private wake(): void {
    const ticked = this.tick(); // takes what is due at once, so the timer is set for what remains
    this.arm(this.options.clock.now() + MAX_SLEEP_MS);
    void ticked;
  }

  /** Sets the timer for the earliest queued check, or `latest` if that comes first (when started). */
  private arm(latest: number): void {
    const { clock } = this.options;
    const now = clock.now();
    const at = Math.max(now + MIN_SLEEP_MS, Math.min(latest, this.queue.earliest() ?? latest));
    this.timer?.cancel();
    const handle = clock.setTimeout(() => this.wake(), at - now);
    this.timer = { cancel: () => handle.cancel(), at };
  }

  /**
   * Queues one server for its next check, or drops it when it has no schedule. A server with a run
   * in progress is planned when the run ends; one still due right after its run (an unexpected
   * error) is looked at again a minute later, not in a loop.
   */
  private plan(guildId: string, afterRun = false): void {
    if (this.running.has(guildId)) return;
    const guild = this.options.store.guild(guildId);
    const now = this.options.clock.now();
    const at = guild ? this.nextCheck(guild, now, this.graceMs) : null;
    if (at === null) {
      this.queue.delete(guildId);
      return;
    }
    const when = afterRun && at <= now ? now + MINUTE : at;
    this.queue.set(guildId, when);
    if (this.timer && when < this.timer.at) this.arm(this.timer.at);
  }

  /**
   * Plans every server (at start, and when the clock went back) in slices, so that thousands of
   * servers do not hold up the bot's other work; finishes at once when they fit in one slice.
   */
  private planAll(): void {
    let done = false;
    const planning = (async () => {
      this.queue.clear();
      let sliceStart = performance.now();
      for (const guildId of this.options.store.guildIds()) {
        if (performance.now() - sliceStart > PLAN_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
        this.plan(guildId);
      }
      done = true;
    })();
    if (done) return;
    const tracked: Promise<void> = planning.then(() => {
      if (this.planning === tracked) this.planning = null;
    });
    this.planning = tracked;
  }
}

/**
 * What a request's latency is measured in. The backend waits `latencyMs` per request on one of these:
 *
 * - `REAL_TIME` (the default): a real timer, `setTimeout(ms)`; a 0 ms wait is one `setImmediate` turn, so
 *   concurrent requests really interleave (the contract suites run at 0). Benches that want wall-clock figures use it.
 * - `SimulatedClock`: virtual time. A wait registers a wake-up at `now() + ms` and costs no wall time: once the
 *   process has nothing else to run, the clock jumps to the earliest wake-up and resolves every wait due then. So
 *   requests in flight together overlap exactly as they would over a network, a sequence adds up, and the virtual
 *   time that passes during one call is that call's simulated wall time at the modelled latency.
 *
 * How "nothing else to run" is decided (the driver): after a wake-up, or whenever a wait is registered, the driver
 * lets `idleTurns` consecutive `setImmediate` turns pass in which no new wait was registered and nothing else is
 * pending — no other immediate, no file-system or DNS request (`process.getActiveResourcesInfo()`). Promise chains
 * settle within a turn (microtasks run between immediates), so a handler that awaits a request, computes, and sends
 * the next one has registered its next wait before the turn ends.
 *
 * Limits, knowingly:
 * - Real timers of the code under test (`setTimeout`) are not virtual and are not waited for; the clock would move
 *   on without them. Code measured on this clock takes its sleeps from it (CloudbaseStorage's `sleep` option).
 * - Work on libuv's thread pool that `getActiveResourcesInfo` does not list (async zlib, crypto callbacks) is not
 *   waited for either; the code measured here uses only their synchronous forms.
 * - CPU time is not virtual: a handler that computes for 2 s costs 0 ms of virtual time. The per-call harness reports
 *   that compute separately (measured, not simulated).
 */
export interface LatencyClock {
  /** Resolves after `ms` of this clock's time (ms ≤ 0: after one turn of the event loop, no time). */
  delay(ms: number): Promise<void>;
  /** This clock's time in milliseconds (real: `performance.now()`; simulated: virtual ms since the clock started). */
  now(): number;
}

/** One `setImmediate` turn. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Real time: a timer of `ms`, or one `setImmediate` turn for 0. */
export const REAL_TIME: LatencyClock = {
  delay: (ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : nextTurn()),
  now: () => performance.now(),
};

interface Sleeper {
  at: number;
  seq: number;
  wake: () => void;
}

/** Resources that mean the process still has work of its own queued (beyond the driver's own turn). */
function otherWorkPending(): boolean {
  const info = (process as { getActiveResourcesInfo?: () => string[] }).getActiveResourcesInfo?.() ?? [];
  return info.some((name) => name === 'Immediate' || name.includes('Req'));
}

export interface SimulatedClockOptions {
  /** Consecutive quiet `setImmediate` turns before time moves on. Default 3. */
  idleTurns?: number;
}

export class SimulatedClock implements LatencyClock {
  private time = 0;
  private seq = 0;
  /** Pending wake-ups, kept sorted by (at, seq). */
  private readonly sleepers: Sleeper[] = [];
  /** Bumped on every registered wait: the driver's sign that something is still going on. */
  private activity = 0;
  private driving = false;
  /** `settle` callers waiting for the driver to run dry. */
  private whenDry: Array<() => void> = [];
  private readonly idleTurns: number;
  /** Wake-ups performed (for tests and diagnostics). */
  advances = 0;

  constructor(options: SimulatedClockOptions = {}) {
    this.idleTurns = Math.max(1, options.idleTurns ?? 3);
  }

  now(): number {
    return this.time;
  }

  /** Waits registered and not yet woken. */
  pending(): number {
    return this.sleepers.length;
  }

  delay(ms: number): Promise<void> {
    if (!(ms > 0)) return nextTurn();
    return new Promise<void>((wake) => {
      const sleeper: Sleeper = { at: this.time + ms, seq: ++this.seq, wake };
      // Insert in order; equal instants keep registration order (the request sent first is answered first).
      let i = this.sleepers.length;
      while (i > 0 && this.sleepers[i - 1].at > sleeper.at) i--;
      this.sleepers.splice(i, 0, sleeper);
      this.activity++;
      this.drive();
    });
  }

  /**
   * Runs `fn` and answers its result with the virtual time it took. Meaningful for one call at a time: anything else
   * in flight on this clock meanwhile moves the same time on.
   */
  async measure<T>(fn: () => Promise<T>): Promise<{ value: T; elapsedMs: number }> {
    const start = this.time;
    const value = await fn();
    return { value, elapsedMs: this.time - start };
  }

  /**
   * Resolves once nothing is left on this clock: no wait pending, and none registered through a few quiet turns — work
   * a call left running after it answered (the harness counts it apart) has finished. While waits are pending it
   * waits for the driver to run dry rather than spinning turns of its own (which the driver would take for work).
   */
  async settle(): Promise<void> {
    for (;;) {
      if (this.sleepers.length) {
        await new Promise<void>((resolve) => this.whenDry.push(resolve));
        continue;
      }
      const before = this.activity;
      for (let i = 0; i <= this.idleTurns; i++) await nextTurn();
      if (this.activity === before && !this.sleepers.length) return;
    }
  }

  private drive(): void {
    if (this.driving) return;
    this.driving = true;
    let seen = this.activity;
    let quiet = 0;
    const turn = () => {
      if (!this.sleepers.length) {
        this.driving = false;
        const waiting = this.whenDry;
        this.whenDry = [];
        for (const resolve of waiting) resolve();
        return;
      }
      if (this.activity !== seen || otherWorkPending()) {
        seen = this.activity;
        quiet = 0;
      } else {
        quiet++;
      }
      if (quiet >= this.idleTurns) {
        // Nothing else can run before the earliest wake-up: jump there and wake everyone due at that instant.
        const at = this.sleepers[0].at;
        this.time = at;
        this.advances++;
        while (this.sleepers.length && this.sleepers[0].at === at) this.sleepers.shift()!.wake();
        quiet = 0;
        seen = this.activity;
      }
      setImmediate(turn);
    };
    setImmediate(turn);
  }
}

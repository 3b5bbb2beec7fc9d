/**
 * The virtual clock the CloudBase backend's latency can run on (tests/support/cloudbase-backend/clock.ts): waits cost
 * no wall time (no timer is ever set), sequential waits add up, concurrent ones overlap, and time moves on only when
 * nothing else can run. Then the same on the real SDK: the requests of a sign-up at 20 ms each.
 */
import { currentBlockRule } from '../../server/features/conduct/block-rule';
import { dispatch } from '../../server/dispatch';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase, DEFAULT_OPTIONS, nextTurn, SimulatedClock } from '../support/cloudbase-backend';
import { makeEvent, makeStudents, NOW } from '../support/factories';

let timers: jest.SpyInstance;
beforeEach(() => {
  timers = jest.spyOn(global, 'setTimeout');
});
afterEach(() => timers.mockRestore());
/**
 * No real timer of `ms` > 0 was set: the clock waited for nothing. (The server's transaction lifetime is a real timer,
 * cleared when the transaction ends: it never delays anything.)
 */
const noRealWaiting = () =>
  expect(timers.mock.calls.filter(([, ms]) => Number(ms) > 0 && ms !== DEFAULT_OPTIONS.transactionTimeoutMs)).toEqual([]);

describe('SimulatedClock', () => {
  it('adds sequential waits up', async () => {
    const clock = new SimulatedClock();
    await clock.delay(10);
    await clock.delay(20);
    await clock.delay(5);
    expect(clock.now()).toBe(35);
    noRealWaiting();
  });

  it('overlaps parallel waits: the elapsed time is the longest, and each wakes at its own instant', async () => {
    const clock = new SimulatedClock();
    const woke: Array<[string, number]> = [];
    const wait = async (name: string, ms: number) => {
      await clock.delay(ms);
      woke.push([name, clock.now()]);
    };
    await Promise.all([wait('a', 30), wait('b', 10), wait('c', 20), wait('d', 10)]);
    expect(clock.now()).toBe(30);
    expect(woke).toEqual([['b', 10], ['d', 10], ['c', 20], ['a', 30]]);
    noRealWaiting();
  });

  it('runs nested chains as a network would: a chain is the sum of its steps, concurrent chains the longest of them', async () => {
    const clock = new SimulatedClock();
    const chain = async (...steps: number[]) => {
      for (const ms of steps) await clock.delay(ms);
      return clock.now();
    };
    const { value, elapsedMs } = await clock.measure(async () => {
      await clock.delay(10);
      // Two branches from t=10: one of 5, one of 3 + 3 + (2 ‖ 4).
      const [a, b] = await Promise.all([
        chain(5),
        (async () => {
          await chain(3, 3);
          await Promise.all([chain(2), chain(4)]);
          return clock.now();
        })(),
      ]);
      return [a, b];
    });
    expect(value).toEqual([15, 20]);
    expect(elapsedMs).toBe(20);
    noRealWaiting();
  });

  it('does not move on while other work is still runnable: a computation that yields for many turns first', async () => {
    const clock = new SimulatedClock({ idleTurns: 2 });
    const slowStart = async () => {
      for (let i = 0; i < 25; i++) await nextTurn(); // busy for far more turns than the clock's idle threshold
      await clock.delay(5);
      return clock.now();
    };
    const [late, long] = await Promise.all([slowStart(), clock.delay(100).then(() => clock.now())]);
    // Had the clock jumped to 100 while slowStart was still yielding, its wait would have ended at 105.
    expect(late).toBe(5);
    expect(long).toBe(100);
  });

  it('settles: resolves once work left running on it has finished, at the time it took', async () => {
    const clock = new SimulatedClock();
    let done = false;
    void clock.delay(30).then(async () => {
      await clock.delay(20);
      done = true;
    });
    await clock.settle();
    expect(done).toBe(true);
    expect(clock.now()).toBe(50);
    expect(clock.pending()).toBe(0);
  });

  it('waits of 0 ms take one turn and no time', async () => {
    const clock = new SimulatedClock();
    await clock.delay(0);
    expect(clock.now()).toBe(0);
    expect(clock.pending()).toBe(0);
  });
});

describe('SimulatedClock on the real SDK and the in-process backend, 20 ms a request', () => {
  async function world() {
    const clock = new SimulatedClock();
    const backend = new CloudbaseBackend({ latencyMs: 0 });
    const storage = new CloudbaseStorage(createRealSdkDatabase(backend, { throwOnNotFound: false }), { sleep: (ms) => clock.delay(ms) });
    await storage.putStudents(makeStudents(4));
    await storage.putEvents([makeEvent({ id: 'ev-a', capacity: 10 }), makeEvent({ id: 'ev-b', capacity: 10 })]);
    const ctx = (n: number) => ({ storage, caller: { kind: 'wechat' as const, openid: `openid-${n}` }, now: () => NOW, demoMode: false });
    for (const n of [1, 2, 3, 4]) await dispatch({ action: 'getMe', payload: {} }, ctx(n)); // warm: callers known
    await currentBlockRule(storage, NOW); // and the sign-up block rule (remembered a minute, as after any sign-up)
    backend.useLatency(20, clock); // seeded at 0, measured at 20 ms of virtual time
    backend.resetCounters();
    timers.mockClear();
    return { clock, backend, ctx };
  }

  it('a warm sign-up is its 5 requests in a row: 100 ms', async () => {
    const { clock, backend, ctx } = await world();
    const { value, elapsedMs } = await clock.measure(() => dispatch({ action: 'signUp', payload: { eventId: 'ev-a' } }, ctx(1)));
    expect(value.ok).toBe(true);
    expect(backend.counters().requests).toBe(5);
    expect(elapsedMs).toBe(100);
    noRealWaiting();
  });

  it('two sign-ups for different events in flight together overlap; one after the other they add up', async () => {
    const { clock, ctx } = await world();
    const together = await clock.measure(() =>
      Promise.all([dispatch({ action: 'signUp', payload: { eventId: 'ev-a' } }, ctx(1)), dispatch({ action: 'signUp', payload: { eventId: 'ev-b' } }, ctx(2))]),
    );
    expect(together.value.every((r) => r.ok)).toBe(true);
    expect(together.elapsedMs).toBe(100);
    const apart = await clock.measure(async () => {
      await dispatch({ action: 'signUp', payload: { eventId: 'ev-a' } }, ctx(3));
      await dispatch({ action: 'signUp', payload: { eventId: 'ev-b' } }, ctx(4));
    });
    expect(apart.elapsedMs).toBe(200);
    noRealWaiting();
  });

  it('real time and 0 ms stay as they were: a backend without a clock waits real timers', async () => {
    const backend = new CloudbaseBackend({ latencyMs: 4 });
    const db = createRealSdkDatabase(backend);
    timers.mockClear();
    await db.collection('c').add({ data: { _id: 'a' } });
    expect(timers.mock.calls.map(([, ms]) => ms)).toEqual([2, 2]);
  });
});

import { TEST_MOMENT } from './test-moment';

/**
 * Starts this test file's clock at `moment` (TEST_MOMENT unless given), moving on at the normal pace. Only Date is
 * faked: timers, immediates and microtasks stay real, since the simulator, SQLite's group commit and the HTTP stack
 * rely on them. Code loaded in the same realm (the weapp build, a cloud function bundle) reads the same clock.
 */
export function startClockAt(moment: Date = TEST_MOMENT): void {
  jest.useFakeTimers({
    now: moment,
    advanceTimers: true,
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
      'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
      'setTimeout', 'clearTimeout',
    ],
  });
}

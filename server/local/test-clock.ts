/**
 * The local server's clock. In production and in ordinary demos it is the machine's. Tests (and anyone who wants the
 * demo at a particular moment) may start it at a chosen instant with TEST_CLOCK_START=<ISO instant>: the clock then
 * moves on from there at the normal pace, and the demo seed is laid out around it. Only a demo server honours it —
 * a server with DEMO_MODE=0 refuses to start with it set, so a production server can never run on a made-up clock.
 */
export interface ServerClock {
  now: () => Date;
  /** Milliseconds added to the machine's clock (0 for the real clock). */
  offsetMs: number;
}

export function clockFromEnv(env: NodeJS.ProcessEnv, demoMode: boolean, realNow: () => number = Date.now): ServerClock {
  const start = env.TEST_CLOCK_START?.trim();
  if (!start) return { now: () => new Date(realNow()), offsetMs: 0 };
  if (!demoMode) throw new Error('TEST_CLOCK_START 只能用于演示模式（DEMO_MODE=1），生产环境必须使用真实时间');
  const at = Date.parse(start);
  if (!Number.isFinite(at)) throw new Error(`TEST_CLOCK_START 不是合法的时间：${start}`);
  const offsetMs = at - realNow();
  return { now: () => new Date(realNow() + offsetMs), offsetMs };
}

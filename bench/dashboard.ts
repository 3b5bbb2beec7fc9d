import path from 'node:path';
import { dispatch, type HandlerContext } from '../server/dispatch';
import { runScheduledJobs } from '../server/features/notifications/scheduled-jobs';
import { localOutboxSender } from '../server/features/notifications/sender';
import { SqliteStorage } from '../server/storage/sqlite/sqlite-storage';
import { seedYear } from './dashboard-seed';

/**
 * The dashboard's in-process side (bench/dashboard.mjs builds this with esbuild and runs it):
 *   node dist/bench/dashboard.js seed <dir> [runs=10]
 *     seeds a year (20,000 students, 2,000 events, 200,000 registrations; bench/dashboard-seed.ts) into <dir>/app.db
 *     — the file the local server opens with DATA_DIR=<dir> — grants the committee account, then times
 *     dispatch('getDashboard') for the whole school and for one college, interleaved with the baseline,
 *     dispatch('getEvent'), in the same process.
 *   node dist/bench/dashboard.js jobs <dir>
 *     times runScheduledJobs on that year twice (the local server runs it every minute): the first run closes every
 *     event whose window has ended; the second is the steady state.
 * Prints one JSON line.
 */
export const ADMIN = 'bench-committee';
export const YEAR = 2026;
export const SIZE = { students: 20_000, events: 2_000, registrations: 200_000 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
/** Nearest rank. */
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)];
const summary = (xs: number[]) => ({ median: median(xs), p95: p95(xs), max: Math.max(...xs), runs: xs });

async function seedAndMeasure(dir: string, runs: number) {
  const storage = new SqliteStorage({ file: path.join(dir, 'app.db') });
  const t0 = performance.now();
  const seeded = await seedYear(storage, SIZE);
  const now = new Date();
  await storage.grantRole(
    { openid: ADMIN, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: now.toISOString() },
    { at: now.toISOString(), actor: 'system', action: 'grantRole', target: ADMIN, detail: '{}' },
  );
  const seedMs = performance.now() - t0;

  const ctx = (): HandlerContext => ({ storage, caller: { kind: 'wechat', openid: ADMIN }, now: () => new Date(), demoMode: false });
  const call = async (action: string, payload: unknown) => {
    const result = await dispatch({ action, payload } as never, ctx());
    if (!result.ok) throw new Error(`${action} refused: ${JSON.stringify(result)}`);
    return result.data as any;
  };
  const eventId = (await storage.listEvents({}))[0].id;
  const college = seeded.colleges[1];

  const school: number[] = [];
  const oneCollege: number[] = [];
  const baseline: number[] = [];
  let check = { students: 0, confirmed: 0, attendances: 0, collegeStudents: 0, bytes: 0 };
  for (let run = 0; run <= runs; run++) {
    const measured = run > 0; // the first round warms up (and is the first call after opening the file)
    let t = performance.now();
    const d = await call('getDashboard', { year: YEAR });
    if (measured) school.push(performance.now() - t);
    t = performance.now();
    const c = await call('getDashboard', { year: YEAR, college });
    if (measured) oneCollege.push(performance.now() - t);
    t = performance.now();
    await call('getEvent', { eventId });
    if (measured) baseline.push(performance.now() - t);
    check = {
      students: d.students,
      confirmed: d.byCollege.reduce((n: number, x: { registrations: number }) => n + x.registrations, 0),
      attendances: d.byCollege.reduce((n: number, x: { attendances: number }) => n + x.attendances, 0),
      collegeStudents: c.students,
      bytes: Buffer.byteLength(JSON.stringify({ ok: true, data: d })),
    };
  }
  await storage.close();
  return {
    seedMs,
    counts: seeded.counts,
    college,
    eventId,
    check,
    school: summary(school),
    oneCollege: summary(oneCollege),
    baseline: summary(baseline),
  };
}

async function jobs(dir: string) {
  const storage = new SqliteStorage({ file: path.join(dir, 'app.db') });
  const runs = [];
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const report = await runScheduledJobs(storage, localOutboxSender, new Date());
    runs.push({ ms: performance.now() - t, report });
  }
  await storage.close();
  return { jobs: runs };
}

async function main() {
  const [mode, dir, runs] = process.argv.slice(2);
  if (!dir) throw new Error('usage: dashboard.js seed|jobs <dir> [runs]');
  const result = mode === 'jobs' ? await jobs(dir) : await seedAndMeasure(dir, Number(runs ?? 10));
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

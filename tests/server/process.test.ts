import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleLocalServer, callApi, startServer } from '../support/server-process';
import { TEST_MOMENT, shanghai } from '../support/test-moment';

/**
 * The local server as a process, as `npm start` runs it: honours PORT, HOST and DATA_DIR, seeds demo data once,
 * stops cleanly on SIGTERM, and keeps every answered sign-up across a restart or a SIGKILL. Its clock starts at the
 * moment each test chooses (TEST_CLOCK_START), never at whatever hour the tests happen to run.
 */
const bundle = bundleLocalServer();
let dataDir: string;
const CLOCK = { TEST_CLOCK_START: TEST_MOMENT.toISOString() };
const start = () => startServer(bundle.file, { DATA_DIR: dataDir, STATIC_DIR: dataDir, ...CLOCK });

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ysc-proc-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
afterAll(() => bundle.remove());

it('seeds demo data on first start, stops cleanly on SIGTERM, and keeps sign-ups across a restart', async () => {
  const first = await start();
  expect(first.output()).toMatch(/已写入演示数据：\d+ 名学生/);
  const events = await callApi(first.base, 'listEvents', {});
  expect(events.data.events.length).toBeGreaterThanOrEqual(10);
  const signed = await callApi(first.base, 'signUp', { eventId: 'e-lecture-speaker' }, '2023011101');
  expect(signed.ok).toBe(true);
  expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });

  const second = await start();
  expect(second.output()).not.toMatch(/已写入演示数据/);
  const detail = await callApi(second.base, 'getEvent', { eventId: 'e-lecture-speaker' }, '2023011101');
  expect(detail.data.myRegistration.status).toBe('confirmed');
  await second.stop();
}, 30_000);

it('loses no answered sign-up when the process is killed', async () => {
  const first = await start();
  const students = ['2023011101', '2023011102', '2024011101', '2024011102'];
  const answered = await Promise.all(students.map((no) => callApi(first.base, 'signUp', { eventId: 'e-volunteer-marathon' }, no)));
  expect(answered.every((r) => r.ok)).toBe(true);
  expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');

  const second = await start();
  for (const no of students) {
    const mine = await callApi(second.base, 'listMyRegistrations', {}, no);
    expect(mine.data.registrations.map((r: any) => r.event.id)).toEqual(['e-volunteer-marathon']);
  }
  await second.stop();
}, 30_000);

it('runs the scheduled jobs on its interval (JOBS_INTERVAL_MS), into the local outbox, and still stops cleanly', async () => {
  const server = await startServer(bundle.file, { DATA_DIR: dataDir, STATIC_DIR: dataDir, JOBS_INTERVAL_MS: '200', ...CLOCK });
  const until = Date.now() + 10_000;
  while (!/\[jobs\] .*关闭报名 \d+/.test(server.output())) {
    if (Date.now() > until) throw new Error(`no scheduled run reported: ${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // The demo data has events starting within a day: their reminders are in the outbox (skipped: nobody consented).
  const outbox = await callApi(server.base, 'listOutbox', {}, 'o-demo-admin');
  expect(outbox.ok).toBe(true);
  expect(outbox.data.messages.some((m: { kind: string }) => m.kind === 'event_reminder')).toBe(true);
  expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
}, 30_000);

it('lays the demo out around TEST_CLOCK_START and runs on that clock from there, even at 04:30 in Shanghai', async () => {
  const moment = shanghai('2026-12-05 04:30');
  const server = await startServer(bundle.file, { DATA_DIR: dataDir, STATIC_DIR: dataDir, TEST_CLOCK_START: moment.toISOString() });
  expect(Math.abs(server.now().getTime() - moment.getTime())).toBeLessThan(10_000);
  const event = (await callApi(server.base, 'getEvent', { eventId: 'e-lecture-now' })).data.event;
  // Seeded as under way: it started ten minutes before the server's moment, to the minute.
  expect(Date.parse(event.startAt)).toBe(Math.floor(moment.getTime() / 60_000) * 60_000 - 10 * 60_000);
  const report = await callApi(server.base, 'runScheduledJobs', {}, 'o-demo-admin');
  expect(report.data).toMatchObject({ failed: 0, left: 0 });
  await server.stop();
}, 30_000);

it('refuses to start on a made-up clock outside demo mode', async () => {
  await expect(startServer(bundle.file, { DATA_DIR: dataDir, STATIC_DIR: dataDir, DEMO_MODE: '0', ...CLOCK })).rejects.toThrow(/TEST_CLOCK_START 只能用于演示模式/);
}, 30_000);

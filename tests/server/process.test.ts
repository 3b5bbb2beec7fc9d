import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleLocalServer, callApi, startServer } from '../support/server-process';

/**
 * The local server as a process, as `npm start` runs it: honours PORT, HOST and DATA_DIR, seeds demo data once,
 * stops cleanly on SIGTERM, and keeps every answered sign-up across a restart or a SIGKILL.
 */
const bundle = bundleLocalServer();
let dataDir: string;
const start = () => startServer(bundle.file, { DATA_DIR: dataDir, STATIC_DIR: dataDir });

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
  const server = await startServer(bundle.file, { DATA_DIR: dataDir, STATIC_DIR: dataDir, JOBS_INTERVAL_MS: '200' });
  const until = Date.now() + 10_000;
  while (!/\[jobs\] 关闭报名 \d+/.test(server.output())) {
    if (Date.now() > until) throw new Error(`no scheduled run reported: ${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // The demo data has events starting within a day: their reminders are in the outbox (skipped: nobody consented).
  const outbox = await callApi(server.base, 'listOutbox', {}, 'o-demo-admin');
  expect(outbox.ok).toBe(true);
  expect(outbox.data.messages.some((m: { kind: string }) => m.kind === 'event_reminder')).toBe(true);
  expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
}, 30_000);

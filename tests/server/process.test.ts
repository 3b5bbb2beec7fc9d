import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

/**
 * The local server as a process, as `npm start` runs it: honours PORT, HOST and DATA_DIR, seeds demo data once,
 * stops cleanly on SIGTERM, and keeps every answered sign-up across a restart or a SIGKILL.
 */
const bundle = path.join(mkdtempSync(path.join(process.cwd(), 'dist', 'test-server-')), 'local.js');
let dataDir: string;

beforeAll(() => {
  buildSync({
    entryPoints: ['server/local/main.ts'], outfile: bundle, bundle: true, platform: 'node', format: 'cjs',
    external: ['better-sqlite3'], logLevel: 'warning',
  });
});
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ysc-proc-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
afterAll(() => rmSync(path.dirname(bundle), { recursive: true, force: true }));

function start(): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn(process.execPath, [bundle], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}`, output: () => out });
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

async function post(base: string, action: string, body: unknown, user?: string) {
  const res = await fetch(`${base}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(user ? { 'x-demo-user': user } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as any;
}

it('seeds demo data on first start, stops cleanly on SIGTERM, and keeps sign-ups across a restart', async () => {
  const first = await start();
  expect(first.output()).toMatch(/已写入演示数据：\d+ 名学生/);
  const events = await post(first.base, 'listEvents', {});
  expect(events.data.events.length).toBeGreaterThanOrEqual(10);
  const signed = await post(first.base, 'signUp', { eventId: 'e-lecture-speaker' }, '2023011101');
  expect(signed.ok).toBe(true);
  const stopped = exited(first.child);
  first.child.kill('SIGTERM');
  expect(await stopped).toEqual({ code: 0, signal: null });

  const second = await start();
  expect(second.output()).not.toMatch(/已写入演示数据/);
  const detail = await post(second.base, 'getEvent', { eventId: 'e-lecture-speaker' }, '2023011101');
  expect(detail.data.myRegistration.status).toBe('confirmed');
  const stopped2 = exited(second.child);
  second.child.kill('SIGTERM');
  await stopped2;
}, 30_000);

it('loses no answered sign-up when the process is killed', async () => {
  const first = await start();
  const answered = await Promise.all(
    ['2023011101', '2023011102', '2024011101', '2024011102'].map((no) => post(first.base, 'signUp', { eventId: 'e-volunteer-marathon' }, no)),
  );
  expect(answered.every((r) => r.ok)).toBe(true);
  const killed = exited(first.child);
  first.child.kill('SIGKILL');
  expect((await killed).signal).toBe('SIGKILL');

  const second = await start();
  const mine = await post(second.base, 'listMyRegistrations', {}, '2024011102');
  expect(mine.data.registrations.map((r: any) => r.event.id)).toEqual(['e-volunteer-marathon']);
  const stopped = exited(second.child);
  second.child.kill('SIGTERM');
  await stopped;
}, 30_000);

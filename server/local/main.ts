import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { localOutboxSender } from '../features/notifications/sender';
import { DiskFileStore } from '../storage/disk/file-store';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { localCheckinKeys } from './checkin-keys';
import { createLocalServer } from './http-server';
import { localFileUrlKey } from './file-url-key';
import { localIdHashKey } from './id-hash-key';
import { localMiniCodes } from './local-mini-codes';
import { startJobScheduler } from './job-scheduler';
import { clockFromEnv } from './test-clock';
import { seedDemoData } from './seed';

/**
 * `npm start` runs this (bundled to dist/server/local.js): the API and the H5 build on 127.0.0.1, over SQLite in
 * DATA_DIR, seeded with demo data on first start. Environment: PORT (8787), HOST (127.0.0.1), DATA_DIR (.data/),
 * DEMO_MODE (1 = honour X-Demo-User; 0 = ignore it), STATIC_DIR (dist/h5), CHECKIN_KEYS (else DATA_DIR/checkin-keys.json),
 * JOBS_INTERVAL_MS (60000: how often the scheduled jobs run, as the timer function does on CloudBase; 0 = never),
 * ALLOWED_HOSTS (comma-separated host names a demo server answers besides IP addresses and localhost),
 * TEST_CLOCK_START (demo mode only: the clock starts at this instant and moves on from there; see test-clock.ts),
 * FILE_URL_KEY (the key of the download links; else DATA_DIR/file-url.key, generated on first start),
 * SITE_ORIGIN (the address phones reach this server at, for the QR codes on posters; else http://<HOST>:<port>).
 */
const repoRoot = path.resolve(__dirname, '..', '..');
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(repoRoot, '.data'));
const staticDir = path.resolve(process.env.STATIC_DIR ?? path.join(repoRoot, 'dist', 'h5'));
const demoMode = process.env.DEMO_MODE !== '0';
const jobsIntervalMs = Number(process.env.JOBS_INTERVAL_MS ?? 60_000);
const allowedHosts = (process.env.ALLOWED_HOSTS ?? '').split(',').filter(Boolean);

async function main(): Promise<void> {
  const clock = clockFromEnv(process.env, demoMode);
  if (clock.offsetMs !== 0) console.log(`[test-clock] offset=${clock.offsetMs} start=${clock.now().toISOString()}`);
  mkdirSync(dataDir, { recursive: true });
  const key = localIdHashKey(dataDir);
  const checkinKeys = localCheckinKeys(dataDir);
  const storage = new SqliteStorage({ file: path.join(dataDir, 'app.db') });
  // Uploads and exports, served at GET /files/<token> by links that last ten minutes.
  const files = new DiskFileStore({ dir: path.join(dataDir, 'files'), secret: localFileUrlKey(dataDir) });
  if (demoMode || process.env.SEED === '1') {
    const seeded = await seedDemoData(storage, clock.now(), key, files);
    if (seeded.events) {
      console.log(`已写入演示数据：${seeded.students} 名学生，${seeded.events} 个活动，${seeded.registrations} 条报名`);
    }
  }
  // Posters' QR codes lead to the H5 event page on this server: its address is known once it listens.
  let siteOrigin = process.env.SITE_ORIGIN ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  const miniCodes = localMiniCodes(() => siteOrigin);
  const server = createLocalServer({ storage, demoMode, staticDir, idHashKey: key, checkinKeys, allowedHosts, now: clock.now, files, miniCodes });
  server.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    if (!process.env.SITE_ORIGIN) siteOrigin = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`;
    console.log(`青年第二课堂 本地服务已启动：http://${host}:${actualPort}/  (数据目录 ${dataDir}${demoMode ? '，演示模式' : ''})`);
  });

  // Reminders, closing sign-ups on time, sending and retrying the outbox: into the local outbox (the dev UI's 发件箱).
  const jobs = jobsIntervalMs > 0 ? startJobScheduler({ storage, sender: localOutboxSender, intervalMs: jobsIntervalMs, now: clock.now, files }) : null;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`收到 ${signal}，正在停止…`);
    server.close(() => {
      void (jobs?.stop() ?? Promise.resolve())
        .then(() => storage.close())
        .then(() => process.exit(0));
    });
    server.closeAllConnections?.();
    setTimeout(() => process.exit(1), 5000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  console.error('启动失败', error);
  process.exit(1);
});

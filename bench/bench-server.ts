import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EVERYONE, defaultCheckinSettings, defaultCreditRule, type EventRecord, type StudentRecord } from '../core';
import { createLocalServer } from '../server/local/http-server';
import { SqliteStorage } from '../server/storage/sqlite/sqlite-storage';

/**
 * The local server as `npm start` runs it (same createLocalServer, handlers and SQLite adapter, demo mode so the
 * X-Demo-User header picks the student), over a fresh database holding BENCH_STUDENTS students (B0000001…) and two
 * events: `burst` (300 seats, waitlist) and `sustained` (capacity 1,000,000). Prints `READY <port>` when listening.
 */
const dataDir = process.env.DATA_DIR!;
const students = Number(process.env.BENCH_STUDENTS ?? 5000);
const synchronous = (process.env.SYNCHRONOUS ?? 'FULL') as 'FULL' | 'NORMAL';

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const storage = new SqliteStorage({ file: path.join(dataDir, 'bench.db'), synchronous });
  const roster: StudentRecord[] = [];
  for (let i = 1; i <= students; i++) {
    const no = `B${String(i).padStart(7, '0')}`;
    roster.push({ studentNo: no, openid: null, name: `学生${i}`, college: '信息技术学院', className: '24级软件技术1班', branch: '24级软件技术1班团支部', grade: '2024级', isLeagueMember: true, secondFactorHash: null });
  }
  await storage.putStudents(roster);
  const now = Date.now();
  const startAt = new Date(now + 2 * 86_400_000).toISOString();
  const endAt = new Date(now + 2 * 86_400_000 + 3600_000).toISOString();
  const event = (id: string, capacity: number): EventRecord => ({
    id, title: `压测活动 ${id}`, category: 'lecture', tag: '压测', organizer: '校团委', location: '报告厅', description: '',
    signupStartAt: new Date(now - 3600_000).toISOString(), signupEndAt: new Date(now + 86_400_000).toISOString(),
    cancelDeadlineAt: new Date(now + 86_400_000).toISOString(), startAt, endAt, capacity, waitlistEnabled: true, credits: 1,
    status: 'published', seatsLeft: capacity, waitlistCount: 0, waitlistSeq: 0,
    ...defaultCheckinSettings(startAt, endAt, 'lecture'), hostKind: 'committee', hostUnit: '', hostCollege: '', staffOpenids: [],
    geofence: null, checkedInCount: 0, checkedOutCount: 0, creditRule: defaultCreditRule('lecture', 1),
    details: { kind: 'lecture', track: '主讲人', speaker: '压测', topic: '压测' }, audience: EVERYONE, approvalRequired: false,
    createdBy: 'system', updatedAt: new Date(now).toISOString(), cancelReason: null, coverFileId: null,
  });
  await storage.putEvents([event('burst', 300), event('sustained', 1_000_000)]);
  const server = createLocalServer({ storage, demoMode: true, staticDir: null });
  const stopProfile = process.env.CPU_PROFILE ? await startProfile(process.env.CPU_PROFILE) : async () => undefined;
  server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, () => {
    const address = server.address();
    console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void stopProfile().then(() => storage.close()).then(() => process.exit(0)));
  });
}

/** CPU_PROFILE=file.cpuprofile: profiles the server from READY to SIGTERM only (not the seeding). */
async function startProfile(file: string): Promise<() => Promise<void>> {
  const { Session } = await import('node:inspector');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<any>((resolve, reject) => session.post(method, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => writeFileSync(file, JSON.stringify((await post('Profiler.stop')).profile));
}

void main();

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EVERYONE, commitmentOf, defaultCheckinSettings, defaultCreditRule, DRAW_SETTLE_MS, type EventRecord, type StudentRecord } from '../core';
import { createLocalServer } from '../server/local/http-server';
import { newLotterySecrets, nodeSha256 } from '../server/security/lottery-secrets';
import { SqliteStorage } from '../server/storage/sqlite/sqlite-storage';

/**
 * The local server as `npm start` runs it (createLocalServer, handlers, SQLite adapter with synchronous=FULL, demo
 * mode: X-Demo-User names the student or the organiser), over a fresh database holding BENCH_STUDENTS students
 * (L0000001…), the committee account `bench-committee`, and two events at different times:
 *   - `lottery`: 抽签, BENCH_SEATS seats, published with its secrets (publishLottery) before its window, window open now;
 *   - `burst`: first come, first served, the same seats with a waitlist (the baseline write of the same run).
 * Its clock is the machine's plus an offset; SIGUSR2 moves it past the lottery's window and settle minute, so that
 * the organiser may draw (drawLottery) as after the close. Prints `READY <port>` when listening.
 */
const dataDir = process.env.DATA_DIR!;
const students = Number(process.env.BENCH_STUDENTS ?? 5000);
const seats = Number(process.env.BENCH_SEATS ?? 200);
const WINDOW_MS = 6 * 3600_000;

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const storage = new SqliteStorage({ file: path.join(dataDir, 'bench.db') });
  const roster: StudentRecord[] = [];
  for (let i = 1; i <= students; i++) {
    roster.push({
      studentNo: `L${String(i).padStart(7, '0')}`, openid: null, name: `学生${i}`, college: '信息技术学院', className: '24级软件技术1班',
      branch: '24级软件技术1班团支部', grade: '2024级', isLeagueMember: true, secondFactorHash: null,
    });
  }
  await storage.putStudents(roster);
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms).toISOString();
  const event = (id: string, day: number, mode: 'first_come' | 'lottery'): EventRecord => {
    const startAt = at(day * 86_400_000);
    const endAt = at(day * 86_400_000 + 3600_000);
    return {
      id, title: `压测活动 ${id}`, category: 'lecture', tag: '压测', organizer: '校团委', location: '报告厅', description: '',
      signupStartAt: at(-60_000), signupEndAt: at(WINDOW_MS), cancelDeadlineAt: at(WINDOW_MS), startAt, endAt,
      capacity: seats, waitlistEnabled: true, credits: 1, status: mode === 'lottery' ? 'draft' : 'published',
      seatsLeft: seats, waitlistCount: 0, waitlistSeq: 0, ...defaultCheckinSettings(startAt, endAt, 'lecture'),
      hostKind: 'committee', hostUnit: '', hostCollege: '', staffOpenids: [], geofence: null, checkedInCount: 0, checkedOutCount: 0,
      creditRule: defaultCreditRule('lecture', 1), details: { kind: 'lecture', track: '主讲人', speaker: '压测', topic: '压测' },
      audience: EVERYONE, approvalRequired: false, createdBy: 'system', updatedAt: at(0), cancelReason: null, coverFileId: null,
      signupMode: mode, lottery: null, lotteryPriority: [],
    };
  };
  await storage.putEvents([event('lottery', 2, 'lottery'), event('burst', 3, 'first_come')]);
  // Published as the organiser would, a little before its window opened (a lottery is committed before anyone applies).
  const secrets = newLotterySecrets();
  const publishedAt = new Date(now - 120_000);
  await storage.publishLottery('lottery', { ...secrets, commitment: commitmentOf(secrets.seed, nodeSha256) }, publishedAt, {
    at: publishedAt.toISOString(), actor: 'bench-committee', action: 'event.publish', target: 'lottery', detail: '{}',
  });
  await storage.grantRole({ openid: 'bench-committee', role: 'committee_admin', scope: '', grantedBy: 'bench', grantedAt: at(0) }, {
    at: at(0), actor: 'bench', action: 'grantRole', target: 'bench-committee', detail: '{}',
  });

  let offsetMs = 0;
  const server = createLocalServer({ storage, demoMode: true, staticDir: null, now: () => new Date(Date.now() + offsetMs) });
  process.on('SIGUSR2', () => {
    offsetMs = WINDOW_MS + DRAW_SETTLE_MS + 60_000;
    console.log(`CLOCK ${offsetMs}`);
  });
  server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, () => {
    const address = server.address();
    console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void storage.close().then(() => process.exit(0)));
  });
}

void main();

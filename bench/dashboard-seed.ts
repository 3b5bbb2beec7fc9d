import {
  EVERYONE,
  defaultCheckinSettings,
  defaultCreditRule,
  type EventRecord,
  type KindDetails,
  type StudentRecord,
} from '../core';
import type { SqliteStorage } from '../server/storage/sqlite/sqlite-storage';
import type { Category } from '../types';

/**
 * A seeded year for the dashboard: `students` on the roster (10 colleges, branches of 40), `events` spread evenly over
 * the Shanghai year (by the plan's mix of kinds; a few drafts, cancelled and closed ones), and exactly `registrations`
 * registrations — about 88% confirmed, 5% waitlisted, 4% cancelled, 3% pending where the event asks for approval —
 * with consistent counters, and three in four confirmed members checked in at events that started before `now`.
 *
 * Students and events go through the storage (putStudents, putEvents); registrations and attendance are bulk-inserted
 * into the SQLite file in one transaction, which the sign-up path would take minutes to write. Deterministic.
 */
export interface YearSize {
  students: number;
  events: number;
  registrations: number;
}

export interface SeededYear {
  /** The Shanghai year seeded: [from, to). */
  from: Date;
  to: Date;
  colleges: string[];
  counts: { students: number; events: number; registrations: number; confirmed: number; attendances: number };
}

const COLLEGES = ['信息技术学院', '医学院', '机电工程学院', '建筑技术学院', '经济管理学院', '教育与艺术学院', '外国语学院', '化学与材料学院', '体育学院', '马克思主义学院'];
/** The plan's mix: theme education is the widest, social practice the fewest but longest. */
const MIX: Array<[Category, number]> = [['theme', 0.3], ['volunteer', 0.25], ['lecture', 0.2], ['firstaid', 0.15], ['practice', 0.1]];
const DETAILS: Record<Category, KindDetails> = {
  lecture: { kind: 'lecture', track: '主讲人', speaker: '青年讲师团', topic: '青春向党' },
  volunteer: { kind: 'volunteer', roles: ['引导', '服务'], hours: 3, recruitment: 'open' },
  practice: { kind: 'practice', mode: '三下乡', teamSizeMin: 3, teamSizeMax: 8, destination: '孝感市', reportDueAt: '2026-09-30T16:00:00.000Z' },
  firstaid: { kind: 'firstaid', level: '普及培训', assessment: true },
  theme: { kind: 'theme', theme: '学习二十大、永远跟党走、奋进新征程' },
};

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const yearStudentNo = (i: number): string => `Y${String(i).padStart(7, '0')}`;

export async function seedYear(storage: SqliteStorage, size: YearSize, now = new Date('2026-07-01T00:00:00.000Z'), year = 2026): Promise<SeededYear> {
  const rand = prng(2026);
  const from = new Date(Date.UTC(year, 0, 1, -8));
  const to = new Date(Date.UTC(year + 1, 0, 1, -8));
  const students: StudentRecord[] = [];
  for (let i = 0; i < size.students; i++) {
    const college = COLLEGES[i % COLLEGES.length];
    const branchNo = Math.floor(i / (COLLEGES.length * 40));
    const className = `${college.slice(0, 2)}${String(branchNo + 1).padStart(3, '0')}班`;
    students.push({
      studentNo: yearStudentNo(i), openid: null, secondFactorHash: null, name: `学生${i}`, college, className,
      branch: `${className}团支部`, grade: `${2023 + (i % 3)}级`, isLeagueMember: rand() < 0.8,
    });
  }
  await storage.putStudents(students);

  const span = to.getTime() - from.getTime();
  // Drafts have no registrations; the others share them out exactly.
  const statuses = Array.from({ length: size.events }, (): EventRecord['status'] => {
    const roll = rand();
    return roll < 0.02 ? 'draft' : roll < 0.04 ? 'cancelled' : roll < 0.14 ? 'closed' : 'published';
  });
  const open = Math.max(1, statuses.filter((s) => s !== 'draft').length);
  const perEvent = Math.floor(size.registrations / open);
  // An event's registrations are students first, first + 7, first + 14…: distinct while 7 × count stays below the roster.
  if ((perEvent + 1) * 7 > size.students) throw new Error('seedYear: too many registrations per event for the roster');
  let extra = size.registrations - perEvent * open;
  const regRows: Array<[string, string, string, number | null, string]> = [];
  const attendance: Array<[string, string, string]> = [];
  const events: EventRecord[] = [];
  let confirmedTotal = 0;
  for (let k = 0; k < size.events; k++) {
    const pick = rand();
    let acc = 0;
    const category = MIX.find(([, w]) => (acc += w) >= pick)?.[0] ?? 'theme';
    const start = new Date(from.getTime() + Math.floor(((k + rand()) / size.events) * span));
    const end = new Date(start.getTime() + 2 * 3_600_000);
    const status = statuses[k];
    const approvalRequired = category === 'volunteer' && rand() < 0.2;
    const count = status === 'draft' ? 0 : perEvent + (extra > 0 ? 1 : 0);
    if (status !== 'draft' && extra > 0) extra--;
    const id = `year-${String(k).padStart(5, '0')}`;
    const at = new Date(start.getTime() - 7 * 86_400_000).toISOString();
    let confirmed = 0;
    let waitlisted = 0;
    let checkedIn = 0;
    const first = Math.floor(rand() * size.students);
    for (let j = 0; j < count; j++) {
      const studentNo = yearStudentNo((first + j * 7) % size.students);
      const r = rand();
      const state = approvalRequired && r < 0.03 ? 'pending' : r < 0.88 ? 'confirmed' : r < 0.93 ? 'waitlisted' : r < 0.97 ? 'cancelled' : 'confirmed';
      if (state === 'confirmed') confirmed++;
      if (state === 'waitlisted') waitlisted++;
      regRows.push([id, studentNo, state, state === 'waitlisted' ? waitlisted : null, at]);
      if (state === 'confirmed' && start.getTime() < now.getTime() && status !== 'cancelled' && rand() < 0.75) {
        checkedIn++;
        attendance.push([id, studentNo, new Date(start.getTime() - 600_000).toISOString()]);
      }
    }
    confirmedTotal += confirmed;
    const capacity = Math.max(confirmed, Math.round(confirmed * 1.1), 1);
    events.push({
      id, title: `第二课堂活动 ${k + 1}`, category, tag: category, organizer: '校团委', location: '校内', description: '',
      startAt: start.toISOString(), endAt: end.toISOString(), signupStartAt: at, signupEndAt: new Date(start.getTime() - 86_400_000).toISOString(),
      cancelDeadlineAt: new Date(start.getTime() - 86_400_000).toISOString(), capacity, waitlistEnabled: true,
      credits: 0.5, status, seatsLeft: capacity - confirmed, waitlistCount: waitlisted, waitlistSeq: waitlisted,
      ...defaultCheckinSettings(start.toISOString(), end.toISOString(), category),
      hostKind: 'committee', hostUnit: '', hostCollege: '', staffOpenids: [], geofence: null,
      checkedInCount: checkedIn, checkedOutCount: 0, creditRule: defaultCreditRule(category, 0.5),
      details: DETAILS[category], audience: EVERYONE, approvalRequired, createdBy: 'system', updatedAt: at,
      cancelReason: status === 'cancelled' ? '天气原因' : null,
      coverFileId: null,
    });
  }
  await storage.putEvents(events);

  const db = storage.db;
  const insertReg = db.prepare(
    `INSERT INTO registrations (event_id, student_no, status, waitlist_seq, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertAttendance = db.prepare(
    `INSERT INTO attendance (event_id, student_no, walk_in, checked_in_at, checked_in_by, checkin_method, updated_at)
     VALUES (?, ?, 0, ?, 'bench', 'manual', ?)`,
  );
  db.transaction(() => {
    for (const [eventId, studentNo, status, seq, at] of regRows) insertReg.run(eventId, studentNo, status, seq, at, at);
    for (const [eventId, studentNo, at] of attendance) insertAttendance.run(eventId, studentNo, at, at);
  }).immediate();
  return {
    from, to, colleges: COLLEGES,
    counts: { students: students.length, events: events.length, registrations: regRows.length, confirmed: confirmedTotal, attendances: attendance.length },
  };
}

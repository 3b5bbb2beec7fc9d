import {
  EVERYONE,
  attendanceKeyBase,
  creditsForAttendance,
  defaultCheckinSettings,
  defaultCreditRule,
  type AttendanceRecord,
  type EventRecord,
  type KindDetails,
  type LedgerEntry,
  type RegistrationRecord,
  type StudentRecord,
} from '../core';
import type { Category } from '../types';
import { attendanceToDoc, eventToDoc, registrationToDoc } from '../server/storage/cloudbase/documents';
import { ledgerEntryToDoc, ledgerHeadToDoc } from '../server/storage/cloudbase/credits-documents';
import type { MeasuredCloudbase } from '../tests/support/cloudbase-backend/measure';

/**
 * A school on the in-process CloudBase backend, for bench/cloudbase-actions.ts: 20,000 students (10 colleges, 500
 * branches of 40; the last 200 not yet bound to a WeChat account), 2,000 events over the Shanghai year 2026 plus the
 * handful the measured calls act on, ~200,000 registrations (88% confirmed, 5% waitlisted, 4% cancelled, 3% pending
 * where approval is asked), attendance for three in four confirmed members of past events, and their credits on the
 * ledger (each with its source's head document).
 *
 * Students go through the adapter (`putStudents`: the documents and the `accounts` keys exactly as it writes them).
 * Everything else is written straight into the backend's store (`backend.seed`, no request) with the adapter's own
 * document converters: 200,000 sign-ups through the SDK path would take an hour of this machine's time.
 * Deterministic (a fixed seed).
 */
export const NOW = new Date('2026-06-17T02:00:00.000Z'); // Wednesday 10:00 in Shanghai, mid-semester
export const COLLEGES = ['信息技术学院', '医学院', '机电工程学院', '建筑技术学院', '经济管理学院', '教育与艺术学院', '外国语学院', '化学与材料学院', '体育学院', '马克思主义学院'];
const MIX: Array<[Category, number]> = [['theme', 0.3], ['volunteer', 0.25], ['lecture', 0.2], ['firstaid', 0.15], ['practice', 0.1]];
const DETAILS: Record<Category, KindDetails> = {
  lecture: { kind: 'lecture', track: '主讲人', speaker: '青年讲师团', topic: '青春向党' },
  volunteer: { kind: 'volunteer', roles: ['引导', '服务'], hours: 3, recruitment: 'open' },
  practice: { kind: 'practice', mode: '三下乡', teamSizeMin: 3, teamSizeMax: 8, destination: '孝感市', reportDueAt: '2026-09-30T16:00:00.000Z' },
  firstaid: { kind: 'firstaid', level: '普及培训', assessment: true },
  theme: { kind: 'theme', theme: '学习二十大、永远跟党走、奋进新征程' },
};

export const STUDENTS = 20_000;
export const UNBOUND = 200;
export const EVENTS = 2_000;
export const REGISTRATIONS = 200_000;
const BIG_EVENT_EVERY = 100;
const BIG_EVENT_SIZE = 2_000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

export const studentNoOf = (i: number): string => `S${String(i).padStart(7, '0')}`;
export const openidOf = (no: string): string => `o-${no}`;
const collegeOf = (i: number) => COLLEGES[Math.floor(i / 2000) % COLLEGES.length];
const classOf = (i: number) => `${collegeOf(i).slice(0, 2)}${String(Math.floor((i % 2000) / 40) + 1).padStart(2, '0')}班`;
export const branchOf = (i: number) => `${classOf(i)}团支部`;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂英华玉兰';
/** A name as a roster has it (letters only: the roster's checks refuse digits in a name). */
const nameOf = (i: number) => SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] + GIVEN[(i * 7) % GIVEN.length];

export function studentOf(i: number): StudentRecord {
  const no = studentNoOf(i);
  return {
    studentNo: no,
    openid: i >= STUDENTS - UNBOUND ? null : openidOf(no),
    secondFactorHash: null,
    name: nameOf(i),
    college: collegeOf(i),
    className: classOf(i),
    branch: branchOf(i),
    grade: `${2023 + (Math.floor(i / 40) % 3)}级`,
    isLeagueMember: i % 5 !== 0,
  };
}

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

/** The students and events the measured calls act on (see bench/cloudbase-actions.ts). */
export const PERSONAS = {
  /** A typical student: about ten registrations, a few credits. */
  student: 1234,
  /** Another student, who joins the team and binds nothing. */
  teammates: [1235, 1236, 1237],
  /** The branch officer (a student of the branch hosting today's event). */
  branchOfficer: 41,
  /** The first unbound student on the roster (binds during the bench). */
  unbound: STUDENTS - UNBOUND,
};
export const OFFICER_BRANCH = branchOf(PERSONAS.branchOfficer);
export const OFFICER_COLLEGE = collegeOf(PERSONAS.branchOfficer);
export const COMMITTEE_OPENID = 'o-committee';
export const COLLEGE_OFFICER_OPENID = 'o-college-officer';
/** Today's lecture, hosted by the officer's branch, with TODAY_MEMBERS confirmed: check-in is open. */
export const TODAY = 'ev-today';
export const TODAY_MEMBERS = 800;
export const todayMember = (k: number) => 3000 + k * 11; // distinct students, none of the personas

function baseEvent(id: string, category: Category, start: number, overrides: Partial<EventRecord> = {}): EventRecord {
  const startAt = new Date(start).toISOString();
  const endAt = new Date(start + 2 * HOUR).toISOString();
  return {
    id,
    title: `第二课堂活动 ${id}`,
    category,
    tag: category,
    organizer: '校团委',
    location: '图书馆报告厅',
    description: '一场面向全校同学的第二课堂活动。',
    startAt,
    endAt,
    signupStartAt: new Date(start - 14 * DAY).toISOString(),
    signupEndAt: new Date(start - DAY).toISOString(),
    cancelDeadlineAt: new Date(start - DAY).toISOString(),
    capacity: 100,
    waitlistEnabled: true,
    credits: 0.5,
    status: 'published',
    seatsLeft: 100,
    waitlistCount: 0,
    waitlistSeq: 0,
    ...defaultCheckinSettings(startAt, endAt, category),
    hostKind: 'committee',
    hostUnit: '',
    hostCollege: '',
    staffOpenids: [],
    geofence: null,
    checkedInCount: 0,
    checkedOutCount: 0,
    creditRule: defaultCreditRule(category, 0.5),
    details: DETAILS[category],
    audience: EVERYONE,
    approvalRequired: false,
    createdBy: 'system',
    updatedAt: new Date(start - 20 * DAY).toISOString(),
    cancelReason: null,
    coverFileId: null,
    ...overrides,
  };
}

interface Seeded {
  events: EventRecord[];
  registrations: RegistrationRecord[];
  attendance: AttendanceRecord[];
  ledger: LedgerEntry[];
}

/** Fills `event`'s registrations from `students` (in order) and sets its counters; attendance and credits if past. */
function fill(out: Seeded, event: EventRecord, students: number[], rand: () => number, plan?: (k: number) => RegistrationRecord['status']): void {
  const created = event.signupStartAt;
  let confirmed = 0;
  let waitlisted = 0;
  let checkedIn = 0;
  let checkedOut = 0;
  const past = Date.parse(event.endAt) < NOW.getTime() && event.status !== 'cancelled';
  students.forEach((i, k) => {
    const studentNo = studentNoOf(i);
    const r = rand();
    const status: RegistrationRecord['status'] = plan
      ? plan(k)
      : event.approvalRequired && r < 0.03
        ? 'pending'
        : r < 0.88
          ? 'confirmed'
          : r < 0.93
            ? 'waitlisted'
            : r < 0.97
              ? 'cancelled'
              : 'confirmed';
    if (status === 'confirmed') confirmed++;
    if (status === 'waitlisted') waitlisted++;
    out.registrations.push({
      id: `${event.id}:${studentNo}`,
      eventId: event.id,
      studentNo,
      status,
      waitlistSeq: status === 'waitlisted' ? waitlisted : null,
      passSeq: 0,
      createdAt: created,
      updatedAt: created,
    });
    if (status === 'confirmed' && past && rand() < 0.75) {
      checkedIn++;
      const inAt = new Date(Date.parse(event.startAt) - 10 * 60_000).toISOString();
      const outAt = event.checkoutRequired ? event.endAt : null;
      if (outAt) checkedOut++;
      out.attendance.push({
        eventId: event.id,
        studentNo,
        walkIn: false,
        checkedInAt: inAt,
        checkedInBy: 'o-seed-officer',
        checkinMethod: 'member_code',
        checkedOutAt: outAt,
        checkedOutBy: outAt ? 'o-seed-officer' : null,
        checkoutMethod: outAt ? 'member_code' : null,
        updatedAt: outAt ?? inAt,
      });
      const credit = creditsForAttendance(event.creditRule, { checkedIn: true, checkoutRequired: event.checkoutRequired, hours: 2, hoursCounted: true });
      if (credit) {
        out.ledger.push({
          key: attendanceKeyBase(event.id, studentNo),
          studentNo,
          module: credit.module,
          amount: credit.amount,
          hours: credit.hours,
          kind: 'award',
          sourceType: 'attendance',
          eventId: event.id,
          rule: `seed ${credit.amount / 100} 学分`,
          reverses: null,
          reason: null,
          confirmedBy: 'system',
          at: outAt ?? inAt,
        });
      }
    }
  });
  const capacity = waitlisted ? confirmed : confirmed === 0 ? 100 : Math.round(confirmed * 1.2);
  Object.assign(event, {
    capacity,
    seatsLeft: capacity - confirmed,
    waitlistCount: waitlisted,
    waitlistSeq: waitlisted,
    checkedInCount: checkedIn,
    checkedOutCount: checkedOut,
  });
}

export interface SchoolCounts {
  students: number;
  events: number;
  registrations: number;
  attendance: number;
  ledger: number;
  studentRegistrations: number;
}

export async function seedSchool(world: MeasuredCloudbase, size: { events: number; registrations: number } = { events: EVENTS, registrations: REGISTRATIONS }): Promise<SchoolCounts & { pastMissed: string }> {
  const EVENTS = size.events;
  const REGISTRATIONS = size.registrations;
  const rand = prng(2026);
  const { backend, storage } = world;

  // Students through the adapter (20 in flight), so their documents and `accounts` keys are exactly its own.
  const students = Array.from({ length: STUDENTS }, (_, i) => studentOf(i));
  for (let i = 0; i < students.length; i += 2000) await storage.putStudents(students.slice(i, i + 2000));

  const out: Seeded = { events: [], registrations: [], attendance: [], ledger: [] };
  const from = Date.UTC(2026, 0, 1, -8);
  const span = Date.UTC(2027, 0, 1, -8) - from;
  const big = Math.floor((EVENTS + BIG_EVENT_EVERY - 51) / BIG_EVENT_EVERY);
  const regular = Math.floor((REGISTRATIONS - big * BIG_EVENT_SIZE) / (EVENTS - big));
  let extra = REGISTRATIONS - big * BIG_EVENT_SIZE - regular * (EVENTS - big);
  const personal = new Set([PERSONAS.student, ...PERSONAS.teammates]);
  for (let k = 0; k < EVENTS; k++) {
    const pick = rand();
    let acc = 0;
    const category = MIX.find(([, w]) => (acc += w) >= pick)?.[0] ?? 'theme';
    const day = Math.floor(((k + 0.5) / EVENTS) * (span / DAY));
    const start = from + day * DAY + (k % 2 ? 11 : 6) * HOUR; // 14:00 or 19:00 in Shanghai
    const host = k % 5;
    const hostCollege = COLLEGES[k % COLLEGES.length];
    const event = baseEvent(`year-${String(k).padStart(4, '0')}`, category, start, {
      title: `第二课堂活动（第${k + 1}期）：${DETAILS[category].kind === 'lecture' ? '百生讲坛' : '青春志愿行'}`,
      status: start + 2 * HOUR < NOW.getTime() ? 'closed' : 'published',
      approvalRequired: category === 'volunteer' && k % 5 === 0,
      ...(host < 2 ? {} : host < 4 ? { hostKind: 'college' as const, hostUnit: hostCollege, hostCollege } : { hostKind: 'branch' as const, hostUnit: branchOf(k * 40 % STUDENTS), hostCollege: collegeOf(k * 40 % STUDENTS) }),
    });
    const count = k % BIG_EVENT_EVERY === 50 ? BIG_EVENT_SIZE : regular + (extra-- > 0 ? 1 : 0);
    const first = Math.floor(rand() * STUDENTS);
    const who: number[] = [];
    for (let j = 0; who.length < count; j++) {
      const i = (first + j * 7) % STUDENTS;
      if (!personal.has(i) && i < STUDENTS - UNBOUND) who.push(i);
    }
    out.events.push(event);
    fill(out, event, who, rand);
  }

  // The student's own ten registrations: eight past (six attended), the one to cancel, one upcoming.
  const student = PERSONAS.student;
  for (let k = 0; k < 8; k++) {
    const event = out.events[Math.floor((k * EVENTS) / 24) + 3];
    out.registrations.push({
      id: `${event.id}:${studentNoOf(student)}`, eventId: event.id, studentNo: studentNoOf(student), status: 'confirmed', waitlistSeq: null,
      passSeq: 0, createdAt: event.signupStartAt, updatedAt: event.signupStartAt,
    });
    event.capacity++;
    if (k < 6) {
      const credit = creditsForAttendance(event.creditRule, { checkedIn: true, checkoutRequired: event.checkoutRequired, hours: 2, hoursCounted: true });
      out.attendance.push({
        eventId: event.id, studentNo: studentNoOf(student), walkIn: false, checkedInAt: event.startAt, checkedInBy: 'o-seed-officer',
        checkinMethod: 'member_code', checkedOutAt: event.checkoutRequired ? event.endAt : null, checkedOutBy: event.checkoutRequired ? 'o-seed-officer' : null,
        checkoutMethod: event.checkoutRequired ? 'member_code' : null, updatedAt: event.endAt,
      });
      event.checkedInCount++;
      if (event.checkoutRequired) event.checkedOutCount++;
      if (credit) {
        out.ledger.push({
          key: attendanceKeyBase(event.id, studentNoOf(student)), studentNo: studentNoOf(student), module: credit.module, amount: credit.amount,
          hours: credit.hours, kind: 'award', sourceType: 'attendance', eventId: event.id, rule: `seed ${credit.amount / 100} 学分`, reverses: null,
          reason: null, confirmedBy: 'system', at: event.endAt,
        });
      }
    }
  }
  const pastMissed = out.events[Math.floor((7 * EVENTS) / 24) + 3]; // confirmed, not checked in: the student appeals it

  // The events the measured calls act on.
  const specials: Array<[EventRecord, number[], ((k: number) => RegistrationRecord['status'])?]> = [
    // Today's lecture, check-in open, hosted by the officer's branch.
    [
      baseEvent(TODAY, 'lecture', NOW.getTime() - 30 * 60_000, {
        title: '百生讲坛：青年与时代（全校专场）', hostKind: 'branch', hostUnit: OFFICER_BRANCH, hostCollege: OFFICER_COLLEGE,
        signupStartAt: at(-10 * DAY), signupEndAt: at(-HOUR), cancelDeadlineAt: at(-HOUR), checkinStartAt: at(-HOUR), checkinEndAt: at(2 * HOUR),
        checkoutEndAt: at(3 * HOUR),
      }),
      Array.from({ length: TODAY_MEMBERS }, (_, k) => todayMember(k)),
      () => 'confirmed',
    ],
    // Sign-up opened a minute ago: a rush, sign-ups go through the intake queue.
    [baseEvent('ev-rush', 'lecture', NOW.getTime() + 7 * DAY, { signupStartAt: at(-60_000) }), Array.from({ length: 150 }, (_, k) => 9000 + k * 3), () => 'confirmed'],
    // Sign-up open, seats left (the student signs up).
    [baseEvent('ev-open', 'theme', NOW.getTime() + 5 * DAY, { signupStartAt: at(-2 * DAY) }), Array.from({ length: 80 }, (_, k) => 5000 + k * 3), () => 'confirmed'],
    // Full, with a waitlist: the student is confirmed and cancels; the first in line moves up.
    [
      baseEvent('ev-full', 'lecture', NOW.getTime() + 6 * DAY, { signupStartAt: at(-2 * DAY) }),
      [student, ...Array.from({ length: 109 }, (_, k) => 6000 + k * 3)],
      (k) => (k < 100 ? 'confirmed' : 'waitlisted'),
    ],
    // Volunteers by application, hosted by the college officer's college.
    [
      baseEvent('ev-volunteer', 'volunteer', NOW.getTime() + 8 * DAY, {
        signupStartAt: at(-2 * DAY), approvalRequired: true, hostKind: 'college', hostUnit: OFFICER_COLLEGE, hostCollege: OFFICER_COLLEGE,
        details: { kind: 'volunteer', roles: ['导诊'], hours: 3, recruitment: 'approval' },
      }),
      Array.from({ length: 60 }, (_, k) => 7000 + k * 3),
      (k) => (k < 30 ? 'confirmed' : 'pending'),
    ],
    // Social practice, teams signing up.
    [baseEvent('ev-practice', 'practice', NOW.getTime() + 20 * DAY, { signupStartAt: at(-2 * DAY), signupEndAt: at(10 * DAY) }), [], undefined],
    // A draft of the college officer's college.
    [baseEvent('ev-draft', 'theme', NOW.getTime() + 30 * DAY, { status: 'draft', hostKind: 'college', hostUnit: OFFICER_COLLEGE, hostCollege: OFFICER_COLLEGE }), [], undefined],
  ];
  for (const [event, who, plan] of specials) {
    out.events.push(event);
    fill(out, event, who, rand, plan);
    if (event.id === 'ev-full') Object.assign(event, { capacity: 100, seatsLeft: 0 });
  }

  backend.seed('events', out.events.map(eventToDoc));
  for (let i = 0; i < out.registrations.length; i += 20_000) backend.seed('registrations', out.registrations.slice(i, i + 20_000).map(registrationToDoc));
  backend.seed('attendance', out.attendance.map((a) => ({ _id: `${a.eventId}:${a.studentNo}`, ...attendanceToDoc(a) })));
  let seq = Date.parse('2026-01-01T00:00:00.000Z') * 1000;
  backend.seed('ledger', out.ledger.map((e) => ledgerEntryToDoc(e, ++seq)));
  backend.seed('ledgerHeads', out.ledger.map((e) => ({ _id: e.key, ...ledgerHeadToDoc(e.studentNo, [e]) })));

  return {
    students: students.length,
    events: out.events.length,
    registrations: out.registrations.length,
    attendance: out.attendance.length,
    ledger: out.ledger.length,
    studentRegistrations: out.registrations.filter((r) => r.studentNo === studentNoOf(student)).length,
    pastMissed: pastMissed.id,
  };
}

import { defaultCheckinSettings, type EventRecord, type RoleGrant, type StudentRecord } from '../domain';
import { hashSecondFactor } from '../security/second-factor';
import type { StoragePort } from '../storage/port';
import { COLLEGES, EVENTS, GIVEN, SURNAMES, type SeedEvent } from './seed-data';

/**
 * The first two students of every class (numbers ending 01 and 02) get no seeded sign-ups, so a demo or an e2e test
 * acting as them starts from a clean slate; the dev switch lists the first of each class.
 */
export function isReservedStudent(studentNo: string): boolean {
  return Number(studentNo.slice(-2)) <= 2;
}
const GRADES = ['2023', '2024', '2025'];
const STUDENTS_PER_CLASS = 11;

/** A small deterministic PRNG (mulberry32): the same seed gives the same demo data on every machine. */
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

/** The instant of `hh:mm` on the Shanghai calendar day `dayOffset` days after the Shanghai day of `now`. */
export function shanghaiInstant(now: Date, dayOffset: number, hhmm: string): Date {
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  const [hh, mm] = hhmm.split(':').map(Number);
  return new Date(
    Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() + dayOffset, hh - 8, mm),
  );
}

/** The last students of each class (10 and 11) are on the roster but not yet bound: demo binding uses them. */
export function isUnboundDemoStudent(studentNo: string): boolean {
  return Number(studentNo.slice(-2)) >= 10;
}

/** Demo data only: the "ID number's last six" of a seeded student is the last six of the student number. */
export function demoSecondFactor(studentNo: string): string {
  return studentNo.slice(-6);
}

export function seedStudents(idHashKey?: string): StudentRecord[] {
  const rand = prng(2023);
  const students: StudentRecord[] = [];
  COLLEGES.forEach((college, ci) => {
    college.majors.forEach((major, mi) => {
      GRADES.forEach((grade) => {
        const className = `${grade.slice(2)}级${major}1班`;
        for (let s = 1; s <= STUDENTS_PER_CLASS; s++) {
          const studentNo = `${grade}${String(ci + 1).padStart(2, '0')}${mi + 1}1${String(s).padStart(2, '0')}`;
          const name = SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)];
          students.push({
            studentNo,
            openid: isUnboundDemoStudent(studentNo) ? null : `o-demo-${studentNo}`,
            secondFactorHash: idHashKey ? hashSecondFactor(idHashKey, demoSecondFactor(studentNo)) : null,
            name,
            college: college.name,
            className,
            branch: `${className}团支部`,
            grade: `${grade}级`,
            isLeagueMember: rand() < 0.8,
          });
        }
      });
    });
  });
  return students;
}

/** When a seeded event starts: on its Shanghai day and time, or (events under way) minutes from `now`, to the minute. */
function seedStart(e: SeedEvent, now: Date): Date {
  if (e.startsInMinutes === undefined) return shanghaiInstant(now, e.day, e.time);
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000 + e.startsInMinutes * 60_000);
}

export function seedEvent(e: SeedEvent, now: Date): EventRecord {
  const start = seedStart(e, now);
  const end = new Date(start.getTime() + e.minutes * 60_000);
  const signupStart = new Date(start.getTime() - e.opensDaysBefore * 86_400_000);
  const signupEnd = new Date(start.getTime() - e.closesHoursBefore * 3_600_000);
  const cancelDeadline = new Date(start.getTime() - Math.max(e.closesHoursBefore, 2) * 3_600_000);
  return {
    id: `e-${e.key}`,
    title: e.title,
    category: e.category,
    tag: e.tag,
    organizer: e.organizer,
    location: e.location,
    description: e.description,
    startAt: start.toISOString(),
    endAt: end.toISOString(),
    signupStartAt: signupStart.toISOString(),
    signupEndAt: signupEnd.toISOString(),
    cancelDeadlineAt: cancelDeadline.toISOString(),
    capacity: e.capacity,
    waitlistEnabled: e.waitlist,
    credits: e.credits,
    status: e.cancelled ? 'cancelled' : 'published',
    seatsLeft: e.capacity,
    waitlistCount: 0,
    waitlistSeq: 0,
    ...defaultCheckinSettings(start.toISOString(), end.toISOString(), e.category),
    hostKind: e.host?.kind ?? 'committee',
    hostUnit: e.host?.unit ?? '',
    hostCollege: e.host?.college ?? '',
    staffOpenids: [],
    geofence: null,
    checkedInCount: 0,
    checkedOutCount: 0,
  };
}

/** Demo accounts holding roles: the committee (a teacher, not a student), a branch officer and a college officer. */
export const DEMO_ADMIN_OPENID = 'o-demo-admin';
export function demoRoleGrants(now: Date): RoleGrant[] {
  const at = now.toISOString();
  return [
    { openid: DEMO_ADMIN_OPENID, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: at },
    { openid: 'o-demo-2023011102', role: 'branch_officer', scope: '23级软件技术1班团支部', grantedBy: 'system', grantedAt: at },
    { openid: 'o-demo-2024021102', role: 'college_officer', scope: '医学院', grantedBy: 'system', grantedAt: at },
  ];
}

/**
 * Loads the demo data into an empty database: several hundred students in six colleges, this term's events from
 * the plan around `now` (two of them under way, for check-in, with nobody checked in yet), and sign-ups by
 * non-reserved students through the real sign-up path (so counters agree). Does nothing if events already exist.
 * Returns what it added.
 */
export async function seedDemoData(
  storage: StoragePort,
  now: Date,
  idHashKey?: string,
): Promise<{ students: number; events: number; registrations: number }> {
  if ((await storage.listEvents({})).length > 0) return { students: 0, events: 0, registrations: 0 };
  const students = seedStudents(idHashKey);
  await storage.putStudents(students);
  for (const grant of demoRoleGrants(now)) {
    await storage.grantRole(grant, {
      at: grant.grantedAt, actor: 'system', action: 'grantRole', target: grant.openid,
      detail: JSON.stringify({ role: grant.role, scope: grant.scope, seed: true }),
    });
  }
  const events = EVENTS.map((e) => seedEvent(e, now));
  // Cancelled events are stored published first so their seeded sign-ups exist, then cancelled.
  await storage.putEvents(events.map((e) => ({ ...e, status: 'published' })));
  const rand = prng(5);
  const pool = students.filter((s) => !isReservedStudent(s.studentNo) && !isUnboundDemoStudent(s.studentNo));
  let registrations = 0;
  for (const [i, spec] of EVENTS.entries()) {
    const event = events[i];
    const audience = pool.filter(
      (s) => (!spec.audience?.branch || s.branch === spec.audience.branch) && (!spec.audience?.college || s.college === spec.audience.college),
    );
    const want = spec.taken === 'full' ? spec.capacity : Math.round(spec.capacity * spec.taken);
    const count = Math.min(want, audience.length);
    const start = Math.floor(rand() * audience.length);
    const at = new Date(Date.parse(event.signupStartAt) + 3600_000);
    const signups = [];
    for (let k = 0; k < count; k++) {
      signups.push(storage.signUp(event.id, audience[(start + k) % audience.length].studentNo, new Date(at.getTime() + k * 1000)));
    }
    registrations += (await Promise.all(signups)).length;
  }
  const cancelled = events.filter((e) => e.status === 'cancelled');
  if (cancelled.length) {
    const current = await Promise.all(cancelled.map((e) => storage.getEvent(e.id)));
    await storage.putEvents(current.map((e) => ({ ...e!, status: 'cancelled' })));
  }
  return { students: students.length, events: events.length, registrations };
}

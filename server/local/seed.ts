import { createHash, randomBytes } from 'node:crypto';
import {
  DEFAULT_PLAN_ITEMS,
  DEFAULT_TARGETS,
  EVERYONE,
  appealId,
  creditsForAttendance,
  defaultCheckinSettings,
  defaultCreditRule,
  type AttendanceRecord,
  type AwardDraft,
  commitmentOf,
  type EventCreditRule,
  type EventRecord,
  type KindDetails,
  type RoleGrant,
  type RoleInvitation,
  type StudentRecord,
  type TeamRecord,
} from '../../core';
import { resultMessages } from '../features/lottery/draw';
import { settleAttendance } from '../features/credits/settle-attendance';
import { newLotterySecrets, nodeSha256 } from '../security/lottery-secrets';
import { hashSecondFactor } from '../security/second-factor';
import type { FileStore, StoragePort } from '../storage/ports';
import { seedContest } from './seed-contest';
import { putDemoCovers } from './seed-covers';
import { COLLEGES, EVENTS, GIVEN, SURNAMES, type SeedDetails, type SeedEvent } from './seed-data';

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

/**
 * The event's credit rule, and the credits it promises: for a per-hour rule, what staying the whole event earns (so
 * the figure on the event card is what a volunteer who stays gets).
 */
function seedCredits(e: SeedEvent): { creditRule: EventCreditRule; credits: number } {
  const creditRule = e.creditRule ?? defaultCreditRule(e.category, e.credits);
  if (creditRule.base.kind !== 'per_hour') return { creditRule, credits: e.credits };
  const whole = creditsForAttendance(creditRule, { checkedIn: true, checkoutRequired: true, hours: e.minutes / 60, hoursCounted: true });
  return { creditRule, credits: (whole?.amount ?? 0) / 100 };
}

/** A seeded event's details, a practice's report due the given number of days after its start. */
function seedDetails(details: SeedDetails | null, start: Date): KindDetails | null {
  if (details?.kind !== 'practice') return details;
  const { reportDueDays, ...rest } = details;
  return { ...rest, reportDueAt: new Date(start.getTime() + reportDueDays * 86_400_000).toISOString() };
}

export function seedEvent(e: SeedEvent, now: Date): EventRecord {
  const start = seedStart(e, now);
  const end = new Date(start.getTime() + e.minutes * 60_000);
  const { creditRule, credits } = seedCredits(e);
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
    credits,
    status: e.cancelled ? 'cancelled' : e.draft ? 'draft' : 'published',
    seatsLeft: e.capacity,
    waitlistCount: 0,
    waitlistSeq: 0,
    ...defaultCheckinSettings(start.toISOString(), end.toISOString(), e.category),
    ...(e.walkIns ? { allowWalkIns: true } : {}),
    hostKind: e.host?.kind ?? 'committee',
    hostUnit: e.host?.unit ?? '',
    hostCollege: e.host?.college ?? '',
    staffOpenids: SEEDED_STAFF[e.key] ?? [],
    geofence: null,
    checkedInCount: 0,
    checkedOutCount: 0,
    creditRule,
    details: seedDetails(e.details, start),
    audience: e.openTo ? { ...EVERYONE, colleges: e.openTo.colleges } : EVERYONE,
    approvalRequired: e.approval !== undefined,
    createdBy: 'system',
    updatedAt: now.toISOString(),
    cancelReason: e.cancelled ? (e.cancelReason ?? null) : null,
    signupMode: 'first_come',
    lotteryPriority: [],
    lottery: null,
    coverFileId: null,
  };
}

/** Demo accounts holding roles: the committee (a teacher, not a student), a branch officer and a college officer. */
export const DEMO_ADMIN_OPENID = 'o-demo-admin';

/** 签到员 the organiser assigned (the demo shows them by name on 到场名单): student volunteers of two colleges. */
const SEEDED_STAFF: Record<string, string[]> = { 'lecture-opening': ['o-demo-2023011103', 'o-demo-2023021101'] };
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
 * the plan around `now` (two of them under way, for check-in, with nobody checked in yet; a draft; a cancelled one),
 * and sign-ups by non-reserved students through the real sign-up path (so counters agree); the 志愿者招募's sign-ups
 * are applications, approved by the committee but for a few still pending. Events that are over have a history:
 * who came (scans through the real path), their credits (settled as a check-in settles them), pending appeals of
 * those a branch missed, and two lists of manual awards (seedCreditHistory). The 三下乡 has two teams
 * (seedPracticeTeams), and the plan's targets are stored. Does nothing if events already exist. Returns what it added.
 */
export async function seedDemoData(
  storage: StoragePort,
  now: Date,
  idHashKey?: string,
  /** Where the demo's cover pictures go (without it, every card shows its kind's artwork). */
  files?: FileStore,
): Promise<{ students: number; events: number; registrations: number; ledgerEntries: number; appeals: number; teams: number }> {
  if ((await storage.listEvents({})).length > 0) return { students: 0, events: 0, registrations: 0, ledgerEntries: 0, appeals: 0, teams: 0 };
  const students = seedStudents(idHashKey);
  await storage.putStudents(students);
  for (const grant of demoRoleGrants(now)) {
    await storage.grantRole(grant, {
      at: grant.grantedAt, actor: 'system', action: 'grantRole', target: grant.openid,
      detail: JSON.stringify({ role: grant.role, scope: grant.scope, seed: true }),
    });
  }
  await seedInvitations(storage, now);
  const covers = files ? await putDemoCovers(files, DEMO_ADMIN_OPENID, now) : new Map<string, string>();
  const events = EVENTS.map((e) => ({ ...seedEvent(e, now), coverFileId: covers.get(e.key) ?? null }));
  // Cancelled events (and drafts) are stored published first so their seeded sign-ups exist, then given their status.
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
    if (spec.approval) await approveApplications(storage, event, spec.approval.pendingLeft);
  }
  const unpublished = events.filter((e) => e.status !== 'published');
  if (unpublished.length) {
    const current = await Promise.all(unpublished.map((e) => storage.getEvent(e.id)));
    await storage.putEvents(current.map((e, k) => ({ ...e!, status: unpublished[k].status })));
  }
  const history = await seedCreditHistory(storage, events, students, now);
  const teams = await seedPracticeTeams(storage, events, pool, now);
  registrations += await seedLotteries(storage, pool, now);
  await seedContest(storage, now);
  await seedDataRequest(storage, now);
  await storage.putPlanSettings(
    { targets: DEFAULT_TARGETS, planItems: DEFAULT_PLAN_ITEMS },
    { at: now.toISOString(), actor: 'system', action: 'plan.update', target: 'plan', detail: JSON.stringify({ seed: true }) },
  );
  return { students: students.length, events: events.length, registrations, ...history, teams };
}

/** The graduating student who asked the committee to delete their personal information (删除申请, pending). */
export const SEED_DATA_REQUEST_STUDENT = '2023011103';

/** One pending request on the committee's 删除申请 page, filed the evening before the demo began. */
async function seedDataRequest(storage: StoragePort, now: Date): Promise<void> {
  const studentNo = SEED_DATA_REQUEST_STUDENT;
  const openid = `o-demo-${studentNo}`;
  const at = new Date(now.getTime() - 18 * 3_600_000).toISOString();
  const id = createHash('sha256').update(`data-request:${studentNo}`).digest('hex').slice(0, 12);
  const note = '即将毕业，不再使用本小程序，请删除我的绑定和授权';
  await storage.fileDataRequest(
    { id, studentNo, openid, status: 'pending', note, createdAt: at, completedAt: null, completedBy: null, reply: null, erased: null },
    { at, actor: openid, action: 'privacy.deletion_request', target: studentNo, detail: JSON.stringify({ requestId: id, note, seed: true }) },
  );
}

/**
 * Two lotteries (抽签), published before their windows opened like any lottery (their commitments shown since): a
 * 百生讲坛 session already drawn (its window closed three days before the start: the seed revealed, the list
 * published, each applicant told) and a first-aid class taking applications now, which the demo switch's students
 * may join (they are never among the seeded applicants: they start from a clean slate). Not in EVENTS: nothing else
 * is seeded for them.
 */
const LOTTERY_EVENTS: Array<SeedEvent & { applicants: number; drawn: boolean }> = [
  {
    key: 'lottery-lecture', title: '百生讲坛·主讲人赛道：青年榜样面对面（抽签）', category: 'lecture', tag: '主讲人赛道',
    organizer: '校团委 · 青年讲师团', location: '图书馆一楼报告厅', day: 2, time: '19:00', minutes: 90,
    opensDaysBefore: 6, closesHoursBefore: 72, capacity: 30, waitlist: true, credits: 0.5, taken: 0,
    details: { kind: 'lecture', track: '主讲人', speaker: '全国向上向善好青年代表', topic: '青年榜样面对面' },
    description: '名额有限，采用抽签报名：报名期内提交申请，截止后按公开算法抽签，结果和核对方法在活动页公布。中签的同学请准时参加；未中签的同学按抽签顺序候补。',
    applicants: 60, drawn: true,
  },
  {
    key: 'lottery-firstaid', title: '应急救护 AED 实操小班（抽签）', category: 'firstaid', tag: '普及培训',
    organizer: '校团委 · 校红十字会', location: '医学院技能中心 201', day: 5, time: '14:30', minutes: 120,
    opensDaysBefore: 6, closesHoursBefore: 24, capacity: 20, waitlist: true, credits: 1, taken: 0,
    details: { kind: 'firstaid', level: '普及培训', assessment: true },
    description: '每班 20 人，一人一台训练假人。报名人数多，采用抽签：报名截止后抽签，中签名单与核对方法在活动页公布。',
    applicants: 36, drawn: false,
  },
];

async function seedLotteries(storage: StoragePort, pool: StudentRecord[], now: Date): Promise<number> {
  let applications = 0;
  for (const [i, spec] of LOTTERY_EVENTS.entries()) {
    const base = seedEvent(spec, now);
    // A winner may still cancel for a day after the draw (the seat passes down the drawn order): until a day before.
    const cancelDeadlineAt = new Date(Date.parse(base.startAt) - 24 * 3_600_000).toISOString();
    const draft: EventRecord = { ...base, cancelDeadlineAt, status: 'draft', signupMode: 'lottery', lotteryPriority: [] };
    await storage.putEvents([draft]);
    const opens = Date.parse(draft.signupStartAt);
    const audit = (action: string, at: Date) => ({ at: at.toISOString(), actor: DEMO_ADMIN_OPENID, action, target: draft.id, detail: JSON.stringify({ seed: true }) });
    const { seed, pseudonymKey } = newLotterySecrets();
    const publishedAt = new Date(opens - 86_400_000);
    await storage.publishLottery(draft.id, { seed, pseudonymKey, commitment: commitmentOf(seed, nodeSha256) }, publishedAt, audit('event.publish', publishedAt));
    const applicants = pool.slice(i * 200 + 7, i * 200 + 7 + spec.applicants);
    const applyAt = new Date(opens + 3_600_000);
    for (const [k, s] of applicants.entries()) {
      await storage.signUp(draft.id, s.studentNo, new Date(applyAt.getTime() + k * 1000));
      applications++;
    }
    if (spec.drawn) {
      const drawAt = new Date(Date.parse(draft.signupEndAt) + 5 * 60_000);
      const outcome = await storage.drawLottery(draft.id, drawAt, nodeSha256, audit('lottery.draw', drawAt));
      await storage.enqueueNotifications(resultMessages(outcome.event, outcome.placements, drawAt));
    }
  }
  return applications;
}

/**
 * Names for the demo's teachers, who are not on the roster: the committee's account is known as 陈雯 (one of the plan's
 * 责任人) by an invitation it accepted when the demo began, and an invitation to 王建国 as 院团总支 of 医学院 waits to be
 * accepted. The codes are random and shown to nobody (only their hashes are stored): the demo's own invitations are
 * made on 角色管理.
 */
async function seedInvitations(storage: StoragePort, now: Date): Promise<void> {
  const at = now.toISOString();
  const seeded = (inviteeName: string, role: RoleInvitation['role'], scope: string, acceptedBy: string | null, hoursAgo: number): RoleInvitation => {
    const codeHash = createHash('sha256').update(randomBytes(10)).digest('hex');
    const createdAt = new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
    return {
      id: codeHash.slice(0, 12), codeHash, role, scope, inviteeName, createdBy: 'system', createdAt,
      expiresAt: new Date(Date.parse(createdAt) + 72 * 3_600_000).toISOString(),
      acceptedBy, acceptedAt: acceptedBy ? createdAt : null, revokedAt: null,
    };
  };
  for (const inv of [seeded('陈雯', 'committee_admin', '', DEMO_ADMIN_OPENID, 0), seeded('王建国', 'college_officer', '医学院', null, 20)]) {
    await storage.createInvitation(inv, {
      at: inv.createdAt > at ? at : inv.createdAt, actor: 'system', action: 'invitation.create', target: inv.id,
      detail: JSON.stringify({ role: inv.role, scope: inv.scope, name: inv.inviteeName, seed: true }),
    });
  }
}

/**
 * The committee approves the seeded applications a day after sign-up opened, in the order they came, all but the
 * last `pendingLeft`: those wait on the organiser's page.
 */
async function approveApplications(storage: StoragePort, event: EventRecord, pendingLeft: number): Promise<void> {
  const applications = await storage.listRegistrationsOfEvent(event.id, ['pending']);
  const at = new Date(Date.parse(event.signupStartAt) + DAY);
  for (const r of applications.slice(0, Math.max(0, applications.length - pendingLeft))) {
    await storage.decideApplication(event.id, r.studentNo, true, at, {
      at: at.toISOString(), actor: DEMO_ADMIN_OPENID, action: 'application.approve', target: r.id, detail: JSON.stringify({ seed: true }),
    });
  }
}

/** The 三下乡 whose teams are seeded, and their join codes (JOIN_CODE_ALPHABET: no 0/O/1/I). */
export const SEED_PRACTICE_EVENT = 'e-practice-sanxiaxiang';
export const SEED_TEAMS = {
  submitted: { id: 'team-seed-hongzhu', joinCode: 'HZ7K3M' },
  forming: { id: 'team-seed-qinghe', joinCode: 'QH5P8R' },
} as const;

/**
 * Two teams of the 三下乡, their members from different branches (never the demo switch's reserved students, who start
 * clean and may join by code): 红烛支教队, signed up as one unit when sign-up opened and its report submitted
 * yesterday, awaiting the committee's review; and 青禾调研队, still forming with two members (it needs a third before
 * its leader may sign it up), whose join code QH5P8R a demo student can use.
 */
async function seedPracticeTeams(storage: StoragePort, events: EventRecord[], pool: StudentRecord[], now: Date): Promise<number> {
  const event = events.find((e) => e.id === SEED_PRACTICE_EVENT);
  if (!event) return 0;
  // The sixth student of each class, one class of each college in turn; never the demo branch (its sign-ups are what
  // the check-in tests count).
  const byCollege = new Map<string, StudentRecord[]>();
  for (const s of pool) {
    if (s.studentNo.endsWith('06') && s.branch !== '23级软件技术1班团支部') byCollege.set(s.college, [...(byCollege.get(s.college) ?? []), s]);
  }
  const picked: StudentRecord[] = [];
  for (let round = 0; picked.length < 7; round++) {
    for (const list of byCollege.values()) if (list[round] && picked.length < 7) picked.push(list[round]);
  }
  const opened = Date.parse(event.signupStartAt);
  const stamp = (ms: number) => new Date(ms).toISOString();
  const team = (id: string, joinCode: string, name: string, project: string, mentor: string, members: StudentRecord[]): TeamRecord => ({
    id, eventId: event.id, name, project, leaderStudentNo: members[0].studentNo, members: [members[0].studentNo], mentor, joinCode,
    status: 'forming', report: null, review: null, createdAt: stamp(opened + 2 * 3_600_000), updatedAt: stamp(opened + 2 * 3_600_000),
  });
  const hongzhu = picked.slice(0, 5);
  await storage.createTeam(team(SEED_TEAMS.submitted.id, SEED_TEAMS.submitted.joinCode, '红烛支教队', '孝昌县乡村小学暑期支教与留守儿童陪伴', '王丽（教育与艺术学院）', hongzhu));
  for (const [k, m] of hongzhu.slice(1).entries()) await storage.joinTeam(SEED_TEAMS.submitted.joinCode, m.studentNo, new Date(opened + (3 + k) * 3_600_000));
  await storage.signUpTeam(SEED_TEAMS.submitted.id, hongzhu[0].studentNo, new Date(opened + 8 * 3_600_000));
  await storage.submitTeamReport(
    SEED_TEAMS.submitted.id,
    hongzhu[0].studentNo,
    {
      title: '红烛支教队行前调研与支教方案',
      summary: '走访孝昌县 3 所村小，摸清 126 名留守儿童的学习需求，制定语文、科学、美育三门课程的两周支教方案与安全预案。',
      link: 'https://pan.example.edu.cn/s/hongzhu-2026',
    },
    new Date(now.getTime() - DAY),
  );
  const qinghe = picked.slice(5, 7);
  await storage.createTeam(team(SEED_TEAMS.forming.id, SEED_TEAMS.forming.joinCode, '青禾调研队', '大悟县茶产业与乡村振兴调研', '陈明（经济管理学院）', qinghe));
  for (const m of qinghe.slice(1)) await storage.joinTeam(SEED_TEAMS.forming.joinCode, m.studentNo, new Date(now.getTime() - 2 * 3_600_000));
  return 2;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Who scans members in at a seeded event: its branch's officer, else the committee's demo account. */
function scannerOf(event: EventRecord): string {
  return event.hostKind === 'branch' ? 'o-demo-2023011102' : DEMO_ADMIN_OPENID;
}

/**
 * The credit history of the events that are over (in the order they happened): most confirmed members were
 * scanned in (and out, where hours count; a few left early), everyone who came is credited exactly as a live scan
 * credits them (settleAttendance, confirmed by 'system'); at an event open to walk-ins, the demo switch's students
 * (the first of each class, who have no seeded sign-ups) came at the door. Members a branch listed as missed have
 * filed appeals, still pending. Then the committee's two award lists (manual awards in bulk).
 */
async function seedCreditHistory(
  storage: StoragePort,
  events: EventRecord[],
  students: StudentRecord[],
  now: Date,
): Promise<{ ledgerEntries: number; appeals: number }> {
  const rand = prng(11);
  let ledgerEntries = 0;
  let appeals = 0;
  const past = EVENTS.map((spec, i) => ({ spec, event: events[i] }))
    .filter(({ event }) => event.status === 'published' && Date.parse(event.endAt) <= now.getTime())
    .sort((a, b) => a.event.startAt.localeCompare(b.event.startAt));
  for (const { spec, event } of past) {
    const start = Date.parse(event.startAt);
    const end = Date.parse(event.endAt);
    const members = (await storage.listEventAttendance(event.id)).filter((r) => r.registration?.status === 'confirmed');
    const visits: Array<{ studentNo: string; method: 'member_code' | 'event_code'; by: string }> = [];
    for (const m of members) {
      const studentNo = m.student.studentNo;
      if (spec.appeals?.[studentNo] === undefined && rand() < (spec.attended ?? 0.85)) {
        visits.push({ studentNo, method: 'member_code', by: scannerOf(event) });
      }
    }
    if (spec.walkIns) {
      const college = spec.walkIns.college;
      for (const s of students) {
        if (s.openid && Number(s.studentNo.slice(-2)) === 1 && (!college || s.college === college)) {
          visits.push({ studentNo: s.studentNo, method: 'event_code', by: s.openid });
        }
      }
    }
    const plans = visits.map((v) => {
      const inAt = new Date(start - 15 * MINUTE + Math.floor(rand() * 20) * MINUTE);
      const early = rand() < (spec.leftEarly ?? 0.1);
      const outAt = early ? new Date(start + Math.floor((0.3 + rand() * 0.5) * (end - start))) : new Date(end + Math.floor(rand() * 20) * MINUTE);
      return { ...v, inAt, outAt };
    });
    const written = await Promise.all(
      plans.map(async (p) => {
        const scan = (purpose: 'in' | 'out', at: Date) =>
          storage.recordScan(
            {
              scanId: `seed-${event.id}-${p.studentNo}-${purpose}`,
              eventId: event.id,
              attempt: { studentNo: p.studentNo, purpose, at, by: p.by, method: p.method, passSeq: null },
              offline: false,
            },
            at,
          );
        let attendance: AttendanceRecord | null = (await scan('in', p.inAt)).scan.outcome.attendance;
        let confirmedAt = p.inAt;
        if (event.checkoutRequired) {
          attendance = (await scan('out', p.outAt)).scan.outcome.attendance ?? attendance;
          confirmedAt = p.outAt;
        }
        return (await settleAttendance(storage, event, p.studentNo, attendance, 'system', '', confirmedAt)).length;
      }),
    );
    ledgerEntries += written.reduce((n, k) => n + k, 0);
    for (const [studentNo, note] of Object.entries(spec.appeals ?? {})) {
      const at = new Date(end + DAY + appeals * 47 * MINUTE).toISOString();
      const id = appealId(event.id, studentNo);
      await storage.fileAppeal(
        { id, eventId: event.id, studentNo, note, status: 'pending', createdAt: at, decidedAt: null, decidedBy: null, decisionReason: null },
        { at, actor: `o-demo-${studentNo}`, action: 'appeal.file', target: id, detail: JSON.stringify({ note, seed: true }) },
      );
      appeals++;
    }
  }
  const awarded = await storage.awardMany(seedAwardLists(students, now, rand));
  return { ledgerEntries: ledgerEntries + awarded.length, appeals };
}

/**
 * Two lists the committee imported two days ago, as the bulk award import keys them (`man:<file>:<row>`, the file
 * being the first 16 hex of a SHA-256; rows from 2, under the header): the culture festival's performers (every
 * student of the demo switch among them) and the term's honours (挑战杯 prizes, outstanding league officers).
 */
function seedAwardLists(students: StudentRecord[], now: Date, rand: () => number): AwardDraft[] {
  const at = new Date(now.getTime() - 2 * DAY).toISOString();
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const bound = students.filter((s) => s.openid !== null);
  const list = (fileName: string, rows: Array<{ studentNo: string; module: string; amount: number; reason: string }>): AwardDraft[] => {
    const file = createHash('sha256').update(`seed:${fileName}`).digest('hex').slice(0, 16);
    return rows.map((r, k) => ({
      base: `man:${file}:${k + 2}`,
      studentNo: r.studentNo,
      module: r.module,
      amount: r.amount,
      hours: 0,
      sourceType: 'manual',
      eventId: null,
      rule: `手工记分（${fileName} 第 ${k + 2} 行）`,
      reason: r.reason,
      confirmedBy: DEMO_ADMIN_OPENID,
      at,
    }));
  };
  const performers = bound.filter((s) => Number(s.studentNo.slice(-2)) === 1 || rand() < 0.08);
  const honours = [
    { studentNo: '2023011101', module: 'innovation', amount: 150, reason: '“挑战杯”校赛二等奖' },
    { studentNo: '2024011101', module: 'innovation', amount: 100, reason: '“挑战杯”校赛三等奖' },
    ...bound.filter(() => rand() < 0.02).map((s) => ({ studentNo: s.studentNo, module: 'innovation', amount: 100, reason: '“挑战杯”校赛三等奖' })),
    { studentNo: '2023011102', module: 'organization', amount: 100, reason: `${year} 年度优秀团干部` },
    { studentNo: '2024021102', module: 'organization', amount: 100, reason: `${year} 年度优秀团干部` },
  ];
  return [
    ...list(`${year}年校园文化艺术节参演名单.xlsx`, performers.map((s) => ({ studentNo: s.studentNo, module: 'culture', amount: 50, reason: '校园文化艺术节参演' }))),
    ...list(`${year}年度表彰名单.xlsx`, honours),
  ];
}

import { nodeSha256 } from '../../server/security/lottery-secrets';
import {
  EVERYONE,
  commitmentOf,
  committedLottery,
  type PriorityRule,
  defaultCheckinSettings,
  defaultCreditRule,
  outboxKey,
  type EventRecord,
  type KindDetails,
  type OutboxMessage,
  type RegistrationRecord,
  type StudentRecord,
  type TeamRecord,
} from '../../core';

/** The moment the contract tests happen at: sign-up of the default event is open. */
export const NOW = new Date('2026-03-02T02:00:00.000Z');

const HOUR = 3_600_000;
export const at = (hoursFromNow: number, from: Date = NOW) => new Date(from.getTime() + hoursFromNow * HOUR);
const iso = (hoursFromNow: number) => at(hoursFromNow).toISOString();

export function studentNo(i: number): string {
  return `2024${String(i).padStart(4, '0')}`;
}

export function makeStudent(i: number, overrides: Partial<StudentRecord> = {}): StudentRecord {
  return {
    studentNo: studentNo(i),
    openid: `openid-${i}`,
    name: `学生${i}`,
    college: '信息工程学院',
    className: `计科2401`,
    branch: '计科2401团支部',
    grade: '2024',
    isLeagueMember: i % 2 === 0,
    secondFactorHash: null,
    ...overrides,
  };
}

export function makeStudents(count: number, from = 1): StudentRecord[] {
  return Array.from({ length: count }, (_, k) => makeStudent(from + k));
}

/** What each kind needs, as the plan words it (makeEvent's default for its category). */
export function detailsFor(category: EventRecord['category']): KindDetails {
  switch (category) {
    case 'lecture':
      return { kind: 'lecture', track: '团支部', speaker: '校团委书记', topic: '青年与时代' };
    case 'volunteer':
      return { kind: 'volunteer', roles: ['导诊', '健康宣教'], hours: 3, recruitment: 'open' };
    case 'practice':
      return { kind: 'practice', mode: '三下乡', teamSizeMin: 3, teamSizeMax: 8, destination: '孝感市孝南区', reportDueAt: iso(24 * 60) };
    case 'firstaid':
      return { kind: 'firstaid', level: '普及培训', assessment: true };
    case 'theme':
      return { kind: 'theme', theme: '学习二十大、永远跟党走、奋进新征程' };
  }
}

/**
 * An event whose sign-up opened a day ago and closes in two days; cancelling is possible for three days, it starts in
 * four (for two hours). Seats and counters follow `capacity`, the check-in settings the event's own times and
 * category (defaultCheckinSettings), and the credit rule its category and credits (defaultCreditRule), unless
 * overridden. Hosted by the committee, no staff assigned, nobody checked in. The details of its category
 * (detailsFor), open to everyone, without approval, created by 'system'.
 */
export function makeEvent(overrides: Partial<EventRecord> = {}): EventRecord {
  const capacity = overrides.capacity ?? 3;
  const startAt = overrides.startAt ?? iso(96);
  const endAt = overrides.endAt ?? iso(98);
  return {
    id: 'ev-lecture',
    title: '百生讲坛：青年与时代',
    category: 'lecture',
    tag: '团支部赛道',
    organizer: '校团委',
    location: '图书馆报告厅',
    description: '一场关于青年担当的讲座。',
    signupStartAt: iso(-24),
    signupEndAt: iso(48),
    cancelDeadlineAt: iso(72),
    startAt,
    endAt,
    capacity,
    waitlistEnabled: true,
    credits: 0.5,
    status: 'published',
    seatsLeft: capacity,
    waitlistCount: 0,
    waitlistSeq: 0,
    ...defaultCheckinSettings(startAt, endAt, overrides.category ?? 'lecture'),
    hostKind: 'committee',
    hostUnit: '',
    hostCollege: '',
    staffOpenids: [],
    geofence: null,
    checkedInCount: 0,
    checkedOutCount: 0,
    creditRule: defaultCreditRule(overrides.category ?? 'lecture', overrides.credits ?? 0.5),
    details: detailsFor(overrides.category ?? 'lecture'),
    audience: EVERYONE,
    approvalRequired: false,
    createdBy: 'system',
    updatedAt: NOW.toISOString(),
    cancelReason: null,
    signupMode: 'first_come',
    lottery: null,
    lotteryPriority: [],
    coverFileId: null,
    ...overrides,
  };
}

export function makeRegistration(overrides: Partial<RegistrationRecord> = {}): RegistrationRecord {
  const eventId = overrides.eventId ?? 'ev-lecture';
  const student = overrides.studentNo ?? studentNo(1);
  return {
    id: `${eventId}:${student}`,
    eventId,
    studentNo: student,
    status: 'confirmed',
    waitlistSeq: null,
    passSeq: 0,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...overrides,
  };
}

/** A forming team of student 1 (its leader and only member) for a social-practice event, with a mentor named. */
export function makeTeam(overrides: Partial<TeamRecord> = {}): TeamRecord {
  const leader = overrides.leaderStudentNo ?? studentNo(1);
  return {
    id: 'team-1',
    eventId: 'ev-practice',
    name: '红烛支教队',
    project: '乡村小学暑期支教',
    leaderStudentNo: leader,
    members: [leader],
    mentor: '王老师',
    joinCode: 'ABC234',
    status: 'forming',
    report: null,
    review: null,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...overrides,
  };
}

/** A pending outbox message for student i and an event, due now, queued now. */
export function makeOutboxMessage(i: number, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  const kind = overrides.kind ?? 'event_reminder';
  const eventId = overrides.eventId ?? 'ev-lecture';
  return {
    key: outboxKey(kind, eventId, studentNo(i)),
    kind,
    studentNo: studentNo(i),
    eventId,
    data: { title: '百生讲坛：青年与时代', startAt: '3月6日 10:00' },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: NOW.toISOString(),
    lastError: null,
    createdAt: NOW.toISOString(),
    sentAt: null,
    deadlineAt: at(96).toISOString(),
    ...overrides,
  };
}

/** The seed of makeLotteryEvent's commitment (tests draw with it and check the reveal). */
export const LOTTERY_SEED = 'a3'.repeat(32);
export const LOTTERY_PSEUDONYM_KEY = '5c'.repeat(32);

/**
 * A lottery event (抽签) published before its window opened: its commitment is to LOTTERY_SEED, no priority rules
 * unless given, not drawn; otherwise makeEvent's (sign-up opened a day ago and closes in two days).
 */
export function makeLotteryEvent(overrides: Partial<EventRecord> = {}, priority: PriorityRule[] = []): EventRecord {
  return makeEvent({
    id: 'ev-lottery',
    title: '百生讲坛：抽签场',
    signupMode: 'lottery',
    lotteryPriority: priority,
    lottery: committedLottery(commitmentOf(LOTTERY_SEED, nodeSha256), priority, at(-48)),
    ...overrides,
  });
}

import { defaultCheckinSettings, type EventRecord, type RegistrationRecord, type StudentRecord } from '../../server/domain';

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

/**
 * An event whose sign-up opened a day ago and closes in two days; cancelling is possible for three days, it starts in
 * four (for two hours). Seats and counters follow `capacity`, and the check-in settings the event's own times and
 * category (defaultCheckinSettings), unless overridden. Hosted by the committee, no staff assigned, nobody checked in.
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

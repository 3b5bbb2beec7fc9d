import type { EventRecord, RegistrationRecord, StudentRecord } from '../../server/domain';

/** Small factories: each test states only what matters to it. Times are fixed UTC instants. */
export const T0 = new Date('2026-03-01T02:00:00.000Z'); // 10:00 in Shanghai

export function hoursFrom(base: Date, hours: number): string {
  return new Date(base.getTime() + hours * 3600_000).toISOString();
}

export function anEvent(overrides: Partial<EventRecord> = {}): EventRecord {
  const capacity = overrides.capacity ?? 10;
  return {
    id: 'e1',
    title: '红十字应急救护普及培训',
    category: 'firstaid',
    tag: '普及培训',
    organizer: '校红十字会',
    location: '医学院实训中心',
    description: '学习心肺复苏',
    signupStartAt: hoursFrom(T0, -24),
    signupEndAt: hoursFrom(T0, 24),
    cancelDeadlineAt: hoursFrom(T0, 36),
    startAt: hoursFrom(T0, 48),
    endAt: hoursFrom(T0, 51),
    capacity,
    waitlistEnabled: true,
    credits: 1,
    status: 'published',
    seatsLeft: capacity,
    waitlistCount: 0,
    waitlistSeq: 0,
    ...overrides,
  };
}

export function aRegistration(overrides: Partial<RegistrationRecord> = {}): RegistrationRecord {
  const eventId = overrides.eventId ?? 'e1';
  const studentNo = overrides.studentNo ?? '2024010101';
  return {
    id: `${eventId}:${studentNo}`,
    eventId,
    studentNo,
    status: 'confirmed',
    waitlistSeq: null,
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    ...overrides,
  };
}

export function aStudent(studentNo: string, overrides: Partial<StudentRecord> = {}): StudentRecord {
  return {
    studentNo,
    openid: `o-${studentNo}`,
    name: `学生${studentNo.slice(-3)}`,
    college: '信息技术学院',
    className: '24级软件技术1班',
    branch: '24级软件技术1班团支部',
    grade: '2024级',
    isLeagueMember: true,
    ...overrides,
  };
}

import { EVERYONE, defaultCreditRule, type EventRecord, type RoleGrant, type StudentRecord } from '../core';
import type { StoragePort } from '../server/storage/ports';

/**
 * What the check-in benchmarks scan: one event (`checkin`, hosted by a branch, check-in open from an hour ago for a
 * day), `members` students C0000001… all signed up and confirmed through the storage's own signUp, and four check-in
 * officers, one of each kind that may scan for a branch's event (access.ts 'staff', staff.ts mayRunCheckin).
 */
export const BENCH_EVENT = 'checkin';
export const BRANCH = '24级软件技术1班团支部';
export const COLLEGE = '信息技术学院';
export const OFFICERS = ['bench-branch-officer', 'bench-college-officer', 'bench-committee', 'bench-staff'] as const;

export const memberNo = (i: number): string => `C${String(i).padStart(7, '0')}`;

export async function seedCheckinBench(storage: StoragePort, members: number, now: Date): Promise<void> {
  const students: StudentRecord[] = [];
  for (let i = 1; i <= members; i++) {
    students.push({
      studentNo: memberNo(i), openid: null, secondFactorHash: null, name: `学生${i}`, college: COLLEGE, className: '24级软件技术1班',
      branch: BRANCH, grade: '2024级', isLeagueMember: true,
    });
  }
  await storage.putStudents(students);
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
  const event: EventRecord = {
    id: BENCH_EVENT, title: '签到压测：百生讲坛', category: 'lecture', tag: '压测', organizer: BRANCH, location: '图书馆报告厅', description: '',
    signupStartAt: at(-24 * 60), signupEndAt: at(24 * 60), cancelDeadlineAt: at(24 * 60), startAt: at(-30), endAt: at(24 * 60),
    capacity: members, waitlistEnabled: false, credits: 0.5, status: 'published', seatsLeft: members, waitlistCount: 0, waitlistSeq: 0,
    checkinStartAt: at(-60), checkinEndAt: at(24 * 60), checkoutEndAt: at(25 * 60), checkoutRequired: false, minStayRatio: 0.6,
    allowWalkIns: false, hostKind: 'branch', hostUnit: BRANCH, hostCollege: COLLEGE, staffOpenids: ['bench-staff'], geofence: null,
    checkedInCount: 0, checkedOutCount: 0, creditRule: defaultCreditRule('lecture', 0.5),
    details: { kind: 'lecture', track: '团支部', speaker: BRANCH, topic: '签到压测' }, audience: EVERYONE, approvalRequired: false,
    createdBy: 'system', updatedAt: now.toISOString(), cancelReason: null, coverFileId: null,
  };
  await storage.putEvents([event]);
  // Refusals are thrown (ApiError), so a seeding that did not confirm everyone stops here.
  const outcomes = await Promise.all(students.map((s) => storage.signUp(BENCH_EVENT, s.studentNo, now)));
  const unconfirmed = outcomes.filter((o) => o.registration.status !== 'confirmed');
  if (unconfirmed.length) throw new Error(`seeding: ${unconfirmed.length} sign-ups not confirmed`);
  const grants: Array<Omit<RoleGrant, 'grantedBy' | 'grantedAt'>> = [
    { openid: 'bench-branch-officer', role: 'branch_officer', scope: BRANCH },
    { openid: 'bench-college-officer', role: 'college_officer', scope: COLLEGE },
    { openid: 'bench-committee', role: 'committee_admin', scope: '' },
  ];
  for (const g of grants) {
    await storage.grantRole({ ...g, grantedBy: 'bench', grantedAt: now.toISOString() }, {
      at: now.toISOString(), actor: 'bench', action: 'grantRole', target: g.openid, detail: '{}',
    });
  }
}

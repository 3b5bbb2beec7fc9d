import { eventToDoc, registrationToDoc, studentToDoc } from '../../server/storage/cloudbase/documents';
import type { CloudbaseBackend } from './cloudbase-backend';
import { makeEvent, makeRegistration, makeStudents } from './factories';

/**
 * An event far bigger than any list answered in one call: `members` confirmed registrations (students numbered from
 * 1001 on), its check-in run by `staffOpenid`. Its attendance (~250 bytes a member, ~1.25 MB for 5,000) comes a page
 * a call (getEventAttendance, ATTENDANCE_PER_PAGE members). `nameChars` gives every member a name that long — far
 * longer than a roster allows, written straight into the store — so that even one page of the list is over 1 MB: the
 * tests of the door's RESULT_TOO_LARGE use it (1,000 members named with 500 characters: ~1.4 MB a page of 800).
 * Written straight into the backend's store (documents as the adapter writes them; no request).
 */
export function seedCrowdedEvent(
  backend: Pick<CloudbaseBackend, 'seed'>,
  options: { eventId: string; members: number; staffOpenid: string; startAt?: string; endAt?: string; nameChars?: number },
): void {
  const name = (studentNo: string) => (options.nameChars ? `学生${studentNo}`.padEnd(options.nameChars, '名') : `学生${studentNo}`);
  const students = makeStudents(options.members, 1001).map((s) => ({ ...s, openid: null, name: name(s.studentNo), className: '计算机科学与技术2401班', branch: '计算机科学与技术2401班团支部' }));
  const event = makeEvent({
    id: options.eventId,
    title: '开学典礼暨新生入学教育',
    capacity: options.members,
    seatsLeft: 0,
    // Sign-up closed already: the timer has nothing to close (bundle tests share one backend with the timer's).
    status: 'closed',
    staffOpenids: [options.staffOpenid],
    ...(options.startAt ? { startAt: options.startAt } : {}),
    ...(options.endAt ? { endAt: options.endAt } : {}),
  });
  backend.seed('students', students.map((s) => studentToDoc(s) as unknown as Record<string, unknown>));
  backend.seed('events', [eventToDoc(event) as unknown as Record<string, unknown>]);
  backend.seed('registrations', students.map((s) => registrationToDoc(makeRegistration({ eventId: event.id, studentNo: s.studentNo })) as unknown as Record<string, unknown>));
}

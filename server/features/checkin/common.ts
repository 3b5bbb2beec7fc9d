import { ApiError, type AttendanceCountsView, type AttendanceRow, type CheckinEvent, type CheckinStaff } from '../../../types';
import { attendanceHours, mayRunCheckin, type AttendanceCounts, type EventAttendanceRow, type EventListing, type EventRecord } from '../../../core';
import type { CheckinKeyring } from '../../security/checkin-keys';
import type { HandlerContext } from '../shared/context';
import { requireEvent } from '../shared/lookups';
import { callerRoles, requireOpenid } from '../shared/caller';

/** What every check-in handler shares: the keyring, the staff check, and the views of events and attendance. */

export function requireKeyring(ctx: HandlerContext): CheckinKeyring {
  if (!ctx.checkinKeys) throw new ApiError('INTERNAL', '签到密钥未配置，请联系管理员');
  return ctx.checkinKeys;
}

/**
 * The second half of the 'staff' rule of access.ts: the door let in any account; here the event named in the
 * payload decides (mayRunCheckin). An unknown event is NOT_FOUND, someone else's event FORBIDDEN.
 */
export async function requireCheckinStaff(eventId: string, ctx: HandlerContext): Promise<{ event: EventRecord; openid: string }> {
  const openid = await requireOpenid(ctx);
  const [event, roles] = await Promise.all([requireEvent(eventId, ctx), callerRoles(ctx)]);
  if (!mayRunCheckin(roles, openid, event)) {
    throw new ApiError('FORBIDDEN', '只有主办方的团干部（或被指派的签到员）可以为这个活动签到');
  }
  return { event, openid };
}

/**
 * An event's check-in helpers as people: a bound student by name, 学号 and branch; a teacher by the name on the
 * invitation they accepted; an account known by neither keeps its id with no name. Two bulk reads, in the event's order.
 */
export async function staffViews(openids: readonly string[], ctx: HandlerContext): Promise<CheckinStaff[]> {
  if (openids.length === 0) return [];
  const students = new Map((await ctx.storage.findStudentsByOpenids(openids)).map((s) => [s.openid, s]));
  const others = openids.filter((o) => !students.has(o));
  const names = others.length ? await ctx.storage.namesOfAccounts(others) : new Map<string, string>();
  return openids.map((account) => {
    const student = students.get(account);
    if (student) return { account, name: student.name, studentNo: student.studentNo, branch: student.branch };
    return { account, name: names.get(account) ?? null, studentNo: null, branch: null };
  });
}

export function toCheckinEvent(e: EventListing): CheckinEvent {
  return {
    id: e.id,
    title: e.title,
    category: e.category,
    tag: e.tag,
    organizer: e.organizer,
    location: e.location,
    status: e.status,
    startAt: e.startAt,
    endAt: e.endAt,
    checkinStartAt: e.checkinStartAt,
    checkinEndAt: e.checkinEndAt,
    checkoutEndAt: e.checkoutEndAt,
    checkoutRequired: e.checkoutRequired,
    minStayRatio: e.minStayRatio,
    allowWalkIns: e.allowWalkIns,
    geofence: e.geofence ? { lat: e.geofence.lat, lng: e.geofence.lng, radiusM: e.geofence.radiusM } : null,
  };
}

/** The counters kept on the event record (no rows counted): confirmed = capacity − seats left. */
export function countsOfEvent(e: Pick<EventListing, 'capacity' | 'seatsLeft' | 'checkedInCount' | 'checkedOutCount'>): AttendanceCountsView {
  return { registered: Math.max(0, e.capacity - e.seatsLeft), checkedIn: e.checkedInCount, checkedOut: e.checkedOutCount };
}

export function toCountsView(c: AttendanceCounts): AttendanceCountsView {
  return { registered: c.registered, checkedIn: c.checkedIn, checkedOut: c.checkedOut };
}

export async function currentCounts(event: EventRecord, ctx: HandlerContext): Promise<AttendanceCountsView> {
  const counts = await ctx.storage.attendanceCounts(event.id);
  return counts ? toCountsView(counts) : countsOfEvent(event);
}

export function toAttendanceRow(event: EventRecord, row: EventAttendanceRow): AttendanceRow {
  const a = row.attendance;
  const { hours, counted } = attendanceHours(event, a);
  return {
    studentNo: row.student.studentNo,
    name: row.student.name,
    className: row.student.className,
    branch: row.student.branch,
    registration: row.registration?.status ?? null,
    walkIn: a?.walkIn ?? false,
    state: !a?.checkedInAt ? 'absent' : a.checkedOutAt ? 'out' : 'in',
    checkedInAt: a?.checkedInAt ?? null,
    checkedOutAt: a?.checkedOutAt ?? null,
    checkinMethod: a?.checkinMethod ?? null,
    hours,
    hoursCounted: counted,
  };
}

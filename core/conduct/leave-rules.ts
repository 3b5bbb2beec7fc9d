import type { ErrorCode } from '../../types';
import type { EventRecord, RegistrationRecord } from '../records';

/**
 * 请假: a confirmed student who cannot come after the cancel deadline asks for leave with a reason (and, if they
 * have one, a photo such as a sick note). Before the deadline there is nothing to ask: cancelling is free. Leave
 * may be asked until a day after the event ended (someone taken ill that morning sends the note afterwards); no-show
 * marks are recorded only after that day, and not while a request waits for its answer.
 *
 * The organiser approves — the registration is cancelled without a mark and, if the event has not started, the seat
 * passes to the first in line — or refuses with a reason the student sees (they stay signed up, and a no-show is
 * marked as usual). A refused request may be asked again with a new reason; an approved one is final.
 */
export const LEAVE_AFTER_END_MS = 24 * 3_600_000;

export type LeaveStatus = 'pending' | 'approved' | 'refused';

export interface LeaveRecord {
  /** `<eventId>:<studentNo>`: one request per student and event. */
  id: string;
  eventId: string;
  studentNo: string;
  status: LeaveStatus;
  reason: string;
  /** The photo (a FileStore file id, the student's own upload), if any. */
  photoFileId: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  /** Why it was refused (shown to the student), or the approver's note. */
  decisionReason: string | null;
}

export function leaveId(eventId: string, studentNo: string): string {
  return `${eventId}:${studentNo}`;
}

export type LeaveRequestDecision = { kind: 'request' } | { kind: 'refuse'; code: ErrorCode };

export function decideLeaveRequest(
  event: Pick<EventRecord, 'status' | 'cancelDeadlineAt' | 'endAt'>,
  registration: Pick<RegistrationRecord, 'status'> | null,
  existing: Pick<LeaveRecord, 'status'> | null,
  now: Date,
): LeaveRequestDecision {
  if (event.status === 'cancelled') return { kind: 'refuse', code: 'EVENT_CANCELLED' };
  if (existing?.status === 'pending' || existing?.status === 'approved') return { kind: 'refuse', code: 'LEAVE_EXISTS' };
  if (registration?.status !== 'confirmed') return { kind: 'refuse', code: 'NOT_SIGNED_UP' };
  const t = now.getTime();
  if (t < Date.parse(event.cancelDeadlineAt)) return { kind: 'refuse', code: 'LEAVE_NOT_NEEDED' };
  if (t >= Date.parse(event.endAt) + LEAVE_AFTER_END_MS) return { kind: 'refuse', code: 'LEAVE_TOO_LATE' };
  return { kind: 'request' };
}

export type LeaveAnswer = { kind: 'approve' } | { kind: 'refuse_leave' } | { kind: 'refuse'; code: ErrorCode };

/** The organiser's answer: only a pending request is decided; a refusal must say why. */
export function decideLeaveAnswer(leave: Pick<LeaveRecord, 'status'> | null, approve: boolean, reason: string | null): LeaveAnswer {
  if (!leave) return { kind: 'refuse', code: 'NOT_FOUND' };
  if (leave.status !== 'pending') return { kind: 'refuse', code: 'LEAVE_DECIDED' };
  if (!approve && !reason?.trim()) return { kind: 'refuse', code: 'INVALID_INPUT' };
  return approve ? { kind: 'approve' } : { kind: 'refuse_leave' };
}

import { ApiError } from '../../../types';
import { mayTransition, statusAfter, type AuditDraft, type EventRecord, type RegistrationRecord } from '../../../core';
import type { EditableEventFields, PublishingPort } from '../ports';
import type { SqliteKit } from './kit';
import { EVENT_COLUMNS, eventFromRow, eventToRow, registrationFromRow, type EventRow, type RegistrationRow } from './rows';

/**
 * Publishing on SQLite: creating and editing events, their lifecycle, applications, and the timer's queries. As in
 * every job, a refusal (the domain's decisions included) is decided from what the job read, before it writes.
 */
export function sqlitePublishing(kit: SqliteKit): PublishingPort {
  const { db } = kit;
  const q = {
    insertEvent: db.prepare<[EventRow]>(
      `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ),
    updateEvent: db.prepare<[EventRow]>(
      `UPDATE events SET ${EVENT_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
    ),
    setEventStatus: db.prepare<[string, string | null, string, string]>(
      'UPDATE events SET status = ?, cancel_reason = ?, updated_at = ? WHERE id = ?',
    ),
    // Registrations are keyed (student, event) with no index by event for confirmed rows (a confirmed sign-up
    // writes one B-tree), so an event's list reads the table through: an organiser's page, like the attendance list.
    registrationsOfEvent: db.prepare<[{ eventId: string; statuses: string }], RegistrationRow>(
      `SELECT * FROM registrations
        WHERE event_id = @eventId AND status IN (SELECT value FROM json_each(@statuses))
        ORDER BY created_at, student_no`,
    ),
    toClose: db.prepare<[string], EventRow>(
      `SELECT * FROM events WHERE status = 'published' AND signup_end_at <= ? ORDER BY signup_end_at, id`,
    ),
    startingWithin: db.prepare<[string, string], EventRow>(
      `SELECT * FROM events WHERE status IN ('published', 'closed') AND start_at > ? AND start_at <= ? ORDER BY start_at, id`,
    ),
  };

  /** A new event with its counters zeroed; INVALID_INPUT when the id is taken or the status is not draft/published. */
  function createEventJob(event: EventRecord, audit: AuditDraft): EventRecord {
    if (kit.findEvent(event.id)) throw new ApiError('INVALID_INPUT', '活动编号已存在，请刷新后重试');
    if (event.status !== 'draft' && event.status !== 'published') throw new ApiError('INVALID_INPUT', '新活动只能是草稿或直接发布');
    const stored: EventRecord = { ...event, seatsLeft: event.capacity, waitlistCount: 0, waitlistSeq: 0, checkedInCount: 0, checkedOutCount: 0 };
    q.insertEvent.run(eventToRow(stored));
    kit.audit(audit);
    return stored;
  }

  /** The organiser's fields; the counters, status, staff, creator and cancel reason are kept; seats move with capacity. */
  function updateEventFieldsJob(eventId: string, fields: EditableEventFields, audit: AuditDraft): EventRecord {
    const current = kit.eventOf(eventId);
    if (!mayTransition(current.status, 'edit')) throw new ApiError('EVENT_CANCELLED', '该活动已取消，不能再修改');
    const confirmed = current.capacity - current.seatsLeft;
    if (fields.capacity < confirmed) throw new ApiError('CAPACITY_BELOW_CONFIRMED', `名额不能少于已报名成功的 ${confirmed} 人`);
    const next: EventRecord = {
      ...current,
      ...fields,
      id: current.id,
      status: current.status,
      seatsLeft: fields.capacity - confirmed,
      waitlistCount: current.waitlistCount,
      waitlistSeq: current.waitlistSeq,
      checkedInCount: current.checkedInCount,
      checkedOutCount: current.checkedOutCount,
      staffOpenids: current.staffOpenids,
      createdBy: current.createdBy,
      cancelReason: current.cancelReason,
    };
    q.updateEvent.run(eventToRow(next));
    kit.audit(audit);
    return next;
  }

  function changeEventStatusJob(eventId: string, action: 'publish' | 'close' | 'reopen' | 'cancel', reason: string | null, audit: AuditDraft): EventRecord {
    const current = kit.eventOf(eventId);
    if (!mayTransition(current.status, action)) throw new ApiError('STATUS_CHANGE_NOT_ALLOWED');
    const status = statusAfter(current.status, action);
    const cancelReason = action === 'cancel' ? reason : current.cancelReason;
    q.setEventStatus.run(status, cancelReason, audit.at, eventId);
    kit.audit(audit);
    return { ...current, status, cancelReason, updatedAt: audit.at };
  }

  /** An organiser's decision on a pending application: a seat (EVENT_FULL when none is left) or a refusal. */
  function decideApplicationJob(eventId: string, studentNo: string, approve: boolean, now: Date, audit: AuditDraft): { registration: RegistrationRecord; event: EventRecord } {
    const event = kit.eventOf(eventId);
    const row = kit.registrationRow(eventId, studentNo);
    if (!row || row.status !== 'pending') throw new ApiError('NOT_PENDING');
    if (approve && event.seatsLeft <= 0) throw new ApiError('EVENT_FULL', '名额已满，不能再通过申请');
    const stamp = now.toISOString();
    const status = approve ? 'confirmed' : 'cancelled';
    if (approve && !kit.takeSeat(eventId)) throw new Error(`no seat left in ${eventId} despite the check`);
    kit.setRegistrationStatus(eventId, studentNo, status, stamp);
    kit.audit(audit);
    return {
      registration: { ...registrationFromRow(row), status, updatedAt: stamp },
      event: approve ? { ...event, seatsLeft: event.seatsLeft - 1 } : event,
    };
  }

  return {
    createEvent(event, audit) {
      return kit.run(() => createEventJob(event, audit));
    },

    updateEventFields(eventId, fields, audit) {
      return kit.run(() => updateEventFieldsJob(eventId, fields, audit));
    },

    changeEventStatus(eventId, action, reason, audit) {
      return kit.run(() => changeEventStatusJob(eventId, action, reason, audit));
    },

    async listRegistrationsOfEvent(eventId, statuses) {
      if (statuses.length === 0) return [];
      return q.registrationsOfEvent.all({ eventId, statuses: JSON.stringify(statuses) }).map(registrationFromRow);
    },

    decideApplication(eventId, studentNo, approve, now, audit) {
      return kit.run(() => decideApplicationJob(eventId, studentNo, approve, now, audit));
    },

    async listEventsToClose(now) {
      return q.toClose.all(now.toISOString()).map(eventFromRow);
    },

    async listEventsStartingWithin(now, leadMs) {
      return q.startingWithin.all(now.toISOString(), new Date(now.getTime() + leadMs).toISOString()).map(eventFromRow);
    },
  };
}

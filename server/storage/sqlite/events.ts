import { ApiError } from '../../../types';
import {
  countersAfterCancel,
  countersAfterSignup,
  decideCancel,
  decideSignup,
  mayPromote,
  needsAudienceFacts,
  type Audience,
  toEventListing,
  type AudienceFacts,
  type EventRecord,
  type EventRules,
  type RegistrationRecord,
} from '../../../core';
import type { CancelOutcome, EventsPort, SignupOutcome } from '../ports';
import { EVENT_NOT_FOUND, type SqliteKit } from './kit';
import { EVENT_COLUMNS, eventFromRow, eventToRow, registrationFromRow, type EventRow, type RegistrationRow } from './rows';

/** The columns a sign-up or cancel loads: what the rules read, nothing else (text costs time to decode). */
type EventRulesRow = Pick<
  EventRow,
  | 'id' | 'status' | 'capacity' | 'waitlist_enabled' | 'signup_start_at' | 'signup_end_at' | 'cancel_deadline_at'
  | 'start_at' | 'seats_left' | 'waitlist_count' | 'waitlist_seq' | 'approval_required' | 'audience'
>;
const EVENT_RULES_COLUMNS =
  'id, status, capacity, waitlist_enabled, signup_start_at, signup_end_at, cancel_deadline_at, start_at, seats_left, ' +
  'waitlist_count, waitlist_seq, approval_required, audience';

function eventRulesFromRow(r: EventRulesRow): EventRules {
  return {
    id: r.id, status: r.status as EventRecord['status'], capacity: r.capacity, waitlistEnabled: r.waitlist_enabled === 1,
    signupStartAt: r.signup_start_at, signupEndAt: r.signup_end_at, cancelDeadlineAt: r.cancel_deadline_at,
    startAt: r.start_at, seatsLeft: r.seats_left, waitlistCount: r.waitlist_count, waitlistSeq: r.waitlist_seq,
    approvalRequired: r.approval_required === 1, audience: JSON.parse(r.audience) as Audience,
  };
}

/**
 * The catalogue and sign-ups on SQLite. Sign-up and cancel are single jobs of the group commit: each reads the event's
 * rules and the registration, asks the core, and applies the decision by conditional writes in the same transaction.
 */
export function sqliteEvents(kit: SqliteKit): EventsPort {
  const { db } = kit;
  const q = {
    events: db.prepare<[{ category: string | null; keyword: string | null }], EventRow>(
      `SELECT * FROM events
        WHERE (@category IS NULL OR category = @category)
          AND (@keyword IS NULL OR instr(title, @keyword) > 0 OR instr(organizer, @keyword) > 0
               OR instr(tag, @keyword) > 0 OR instr(location, @keyword) > 0)
        ORDER BY start_at`,
    ),
    eventPage: db.prepare<
      [{ category: string | null; afterStart: string | null; afterId: string | null; limit: number }],
      EventRow
    >(
      `SELECT * FROM events
        WHERE (@category IS NULL OR category = @category)
          AND (@afterStart IS NULL OR start_at > @afterStart OR (start_at = @afterStart AND id > @afterId))
        ORDER BY start_at, id
        LIMIT @limit`,
    ),
    eventsByIds: db.prepare<[string], EventRow>('SELECT * FROM events WHERE id IN (SELECT value FROM json_each(?))'),
    activeOfStudent: db.prepare<[string], RegistrationRow>(
      "SELECT * FROM registrations WHERE student_no = ? AND status != 'cancelled' ORDER BY created_at DESC",
    ),
    aheadInLine: db.prepare<[string, number], number>(
      "SELECT count(*) FROM registrations WHERE event_id = ? AND status = 'waitlisted' AND waitlist_seq < ?",
    ).pluck(),
    line: db.prepare<[string], RegistrationRow>(
      "SELECT * FROM registrations WHERE event_id = ? AND status = 'waitlisted' ORDER BY waitlist_seq",
    ),
    eventRules: db.prepare<[string], EventRulesRow>(`SELECT ${EVENT_RULES_COLUMNS} FROM events WHERE id = ?`),
    audienceFacts: db.prepare<[string], { college: string; grade: string; is_league_member: number }>(
      'SELECT college, grade, is_league_member FROM students WHERE student_no = ?',
    ),
    firstInLine: db.prepare<[string], RegistrationRow>(
      "SELECT * FROM registrations WHERE event_id = ? AND status = 'waitlisted' ORDER BY waitlist_seq LIMIT 1",
    ),
    setCounters: db.prepare<[number, number, number, string]>(
      'UPDATE events SET seats_left = ?, waitlist_count = ?, waitlist_seq = ? WHERE id = ?',
    ),
    insertRegistration: db.prepare<[RegistrationRow]>(
      // Only the (event, student) key may be skipped silently; any other constraint still fails the job.
      `INSERT INTO registrations (event_id, student_no, status, waitlist_seq, created_at, updated_at)
       VALUES (@event_id, @student_no, @status, @waitlist_seq, @created_at, @updated_at)
       ON CONFLICT (student_no, event_id) DO NOTHING`,
    ),
    // The pass number is kept (a renewed registration must not hand out an old number again): answered, not reset.
    renewRegistration: db.prepare<[RegistrationRow], { pass_seq: number }>(
      `UPDATE registrations SET status = @status, waitlist_seq = @waitlist_seq, created_at = @created_at,
              updated_at = @updated_at WHERE event_id = @event_id AND student_no = @student_no AND status = 'cancelled'
       RETURNING pass_seq`,
    ),
    putEvent: db.prepare<[EventRow]>(
      `INSERT OR REPLACE INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ),
  };

  const registrationOf = (eventId: string, studentNo: string): RegistrationRecord | null => {
    const row = kit.registrationRow(eventId, studentNo);
    return row ? registrationFromRow(row) : null;
  };

  const eventRules = (eventId: string): EventRules => {
    const row = q.eventRules.get(eventId);
    if (!row) throw new ApiError('NOT_FOUND', EVENT_NOT_FOUND);
    return eventRulesFromRow(row);
  };

  const audienceFactsOf = (studentNo: string): AudienceFacts | null => {
    const s = q.audienceFacts.get(studentNo);
    return s ? { college: s.college, grade: s.grade, isLeagueMember: s.is_league_member === 1 } : null;
  };

  /**
   * Reads the student's registration only when it must: a first sign-up is an insert that skips an existing
   * (event, student) key, and only a key already taken (signed up before, or cancelled) costs the extra read.
   */
  function signUpJob(eventId: string, studentNo: string, now: Date): SignupOutcome {
    const event = eventRules(eventId);
    // Only an event with an audience rule costs the read of the student's profile.
    const student = needsAudienceFacts(event) ? audienceFactsOf(studentNo) : undefined;
    let decision = decideSignup(event, null, now, student);
    if (decision.kind === 'refuse') {
      // An active registration outranks every other refusal (ALREADY_SIGNED_UP says what the student needs).
      decision = decideSignup(event, registrationOf(eventId, studentNo), now, student);
      throw new ApiError(decision.kind === 'refuse' ? decision.code : 'INTERNAL');
    }
    // An application (approval required) holds no seat and no ticket: the counters stay as they are.
    const counters = decision.kind === 'pending' ? event : countersAfterSignup(event, decision.kind);
    const stamp = now.toISOString();
    const row: RegistrationRow = {
      event_id: eventId,
      student_no: studentNo,
      status: decision.kind === 'confirm' ? 'confirmed' : decision.kind === 'waitlist' ? 'waitlisted' : 'pending',
      waitlist_seq: decision.kind === 'waitlist' ? counters.waitlistSeq : null,
      pass_seq: 0,
      created_at: stamp,
      updated_at: stamp,
    };
    if (q.insertRegistration.run(row).changes === 0) {
      const again = decideSignup(event, registrationOf(eventId, studentNo), now, student);
      if (again.kind === 'refuse') throw new ApiError(again.code);
      // A cancelled registration signs up again, keeping its pass number.
      const renewed = q.renewRegistration.get(row);
      if (!renewed) throw new Error(`registration ${eventId}:${studentNo} vanished`);
      row.pass_seq = renewed.pass_seq;
    }
    if (decision.kind === 'confirm') {
      // The seat is taken by a conditional write even inside the transaction: belt and braces.
      if (!kit.takeSeat(eventId)) throw new Error(`no seat left in ${eventId} despite the check`);
    } else if (decision.kind === 'waitlist') {
      q.setCounters.run(counters.seatsLeft, counters.waitlistCount, counters.waitlistSeq, eventId);
    }
    return {
      registration: registrationFromRow(row),
      event: { ...event, seatsLeft: counters.seatsLeft, waitlistCount: counters.waitlistCount, waitlistSeq: counters.waitlistSeq },
      waitlistPosition: decision.kind === 'waitlist' ? counters.waitlistCount : null,
    };
  }

  function cancelJob(eventId: string, studentNo: string, now: Date): CancelOutcome {
    const event = eventRules(eventId);
    const registration = registrationOf(eventId, studentNo);
    const decision = decideCancel(event, registration, now);
    if (decision.kind === 'refuse') throw new ApiError(decision.code);
    const reg = registration!;
    const stamp = now.toISOString();
    kit.setRegistrationStatus(eventId, studentNo, 'cancelled', stamp);

    let promoted: RegistrationRecord | null = null;
    if (decision.freesSeat && mayPromote(event, now)) {
      const next = q.firstInLine.get(eventId);
      if (next) {
        kit.setRegistrationStatus(eventId, next.student_no, 'confirmed', stamp);
        promoted = { ...registrationFromRow(next), status: 'confirmed', updatedAt: stamp };
      }
    }
    const counters = countersAfterCancel(event, reg, promoted !== null);
    q.setCounters.run(counters.seatsLeft, counters.waitlistCount, event.waitlistSeq, eventId);
    return {
      registration: { ...reg, status: 'cancelled', updatedAt: stamp },
      event: { ...event, ...counters },
      promoted,
    };
  }

  return {
    async listEvents(filter) {
      const keyword = filter.keyword ? filter.keyword : null;
      return q.events.all({ category: filter.category ?? null, keyword }).map(eventFromRow);
    },

    async listEventPage(query) {
      const rows = q.eventPage.all({
        category: query.category ?? null,
        afterStart: query.after?.startAt ?? null,
        afterId: query.after?.id ?? null,
        limit: Math.max(1, query.limit),
      });
      const last = rows[rows.length - 1];
      const keyword = query.keyword;
      const listed = rows.map((r) => toEventListing(eventFromRow(r)));
      return {
        // The keyword filters the page read (as CloudBase matches it in the function), so pages mean the same on both.
        events: keyword ? listed.filter((e) => [e.title, e.organizer, e.tag, e.location].some((text) => text.includes(keyword))) : listed,
        next: last && rows.length >= Math.max(1, query.limit) ? { startAt: last.start_at, id: last.id } : null,
      };
    },

    async getEvent(eventId) {
      return kit.findEvent(eventId);
    },

    async getEventsByIds(ids) {
      if (ids.length === 0) return [];
      return q.eventsByIds.all(JSON.stringify(ids)).map(eventFromRow);
    },

    async getRegistration(eventId, studentNo) {
      return registrationOf(eventId, studentNo);
    },

    async listActiveRegistrationsOfStudent(studentNo) {
      return q.activeOfStudent.all(studentNo).map(registrationFromRow);
    },

    async waitlistPosition(registration) {
      if (registration.status !== 'waitlisted' || registration.waitlistSeq === null) return null;
      return 1 + q.aheadInLine.get(registration.eventId, registration.waitlistSeq)!;
    },

    async listWaitlist(eventId) {
      return q.line.all(eventId).map(registrationFromRow);
    },

    signUp(eventId, studentNo, now) {
      return kit.run(() => signUpJob(eventId, studentNo, now));
    },

    cancel(eventId, studentNo, now) {
      return kit.run(() => cancelJob(eventId, studentNo, now));
    },

    // Every sign-up is placed in its own transaction here (the group commit keeps up with any crowd): nothing queues,
    // so asking after a sign-up is reading it.
    async pollSignup(eventId, studentNo) {
      const registration = registrationOf(eventId, studentNo);
      const position =
        registration?.status === 'waitlisted' && registration.waitlistSeq !== null ? 1 + q.aheadInLine.get(eventId, registration.waitlistSeq)! : null;
      return { registration, event: kit.findEvent(eventId), waitlistPosition: position };
    },

    async settleQueuedSignups() {
      return 0;
    },

    putEvents(events) {
      return kit.run(() => {
        for (const e of events) q.putEvent.run(eventToRow(e));
      });
    },
  };
}

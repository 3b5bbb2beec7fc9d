import { ApiError } from '../../../types';
import {
  blockFor,
  countersAfterCancel,
  decideLeaveAnswer,
  decideLeaveRequest,
  mayPromote,
  DEFAULT_BLOCK_RULE,
  type BlockRule,
  type LeaveRecord,
  type NoShowMark,
  type RegistrationRecord,
  type SignupBlock,
} from '../../../core';
import type { ConductPort } from '../ports';
import type { SqliteKit } from './kit';
import { registrationFromRow, type RegistrationRow } from './rows';

export interface LeaveRow {
  event_id: string; student_no: string; status: string; reason: string; photo_file_id: string | null; created_at: string;
  decided_at: string | null; decided_by: string | null; decision_reason: string | null;
}

export const leaveFromRow = (r: LeaveRow): LeaveRecord => ({
  id: `${r.event_id}:${r.student_no}`, eventId: r.event_id, studentNo: r.student_no, status: r.status as LeaveRecord['status'],
  reason: r.reason, photoFileId: r.photo_file_id, createdAt: r.created_at, decidedAt: r.decided_at, decidedBy: r.decided_by,
  decisionReason: r.decision_reason,
});

const leaveToRow = (l: LeaveRecord): LeaveRow => ({
  event_id: l.eventId, student_no: l.studentNo, status: l.status, reason: l.reason, photo_file_id: l.photoFileId,
  created_at: l.createdAt, decided_at: l.decidedAt, decided_by: l.decidedBy, decision_reason: l.decisionReason,
});

export interface MarkRow {
  event_id: string; student_no: string; event_title: string; term: string; recorded_at: string; removed_at: string | null; removed_reason: string | null;
}

export const markFromRow = (r: MarkRow): NoShowMark => ({
  eventId: r.event_id, studentNo: r.student_no, eventTitle: r.event_title, term: r.term, recordedAt: r.recorded_at,
  removedAt: r.removed_at, removedReason: r.removed_reason,
});

interface BlockRow {
  student_no: string; term: string; until: string; marks: number; event_titles: string; reason: string; updated_at: string;
}

const blockFromRow = (r: BlockRow): SignupBlock => ({
  studentNo: r.student_no, term: r.term, until: r.until, marks: r.marks, eventTitles: JSON.parse(r.event_titles) as string[],
  reason: r.reason, updatedAt: r.updated_at,
});

/**
 * Leave, no-show marks and sign-up blocks on SQLite. Each change is one job of the group commit: it reads what the
 * rule needs, decides with the core and refuses before its first write.
 */
export function sqliteConduct(kit: SqliteKit): ConductPort {
  const { db } = kit;
  const q = {
    rule: db.prepare<[], string>('SELECT settings FROM conduct_settings WHERE id = 1').pluck(),
    putRule: db.prepare<[string, string]>(
      `INSERT INTO conduct_settings (id, settings, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    ),
    liftAll: db.prepare<[string, string, string]>('UPDATE signup_blocks SET until = ?, updated_at = ? WHERE until > ?'),
    block: db.prepare<[string], BlockRow>('SELECT * FROM signup_blocks WHERE student_no = ?'),
    putBlock: db.prepare<[BlockRow]>(
      `INSERT INTO signup_blocks (student_no, term, until, marks, event_titles, reason, updated_at)
       VALUES (@student_no, @term, @until, @marks, @event_titles, @reason, @updated_at)
       ON CONFLICT (student_no) DO UPDATE SET term = excluded.term, until = excluded.until, marks = excluded.marks,
         event_titles = excluded.event_titles, reason = excluded.reason, updated_at = excluded.updated_at`,
    ),
    leave: db.prepare<[string, string], LeaveRow>('SELECT * FROM leave_requests WHERE event_id = ? AND student_no = ?'),
    putLeave: db.prepare<[LeaveRow]>(
      `INSERT INTO leave_requests (event_id, student_no, status, reason, photo_file_id, created_at, decided_at, decided_by, decision_reason)
       VALUES (@event_id, @student_no, @status, @reason, @photo_file_id, @created_at, @decided_at, @decided_by, @decision_reason)
       ON CONFLICT (event_id, student_no) DO UPDATE SET status = excluded.status, reason = excluded.reason,
         photo_file_id = excluded.photo_file_id, created_at = excluded.created_at, decided_at = excluded.decided_at,
         decided_by = excluded.decided_by, decision_reason = excluded.decision_reason`,
    ),
    leaves: db.prepare<[{ events: string | null; status: string | null }], LeaveRow>(
      `SELECT * FROM leave_requests
        WHERE (@events IS NULL OR event_id IN (SELECT value FROM json_each(@events))) AND (@status IS NULL OR status = @status)
        ORDER BY created_at DESC, event_id, student_no`,
    ),
    mark: db.prepare<[string, string], MarkRow>('SELECT * FROM no_show_marks WHERE event_id = ? AND student_no = ?'),
    insertMark: db.prepare<[MarkRow]>(
      `INSERT INTO no_show_marks (event_id, student_no, event_title, term, recorded_at, removed_at, removed_reason)
       VALUES (@event_id, @student_no, @event_title, @term, @recorded_at, @removed_at, @removed_reason)
       ON CONFLICT (event_id, student_no) DO NOTHING`,
    ),
    removeMark: db.prepare<[string, string, string, string]>(
      'UPDATE no_show_marks SET removed_at = ?, removed_reason = ? WHERE event_id = ? AND student_no = ? AND removed_at IS NULL',
    ),
    marks: db.prepare<[string, string], MarkRow>('SELECT * FROM no_show_marks WHERE student_no = ? AND term = ? ORDER BY recorded_at, event_id'),
    firstInLine: db.prepare<[string], RegistrationRow>(
      "SELECT * FROM registrations WHERE event_id = ? AND status = 'waitlisted' ORDER BY waitlist_seq LIMIT 1",
    ),
    setCounters: db.prepare<[number, number, string]>('UPDATE events SET seats_left = ?, waitlist_count = ? WHERE id = ?'),
  };

  const ruleNow = (): BlockRule => {
    const stored = q.rule.get();
    return stored ? { ...DEFAULT_BLOCK_RULE, ...(JSON.parse(stored) as Partial<BlockRule>) } : { ...DEFAULT_BLOCK_RULE };
  };

  /**
   * The block the student's marks of the term call for, written (or ended at `now` when they no longer call for one).
   * Inside a job.
   */
  function settleBlock(studentNo: string, term: string, rule: BlockRule, now: Date): SignupBlock | null {
    const block = blockFor(studentNo, term, q.marks.all(studentNo, term).map(markFromRow), rule, now);
    const current = q.block.get(studentNo);
    if (block) {
      q.putBlock.run({ student_no: studentNo, term, until: block.until, marks: block.marks, event_titles: JSON.stringify(block.eventTitles), reason: block.reason, updated_at: block.updatedAt });
    } else if (current && current.term === term && Date.parse(current.until) > now.getTime()) {
      // Not enough standing marks any more: the block ends now (kept as a record of what was).
      q.putBlock.run({ ...current, until: now.toISOString(), updated_at: now.toISOString() });
    }
    return block;
  }

  return {
    async blockRule() {
      return ruleNow();
    },

    putBlockRule(rule, now, audit) {
      return kit.run(() => {
        q.putRule.run(JSON.stringify(rule), audit.at);
        const stamp = now.toISOString();
        const lifted = rule.enabled ? 0 : q.liftAll.run(stamp, stamp, stamp).changes;
        kit.audit(audit);
        return { lifted };
      });
    },

    async getSignupBlock(studentNo) {
      const row = q.block.get(studentNo);
      return row ? blockFromRow(row) : null;
    },

    async getLeave(eventId, studentNo) {
      const row = q.leave.get(eventId, studentNo);
      return row ? leaveFromRow(row) : null;
    },

    requestLeave(leave, now, audit) {
      return kit.run(() => {
        const event = kit.eventOf(leave.eventId);
        const registration = kit.registrationRow(leave.eventId, leave.studentNo);
        const existing = q.leave.get(leave.eventId, leave.studentNo);
        const decision = decideLeaveRequest(event, registration ? { status: registration.status as RegistrationRecord['status'] } : null, existing ? leaveFromRow(existing) : null, now);
        if (decision.kind === 'refuse') throw new ApiError(decision.code);
        q.putLeave.run(leaveToRow(leave));
        kit.audit(audit);
        return leave;
      });
    },

    async listLeaves(filter) {
      if (filter.eventIds && filter.eventIds.length === 0) return [];
      return q.leaves.all({ events: filter.eventIds ? JSON.stringify(filter.eventIds) : null, status: filter.status ?? null }).map(leaveFromRow);
    },

    decideLeave(eventId, studentNo, decision, rule, audit) {
      return kit.run(() => {
        const row = q.leave.get(eventId, studentNo);
        const answer = decideLeaveAnswer(row ? leaveFromRow(row) : null, decision.approve, decision.reason);
        if (answer.kind === 'refuse') throw new ApiError(answer.code, answer.code === 'INVALID_INPUT' ? '不批准请假须写明原因（reason），同学会看到' : undefined);
        const event = kit.eventOf(eventId);
        const stamp = decision.at.toISOString();
        const leave: LeaveRecord = {
          ...leaveFromRow(row!),
          status: answer.kind === 'approve' ? 'approved' : 'refused',
          decidedAt: stamp,
          decidedBy: decision.by,
          decisionReason: decision.reason,
        };
        let promoted: RegistrationRecord | null = null;
        let after = event;
        if (answer.kind === 'approve') {
          const reg = kit.registrationRow(eventId, studentNo);
          if (reg?.status === 'confirmed') {
            // Excused: the registration goes, and its seat to the first in line while the event has not started.
            kit.setRegistrationStatus(eventId, studentNo, 'cancelled', stamp);
            if (mayPromote(event, decision.at)) {
              const next = q.firstInLine.get(eventId);
              if (next) {
                kit.setRegistrationStatus(eventId, next.student_no, 'confirmed', stamp);
                promoted = { ...registrationFromRow(next), status: 'confirmed', updatedAt: stamp };
              }
            }
            const counters = countersAfterCancel(event, registrationFromRow(reg), promoted !== null);
            q.setCounters.run(counters.seatsLeft, counters.waitlistCount, eventId);
            after = { ...event, ...counters };
          }
          const mark = q.mark.get(eventId, studentNo);
          if (mark && q.removeMark.run(stamp, '请假已批准', eventId, studentNo).changes === 1) settleBlock(studentNo, mark.term, rule, decision.at);
        }
        q.putLeave.run(leaveToRow(leave));
        kit.audit(audit);
        return { leave, promoted, event: after };
      });
    },

    recordNoShowMark(mark, rule, now) {
      return kit.run(() => {
        const recorded = q.insertMark.run({
          event_id: mark.eventId, student_no: mark.studentNo, event_title: mark.eventTitle, term: mark.term,
          recorded_at: mark.recordedAt, removed_at: mark.removedAt, removed_reason: mark.removedReason,
        }).changes === 1;
        const block = recorded ? settleBlock(mark.studentNo, mark.term, rule, now) : null;
        return { recorded, block };
      });
    },

    removeNoShowMark(eventId, studentNo, reason, rule, now) {
      return kit.run(() => {
        const mark = q.mark.get(eventId, studentNo);
        if (!mark || q.removeMark.run(now.toISOString(), reason, eventId, studentNo).changes !== 1) return { removed: false, block: null };
        return { removed: true, block: settleBlock(studentNo, mark.term, rule, now) };
      });
    },

    async listNoShowMarks(studentNo, term) {
      return q.marks.all(studentNo, term).map(markFromRow);
    },
  };
}

import { ApiError } from '../../../types';
import {
  assignDraw,
  committedLottery,
  drawRefusal,
  mayTransition,
  needsCreditFacts,
  pseudonymOf,
  weightOf,
  type EventRecord,
  type PriorityRule,
} from '../../../core';
import type { LotteryPort } from '../ports';
import type { SqliteKit } from './kit';

/**
 * Lotteries on SQLite. Publishing and the draw are single jobs of the group commit: the draw reads the applications,
 * decides with the core and writes every placement, the event's counters and lottery and its audit entry in one
 * transaction, so the draw is decided and written at once (lottery.complete from the start).
 */
export function sqliteLottery(kit: SqliteKit): LotteryPort {
  const { db } = kit;
  const q = {
    insertSecrets: db.prepare<[{ event_id: string; seed: string; pseudonym_key: string; commitment: string; committed_at: string }]>(
      `INSERT OR REPLACE INTO lotteries (event_id, seed, pseudonym_key, commitment, committed_at)
       VALUES (@event_id, @seed, @pseudonym_key, @commitment, @committed_at)`,
    ),
    secrets: db.prepare<[string], { seed: string; pseudonym_key: string }>('SELECT seed, pseudonym_key FROM lotteries WHERE event_id = ?'),
    publish: db.prepare<[string, string, string]>("UPDATE events SET status = 'published', lottery = ?, updated_at = ? WHERE id = ?"),
    applied: db.prepare<[string], { student_no: string; lottery_weight: number | null }>(
      "SELECT student_no, lottery_weight FROM registrations WHERE event_id = ? AND status = 'applied'",
    ),
    countApplied: db.prepare<[string], number>("SELECT count(*) FROM registrations WHERE event_id = ? AND status = 'applied'").pluck(),
    place: db.prepare<[{ status: string; waitlist_seq: number | null; draw_rank: number; pseudonym: string; updated_at: string; event_id: string; student_no: string }]>(
      `UPDATE registrations SET status = @status, waitlist_seq = @waitlist_seq, draw_rank = @draw_rank,
              lottery_pseudonym = @pseudonym, updated_at = @updated_at
        WHERE event_id = @event_id AND student_no = @student_no AND status = 'applied'`,
    ),
    afterDraw: db.prepare<[number, number, number, string, string]>(
      'UPDATE events SET seats_left = ?, waitlist_count = ?, waitlist_seq = ?, lottery = ? WHERE id = ?',
    ),
    drawn: db.prepare<[string, number, number], { lottery_pseudonym: string; lottery_weight: number; draw_rank: number }>(
      `SELECT lottery_pseudonym, lottery_weight, draw_rank FROM registrations
        WHERE event_id = ? AND draw_rank IS NOT NULL ORDER BY lottery_pseudonym LIMIT ? OFFSET ?`,
    ),
  };

  return {
    publishLottery(eventId, secrets, now, audit) {
      return kit.run(() => {
        const current = kit.eventOf(eventId);
        if (!mayTransition(current.status, 'publish')) throw new ApiError('STATUS_CHANGE_NOT_ALLOWED');
        if (current.signupMode !== 'lottery') throw new ApiError('LOTTERY_NOT_LOTTERY');
        if (now.getTime() >= Date.parse(current.signupStartAt)) throw new ApiError('LOTTERY_TOO_LATE');
        const lottery = committedLottery(secrets.commitment, current.lotteryPriority, now);
        q.insertSecrets.run({ event_id: eventId, seed: secrets.seed, pseudonym_key: secrets.pseudonymKey, commitment: secrets.commitment, committed_at: now.toISOString() });
        q.publish.run(JSON.stringify(lottery), audit.at, eventId);
        kit.audit(audit);
        return { ...current, status: 'published' as const, lottery, updatedAt: audit.at };
      });
    },

    drawLottery(eventId, now, sha256, audit) {
      return kit.run(() => {
        const event = kit.eventOf(eventId);
        const refusal = drawRefusal(event, now);
        if (refusal) throw new ApiError(refusal);
        const secrets = q.secrets.get(eventId);
        if (!secrets) throw new Error(`lottery ${eventId} has no secrets`);
        const applicants = q.applied.all(eventId).map((r) => ({
          studentNo: r.student_no,
          pseudonym: pseudonymOf(secrets.pseudonym_key, r.student_no, sha256),
          weight: r.lottery_weight ?? 1,
        }));
        const { placements, counters, lottery } = assignDraw({ ...event, lottery: event.lottery! }, applicants, secrets.seed, sha256, now);
        const stamp = now.toISOString();
        for (const p of placements) {
          const changed = q.place.run({ status: p.status, waitlist_seq: p.waitlistSeq, draw_rank: p.rank, pseudonym: p.pseudonym, updated_at: stamp, event_id: eventId, student_no: p.studentNo });
          if (changed.changes !== 1) throw new Error(`application ${eventId}:${p.studentNo} changed during the draw`);
        }
        const complete = { ...lottery, complete: true };
        q.afterDraw.run(counters.seatsLeft, counters.waitlistCount, counters.waitlistSeq, JSON.stringify(complete), eventId);
        kit.audit(audit);
        const drawn: EventRecord = { ...event, ...counters, lottery: complete };
        return { event: drawn, placements, complete: true };
      });
    },

    async countLotteryApplications(eventId) {
      return q.countApplied.get(eventId)!;
    },

    async drawnApplicants(eventId, offset, limit) {
      return q.drawn.all(eventId, limit, offset).map((r) => ({ pseudonym: r.lottery_pseudonym, weight: r.lottery_weight, rank: r.draw_rank }));
    },
  };
}

/**
 * The weight an application gets under the event's committed rules, from what is on record now: the student's
 * college and the modules they have credits in (read only when a rule needs them). Used inside the sign-up job.
 */
export function sqliteLotteryWeight(kit: SqliteKit): (rules: readonly PriorityRule[], studentNo: string) => number {
  const college = kit.db.prepare<[string], string>('SELECT college FROM students WHERE student_no = ?').pluck();
  const modules = kit.db.prepare<[string], string>('SELECT module FROM credit_totals WHERE student_no = ? AND amount > 0').pluck();
  return (rules, studentNo) => {
    if (rules.length === 0) return 1;
    const needsCollege = rules.some((r) => r.kind === 'college');
    return weightOf(rules, {
      college: needsCollege ? (college.get(studentNo) ?? '') : '',
      modulesWithCredit: needsCreditFacts(rules) ? modules.all(studentNo) : [],
    });
  };
}

import { ApiError } from '../../../types';
import type { StudentProfile } from '../../../types';
import {
  decideCorrection,
  decideScan,
  registrationId,
  type AttendanceCounts,
  type AttendanceRecord,
  type AuditDraft,
  type CorrectionOp,
  type EventAttendanceRow,
  type EventRecord,
  type ScanAttempt,
  type ScanRecord,
  type StudentRecord,
} from '../../../core';
import type { CheckinPort } from '../ports';
import {
  attendanceFromDoc,
  attendanceId,
  attendanceToDoc,
  COLLECTIONS,
  eventFromDoc,
  registrationFromDoc,
  studentFromDoc,
} from './documents';
import { addToCounters, countsOf, scanFromDoc, scanToDoc, withDelta } from './checkin-documents';
import { AddFailed, addIn, readDoc, readEventIn, readRegistrationIn, type CloudbaseKit } from './kit';
import { memberGroups, writeScanGroup } from './scan-batch';
import type { WxTransaction } from './wx-db';

const { events: EVENTS, registrations: REGISTRATIONS, students: STUDENTS, attendance: ATTENDANCE, scans: SCANS } = COLLECTIONS;

/** What a conflicted check-in answers once the attempts are used up (BUSY's own text speaks of sign-ups). */
const CHECKIN_BUSY = '签到的人太多了，请稍后再试';

/**
 * Check-in on CloudBase: a scan or a correction is one transaction on the event, the member's registration and
 * `attendance/<eventId>:<studentNo>` (read by id; the decision is decideScan / decideCorrection), writing the
 * attendance, the event's counters (`_.inc`) and `scans/<scanId>` or the audit entry. A container runs its check-in
 * writes to one event one at a time, since they all write that event's counters (docs/cloudbase.md, "Check-in").
 */
export class CloudbaseCheckin implements CheckinPort {
  constructor(private readonly kit: CloudbaseKit) {}

  /**
   * One transaction, 2 operations: read the registration, write its next pass number. Only a confirmed registration
   * gets a pass (NOT_SIGNED_UP otherwise, nothing written).
   */
  async issuePassSeq(eventId: string, studentNo: string, now: Date): Promise<number> {
    void now; // the pass's own times are the caller's; the registration keeps its updatedAt
    const id = registrationId(eventId, studentNo);
    return this.kit.transact(async (t) => {
      const registration = await readRegistrationIn(t, eventId, studentNo);
      if (registration?.status !== 'confirmed') throw new ApiError('NOT_SIGNED_UP');
      const next = registration.passSeq + 1;
      await t.collection(REGISTRATIONS).doc(id).update({ data: { passSeq: next } });
      return next;
    });
  }

  async getScan(scanId: string): Promise<ScanRecord | null> {
    const doc = await readDoc(this.kit.db.collection(SCANS).doc(scanId));
    return doc ? scanFromDoc(doc) : null;
  }

  /** `_id` in …, a query per 100 ids, side by side. */
  async getScans(scanIds: readonly string[]): Promise<ScanRecord[]> {
    return (await this.kit.fetchByIds(SCANS, scanIds)).map(scanFromDoc);
  }

  /**
   * A batch in groups of members: each group is ONE transaction that reads the event, and the registrations and
   * attendance of its members side by side (`doc(id)` reads, one round trip), decides every scan of those members
   * in order (decideScan, as recordScan), then writes side by side the attendance that changed, every scan, and the
   * event's counters once. A group holds up to 20 members and 40 scans (at most ~100 operations, like a team's
   * sign-up); the groups of one event run one after another in the event's lane, since each writes its counters. So
   * 100 scans of 100 members are 5 transactions of 4 round trips each, not 100 transactions of 8.
   *
   * A scan id stored before (an upload sent twice at once) makes its group's `add` fail: the group's scan ids are
   * then read, those found are answered as duplicates, and the group is written again without them. Conflicts with
   * other containers re-run a group under the retry policy.
   */
  async recordScanBatch(
    eventId: string,
    scans: ReadonlyArray<{ scanId: string; attempt: ScanAttempt; offline: boolean }>,
    now: Date,
  ): Promise<{ outcomes: Array<{ duplicate: boolean; scan: ScanRecord }>; counts: AttendanceCounts }> {
    const outcomes: Array<{ duplicate: boolean; scan: ScanRecord } | undefined> = scans.map(() => undefined);
    // A scan id twice in the batch: the later one answers the earlier one's record.
    const firstOf = new Map<string, number>();
    const repeats: number[] = [];
    scans.forEach((s, i) => {
      if (firstOf.has(s.scanId)) repeats.push(i);
      else firstOf.set(s.scanId, i);
    });
    const groups = memberGroups(scans, [...firstOf.values()]);
    let counts: AttendanceCounts | null = null;
    await inEventLane(this.kit, eventId, async () => {
      for (const group of groups) {
        let todo = group;
        for (;;) {
          try {
            const written = await this.kit.transact((t) => writeScanGroup(this.kit, t, eventId, todo.map((i) => ({ i, ...scans[i] })), now), { busy: CHECKIN_BUSY });
            for (const { i, scan } of written.scans) outcomes[i] = { duplicate: false, scan };
            counts = written.counts;
            break;
          } catch (error) {
            if (!(error instanceof AddFailed) || error.collection !== SCANS) throw error;
            const stored = new Map((await this.getScans(todo.map((i) => scans[i].scanId))).map((scan) => [scan.scanId, scan] as const));
            if (!stored.size) throw error.original;
            for (const i of todo) {
              const scan = stored.get(scans[i].scanId);
              if (scan) outcomes[i] = { duplicate: true, scan };
            }
            todo = todo.filter((i) => !stored.has(scans[i].scanId));
            if (!todo.length) break;
          }
        }
      }
    });
    for (const i of repeats) outcomes[i] = { duplicate: true, scan: outcomes[firstOf.get(scans[i].scanId)!]!.scan };
    return { outcomes: outcomes.map((o) => o!), counts: counts ?? (await this.countsOrNotFound(eventId)) };
  }

  private async countsOrNotFound(eventId: string): Promise<AttendanceCounts> {
    return countsOf(await readEventIn(this.kit.db, eventId));
  }

  /**
   * One transaction of `doc(id)` operations and one `add`; 6 operations for a scan that records a check-in or out:
   * read the event, the registration and the attendance (`attendance/<eventId>:<studentNo>`), set the attendance,
   * `_.inc` the event's counter, add `scans/<scanId>`. A scan that changes nothing (already, refused) writes only
   * the scan: 4 operations. The scan document's `_id` is the scan id, so a scan id seen before cannot be stored twice:
   * its `add` fails, and only then (rare path) is the scan read, outside the transaction (scans are never changed or
   * deleted, so its existence is stable) and answered with `duplicate: true` and the counts the transaction read;
   * the transaction has undone the rest. A repeat costs 5 operations; reading the scan first would make every new
   * scan cost 7 instead of 6, which pays only if more than a third of the scans were repeats (offline batches are
   * uploaded again only when an answer was lost). Counts need no query: registered = capacity − seatsLeft, and the
   * check-in counters are on the event.
   */
  async recordScan(
    input: { scanId: string; eventId: string; attempt: ScanAttempt; offline: boolean },
    now: Date,
  ): Promise<{ duplicate: boolean; scan: ScanRecord; counts: AttendanceCounts }> {
    const { scanId, eventId, attempt, offline } = input;
    /** The event as the last attempt read it: what a repeated scan id answers. */
    let eventRead = null as EventRecord | null;
    const attemptScan = async (t: WxTransaction) => {
      const event = await readEventIn(t, eventId);
      eventRead = event;
      const registration = await readRegistrationIn(t, eventId, attempt.studentNo);
      const attendanceRef = t.collection(ATTENDANCE).doc(attendanceId(eventId, attempt.studentNo));
      const attendanceDoc = await readDoc(attendanceRef);
      const attendance = attendanceDoc ? attendanceFromDoc(attendanceDoc) : null;
      const decision = decideScan(event, registration, attendance, attempt, now);
      let after = event;
      if (decision.kind === 'record') {
        await attendanceRef.set({ data: attendanceToDoc(decision.attendance) });
        await addToCounters(this.kit, t, eventId, decision.delta);
        after = withDelta(event, decision.delta);
      }
      const scan: ScanRecord = {
        scanId,
        eventId,
        studentNo: attempt.studentNo,
        purpose: attempt.purpose,
        scannedAt: attempt.at.toISOString(),
        receivedAt: now.toISOString(),
        by: attempt.by,
        offline,
        outcome:
          decision.kind === 'refuse'
            ? { status: 'refused', code: decision.code, attendance: null }
            : { status: decision.kind === 'record' ? 'recorded' : 'already', code: null, attendance: decision.attendance },
      };
      await addIn(t, SCANS, scanId, scanToDoc(scan));
      return { duplicate: false, scan, counts: countsOf(after) };
    };
    try {
      return await inEventLane(this.kit, eventId, () => this.kit.transact(attemptScan, { busy: CHECKIN_BUSY }));
    } catch (error) {
      if (!(error instanceof AddFailed) || !eventRead) throw error;
      const seen = await this.getScan(scanId);
      if (!seen) throw error.original;
      return { duplicate: true, scan: seen, counts: countsOf(eventRead) };
    }
  }

  /**
   * One transaction, 6 operations: read event, registration and attendance; set the attendance, `_.inc` the event's
   * counters, add the audit entry. A refusal (decideCorrection) is thrown before any write.
   */
  async correctAttendance(
    input: { eventId: string; studentNo: string; op: CorrectionOp; at: Date; by: string },
    audit: AuditDraft,
    now: Date,
  ): Promise<{ attendance: AttendanceRecord; counts: AttendanceCounts }> {
    const { eventId, studentNo, op, at, by } = input;
    return inEventLane(this.kit, eventId, () =>
      this.kit.transact(
        async (t) => {
          const event = await readEventIn(t, eventId);
          const registration = await readRegistrationIn(t, eventId, studentNo);
          const attendanceRef = t.collection(ATTENDANCE).doc(attendanceId(eventId, studentNo));
          const attendanceDoc = await readDoc(attendanceRef);
          const current = attendanceDoc ? attendanceFromDoc(attendanceDoc) : null;
          const decision = decideCorrection(event, registration, current, { op, studentNo, at, by }, now);
          if (decision.kind === 'refuse') throw new ApiError(decision.code);
          await attendanceRef.set({ data: attendanceToDoc(decision.attendance) });
          await addToCounters(this.kit, t, eventId, decision.delta);
          await this.kit.addAudit(t, audit);
          return { attendance: decision.attendance, counts: countsOf(withDelta(event, decision.delta)) };
        },
        { busy: CHECKIN_BUSY },
      ),
    );
  }

  async getAttendance(eventId: string, studentNo: string): Promise<AttendanceRecord | null> {
    const doc = await readDoc(this.kit.db.collection(ATTENDANCE).doc(attendanceId(eventId, studentNo)));
    return doc ? attendanceFromDoc(doc) : null;
  }

  /** One read of the event: the counters live on it. */
  async attendanceCounts(eventId: string): Promise<AttendanceCounts | null> {
    const doc = await readDoc(this.kit.db.collection(EVENTS).doc(eventId));
    return doc ? countsOf(eventFromDoc(doc)) : null;
  }

  /**
   * Queries, no transaction: the confirmed registrations (by `_id`, i.e. by student number within the event) and
   * the attendance of the event, a page (100) per operation each; the registrations of those who have attendance but
   * no confirmed registration, and the roster profiles, by `_id` in batches of 100 (`_.in`), one operation each.
   * About 2 + 3·⌈n/100⌉ operations for n people. A student missing from the roster is left out.
   */
  async listEventAttendance(eventId: string): Promise<EventAttendanceRow[]> {
    const db = this.kit.db;
    const [confirmedDocs, attendanceDocs] = await Promise.all([
      this.kit.fetchAll(db.collection(REGISTRATIONS).where({ eventId, status: 'confirmed' }), []),
      this.kit.fetchAll(db.collection(ATTENDANCE).where({ eventId }), []),
    ]);
    const registrations = new Map(confirmedDocs.map(registrationFromDoc).map((r) => [r.studentNo, r] as const));
    const attendance = new Map(attendanceDocs.map(attendanceFromDoc).map((a) => [a.studentNo, a] as const));
    // Those who are not confirmed count only while checked in (a walk-in whose check-in was undone drops out).
    for (const [no, a] of attendance) if (!registrations.has(no) && !a.checkedInAt) attendance.delete(no);
    const others = [...attendance.keys()].filter((no) => !registrations.has(no));
    for (const doc of await this.kit.fetchByIds(REGISTRATIONS, others.map((no) => registrationId(eventId, no)))) {
      const r = registrationFromDoc(doc);
      registrations.set(r.studentNo, r);
    }
    const studentNos = [...new Set([...registrations.keys(), ...attendance.keys()])].sort();
    const students = new Map((await this.kit.fetchByIds(STUDENTS, studentNos)).map(studentFromDoc).map((s) => [s.studentNo, s] as const));
    const rows: EventAttendanceRow[] = [];
    for (const no of studentNos) {
      const student = students.get(no);
      if (!student) continue;
      const registration = registrations.get(no) ?? null;
      rows.push({
        student: profileOf(student),
        registration: registration && { status: registration.status, passSeq: registration.passSeq },
        attendance: attendance.get(no) ?? null,
      });
    }
    return rows;
  }

  /**
   * One transaction: read the event, write its `staffOpenids` (replaced whole, `_.set`) and add the audit entry
   * (3 operations). Adding someone already on the list, or removing someone not on it, writes nothing.
   */
  async setEventStaff(eventId: string, openid: string, assigned: boolean, audit: AuditDraft): Promise<string[]> {
    const _ = this.kit.command;
    return this.kit.transact(async (t) => {
      const event = await readEventIn(t, eventId);
      const staff = [...event.staffOpenids];
      const has = staff.includes(openid);
      if (has === assigned) return staff;
      const next = assigned ? [...staff, openid] : staff.filter((o) => o !== openid);
      await t.collection(EVENTS).doc(eventId).update({ data: { staffOpenids: _.set(next) } });
      await this.kit.addAudit(t, audit);
      return next;
    });
  }
}

/**
 * Runs this container's check-in writes to one event one after another. Each of them writes the event's counters,
 * so two of them in flight at once always conflict and one re-runs after a backoff: measured before this queue
 * existed, a batch of 200 offline scans uploaded with 8 in flight cost 14.6 operations a scan, some answered BUSY,
 * and took no less time than one at a time (6.0 operations a scan). Containers still race each other; the retries
 * handle that.
 */
function inEventLane<T>(kit: CloudbaseKit, eventId: string, run: () => Promise<T>): Promise<T> {
  return kit.inLane(`event:${eventId}`, run);
}

function profileOf(s: StudentRecord): StudentProfile {
  return {
    studentNo: s.studentNo,
    name: s.name,
    college: s.college,
    className: s.className,
    branch: s.branch,
    grade: s.grade,
    isLeagueMember: s.isLeagueMember,
  };
}

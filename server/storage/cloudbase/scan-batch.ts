import { decideScan, type AttendanceCounts, type CounterDelta, type ScanAttempt, type ScanRecord } from '../../../core';
import { addToCounters, countsOf, scanToDoc, withDelta } from './checkin-documents';
import { attendanceFromDoc, attendanceId, attendanceToDoc, COLLECTIONS } from './documents';
import { addIn, allInTransaction, readDoc, readEventIn, readRegistrationIn, type CloudbaseKit } from './kit';
import type { WxTransaction } from './wx-db';

/**
 * An offline batch of scans on CloudBase (CloudbaseCheckin.recordScanBatch): the batch in groups of whole members, each
 * group one transaction (docs/cloudbase.md, "An offline batch").
 */

const { attendance: ATTENDANCE, scans: SCANS } = COLLECTIONS;

/** Members per transaction of a batch, and scans per transaction (see recordScanBatch). */
const GROUP_MEMBERS = 20;
const GROUP_SCANS = 40;

/**
 * The batch's scans (indexes, the first of each scan id) in groups of whole members, in the order members first
 * appear: a member's scans always share a group, so they are decided in order against one attendance.
 */
export function memberGroups(scans: ReadonlyArray<{ attempt: ScanAttempt }>, indexes: readonly number[]): number[][] {
  const byMember = new Map<string, number[]>();
  for (const i of indexes) {
    const no = scans[i].attempt.studentNo;
    byMember.set(no, [...(byMember.get(no) ?? []), i]);
  }
  const groups: number[][] = [];
  let current: number[] = [];
  let members = 0;
  for (const list of byMember.values()) {
    if (current.length && (members >= GROUP_MEMBERS || current.length + list.length > GROUP_SCANS)) {
      groups.push(current);
      current = [];
      members = 0;
    }
    current.push(...list);
    members++;
  }
  if (current.length) groups.push(current);
  return groups;
}

/**
 * One group of a batch inside its transaction: reads side by side, decisions in order, writes side by side. Keeps no
 * state outside (the retry policy may run it again).
 */
export async function writeScanGroup(
  kit: CloudbaseKit,
  t: WxTransaction,
  eventId: string,
  group: ReadonlyArray<{ i: number; scanId: string; attempt: ScanAttempt; offline: boolean }>,
  now: Date,
): Promise<{ scans: Array<{ i: number; scan: ScanRecord }>; counts: AttendanceCounts }> {
  const members = [...new Set(group.map((s) => s.attempt.studentNo))];
  const [event, states] = await Promise.all([
    readEventIn(t, eventId),
    Promise.all(
      members.map(async (no) => {
        const [registration, attendanceDoc] = await Promise.all([
          readRegistrationIn(t, eventId, no),
          readDoc(t.collection(ATTENDANCE).doc(attendanceId(eventId, no))),
        ]);
        return [no, { registration, attendance: attendanceDoc ? attendanceFromDoc(attendanceDoc) : null, changed: false as boolean }] as const;
      }),
    ),
  ]);
  const state = new Map(states.map(([no, s]) => [no, { ...s }]));
  const delta: CounterDelta = { checkedIn: 0, checkedOut: 0 };
  const written: Array<{ i: number; scan: ScanRecord }> = [];
  for (const { i, scanId, attempt, offline } of group) {
    const member = state.get(attempt.studentNo)!;
    const decision = decideScan(event, member.registration, member.attendance, attempt, now);
    if (decision.kind === 'record') {
      member.attendance = decision.attendance;
      member.changed = true;
      delta.checkedIn += decision.delta.checkedIn;
      delta.checkedOut += decision.delta.checkedOut;
    }
    written.push({
      i,
      scan: {
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
      },
    });
  }
  await allInTransaction<unknown>([
    ...[...state].filter(([, m]) => m.changed).map(([no, m]) => t.collection(ATTENDANCE).doc(attendanceId(eventId, no)).set({ data: attendanceToDoc(m.attendance!) })),
    ...written.map(({ scan }) => addIn(t, SCANS, scan.scanId, scanToDoc(scan))),
    ...(delta.checkedIn || delta.checkedOut ? [addToCounters(kit, t, eventId, delta)] : []),
  ]);
  return { scans: written, counts: countsOf(withDelta(event, delta)) };
}


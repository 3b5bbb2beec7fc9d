import type { AttendanceCounts, CounterDelta, EventRecord, ScanOutcome, ScanRecord } from '../../../core';
import { attendanceFromDoc, attendanceToDoc, COLLECTIONS } from './documents';
import type { CloudbaseKit } from './kit';
import type { WxDoc, WxTransaction } from './wx-db';

/**
 * What the check-in area's writers share (checkin.ts, one scan or correction; scan-batch.ts, a batch of scans): the
 * event's counters and the scan documents (collections and fields: documents.ts).
 */

const { events: EVENTS } = COLLECTIONS;

/** `_.inc` of the event's check-in counters that change (the transaction has read the event, so it knows them). */
export async function addToCounters(kit: CloudbaseKit, t: WxTransaction, eventId: string, delta: CounterDelta): Promise<void> {
  const _ = kit.command;
  const data: Record<string, unknown> = {};
  if (delta.checkedIn) data.checkedInCount = _.inc(delta.checkedIn);
  if (delta.checkedOut) data.checkedOutCount = _.inc(delta.checkedOut);
  if (Object.keys(data).length) await t.collection(EVENTS).doc(eventId).update({ data });
}

export function countsOf(event: Pick<EventRecord, 'capacity' | 'seatsLeft' | 'checkedInCount' | 'checkedOutCount'>): AttendanceCounts {
  return { registered: event.capacity - event.seatsLeft, checkedIn: event.checkedInCount, checkedOut: event.checkedOutCount };
}

export function withDelta(event: EventRecord, delta: CounterDelta): EventRecord {
  return { ...event, checkedInCount: event.checkedInCount + delta.checkedIn, checkedOutCount: event.checkedOutCount + delta.checkedOut };
}

/** `_id` is the scan id. */
export function scanToDoc(s: ScanRecord): Record<string, unknown> {
  return {
    eventId: s.eventId,
    studentNo: s.studentNo,
    purpose: s.purpose,
    scannedAt: s.scannedAt,
    receivedAt: s.receivedAt,
    by: s.by,
    offline: s.offline,
    outcome: {
      status: s.outcome.status,
      code: s.outcome.code,
      attendance: s.outcome.attendance && attendanceToDoc(s.outcome.attendance),
    },
  };
}

export function scanFromDoc(d: WxDoc): ScanRecord {
  const outcome = (d.outcome ?? {}) as Record<string, unknown>;
  return {
    scanId: String(d._id),
    eventId: d.eventId as string,
    studentNo: d.studentNo as string,
    purpose: d.purpose as ScanRecord['purpose'],
    scannedAt: d.scannedAt as string,
    receivedAt: d.receivedAt as string,
    by: d.by as string,
    offline: d.offline === true,
    outcome: {
      status: outcome.status as ScanOutcome['status'],
      code: typeof outcome.code === 'string' ? (outcome.code as ScanOutcome['code']) : null,
      attendance: outcome.attendance && typeof outcome.attendance === 'object' ? attendanceFromDoc(outcome.attendance as WxDoc) : null,
    },
  };
}

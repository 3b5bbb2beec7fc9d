import {
  attendanceHours,
  attendanceKeyBase,
  creditsForAttendance,
  isKeyOfBase,
  type AttendanceRecord,
  type AwardDraft,
  type CreditRule,
  type EventRecord,
  type LedgerEntry,
  type ScanRecord,
  type SettlementTarget,
} from '../../../core';
import type { StoragePort } from '../../storage/ports';

/**
 * Awarding credits from attendance, "at once": every change of an attendance (a scan, a self check-in, an officer's
 * correction) settles the attendance's source — `attendanceKeyBase(event, student)` — to what the attendance is worth
 * now. The ledger is keyed by the source, so settling again (a retried request, an offline batch uploaded twice, a
 * crash between recording the scan and settling) writes nothing, an undone check-in is reversed, and an award from an
 * accepted appeal is not doubled by a late check-in. Pure parts (what a rule reads as, what a target is) are exported
 * for the appeal handler and the tests.
 */

/** Hundredths as a person reads credits: 200 → "2", 50 → "0.5", 25 → "0.25". */
export function creditText(hundredths: number): string {
  return String(Math.round(hundredths) / 100);
}

/** The rule in words, stored on the entry: '按次 2 学分', '按时长 0.5 学分/小时（上限 3）'. */
export function ruleText(rule: CreditRule): string {
  if (rule.kind === 'fixed') return `按次 ${creditText(rule.amount)} 学分`;
  if (rule.kind === 'per_hour') return `按时长 ${creditText(rule.perHour)} 学分/小时（上限 ${creditText(rule.cap)}）`;
  return '不计学分';
}

/** Whether attending the event can earn anything at all (appeals for an event without credits make no sense). */
export function eventEarnsCredits(event: Pick<EventRecord, 'creditRule'>): boolean {
  const base = event.creditRule.base;
  if (base.kind === 'fixed') return base.amount > 0;
  if (base.kind === 'per_hour') return base.perHour > 0 && base.cap > 0;
  return false;
}

/** What this attendance is worth now under the event's rule, as a settlement target (null: nothing). */
export function attendanceTarget(
  event: Pick<EventRecord, 'id' | 'creditRule' | 'checkoutRequired' | 'startAt' | 'endAt' | 'minStayRatio'>,
  studentNo: string,
  attendance: Pick<AttendanceRecord, 'checkedInAt' | 'checkedOutAt'> | null,
  by: string,
  now: Date,
): SettlementTarget {
  const { hours, counted } = attendanceHours(event, attendance);
  const credit = creditsForAttendance(event.creditRule, {
    checkedIn: Boolean(attendance?.checkedInAt),
    checkoutRequired: event.checkoutRequired,
    hours,
    hoursCounted: counted,
  });
  if (!credit) return null;
  return draft(event, studentNo, credit, 'attendance', ruleText(event.creditRule.base), null, by, now);
}

/** The event's length in hours, rounded down to 0.1 (what an accepted appeal credits when no hours are given). */
export function eventLengthHours(event: Pick<EventRecord, 'startAt' | 'endAt'>): number {
  const ms = Math.max(0, Date.parse(event.endAt) - Date.parse(event.startAt));
  return Math.floor(ms / 360_000) / 10;
}

/**
 * What an accepted appeal credits: the event's rule as if the student had attended (the whole event, or `hours` for
 * an event that pays per hour). The appeal is the source type; the key base is the attendance's, so a later
 * check-in of the same student settles to the same award and writes nothing.
 */
export function appealTarget(
  event: Pick<EventRecord, 'id' | 'creditRule' | 'checkoutRequired' | 'startAt' | 'endAt'>,
  studentNo: string,
  appealId: string,
  hours: number | undefined,
  reason: string,
  by: string,
  now: Date,
): SettlementTarget {
  const credited = hours ?? (event.checkoutRequired || event.creditRule.base.kind === 'per_hour' ? eventLengthHours(event) : 0);
  const credit = creditsForAttendance(event.creditRule, {
    checkedIn: true,
    checkoutRequired: event.checkoutRequired || event.creditRule.base.kind === 'per_hour',
    hours: credited,
    hoursCounted: true,
  });
  if (!credit) return null;
  return draft(event, studentNo, credit, 'appeal', `申诉通过（${ruleText(event.creditRule.base)}）· ${appealId}`, reason, by, now);
}

function draft(
  event: Pick<EventRecord, 'id'>,
  studentNo: string,
  credit: { module: string; amount: number; hours: number },
  sourceType: 'attendance' | 'appeal',
  rule: string,
  reason: string | null,
  by: string,
  now: Date,
): AwardDraft {
  return {
    base: attendanceKeyBase(event.id, studentNo),
    studentNo,
    module: credit.module,
    amount: credit.amount,
    hours: credit.hours,
    sourceType,
    eventId: event.id,
    rule,
    reason,
    confirmedBy: by,
    at: now.toISOString(),
  };
}

/**
 * Settles the student's attendance credit for the event to what `attendance` is worth now. `reason` is written on
 * a reversal, if the settlement needs one (an undone check-in, a shorter stay after a correction).
 */
export function settleAttendance(
  storage: Pick<StoragePort, 'settleCredit'>,
  event: EventRecord,
  studentNo: string,
  attendance: Pick<AttendanceRecord, 'checkedInAt' | 'checkedOutAt'> | null,
  by: string,
  reason: string,
  now: Date,
): Promise<LedgerEntry[]> {
  const target = attendanceTarget(event, studentNo, attendance, by, now);
  return storage.settleCredit(studentNo, attendanceKeyBase(event.id, studentNo), target, by, reason, now);
}

/** Written on a reversal that follows a scan (a later check-out that shortens what counts, in principle). */
const SCAN_REASON = '签到记录变化，按新的签到记录重新核算';

/** What a scan left to settle for one member: the attendance its atomic step answered, or unknown (read it). */
export interface PendingSettlement {
  /** undefined: read the current attendance (the scan was a duplicate, and its stored attendance may be stale). */
  attendance: Pick<AttendanceRecord, 'checkedInAt' | 'checkedOutAt'> | null | undefined;
  /** Who confirmed it: the scanning officer, or the student for an event code. */
  by: string;
}

/**
 * What a scan means for the member's credit, to be settled once the scan is answered: nothing for a refused scan
 * (it changed nothing); for a scan answered from storage as a duplicate, the current attendance (an officer may have
 * undone it since); else the attendance the scan's own atomic step left (recorded, or 已签到). Settling what is
 * already settled writes nothing, which is what heals a crash between recording a scan and settling it: the retry of
 * the same scan settles.
 */
export function pendingAfterScan(event: Pick<EventRecord, 'id'>, scan: ScanRecord, duplicate: boolean): PendingSettlement | null {
  if (scan.outcome.status === 'refused' || scan.eventId !== event.id) return null;
  return { attendance: duplicate ? undefined : scan.outcome.attendance, by: scan.by };
}

/** Members settled at once after an upload: different members are independent, and SQLite commits them together. */
const SETTLE_CONCURRENCY = 32;

/**
 * Settles each member's credit for the event once, after a scan or a batch of scans (the last scan of a member
 * carries the attendance that counts). Members go to storage side by side, so a batch of 500 costs a few commits.
 */
export async function settleMembers(
  storage: Pick<StoragePort, 'settleCredit' | 'getAttendance'>,
  event: EventRecord,
  members: ReadonlyMap<string, PendingSettlement>,
  now: Date,
): Promise<void> {
  const list = [...members];
  for (let i = 0; i < list.length; i += SETTLE_CONCURRENCY) {
    await Promise.all(
      list.slice(i, i + SETTLE_CONCURRENCY).map(async ([studentNo, pending]) => {
        const attendance = pending.attendance === undefined ? await storage.getAttendance(event.id, studentNo) : pending.attendance;
        await settleAttendance(storage, event, studentNo, attendance, pending.by, SCAN_REASON, now);
      }),
    );
  }
}

/** One scan's settlement (a self check-in). */
export async function settleAfterScan(
  storage: Pick<StoragePort, 'settleCredit' | 'getAttendance'>,
  event: EventRecord,
  scan: ScanRecord,
  duplicate: boolean,
  now: Date,
): Promise<void> {
  const pending = pendingAfterScan(event, scan, duplicate);
  if (pending) await settleMembers(storage, event, new Map([[scan.studentNo, pending]]), now);
}

/** The award of `base` that stands (not reversed), if any: whether a source is credited. */
export function activeAward(entries: readonly LedgerEntry[], base: string): LedgerEntry | null {
  const reversed = new Set(entries.filter((e) => e.kind === 'reversal').map((e) => e.reverses));
  return entries.find((e) => e.kind === 'award' && !reversed.has(e.key) && isKeyOfBase(e.key, base)) ?? null;
}

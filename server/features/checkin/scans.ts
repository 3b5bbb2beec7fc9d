import type { ActionOutput, ActionParsedInput, AttendanceCountsView, ScanResult } from '../../../types';
import { pendingAfterScan, settleMembers, type PendingSettlement } from '../credits/settle-attendance';
import { toBase64Url, verifyMemberCode, type AttendanceCounts, type ScanAttempt, type ScanRecord } from '../../../core';
import { nodeEd25519Verify, type CheckinKeyring } from '../../security/checkin-keys';
import { currentCounts, requireCheckinStaff, requireKeyring, toCheckinEvent, toCountsView } from './common';
import { refusedResult, resultOfScan } from './results';
import type { HandlerContext } from '../shared/context';

/** How far an offline scan's own time may lie from the server's: a phone a little fast, or a week without signal. */
const OFFLINE_FUTURE_MS = 2 * 60_000;
const OFFLINE_PAST_MS = 7 * 86_400_000;

/**
 * The officer's scans of member codes (反扫): one at a time online, or an offline queue once back online, in calls of
 * at most MAX_SCANS_PER_CALL (100). Every scan gets a result — refusals are results, shown on the scanner; only
 * problems of the request itself (the event, the caller, the input) refuse the whole call.
 *
 * The work is done in bulk: the scan ids seen before are read in one go (a retry may arrive after its code's window
 * has passed: it is answered what was decided then), the codes are verified in memory, the new scans go to storage as
 * one batch (recordScanBatch: different members side by side, a member's scans in order), the members' profiles are
 * read in one go, and the credits of the members settled side by side.
 */
export async function recordScans(input: ActionParsedInput<'recordScans'>, ctx: HandlerContext): Promise<ActionOutput<'recordScans'>> {
  const { event, openid } = await requireCheckinStaff(input.eventId, ctx);
  const keyring = requireKeyring(ctx);
  const now = ctx.now();
  const results: Array<ScanResult | undefined> = new Array(input.scans.length);
  /** Each result's member (student number), filled in with profiles at the end. */
  const memberOf: Array<string | null> = input.scans.map(() => null);
  const stored = new Map((await ctx.storage.getScans(input.scans.map((s) => s.scanId))).map((scan) => [scan.scanId, scan] as const));
  // Credits at once (server/features/credits/settle-attendance.ts), settled per member after the scans: a member's
  // scans are decided in order, so the last one noted carries the attendance that counts. Keyed by the attendance.
  const toSettle = new Map<string, PendingSettlement>();
  const noteSettlement = (studentNo: string, pending: PendingSettlement | null) => {
    if (pending) toSettle.set(studentNo, pending);
  };
  const batch: Array<{ i: number; scanId: string; attempt: ScanAttempt; offline: boolean }> = [];
  const answered: Array<{ i: number; scan: ScanRecord; duplicate: boolean }> = [];

  input.scans.forEach((scan, i) => {
    const seen = stored.get(scan.scanId);
    if (seen) {
      if (seen.eventId !== event.id) {
        results[i] = refusedResult(scan.scanId, scan.purpose, 'INVALID_INPUT', null, '扫码编号与另一个活动的记录重复，请重新扫码');
        return;
      }
      answered.push({ i, scan: seen, duplicate: true });
      return;
    }
    const at = scan.offline ? new Date(scan.scannedAt) : now;
    const drift = at.getTime() - now.getTime();
    if (Number.isNaN(drift) || drift > OFFLINE_FUTURE_MS || drift < -OFFLINE_PAST_MS) {
      results[i] = refusedResult(scan.scanId, scan.purpose, 'SCAN_TIME_INVALID', null);
      return;
    }
    const check = verifyMemberCode(scan.code, { eventId: event.id, purpose: scan.purpose, at, trustedKeys: keyring.trusted }, nodeEd25519Verify);
    if (!check.ok) {
      results[i] = refusedResult(scan.scanId, scan.purpose, check.code, null);
      memberOf[i] = check.claims?.s ?? null;
      return;
    }
    const attempt: ScanAttempt = { studentNo: check.claims.s, purpose: scan.purpose, at, by: openid, method: 'member_code', passSeq: check.claims.q };
    batch.push({ i, scanId: scan.scanId, attempt, offline: scan.offline });
  });

  let counts: AttendanceCounts | null = null;
  if (batch.length) {
    const written = await ctx.storage.recordScanBatch(event.id, batch, now);
    written.outcomes.forEach((o, k) => answered.push({ i: batch[k].i, ...o }));
    counts = written.counts;
  }
  // In the order of the upload: a member's last scan carries the attendance to settle.
  answered.sort((a, b) => a.i - b.i);
  for (const { i, scan, duplicate } of answered) {
    // A retried upload also settles: the first attempt may have stopped between the scan and its credit.
    noteSettlement(scan.studentNo, pendingAfterScan(event, scan, duplicate));
    memberOf[i] = scan.studentNo;
  }
  const wanted = [...new Set(memberOf.filter((no): no is string => no !== null))];
  const [profiles] = await Promise.all([
    wanted.length ? ctx.storage.findStudentsByNos(wanted) : Promise.resolve([]),
    // Before answering: a credit that fails to settle fails the request, and the app's retry (answered as
    // duplicates) settles it then.
    settleMembers(ctx.storage, event, toSettle, now),
  ]);
  const members = new Map(profiles.map((s) => [s.studentNo, { studentNo: s.studentNo, name: s.name, className: s.className }] as const));
  const memberAt = (i: number) => (memberOf[i] ? (members.get(memberOf[i]!) ?? null) : null);
  for (const { i, scan, duplicate } of answered) results[i] = resultOfScan(scan, duplicate, memberAt(i));
  input.scans.forEach((_, i) => {
    const r = results[i]!;
    if (r.status === 'refused' && !r.member && memberOf[i]) results[i] = { ...r, member: memberAt(i) };
  });
  // The counters the batch's own writes answered; nothing written (all repeats or refusals): read them once.
  const view: AttendanceCountsView = counts ? toCountsView(counts) : await currentCounts(event, ctx);
  return { results: results as ScanResult[], counts: view };
}

/**
 * What an officer's phone downloads before going where there is no signal: the event's rules, the server's public
 * keys (never a private one), and each confirmed member with their current pass number and attendance, so that the
 * phone judges codes as the server would — revoked passes and cancelled registrations included.
 */
export async function getCheckinPackage(
  input: ActionParsedInput<'getCheckinPackage'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'getCheckinPackage'>> {
  const { event } = await requireCheckinStaff(input.eventId, ctx);
  const keyring = requireKeyring(ctx);
  const now = ctx.now();
  const [rows, counts] = await Promise.all([ctx.storage.listEventAttendance(event.id), currentCounts(event, ctx)]);
  const members = rows
    .filter((r) => r.registration?.status === 'confirmed')
    .map((r) => ({
      studentNo: r.student.studentNo,
      name: r.student.name,
      className: r.student.className,
      passSeq: r.registration!.passSeq,
      checkedInAt: r.attendance?.checkedInAt ?? null,
      checkedOutAt: r.attendance?.checkedOutAt ?? null,
    }));
  return { event: toCheckinEvent(event), keys: publicKeysOf(keyring), members, counts, downloadedAt: now.toISOString() };
}

export function publicKeysOf(keyring: CheckinKeyring): Array<{ kid: string; publicKey: string }> {
  return Object.entries(keyring.trusted).map(([kid, key]) => ({ kid, publicKey: toBase64Url(key) }));
}

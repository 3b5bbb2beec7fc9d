import { ApiError, type ActionOutput, type ActionParsedInput, type AttendanceCountsView, type ScanResult } from '../../../types';
import { pendingAfterScan, settleMembers, type PendingSettlement } from '../credits/settle-attendance';
import { readPassClaims, toBase64Url, verifyMemberCode, type AttendanceCounts } from '../../../core';
import { nodeEd25519Verify, type CheckinKeyring } from '../../security/checkin-keys';
import { currentCounts, requireCheckinStaff, requireKeyring, toCheckinEvent, toCountsView } from './common';
import { memberLookup, refusedResult, resultOfScan } from './results';
import type { HandlerContext } from '../shared/context';

type Scan = ActionParsedInput<'recordScans'>['scans'][number];

/** How far an offline scan's own time may lie from the server's: a phone a little fast, or a week without signal. */
const OFFLINE_FUTURE_MS = 2 * 60_000;
const OFFLINE_PAST_MS = 7 * 86_400_000;
/**
 * Scans of different members of one batch go to storage side by side (SQLite commits them in one group; CloudBase
 * runs small transactions in parallel); scans of one member stay in order, so a batch's check-in precedes its
 * check-out. Bounded so one upload cannot flood the database.
 */
const BATCH_CONCURRENCY = 8;

/**
 * The officer's scans of member codes (反扫): one at a time online, or a batch of offline scans once back online.
 * Every scan gets a result — refusals are results, shown on the scanner; only problems of the request itself (the
 * event, the caller, the input) refuse the whole call.
 */
export async function recordScans(input: ActionParsedInput<'recordScans'>, ctx: HandlerContext): Promise<ActionOutput<'recordScans'>> {
  const { event, openid } = await requireCheckinStaff(input.eventId, ctx);
  const keyring = requireKeyring(ctx);
  const now = ctx.now();
  const member = memberLookup(ctx);
  const results: ScanResult[] = new Array(input.scans.length);
  const written: AttendanceCounts[] = [];
  // Credits at once (server/features/credits/settle-attendance.ts), settled per member after the scans: a member's scans run
  // in order, so the last one noted carries the attendance that counts. Keyed by the attendance: never twice.
  const toSettle = new Map<string, PendingSettlement>();
  const noteSettlement = (studentNo: string, pending: PendingSettlement | null) => {
    if (pending) toSettle.set(studentNo, pending);
  };

  const one = async (scan: Scan): Promise<ScanResult> => {
    // A retry may arrive after its code's window has passed: answer what was decided then, before verifying again.
    const stored = await ctx.storage.getScan(scan.scanId);
    if (stored) {
      if (stored.eventId !== event.id) {
        return refusedResult(scan.scanId, scan.purpose, 'INVALID_INPUT', null, '扫码编号与另一个活动的记录重复，请重新扫码');
      }
      // A retried upload also settles: the first attempt may have stopped between the scan and its credit.
      noteSettlement(stored.studentNo, pendingAfterScan(event, stored, true));
      return resultOfScan(stored, true, await member(stored.studentNo));
    }
    const at = scan.offline ? new Date(scan.scannedAt) : now;
    const drift = at.getTime() - now.getTime();
    if (Number.isNaN(drift) || drift > OFFLINE_FUTURE_MS || drift < -OFFLINE_PAST_MS) {
      return refusedResult(scan.scanId, scan.purpose, 'SCAN_TIME_INVALID', null);
    }
    const check = verifyMemberCode(scan.code, { eventId: event.id, purpose: scan.purpose, at, trustedKeys: keyring.trusted }, nodeEd25519Verify);
    if (!check.ok) {
      return refusedResult(scan.scanId, scan.purpose, check.code, check.claims ? await member(check.claims.s) : null);
    }
    const { claims } = check;
    const outcome = await ctx.storage.recordScan(
      {
        scanId: scan.scanId,
        eventId: event.id,
        attempt: { studentNo: claims.s, purpose: scan.purpose, at, by: openid, method: 'member_code', passSeq: claims.q },
        offline: scan.offline,
      },
      now,
    );
    written.push(outcome.counts);
    noteSettlement(claims.s, pendingAfterScan(event, outcome.scan, outcome.duplicate));
    return resultOfScan(outcome.scan, outcome.duplicate, await member(claims.s));
  };

  const store = async (scan: Scan, i: number) => {
    results[i] = await one(scan);
  };
  // Members whose scans met a busy database (CloudBase: concurrent transactions on the event's counters) are tried
  // again one at a time; if the database is still busy, the whole upload is answered BUSY and can be sent again,
  // since every scan already stored is answered as a duplicate.
  const deferred = await forEachInOrderPerKey(input.scans, schedulingKey, BATCH_CONCURRENCY, store);
  if (deferred.length) await forEachInOrderPerKey(input.scans, () => 'one at a time', 1, store, deferred, false);
  // Before answering: a credit that fails to settle fails the request, and the app's retry (answered as duplicates)
  // settles it then.
  await settleMembers(ctx.storage, event, toSettle, now);
  // One scan (the online case): the counters its own write answered. A batch: read them once at the end, since
  // writes of different members finished in no particular order.
  const counts: AttendanceCountsView =
    written.length === 1 && input.scans.length === 1 ? toCountsView(written[0]) : await currentCounts(event, ctx);
  return { results, counts };
}

/** Groups a batch by member for ordering only: the student named in the code, unverified (a forged one is refused anyway). */
function schedulingKey(scan: Scan): string {
  const [, claims, signature] = scan.code.split('.');
  const student = claims && signature ? readPassClaims(`${claims}.${signature}`)?.s : undefined;
  return student ? `s:${student}` : `x:${scan.scanId}`;
}

/**
 * Runs `fn` over the items (or only `only`, indexes), items of one key in order, up to `limit` keys at once. With
 * `deferBusy`, a key whose item is refused BUSY stops there, and its remaining indexes are answered for a later try.
 */
async function forEachInOrderPerKey<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
  only: readonly number[] = items.map((_, i) => i),
  deferBusy = true,
): Promise<number[]> {
  const queues = new Map<string, number[]>();
  for (const i of only) {
    const key = keyOf(items[i]);
    const queue = queues.get(key);
    if (queue) queue.push(i);
    else queues.set(key, [i]);
  }
  const lists = [...queues.values()];
  const deferred: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < lists.length) {
      const list = lists[next++];
      for (let k = 0; k < list.length; k++) {
        try {
          await fn(items[list[k]], list[k]);
        } catch (error) {
          if (!deferBusy || !(error instanceof ApiError) || error.code !== 'BUSY') throw error;
          deferred.push(...list.slice(k));
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, lists.length) }, worker));
  return deferred.sort((a, b) => a - b);
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

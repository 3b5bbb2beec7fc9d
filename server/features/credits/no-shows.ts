import { isKeyOfBase, noShowKeyBase, noShowPenalty, type EventRecord, type LedgerEntry } from '../../../core';
import type { StoragePort } from '../../storage/ports';
import { activeAward, creditText } from './settle-attendance';

/**
 * The committee's optional no-show rule: once an event is over, every confirmed member who never checked in gets a
 * ledger entry for the no-show (source type 'no_show', key `nos:<event>:<student>`): 0 while under the threshold,
 * the policy's penalty from then on. Entries are recorded only after offline scans can no longer arrive (they are
 * accepted for 7 days) — a week's delay is fair for a penalty and leaves time for corrections and appeals — and a
 * later correction that checks the member in reverses it (correctAttendance). Keyed by source, so the job may run any
 * number of times.
 */
const SETTLE_AFTER_MS = 7 * 86_400_000 + 3_600_000;
/** How far back the job looks (events that ended longer ago were handled by earlier runs). */
const LOOK_BACK_MS = 14 * 86_400_000;

export async function applyNoShowPenalties(storage: StoragePort, now: Date): Promise<number> {
  const { noShow } = await storage.creditSettings();
  if (!noShow.enabled) return 0;
  const until = now.getTime() - SETTLE_AFTER_MS;
  const events = (await storage.listEvents({})).filter((e) => {
    const end = Date.parse(e.endAt);
    return (e.status === 'published' || e.status === 'closed') && end <= until && end > until - LOOK_BACK_MS;
  });
  events.sort((a, b) => a.endAt.localeCompare(b.endAt));
  let written = 0;
  for (const event of events) {
    for (const row of await storage.listEventAttendance(event.id)) {
      if (row.registration?.status !== 'confirmed' || row.attendance?.checkedInAt) continue;
      written += await recordNoShow(storage, event, row.student.studentNo, noShow, now);
    }
  }
  return written;
}

async function recordNoShow(
  storage: StoragePort,
  event: EventRecord,
  studentNo: string,
  policy: { threshold: number; module: string; amount: number; enabled: boolean },
  now: Date,
): Promise<number> {
  const base = noShowKeyBase(event.id, studentNo);
  const ledger = await storage.listLedger(studentNo);
  // Recorded before (or recorded and reversed by a correction): settled once and for all.
  if (ledger.some((e) => isKeyOfBase(e.key, base) || e.reverses !== null && isKeyOfBase(e.reverses, base))) return 0;
  const prior = countNoShows(ledger);
  const penalty = noShowPenalty(policy, prior);
  const entries = await storage.settleCredit(
    studentNo,
    base,
    {
      base,
      studentNo,
      module: policy.module,
      amount: 0 - penalty,
      hours: 0,
      sourceType: 'no_show',
      eventId: event.id,
      rule: penalty ? `缺席（第 ${prior + 1} 次，扣 ${creditText(penalty)} 学分）` : `缺席（第 ${prior + 1} 次，未扣分）`,
      reason: null,
      confirmedBy: 'system',
      at: now.toISOString(),
    },
    'system',
    '',
    now,
  );
  return entries.length;
}

/** No-shows on record: standing (not reversed) no-show entries, one per event. */
export function countNoShows(ledger: readonly LedgerEntry[]): number {
  const bases = new Set(ledger.filter((e) => e.sourceType === 'no_show' && e.kind === 'award').map((e) => e.key.replace(/#\d+$/, '')));
  let n = 0;
  for (const base of bases) if (activeAward(ledger, base)) n++;
  return n;
}

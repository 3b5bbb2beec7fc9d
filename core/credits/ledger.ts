import { addTo, newTally } from '../tally';

/**
 * The credit ledger. Every credit is an entry with its source; entries are never edited or deleted; a correction is
 * a reversing entry. The ledger's key is the SOURCE, not the call: an attendance confirmed twice (a retried request,
 * an offline batch uploaded again, an appeal accepted after a late check-in) maps to the same key and yields one
 * entry. After a reversal the same source may be awarded again under the next generation of its key.
 */
export type LedgerKind = 'award' | 'reversal' | 'penalty';
/** contest: 百生讲坛 — entering, advancing, an award (core/contest/credits.ts). */
export type SourceType = 'attendance' | 'assessment' | 'appeal' | 'manual' | 'team' | 'no_show' | 'contest';

export interface LedgerEntry {
  /** Unique. `<base>` for the first award of a source, `<base>#<n>` for the n-th after reversals, `rev:<key>`. */
  key: string;
  studentNo: string;
  module: string;
  /** Hundredths of a credit; negative for reversals and penalties. */
  amount: number;
  /** Volunteer hours carried by the entry (negative on a reversal). */
  hours: number;
  kind: LedgerKind;
  sourceType: SourceType;
  eventId: string | null;
  /** The rule or appeal the entry came from, readable: 'fixed 2 学分', 'appeal a-12', ... */
  rule: string;
  /** Key of the entry this one reverses. */
  reverses: string | null;
  reason: string | null;
  /** Account (openid) or 'system' that confirmed it. */
  confirmedBy: string;
  at: string;
}

export type AwardDraft = Omit<LedgerEntry, 'key' | 'kind' | 'reverses'> & { base: string };

/** The base key of the credit for attending an event: attendance, appeal and team review share it. */
export function attendanceKeyBase(eventId: string, studentNo: string): string {
  return `att:${eventId}:${studentNo}`;
}

export function assessmentKeyBase(eventId: string, studentNo: string): string {
  return `asm:${eventId}:${studentNo}`;
}

/** The base of an award key (`att:e:s#2` → `att:e:s`). */
export function baseOf(key: string): string {
  const hash = key.lastIndexOf('#');
  return hash > 0 ? key.slice(0, hash) : key;
}

/**
 * Whether to write an award, given the entries already on the ledger for the same base key (awards and their
 * reversals). Answers the entry to write, or null when the source is already credited and not reversed.
 */
export function decideAward(existing: readonly LedgerEntry[], draft: AwardDraft): LedgerEntry | null {
  const awards = existing.filter((e) => e.kind === 'award' && baseOf(e.key) === draft.base);
  const reversed = new Set(existing.filter((e) => e.kind === 'reversal').map((e) => e.reverses));
  if (awards.some((a) => !reversed.has(a.key))) return null;
  const key = awards.length === 0 ? draft.base : `${draft.base}#${awards.length + 1}`;
  const { base: _base, ...rest } = draft;
  return { ...rest, key, kind: 'award', reverses: null };
}

/** A reversing entry for `original`, or null if it is already reversed (or is itself a reversal). */
export function decideReversal(
  existing: readonly LedgerEntry[],
  original: LedgerEntry,
  by: string,
  reason: string,
  at: Date,
): LedgerEntry | null {
  if (original.kind === 'reversal') return null;
  if (existing.some((e) => e.kind === 'reversal' && e.reverses === original.key)) return null;
  return {
    ...original,
    key: `rev:${original.key}`,
    // `0 -`, not unary minus: a reversal of 0 hours is 0, not -0 (which toEqual and Object.is tell apart).
    amount: 0 - original.amount,
    hours: 0 - original.hours,
    kind: 'reversal',
    reverses: original.key,
    reason,
    confirmedBy: by,
    at: at.toISOString(),
  };
}

export interface CreditSummary {
  /** Hundredths by module id (modules with no entries are absent). */
  byModule: Record<string, number>;
  total: number;
  hours: number;
  entries: number;
}

/** Totals recomputed from the ledger: what every transcript shows must equal this. */
export function summarize(entries: readonly LedgerEntry[]): CreditSummary {
  const byModule = newTally();
  let total = 0;
  let hoursTenths = 0;
  for (const e of entries) {
    addTo(byModule, e.module, e.amount);
    total += e.amount;
    hoursTenths += Math.round(e.hours * 10);
  }
  return { byModule, total, hours: hoursTenths / 10, entries: entries.length };
}

/** What a source should be worth now: an award draft, or nothing (the source no longer earns credit). */
export type SettlementTarget = AwardDraft | null;

/**
 * Makes the ledger's net for one source (base key) equal what the source is worth now, by appending entries only:
 * nothing when the active award already matches; a reversal of the active award when the source earns nothing (or a
 * different amount or module); then a new award when it earns something. Idempotent: settling twice to the same
 * target writes nothing the second time. An award that came from an accepted appeal or a team review is not reversed
 * merely because the attendance earns nothing (each is its own evidence); it is replaced only by a different positive
 * target.
 */
export function decideSettlement(
  existing: readonly LedgerEntry[],
  base: string,
  target: SettlementTarget,
  by: string,
  reason: string,
  at: Date,
): LedgerEntry[] {
  const mine = existing.filter((e) => baseOf(e.reverses ?? e.key) === base);
  const reversed = new Set(mine.filter((e) => e.kind === 'reversal').map((e) => e.reverses));
  const active = mine.find((e) => e.kind === 'award' && !reversed.has(e.key)) ?? null;
  if (active && target && active.amount === target.amount && active.module === target.module) return [];
  if (!active && !target) return [];
  if (active && !target && (active.sourceType === 'appeal' || active.sourceType === 'team')) return [];
  const out: LedgerEntry[] = [];
  let ledger: readonly LedgerEntry[] = mine;
  if (active) {
    const reversal = decideReversal(ledger, active, by, reason, at);
    if (reversal) {
      out.push(reversal);
      ledger = [...ledger, reversal];
    }
  }
  if (target) {
    const award = decideAward(ledger, { ...target, base });
    if (award) out.push(award);
  }
  return out;
}

/** The key prefix family of a base: its awards (`base`, `base#n`) and their reversals (`rev:base…`). */
export function isKeyOfBase(key: string, base: string): boolean {
  const k = key.startsWith('rev:') ? key.slice(4) : key;
  return baseOf(k) === base;
}

/** The base key of a recorded no-show (confirmed, never checked in): its entry carries the penalty, or 0 below the threshold. */
export function noShowKeyBase(eventId: string, studentNo: string): string {
  return `nos:${eventId}:${studentNo}`;
}

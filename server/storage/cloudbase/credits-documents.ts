import type { AppealRecord, CreditSettings, LedgerEntry, TranscriptShare } from '../../../core';
import type { WxDoc } from './wx-db';

/**
 * Documents ↔ records of the credits area (collections and their fields: documents.ts): the ledger and the sources'
 * heads, the committee's credit settings, appeals, shared transcripts.
 */

/** `_id` is the key; `seq` orders a student's entries as written. */
export function ledgerEntryToDoc(e: LedgerEntry, seq: number): WxDoc {
  return { _id: e.key, ...ledgerFields(e), seq };
}

function ledgerFields(e: LedgerEntry): Record<string, unknown> {
  return {
    studentNo: e.studentNo,
    module: e.module,
    amount: e.amount,
    hours: e.hours,
    kind: e.kind,
    sourceType: e.sourceType,
    eventId: e.eventId,
    rule: e.rule,
    reverses: e.reverses,
    reason: e.reason,
    confirmedBy: e.confirmedBy,
    at: e.at,
  };
}

export function ledgerEntryFromDoc(d: WxDoc): LedgerEntry {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    key: String(d.key ?? d._id),
    studentNo: d.studentNo as string,
    module: d.module as string,
    amount: d.amount as number,
    hours: typeof d.hours === 'number' ? d.hours : 0,
    kind: d.kind as LedgerEntry['kind'],
    sourceType: d.sourceType as LedgerEntry['sourceType'],
    eventId: text(d.eventId),
    rule: typeof d.rule === 'string' ? d.rule : '',
    reverses: text(d.reverses),
    reason: text(d.reason),
    confirmedBy: d.confirmedBy as string,
    at: d.at as string,
  };
}

/** The head of a source (`ledgerHeads/<base>`): its entries, copied whole (with `key`, since they are not documents). */
export function ledgerHeadToDoc(studentNo: string, entries: readonly LedgerEntry[]): Record<string, unknown> {
  return { studentNo, entries: entries.map((e) => ({ key: e.key, ...ledgerFields(e) })) };
}

export function ledgerHeadEntries(d: WxDoc | null): LedgerEntry[] {
  const entries = d && Array.isArray(d.entries) ? (d.entries as WxDoc[]) : [];
  return entries.map(ledgerEntryFromDoc);
}

export function creditSettingsToDoc(s: CreditSettings): Record<string, unknown> {
  return { modules: s.modules, requirement: s.requirement, noShow: s.noShow };
}

export function creditSettingsFromDoc(d: WxDoc, defaults: CreditSettings): CreditSettings {
  return {
    modules: Array.isArray(d.modules) ? (d.modules as CreditSettings['modules']) : defaults.modules,
    requirement: d.requirement && typeof d.requirement === 'object' ? (d.requirement as CreditSettings['requirement']) : defaults.requirement,
    noShow: d.noShow && typeof d.noShow === 'object' ? (d.noShow as CreditSettings['noShow']) : defaults.noShow,
  };
}

/** `_id` is the appeal id (`${eventId}:${studentNo}`). */
export function appealToDoc(a: AppealRecord): Record<string, unknown> {
  return {
    eventId: a.eventId,
    studentNo: a.studentNo,
    note: a.note,
    status: a.status,
    createdAt: a.createdAt,
    decidedAt: a.decidedAt,
    decidedBy: a.decidedBy,
    decisionReason: a.decisionReason,
  };
}

export function appealFromDoc(d: WxDoc): AppealRecord {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: String(d._id),
    eventId: d.eventId as string,
    studentNo: d.studentNo as string,
    note: typeof d.note === 'string' ? d.note : '',
    status: d.status as AppealRecord['status'],
    createdAt: d.createdAt as string,
    decidedAt: text(d.decidedAt),
    decidedBy: text(d.decidedBy),
    decisionReason: text(d.decisionReason),
  };
}

/** `_id` is the code's hash. */
export function shareToDoc(s: TranscriptShare): Record<string, unknown> {
  return { shareId: s.shareId, studentNo: s.studentNo, issuedAt: s.issuedAt, revokedAt: s.revokedAt, snapshot: s.snapshot };
}

export function shareFromDoc(d: WxDoc): TranscriptShare {
  return {
    codeHash: String(d._id),
    shareId: d.shareId as string,
    studentNo: d.studentNo as string,
    issuedAt: d.issuedAt as string,
    revokedAt: typeof d.revokedAt === 'string' ? d.revokedAt : null,
    snapshot: d.snapshot as TranscriptShare['snapshot'],
  };
}

/** One module's line of a student's totals: hundredths, and hours in tenths (integers, so sums are exact). */
export interface TotalsLine {
  module: string;
  amount: number;
  hoursTenths: number;
}

/** `creditTotals/<studentNo>`: the sums of the student's ledger by module, and `v`, which grows with every write. */
export function creditTotalsFromDoc(d: WxDoc | null): { lines: TotalsLine[]; v: number } {
  if (!d) return { lines: [], v: 0 };
  const lines = Array.isArray(d.modules) ? (d.modules as WxDoc[]) : [];
  return {
    lines: lines.map((l) => ({ module: String(l.module), amount: Number(l.amount ?? 0), hoursTenths: Number(l.hoursTenths ?? 0) })),
    v: typeof d.v === 'number' ? d.v : 0,
  };
}

export function creditTotalsToDoc(studentNo: string, lines: readonly TotalsLine[], v: number): Record<string, unknown> {
  return { studentNo, modules: lines.map((l) => ({ module: l.module, amount: l.amount, hoursTenths: l.hoursTenths })), v };
}

/** The totals after these entries (a reversal's negative amount and hours included). */
export function addToTotals(lines: readonly TotalsLine[], entries: readonly LedgerEntry[]): TotalsLine[] {
  const out = lines.map((l) => ({ ...l }));
  for (const e of entries) {
    let line = out.find((l) => l.module === e.module);
    if (!line) out.push((line = { module: e.module, amount: 0, hoursTenths: 0 }));
    line.amount += e.amount || 0;
    line.hoursTenths += Math.round(e.hours * 10) || 0;
  }
  return out;
}

/** Two students' totals as a comparable text (module order does not matter). */
export function totalsKey(lines: readonly TotalsLine[]): string {
  return lines.map((l) => `${l.module}:${l.amount}:${l.hoursTenths}`).sort().join('|');
}

import type Database from 'better-sqlite3';
import { ApiError } from '../../../types';
import {
  DEFAULT_CREDIT_MODULES,
  DEFAULT_NO_SHOW_POLICY,
  DEFAULT_SITE_SETTINGS,
  DEFAULT_REQUIREMENT,
  decideAward,
  decideSettlement,
  isKeyOfBase,
  plainCopy,
  type AppealRecord,
  type AuditDraft,
  type CreditSettings,
  type LedgerEntry,
  type SettlementTarget,
  type SiteSettings,
  type TranscriptShare,
} from '../../../core';
import type { CreditsPort } from '../ports';
import type { SqliteKit } from './kit';

interface LedgerRow {
  seq?: number; key: string; student_no: string; module: string; amount: number; hours_tenths: number; kind: string;
  source_type: string; event_id: string | null; rule: string; reverses: string | null; reason: string | null;
  confirmed_by: string; at: string;
}

/**
 * Hours are kept in tenths (integers, so sums are exact; attendance hours are tenths already). `|| 0` turns the -0
 * of a reversed zero into 0, as the column stores it.
 */
function ledgerToRow(e: LedgerEntry): LedgerRow {
  return {
    key: e.key, student_no: e.studentNo, module: e.module, amount: e.amount || 0, hours_tenths: Math.round(e.hours * 10) || 0,
    kind: e.kind, source_type: e.sourceType, event_id: e.eventId, rule: e.rule, reverses: e.reverses,
    reason: e.reason, confirmed_by: e.confirmedBy, at: e.at,
  };
}

function ledgerFromRow(r: LedgerRow): LedgerEntry {
  return {
    key: r.key, studentNo: r.student_no, module: r.module, amount: r.amount, hours: r.hours_tenths / 10,
    kind: r.kind as LedgerEntry['kind'], sourceType: r.source_type as LedgerEntry['sourceType'], eventId: r.event_id,
    rule: r.rule, reverses: r.reverses, reason: r.reason, confirmedBy: r.confirmed_by, at: r.at,
  };
}

interface TotalsRow {
  student_no: string; module: string; amount: number; hours_tenths: number;
}

interface AppealRow {
  id: string; event_id: string; student_no: string; note: string; status: string; created_at: string;
  decided_at: string | null; decided_by: string | null; decision_reason: string | null;
}

function appealFromRow(r: AppealRow): AppealRecord {
  return {
    id: r.id, eventId: r.event_id, studentNo: r.student_no, note: r.note, status: r.status as AppealRecord['status'],
    createdAt: r.created_at, decidedAt: r.decided_at, decidedBy: r.decided_by, decisionReason: r.decision_reason,
  };
}

function appealToRow(a: AppealRecord): AppealRow {
  return {
    id: a.id, event_id: a.eventId, student_no: a.studentNo, note: a.note, status: a.status, created_at: a.createdAt,
    decided_at: a.decidedAt, decided_by: a.decidedBy, decision_reason: a.decisionReason,
  };
}

interface ShareRow {
  code_hash: string; share_id: string; student_no: string; issued_at: string; revoked_at: string | null; snapshot: string;
}

function shareFromRow(r: ShareRow): TranscriptShare {
  return {
    codeHash: r.code_hash, shareId: r.share_id, studentNo: r.student_no, issuedAt: r.issued_at, revokedAt: r.revoked_at,
    snapshot: JSON.parse(r.snapshot) as TranscriptShare['snapshot'],
  };
}

function shareToRow(s: TranscriptShare): ShareRow {
  return {
    code_hash: s.codeHash, share_id: s.shareId, student_no: s.studentNo, issued_at: s.issuedAt, revoked_at: s.revokedAt,
    snapshot: JSON.stringify(s.snapshot),
  };
}

/**
 * Credits on SQLite: the committee's settings, the ledger (append-only: triggers refuse UPDATE and DELETE; unique by
 * key), appeals and shared transcripts.
 */
export function sqliteCredits(kit: SqliteKit): CreditsPort {
  const { db } = kit;
  const q = {
    settings: db.prepare<[], string>('SELECT settings FROM credit_settings WHERE id = 1').pluck(),
    putSettings: db.prepare<[string, string]>(
      `INSERT INTO credit_settings (id, settings, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    ),
    site: db.prepare<[], string>('SELECT settings FROM site_settings WHERE id = 1').pluck(),
    putSite: db.prepare<[string, string]>(
      `INSERT INTO site_settings (id, settings, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    ),
    ledgerOfStudent: db.prepare<[string], LedgerRow>('SELECT * FROM ledger WHERE student_no = ? ORDER BY seq'),
    // The per-student totals kept with the ledger (credit_totals): the committee's views and exports read them.
    ledgerTotals: db.prepare<[], TotalsRow>('SELECT student_no, module, amount, hours_tenths FROM credit_totals'),
    addToTotals: db.prepare<[TotalsRow]>(
      `INSERT INTO credit_totals (student_no, module, amount, hours_tenths)
       VALUES (@student_no, @module, @amount, @hours_tenths)
       ON CONFLICT (student_no, module) DO UPDATE SET amount = amount + excluded.amount,
         hours_tenths = hours_tenths + excluded.hours_tenths`,
    ),
    ledgerOfEvent: db.prepare<[string], LedgerRow>('SELECT * FROM ledger WHERE event_id = ? ORDER BY seq'),
    // The upkeep: a page of the roster, the ledger's sums of those students, and what the totals say of them.
    rosterPage: db.prepare<[string, number], string>('SELECT student_no FROM students WHERE student_no > ? ORDER BY student_no LIMIT ?').pluck(),
    sumsOf: db.prepare<[string], TotalsRow>(
      `SELECT student_no, module, sum(amount) AS amount, sum(hours_tenths) AS hours_tenths FROM ledger
        WHERE student_no IN (SELECT value FROM json_each(?)) GROUP BY student_no, module`,
    ),
    totalsOf: db.prepare<[string], TotalsRow>(
      'SELECT student_no, module, amount, hours_tenths FROM credit_totals WHERE student_no IN (SELECT value FROM json_each(?))',
    ),
    dropTotalsOf: db.prepare<[string]>('DELETE FROM credit_totals WHERE student_no = ?'),
    putTotals: db.prepare<[TotalsRow]>(
      'INSERT INTO credit_totals (student_no, module, amount, hours_tenths) VALUES (@student_no, @module, @amount, @hours_tenths)',
    ),
    // A base's awards ('base', 'base#n') and their reversals ('rev:base…') are two ranges of the unique key index:
    // '#' sorts just before '$', so [base, base$) holds the base and its generations (and nothing of 'base1').
    ledgerOfBase: db.prepare<[{ lo: string; hi: string; revLo: string; revHi: string }], LedgerRow>(
      `SELECT * FROM ledger WHERE (key >= @lo AND key < @hi) OR (key >= @revLo AND key < @revHi) ORDER BY seq`,
    ),
    insertEntry: db.prepare<[LedgerRow]>(
      `INSERT INTO ledger (key, student_no, module, amount, hours_tenths, kind, source_type, event_id, rule, reverses,
         reason, confirmed_by, at)
       VALUES (@key, @student_no, @module, @amount, @hours_tenths, @kind, @source_type, @event_id, @rule, @reverses,
         @reason, @confirmed_by, @at)`,
    ),
    appeal: db.prepare<[string], AppealRow>('SELECT * FROM appeals WHERE id = ?'),
    putAppeal: db.prepare<[AppealRow]>(
      `INSERT INTO appeals (id, event_id, student_no, note, status, created_at, decided_at, decided_by, decision_reason)
       VALUES (@id, @event_id, @student_no, @note, @status, @created_at, @decided_at, @decided_by, @decision_reason)
       ON CONFLICT (id) DO UPDATE SET event_id = excluded.event_id, student_no = excluded.student_no,
         note = excluded.note, status = excluded.status, created_at = excluded.created_at,
         decided_at = excluded.decided_at, decided_by = excluded.decided_by, decision_reason = excluded.decision_reason`,
    ),
    decideAppeal: db.prepare<[{ id: string; status: string; at: string; by: string; reason: string }]>(
      `UPDATE appeals SET status = @status, decided_at = @at, decided_by = @by, decision_reason = @reason
        WHERE id = @id AND status = 'pending'`,
    ),
    share: db.prepare<[string], ShareRow>('SELECT * FROM transcript_shares WHERE code_hash = ?'),
    sharesOf: db.prepare<[string], ShareRow>(
      'SELECT * FROM transcript_shares WHERE student_no = ? ORDER BY issued_at DESC, share_id DESC',
    ),
    insertShare: db.prepare<[ShareRow]>(
      `INSERT INTO transcript_shares (code_hash, share_id, student_no, issued_at, revoked_at, snapshot)
       VALUES (@code_hash, @share_id, @student_no, @issued_at, @revoked_at, @snapshot)`,
    ),
    revokeShare: db.prepare<[string, string, string]>(
      'UPDATE transcript_shares SET revoked_at = ? WHERE share_id = ? AND student_no = ? AND revoked_at IS NULL',
    ),
  };
  /** listAppeals statements by which filters are set (eight at most), prepared on first use. */
  const appealQueries = new Map<string, Database.Statement<Record<string, string>, AppealRow>>();

  /**
   * Every entry of a base: its awards and reversals, by the two key ranges, kept exactly by isKeyOfBase. Keys are
   * unique across the ledger, so an entry of another student under this base is a bug: refused before any write.
   */
  const entriesOfBase = (base: string, studentNo: string): LedgerEntry[] => {
    const rows = q.ledgerOfBase.all({ lo: base, hi: `${base}$`, revLo: `rev:${base}`, revHi: `rev:${base}$` });
    const entries = rows.filter((r) => isKeyOfBase(r.key, base)).map(ledgerFromRow);
    if (entries.some((e) => e.studentNo !== studentNo)) throw new Error(`ledger base ${base} belongs to another student`);
    return entries;
  };

  /**
   * Appends entries and answers them as stored (hours in tenths; a reversal of no hours has 0, not -0); each entry
   * adds to its student's totals in the same job, so the totals always equal the ledger's sums.
   */
  const append = (entries: LedgerEntry[]): LedgerEntry[] =>
    entries.map((e) => {
      const row = ledgerToRow(e);
      q.insertEntry.run(row);
      q.addToTotals.run({ student_no: row.student_no, module: row.module, amount: row.amount, hours_tenths: row.hours_tenths });
      return ledgerFromRow(row);
    });

  /** One page of the upkeep, in one job: the ledger's sums replace the totals of every student whose totals differ. */
  function rebuildTotalsJob(after: string | null, limit: number): { checked: number; changed: number; next: string | null } {
    const page = q.rosterPage.all(after ?? '', limit);
    if (!page.length) return { checked: 0, changed: 0, next: null };
    const ids = JSON.stringify(page);
    const key = (r: TotalsRow) => `${r.module}\u0000${r.amount}\u0000${r.hours_tenths}`;
    const group = (rows: TotalsRow[]) => {
      const by = new Map<string, TotalsRow[]>();
      for (const r of rows) by.set(r.student_no, [...(by.get(r.student_no) ?? []), r]);
      return by;
    };
    const sums = group(q.sumsOf.all(ids));
    const stored = group(q.totalsOf.all(ids));
    let changed = 0;
    for (const no of page) {
      const want = (sums.get(no) ?? []).map(key).sort().join('|');
      const have = (stored.get(no) ?? []).map(key).sort().join('|');
      if (want === have) continue;
      changed++;
      q.dropTotalsOf.run(no);
      for (const r of sums.get(no) ?? []) q.putTotals.run(r);
    }
    return { checked: page.length, changed, next: page.length < limit ? null : page[page.length - 1] };
  }

  /**
   * Decides a pending appeal: its status, its credit (when accepted with a target) and its audit entry in one step.
   * Every refusal, and the settlement's decision, come before the first write.
   */
  function decideAppealJob(
    id: string,
    decision: { status: 'accepted' | 'rejected'; by: string; reason: string; at: Date },
    credit: { base: string; target: SettlementTarget } | null,
    audit: AuditDraft,
  ): { appeal: AppealRecord; entries: LedgerEntry[] } {
    const row = q.appeal.get(id);
    if (!row) throw new ApiError('NOT_FOUND', '没有找到这条申诉，可能已被撤回');
    if (row.status !== 'pending') throw new ApiError('APPEAL_DECIDED');
    const settle = decision.status === 'accepted' && credit !== null && credit.target !== null;
    if (settle && credit.target!.studentNo !== row.student_no) throw new Error(`appeal ${id}: credit for another student`);
    const planned = settle
      ? decideSettlement(entriesOfBase(credit.base, row.student_no), credit.base, credit.target, decision.by, decision.reason, decision.at)
      : [];
    const stamp = decision.at.toISOString();
    if (q.decideAppeal.run({ id, status: decision.status, at: stamp, by: decision.by, reason: decision.reason }).changes !== 1) {
      throw new Error(`appeal ${id} changed under its decision`);
    }
    const entries = append(planned);
    kit.audit(audit);
    const appeal: AppealRecord = {
      ...appealFromRow(row),
      status: decision.status,
      decidedAt: stamp,
      decidedBy: decision.by,
      decisionReason: decision.reason,
    };
    return { appeal, entries };
  }

  return {
    async creditSettings() {
      const stored = q.settings.get();
      if (stored !== undefined) return JSON.parse(stored) as CreditSettings;
      // A copy: a caller that edits what it got must not change the defaults.
      return plainCopy({ modules: DEFAULT_CREDIT_MODULES, requirement: DEFAULT_REQUIREMENT, noShow: DEFAULT_NO_SHOW_POLICY });
    },

    putCreditSettings(settings, audit) {
      return kit.run(() => {
        q.putSettings.run(JSON.stringify(settings), audit.at);
        kit.audit(audit);
      });
    },

    async siteSettings() {
      const stored = q.site.get();
      return stored !== undefined ? (JSON.parse(stored) as SiteSettings) : { ...DEFAULT_SITE_SETTINGS };
    },

    putSiteSettings(settings, audit) {
      return kit.run(() => {
        q.putSite.run(JSON.stringify({ schoolName: settings.schoolName, issuerName: settings.issuerName }), audit.at);
        kit.audit(audit);
      });
    },

    /**
     * Settles one source: reads its entries by key (all of them: keys are unique across the ledger), asks
     * decideSettlement and appends its answer. Jobs run one after another inside the transaction, so a concurrent
     * settlement of the same source reads this one's entries and appends nothing.
     */
    settleCredit(studentNo, base, target, by, reason, at) {
      return kit.run(() => {
        if (target && target.studentNo !== studentNo) throw new Error(`settlement of ${base}: draft of another student`);
        return append(decideSettlement(entriesOfBase(base, studentNo), base, target, by, reason, at));
      });
    },

    /** Each draft by decideAward against its own base; a base twice in one call is awarded once (the read sees the write). */
    awardMany(drafts) {
      if (drafts.length === 0) return Promise.resolve([]);
      return kit.run(() => {
        const written: LedgerEntry[] = [];
        for (const draft of drafts) {
          const entry = decideAward(entriesOfBase(draft.base, draft.studentNo), draft);
          if (entry) written.push(...append([entry]));
        }
        return written;
      });
    },

    async listLedger(studentNo) {
      return q.ledgerOfStudent.all(studentNo).map(ledgerFromRow);
    },

    async ledgerTotals() {
      return q.ledgerTotals.all().map((r) => ({ studentNo: r.student_no, module: r.module, amount: r.amount, hours: r.hours_tenths / 10 }));
    },

    async ledgerEntriesOfEvent(eventId) {
      return q.ledgerOfEvent.all(eventId).map(ledgerFromRow);
    },

    rebuildCreditTotals(after, limit) {
      return kit.run(() => rebuildTotalsJob(after, limit));
    },

    async getAppeal(id) {
      const row = q.appeal.get(id);
      return row ? appealFromRow(row) : null;
    },

    /** Files (or re-files after a rejection) an appeal with its audit entry; APPEAL_EXISTS before any write. */
    fileAppeal(appeal, audit) {
      return kit.run(() => {
        const row = q.appeal.get(appeal.id);
        if (row && row.status !== 'rejected') throw new ApiError('APPEAL_EXISTS');
        q.putAppeal.run(appealToRow(appeal));
        kit.audit(audit);
        return appeal;
      });
    },

    async listAppeals(filter) {
      if (filter.status?.length === 0 || filter.eventIds?.length === 0) return [];
      const where: string[] = [];
      const params: Record<string, string> = {};
      if (filter.status) {
        where.push('status IN (SELECT value FROM json_each(@status))');
        params.status = JSON.stringify(filter.status);
      }
      if (filter.studentNo !== undefined) {
        where.push('student_no = @studentNo');
        params.studentNo = filter.studentNo;
      }
      if (filter.eventIds) {
        where.push('event_id IN (SELECT value FROM json_each(@eventIds))');
        params.eventIds = JSON.stringify(filter.eventIds);
      }
      const sql = `SELECT * FROM appeals${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC`;
      let statement = appealQueries.get(sql);
      if (!statement) {
        statement = db.prepare<Record<string, string>, AppealRow>(sql);
        appealQueries.set(sql, statement);
      }
      return statement.all(params).map(appealFromRow);
    },

    decideAppeal(id, decision, credit, audit) {
      return kit.run(() => decideAppealJob(id, decision, credit, audit));
    },

    createShare(share) {
      return kit.run(() => {
        q.insertShare.run(shareToRow(share));
      });
    },

    async getShare(codeHash) {
      const row = q.share.get(codeHash);
      return row ? shareFromRow(row) : null;
    },

    async listShares(studentNo) {
      return q.sharesOf.all(studentNo).map(shareFromRow);
    },

    revokeShare(shareId, studentNo, at) {
      return kit.run(() => q.revokeShare.run(at.toISOString(), shareId, studentNo).changes === 1);
    },
  };
}

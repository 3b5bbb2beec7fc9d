import { ApiError } from '../../../types';
import {
  decideAward,
  decideSettlement,
  DEFAULT_CREDIT_MODULES,
  DEFAULT_NO_SHOW_POLICY,
  DEFAULT_REQUIREMENT,
  DEFAULT_SITE_SETTINGS,
  plainCopy,
  type AppealRecord,
  type AuditDraft,
  type AwardDraft,
  type CreditSettings,
  type LedgerEntry,
  type SettlementTarget,
  type SiteSettings,
  type TranscriptShare,
} from '../../../core';
import type { CreditsPort } from '../ports';
import {
  addToTotals,
  appealFromDoc,
  appealToDoc,
  creditTotalsFromDoc,
  creditTotalsToDoc,
  creditSettingsFromDoc,
  creditSettingsToDoc,
  ledgerEntryFromDoc,
  ledgerEntryToDoc,
  ledgerHeadEntries,
  ledgerHeadToDoc,
  shareFromDoc,
  shareToDoc,
  totalsKey,
  type TotalsLine,
} from './credits-documents';
import { COLLECTIONS, CREDIT_SETTINGS_ID, SITE_SETTINGS_ID } from './documents';
import { addIn, allInTransaction, inPool, readDoc, type CloudbaseKit } from './kit';
import type { WxTransaction } from './wx-db';

const {
  ledger: LEDGER,
  ledgerHeads: LEDGER_HEADS,
  appeals: APPEALS,
  transcriptShares: SHARES,
  settings: SETTINGS,
  creditTotals: CREDIT_TOTALS,
  students: STUDENTS,
} = COLLECTIONS;

/** What a conflicted credit write answers once the attempts are used up. */
const CREDIT_BUSY = '学分记录繁忙，请稍后再试';
/** Rounds of the upkeep's check-and-write for students whose totals changed while it was computing them. */
const REBUILD_ROUNDS = 3;

/**
 * Credits on CloudBase: the ledger (`ledger/<entry key>`) is append-only and each source has a head
 * (`ledgerHeads/<base>`) holding a copy of its entries, so a settlement is one transaction that reads one document by
 * id, asks decideSettlement and adds the entries with the head, whatever the student's ledger holds
 * (docs/cloudbase.md, "Credits"). Appeals, shared transcripts and the committee's credit settings beside it.
 */
export class CloudbaseCredits implements CreditsPort {
  private readonly ledger: LedgerWriter;

  constructor(private readonly kit: CloudbaseKit) {
    this.ledger = new LedgerWriter(kit);
  }

  async creditSettings(): Promise<CreditSettings> {
    // A copy the caller may change (plainCopy: the functions' Nodejs16.13 runtime has no structuredClone).
    const defaults = plainCopy({ modules: DEFAULT_CREDIT_MODULES, requirement: DEFAULT_REQUIREMENT, noShow: DEFAULT_NO_SHOW_POLICY });
    const doc = await readDoc(this.kit.db.collection(SETTINGS).doc(CREDIT_SETTINGS_ID));
    return doc ? creditSettingsFromDoc(doc, defaults) : defaults;
  }

  /** One transaction: replace `settings/credits` whole and add the audit entry (2 operations). */
  async putCreditSettings(settings: CreditSettings, audit: AuditDraft): Promise<void> {
    await this.kit.transact(async (t) => {
      await t.collection(SETTINGS).doc(CREDIT_SETTINGS_ID).set({ data: creditSettingsToDoc(settings) });
      await this.kit.addAudit(t, audit);
    });
  }

  /** One read; the defaults until the committee saves its own (a field missing from the document keeps its default). */
  async siteSettings(): Promise<SiteSettings> {
    const doc = await readDoc(this.kit.db.collection(SETTINGS).doc(SITE_SETTINGS_ID));
    const text = (value: unknown, fallback: string) => (typeof value === 'string' && value ? value : fallback);
    return {
      schoolName: text(doc?.schoolName, DEFAULT_SITE_SETTINGS.schoolName),
      issuerName: text(doc?.issuerName, DEFAULT_SITE_SETTINGS.issuerName),
    };
  }

  /** One transaction: replace `settings/site` whole and add the audit entry (2 operations). */
  async putSiteSettings(settings: SiteSettings, audit: AuditDraft): Promise<void> {
    await this.kit.transact(async (t) => {
      await t.collection(SETTINGS).doc(SITE_SETTINGS_ID).set({ data: { schoolName: settings.schoolName, issuerName: settings.issuerName } });
      await this.kit.addAudit(t, audit);
    });
  }

  /**
   * One transaction on the source's head (`ledgerHeads/<base>`, which holds a copy of the source's entries): read
   * it, ask decideSettlement, add the entries it answers to `ledger` (their `_id` is their key) and write the head
   * with them. 1 operation when nothing changes, 3 for a first award or a reversal, 4 for a reversal and the next
   * award. Two settlements of one source both write its head, so they conflict and the loser re-runs, sees the
   * entries and answers what is still needed (usually nothing). This container runs its settlements of one source
   * one after another.
   */
  async settleCredit(
    studentNo: string,
    base: string,
    target: SettlementTarget,
    by: string,
    reason: string,
    at: Date,
  ): Promise<LedgerEntry[]> {
    return this.ledger.settleAlone(studentNo, base, (existing) => decideSettlement(existing, base, target, by, reason, at));
  }

  /**
   * Each draft is one settlement of its own source (decideAward: only a source with no active award gets one), up
   * to `bulkConcurrency` (20) in flight; drafts of one student run one after another in the order given (they write
   * the same totals document), so of two drafts of one base the first wins. Answers the entries written, in the
   * order of the drafts.
   */
  async awardMany(drafts: AwardDraft[]): Promise<LedgerEntry[]> {
    const written: Array<LedgerEntry | null> = drafts.map(() => null);
    await inPool(drafts.map((draft, i) => ({ draft, i })), this.kit.bulkConcurrency, async ({ draft, i }) => {
      const [entry] = await this.ledger.settleAlone(draft.studentNo, draft.base, (existing) => {
        const award = decideAward(existing, draft);
        return award ? [award] : [];
      });
      written[i] = entry ?? null;
    });
    return written.filter((e): e is LedgerEntry => e !== null);
  }

  /** By `seq` (the order written), a page of 100 per operation. */
  async listLedger(studentNo: string): Promise<LedgerEntry[]> {
    const query = this.kit.db.collection(LEDGER).where({ studentNo });
    return (await this.kit.fetchAll(query, [['seq', 'asc']])).map(ledgerEntryFromDoc);
  }

  /**
   * The per-student totals (`creditTotals`, one document per student with a line per module), a page of 1,000 per
   * operation: 20 reads for 20,000 students, whatever the ledger holds. Hours are kept in tenths.
   */
  async ledgerTotals(): Promise<Array<{ studentNo: string; module: string; amount: number; hours: number }>> {
    const docs = await this.kit.fetchAll(this.kit.db.collection(CREDIT_TOTALS), [], { pageSize: this.kit.bulkPageSize });
    return docs.flatMap((d) => {
      const studentNo = String(d.studentNo ?? d._id);
      return creditTotalsFromDoc(d).lines.map((l) => ({ studentNo, module: l.module, amount: l.amount, hours: l.hoursTenths / 10 }));
    });
  }

  /** A query by `eventId`, in the order written (`seq`), 1,000 a page (index: `ledger` `eventId` + `seq`). */
  async ledgerEntriesOfEvent(eventId: string): Promise<LedgerEntry[]> {
    const query = this.kit.db.collection(LEDGER).where({ eventId });
    return (await this.kit.fetchAll(query, [['seq', 'asc']], { pageSize: this.kit.bulkPageSize })).map(ledgerEntryFromDoc);
  }

  /**
   * The upkeep, for a page of the roster (`_id` after `after`): the stored totals of those students (their `v`), then
   * the ledger's sums of the same students (one aggregation per 1,000 (student, module) groups, matched to the page
   * by `studentNo`), then for each student whose totals differ a transaction that rewrites them — only if `v` is
   * still what was read before the sums, so a settlement that committed meanwhile (and may or may not be in the sums)
   * sends that student round again. A settlement after the transaction's read conflicts with its write.
   */
  async rebuildCreditTotals(after: string | null, limit: number): Promise<{ checked: number; changed: number; next: string | null }> {
    const _ = this.kit.command;
    const query = this.kit.db.collection(STUDENTS).where({ _id: _.gt(after ?? '') });
    const page = (await this.kit.fetchAll(query, [['_id', 'asc']], { max: limit, pageSize: Math.min(limit, this.kit.bulkPageSize) })).map((d) => String(d._id));
    if (!page.length) return { checked: 0, changed: 0, next: null };
    let pending = page;
    let changed = 0;
    for (let round = 1; pending.length && round <= REBUILD_ROUNDS; round++) {
      const stored = new Map((await this.kit.fetchByIds(CREDIT_TOTALS, pending)).map((d) => [String(d._id), creditTotalsFromDoc(d)] as const));
      const sums = await this.ledgerSums(pending);
      const retry: string[] = [];
      const differing = pending.filter((no) => totalsKey(sums.get(no) ?? []) !== totalsKey(stored.get(no)?.lines ?? []));
      await inPool(differing, this.kit.bulkConcurrency, async (no) => {
        const seen = stored.get(no)?.v ?? 0;
        const wrote = await this.kit.transact(async (t) => {
          const ref = t.collection(CREDIT_TOTALS).doc(no);
          const now = creditTotalsFromDoc(await readDoc(ref));
          if (now.v !== seen) return false;
          await ref.set({ data: creditTotalsToDoc(no, sums.get(no) ?? [], seen + 1) });
          return true;
        }, { busy: CREDIT_BUSY });
        if (wrote) changed++;
        else retry.push(no);
      });
      pending = retry;
    }
    if (pending.length) throw new ApiError('BUSY', CREDIT_BUSY);
    return { checked: page.length, changed, next: page.length < limit ? null : page[page.length - 1] };
  }

  /** The ledger's sums by student and module for these students (hours in tenths, as the totals keep them). */
  private async ledgerSums(studentNos: readonly string[]): Promise<Map<string, TotalsLine[]>> {
    const _ = this.kit.command;
    const $ = _.aggregate;
    const out = new Map<string, TotalsLine[]>();
    for (let i = 0; i < studentNos.length; i += this.kit.bulkPageSize) {
      const batch = studentNos.slice(i, i + this.kit.bulkPageSize);
      const groups = await this.kit.aggregateAll(
        LEDGER,
        (p) =>
          p
            .match({ studentNo: _.in(batch) })
            .group({ _id: { studentNo: '$studentNo', module: '$module' }, amount: $.sum('$amount'), hours: $.sum('$hours') }),
        ['_id.studentNo', '_id.module'],
      );
      for (const row of groups) {
        const id = (row._id ?? {}) as unknown as { studentNo: string; module: string };
        const line = { module: id.module, amount: Number(row.amount ?? 0), hoursTenths: Math.round(Number(row.hours ?? 0) * 10) };
        out.set(id.studentNo, [...(out.get(id.studentNo) ?? []), line]);
      }
    }
    return out;
  }

  // ---- appeals ----

  async getAppeal(id: string): Promise<AppealRecord | null> {
    const doc = await readDoc(this.kit.db.collection(APPEALS).doc(id));
    return doc ? appealFromDoc(doc) : null;
  }

  /**
   * One transaction: read `appeals/<id>`; a pending or accepted one is APPEAL_EXISTS (nothing written); else
   * replace it (a re-filing after a rejection) and add the audit entry: 3 operations.
   */
  async fileAppeal(appeal: AppealRecord, audit: AuditDraft): Promise<AppealRecord> {
    return this.kit.transact(async (t) => {
      const ref = t.collection(APPEALS).doc(appeal.id);
      const doc = await readDoc(ref);
      if (doc && appealFromDoc(doc).status !== 'rejected') throw new ApiError('APPEAL_EXISTS');
      await ref.set({ data: appealToDoc(appeal) });
      await this.kit.addAudit(t, audit);
      return appeal;
    });
  }

  /**
   * Queries, newest first (`createdAt` desc, then `_id`): status, student and events as conditions; events in
   * batches of 100 (`_.in`), merged.
   */
  async listAppeals(filter: {
    status?: AppealRecord['status'][];
    studentNo?: string;
    eventIds?: readonly string[];
  }): Promise<AppealRecord[]> {
    const _ = this.kit.command;
    if (filter.status && !filter.status.length) return [];
    if (filter.eventIds && !filter.eventIds.length) return [];
    const condition: Record<string, unknown> = {};
    if (filter.status) condition.status = _.in(filter.status);
    if (filter.studentNo !== undefined) condition.studentNo = filter.studentNo;
    const eventBatches: Array<string[] | null> = [];
    if (filter.eventIds) {
      const ids = [...new Set(filter.eventIds)];
      for (let i = 0; i < ids.length; i += this.kit.pageSize) eventBatches.push(ids.slice(i, i + this.kit.pageSize));
    } else eventBatches.push(null);
    const appeals: AppealRecord[] = [];
    for (const batch of eventBatches) {
      const where = batch ? { ...condition, eventId: _.in(batch) } : condition;
      const collection = this.kit.db.collection(APPEALS);
      const query = Object.keys(where).length ? collection.where(where) : collection;
      appeals.push(...(await this.kit.fetchAll(query, [['createdAt', 'desc']])).map(appealFromDoc));
    }
    if (eventBatches.length > 1) appeals.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
    return appeals;
  }

  /**
   * One transaction: read the appeal (NOT_FOUND; APPEAL_DECIDED unless pending), settle its credit when accepted
   * with one (the source's head, as settleCredit), write the decision, add the audit entry. Accepted with a first
   * award: 6 operations; rejected: 3. Two officers deciding at once both write the appeal, so they conflict and the
   * one who re-runs finds it decided.
   */
  async decideAppeal(
    id: string,
    decision: { status: 'accepted' | 'rejected'; by: string; reason: string; at: Date },
    credit: { base: string; target: SettlementTarget } | null,
    audit: AuditDraft,
  ): Promise<{ appeal: AppealRecord; entries: LedgerEntry[] }> {
    const { status, by, reason, at } = decision;
    return this.kit.transact(
      async (t) => {
        const ref = t.collection(APPEALS).doc(id);
        const doc = await readDoc(ref);
        if (!doc) throw new ApiError('NOT_FOUND', '没有找到这条申诉，请刷新后再试');
        const current = appealFromDoc(doc);
        if (current.status !== 'pending') throw new ApiError('APPEAL_DECIDED');
        const fields = { status, decidedAt: at.toISOString(), decidedBy: by, decisionReason: reason };
        const entries =
          credit && status === 'accepted'
            ? await this.ledger.settleIn(t, current.studentNo, credit.base, (existing) =>
                decideSettlement(existing, credit.base, credit.target, by, reason, at),
              )
            : [];
        await ref.update({ data: fields });
        await this.kit.addAudit(t, audit);
        return { appeal: { ...current, ...fields }, entries };
      },
      { busy: CREDIT_BUSY, addExists: 'retry' },
    );
  }

  // ---- shared transcripts ----

  /** One `add`: `transcriptShares/<codeHash>`. */
  async createShare(share: TranscriptShare): Promise<void> {
    await this.kit.db.collection(SHARES).add({ data: { _id: share.codeHash, ...shareToDoc(share) } });
  }

  /** One read by `_id` (the code's hash): what a verification costs. */
  async getShare(codeHash: string): Promise<TranscriptShare | null> {
    const doc = await readDoc(this.kit.db.collection(SHARES).doc(codeHash));
    return doc ? shareFromDoc(doc) : null;
  }

  async listShares(studentNo: string): Promise<TranscriptShare[]> {
    const query = this.kit.db.collection(SHARES).where({ studentNo });
    return (await this.kit.fetchAll(query, [['issuedAt', 'desc']])).map(shareFromDoc);
  }

  /**
   * One conditional update, atomic on its own: the student's share with this id that is not revoked yet gets
   * `revokedAt`. Updated nothing: unknown, someone else's, or revoked already (a second revocation racing the first
   * finds the condition false).
   */
  async revokeShare(shareId: string, studentNo: string, at: Date): Promise<boolean> {
    const { stats } = await this.kit.db
      .collection(SHARES)
      .where({ shareId, studentNo, revokedAt: null })
      .update({ data: { revokedAt: at.toISOString() } });
    return stats.updated > 0;
  }
}

/**
 * Writes the ledger: a source's settlement on its head, on its own or inside a caller's transaction (an appeal's
 * decision), and the order entries are written in. One per adapter, so `seq` grows across all its settlements.
 */
class LedgerWriter {
  /** The last ledger `seq` this container wrote (see nextSeq). */
  private lastSeq = 0;

  constructor(private readonly kit: CloudbaseKit) {}

  /**
   * A settlement in its own transaction, in the source's lane, retried. A ledger `add` that failed because its key
   * exists means another settlement of the source committed first (on CloudBase a concurrent insert may surface as
   * a duplicate key rather than a conflict): retried with a fresh head. Any other failure is rethrown.
   */
  settleAlone(
    studentNo: string,
    base: string,
    decide: (existing: LedgerEntry[]) => LedgerEntry[],
  ): Promise<LedgerEntry[]> {
    // One lane per student: every settlement of the student writes the student's totals document.
    return this.kit.inLane(`credits:${studentNo}`, () =>
      this.kit.transact((t) => this.settleIn(t, studentNo, base, decide), { busy: CREDIT_BUSY, addExists: 'retry' }),
    );
  }

  /**
   * Inside a transaction: read the source's head, decide, then read the student's totals and write, side by side,
   * the entries (each `_id` its key), the head with them, and the totals with them. The head and the totals are
   * written only with their entries, in the same transaction, so they always hold them all. Nothing to write: 1
   * operation; a first award: 5 (2 reads, 3 writes), in 4 round trips with the transaction's start and commit.
   */
  async settleIn(
    t: WxTransaction,
    studentNo: string,
    base: string,
    decide: (existing: LedgerEntry[]) => LedgerEntry[],
  ): Promise<LedgerEntry[]> {
    const headRef = t.collection(LEDGER_HEADS).doc(base);
    const existing = ledgerHeadEntries(await readDoc(headRef));
    const entries = decide(existing);
    if (!entries.length) return [];
    const totalsRef = t.collection(CREDIT_TOTALS).doc(studentNo);
    const totals = creditTotalsFromDoc(await readDoc(totalsRef));
    await allInTransaction<unknown>([
      ...entries.map((entry) => addIn(t, LEDGER, entry.key, ledgerEntryToDoc(entry, this.nextSeq()))),
      headRef.set({ data: ledgerHeadToDoc(studentNo, [...existing, ...entries]) }),
      totalsRef.set({ data: creditTotalsToDoc(studentNo, addToTotals(totals.lines, entries), totals.v + 1) }),
    ]);
    return entries;
  }

  /**
   * The order entries are written in, without a shared counter (which every settlement would conflict on): the
   * microsecond-scaled wall clock plus a random 0..499 for a new millisecond, and always above this container's
   * last. Within a container strictly increasing; across containers ordered by their clocks.
   */
  private nextSeq(): number {
    const fresh = Date.now() * 1000 + Math.floor(this.kit.random() * 500);
    this.lastSeq = Math.max(this.lastSeq + 1, fresh);
    return this.lastSeq;
  }
}

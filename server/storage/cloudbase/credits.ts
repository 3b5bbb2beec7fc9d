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
  appealFromDoc,
  appealToDoc,
  creditSettingsFromDoc,
  creditSettingsToDoc,
  ledgerEntryFromDoc,
  ledgerEntryToDoc,
  ledgerHeadEntries,
  ledgerHeadToDoc,
  shareFromDoc,
  shareToDoc,
} from './credits-documents';
import { COLLECTIONS, CREDIT_SETTINGS_ID, SITE_SETTINGS_ID } from './documents';
import { addIn, inPool, readDoc, type CloudbaseKit } from './kit';
import type { WxTransaction } from './wx-db';

const {
  ledger: LEDGER,
  ledgerHeads: LEDGER_HEADS,
  appeals: APPEALS,
  transcriptShares: SHARES,
  settings: SETTINGS,
} = COLLECTIONS;

/** What a conflicted credit write answers once the attempts are used up. */
const CREDIT_BUSY = '学分记录繁忙，请稍后再试';
/** Settlements of a bulk award in flight at once (each is its own transaction on its own source). */
const AWARD_PARALLEL = 8;

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
   * to 8 in flight; drafts of one base run in the order given, so the first of them wins. Answers the entries
   * written, in the order of the drafts.
   */
  async awardMany(drafts: AwardDraft[]): Promise<LedgerEntry[]> {
    const written: Array<LedgerEntry | null> = drafts.map(() => null);
    await inPool(drafts.map((draft, i) => ({ draft, i })), AWARD_PARALLEL, async ({ draft, i }) => {
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
   * One aggregation per 1000 (student, module) groups, and one that finds the end: `group` by student and module
   * summing amounts and hours, sorted so that pages are stable. Modules that net to zero are answered with 0. Hours
   * are summed in tenths (the unit stays are measured in), like summarize.
   */
  async ledgerTotals(): Promise<Array<{ studentNo: string; module: string; amount: number; hours: number }>> {
    const $ = this.kit.command.aggregate;
    const groups = await this.kit.aggregateAll(
      LEDGER,
      (p) => p.group({ _id: { studentNo: '$studentNo', module: '$module' }, amount: $.sum('$amount'), hours: $.sum('$hours') }),
      ['_id.studentNo', '_id.module'],
    );
    return groups.map((row) => {
      const id = (row._id ?? {}) as unknown as { studentNo: string; module: string };
      return {
        studentNo: id.studentNo,
        module: id.module,
        amount: Number(row.amount ?? 0),
        hours: Math.round(Number(row.hours ?? 0) * 10) / 10,
      };
    });
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
    return this.kit.inLane(`ledger:${base}`, () =>
      this.kit.transact((t) => this.settleIn(t, studentNo, base, decide), { busy: CREDIT_BUSY, addExists: 'retry' }),
    );
  }

  /**
   * Inside a transaction: read the source's head, decide, add the entries (each `_id` its key) and write the head
   * with them. The head is written only with its entries, in the same transaction, so it always holds them all.
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
    for (const entry of entries) await addIn(t, LEDGER, entry.key, ledgerEntryToDoc(entry, this.nextSeq()));
    await headRef.set({ data: ledgerHeadToDoc(studentNo, [...existing, ...entries]) });
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

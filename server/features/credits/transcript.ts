import { ApiError, type ActionOutput, type ActionParsedInput, type ShareView } from '../../../types';
import { progressOf, summarize, type CreditSettings, type EventRecord, type LedgerEntry, type StudentRecord, type TranscriptShare, type TranscriptSnapshot } from '../../../core';
import {
  groupShareCode,
  ledgerDigest,
  maskStudentNo,
  newShareCode,
  shareCodeHash,
  shareIdOf,
  verifyPathOf,
} from './share-code';
import type { HandlerContext } from '../shared/context';
import { moduleNamesOf, toAppealView, toLedgerEntryView } from './views';
import { eventsById } from '../shared/lookups';
import { requireStudentNo } from '../shared/caller';
import { toStudentProfile } from '../shared/profiles';

interface Transcript {
  student: StudentRecord;
  settings: CreditSettings;
  /** In the order written. */
  ledger: LedgerEntry[];
  events: Map<string, EventRecord>;
  progress: ReturnType<typeof progressOf>;
  hours: number;
}

/**
 * The student's ledger with what it means: totals recomputed from the entries, progress, the events' titles (also of
 * `more`'s events). Everything is read at once, then the events in one call.
 */
async function loadTranscript<M>(
  ctx: HandlerContext,
  studentNo: string,
  more: Promise<M> = Promise.resolve(undefined as M),
  eventIdsOf: (m: M) => readonly string[] = () => [],
): Promise<Transcript & { more: M }> {
  const [student, settings, ledger, extra] = await Promise.all([
    ctx.storage.findStudentByNo(studentNo),
    ctx.storage.creditSettings(),
    ctx.storage.listLedger(studentNo),
    more,
  ]);
  if (!student) throw new ApiError('NOT_BOUND');
  const events = await eventsById(ctx, [...ledger.map((e) => e.eventId), ...eventIdsOf(extra)]);
  const summary = summarize(ledger);
  return {
    student,
    settings,
    ledger,
    events,
    progress: progressOf(summary, settings.modules, settings.requirement),
    hours: summary.hours,
    more: extra,
  };
}

function toShareView(s: TranscriptShare): ShareView {
  return { shareId: s.shareId, issuedAt: s.issuedAt, revokedAt: s.revokedAt, total: s.snapshot.total, includesTimeline: s.snapshot.timeline !== null };
}

/**
 * 我的成绩单: totals by module with the graduation requirement, volunteer hours, every entry (newest first), the
 * student's appeals and shared transcripts. Every figure is recomputed from the ledger on each call.
 */
export async function getMyTranscript(_input: ActionParsedInput<'getMyTranscript'>, ctx: HandlerContext): Promise<ActionOutput<'getMyTranscript'>> {
  const studentNo = await requireStudentNo(ctx);
  const t = await loadTranscript(
    ctx,
    studentNo,
    Promise.all([ctx.storage.listAppeals({ studentNo }), ctx.storage.listShares(studentNo)]),
    ([appeals]) => appeals.map((a) => a.eventId),
  );
  const [appeals, shares] = t.more;
  const moduleName = moduleNamesOf(t.settings);
  const entries: ActionOutput<'getMyTranscript'>['entries'] = new Array(t.ledger.length);
  for (let i = 0; i < t.ledger.length; i++) entries[t.ledger.length - 1 - i] = toLedgerEntryView(t.ledger[i], moduleName, t.events);
  return {
    student: toStudentProfile(t.student),
    modules: t.progress.modules,
    overall: t.progress.overall,
    requirementMet: t.progress.met,
    hours: t.hours,
    entries,
    appeals: appeals.map((a) => toAppealView(a, t.events.get(a.eventId), t.student)),
    shares: shares.map(toShareView),
  };
}

/**
 * A verifiable transcript: a snapshot of the totals now (and, if the student chose, the timeline), stored under the
 * hash of a fresh verification code. The code is answered once and never stored.
 */
export async function createTranscriptShare(
  input: ActionParsedInput<'createTranscriptShare'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'createTranscriptShare'>> {
  const studentNo = await requireStudentNo(ctx);
  const now = ctx.now();
  const [t, site] = await Promise.all([loadTranscript(ctx, studentNo), ctx.storage.siteSettings()]);
  const moduleName = moduleNamesOf(t.settings);
  const snapshot: TranscriptSnapshot = {
    name: t.student.name,
    studentNo: input.showStudentNo ? t.student.studentNo : maskStudentNo(t.student.studentNo),
    college: t.student.college,
    className: t.student.className,
    modules: t.progress.modules.map((m) => ({ id: m.id, name: m.name, amount: m.have })),
    total: t.progress.overall.have,
    hours: t.hours,
    requirementMet: t.progress.met,
    timeline: input.includeTimeline
      ? t.ledger.map((e) => ({
          at: e.at,
          title: toLedgerEntryView(e, moduleName, t.events).title,
          module: moduleName(e.module),
          amount: e.amount,
          hours: e.hours,
        }))
      : null,
    ledgerDigest: ledgerDigest(t.ledger),
    issuer: { schoolName: site.schoolName, issuerName: site.issuerName },
  };
  const code = newShareCode();
  const codeHash = shareCodeHash(code);
  const share: TranscriptShare = { codeHash, shareId: shareIdOf(codeHash), studentNo, issuedAt: now.toISOString(), revokedAt: null, snapshot };
  await ctx.storage.createShare(share);
  const grouped = groupShareCode(code);
  return { code: grouped, shareId: share.shareId, verifyPath: verifyPathOf(grouped), issuedAt: share.issuedAt, snapshot };
}

/** Withdraws one of the student's own shares: its code stops verifying at once. Revoking twice answers the same. */
export async function revokeTranscriptShare(
  input: ActionParsedInput<'revokeTranscriptShare'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'revokeTranscriptShare'>> {
  const studentNo = await requireStudentNo(ctx);
  if (await ctx.storage.revokeShare(input.shareId, studentNo, ctx.now())) return { revoked: true };
  const mine = (await ctx.storage.listShares(studentNo)).find((s) => s.shareId === input.shareId);
  if (!mine) throw new ApiError('NOT_FOUND', '没有找到这份成绩单，请刷新后重试');
  return { revoked: mine.revokedAt !== null };
}

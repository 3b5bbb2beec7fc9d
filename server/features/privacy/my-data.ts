import { randomBytes } from 'node:crypto';
import { ApiError, type ActionOutput, type ActionParsedInput, type DataRequestView } from '../../../types';
import type { DataRequest } from '../../../core';
import { writeXlsxBook } from '../../spreadsheets/xlsx-writer';
import { auditDraft } from '../shared/audit-draft';
import { campusDayStamp } from '../shared/campus-time';
import { callerOpenid, callerRoles, callerStudentNo, requireOpenid, requireStudentNo } from '../shared/caller';
import type { HandlerContext } from '../shared/context';
import { eventsById } from '../shared/lookups';
import { fileAnswer } from '../files/file-answers';
import { dataRows, myDataWorkbook } from './export-workbook';

export function toDataRequestView(r: DataRequest): DataRequestView {
  return { id: r.id, status: r.status, note: r.note, createdAt: r.createdAt, completedAt: r.completedAt, reply: r.reply, erased: r.erased };
}

/**
 * 我的数据 → 导出: everything stored about the calling student, as a workbook answered as a ten-minute link (never
 * inline). Audited `privacy.export` (that it was made, not what was in it).
 */
export async function exportMyData(_input: ActionParsedInput<'exportMyData'>, ctx: HandlerContext): Promise<ActionOutput<'exportMyData'>> {
  const studentNo = await requireStudentNo(ctx);
  const openid = await callerOpenid(ctx);
  const student = await ctx.storage.findStudentByNo(studentNo);
  if (!student) throw new ApiError('NOT_BOUND');
  const [roles, records, ledger, appeals, teams, shares, consents, request, settings, follows, block] = await Promise.all([
    callerRoles(ctx),
    ctx.storage.personalRecords(studentNo, student.openid ?? openid),
    ctx.storage.listLedger(studentNo),
    ctx.storage.listAppeals({ studentNo }),
    ctx.storage.listTeams({ studentNo }),
    ctx.storage.listShares(studentNo),
    ctx.storage.consents(studentNo),
    ctx.storage.latestDataRequest(studentNo),
    ctx.storage.creditSettings(),
    ctx.storage.followsOf(studentNo),
    ctx.storage.getSignupBlock(studentNo),
  ]);
  const eventIds = [
    ...records.registrations.map((r) => r.eventId), ...records.attendance.map((a) => a.eventId), ...records.scans.map((x) => x.eventId),
    ...records.outbox.map((m) => m.eventId), ...ledger.map((l) => l.eventId ?? ''), ...appeals.map((a) => a.eventId), ...teams.map((t) => t.eventId),
    ...records.leaves.map((l) => l.eventId),
  ].filter(Boolean);
  const events = await eventsById(ctx, eventIds);
  const now = ctx.now();
  const sheets = myDataWorkbook({
    student, openid: student.openid ?? openid, roles, records, ledger, appeals, teams, shares, consents, follows, block, request, events, settings,
    madeAt: now,
  });
  const owner = openid ?? studentNo;
  await ctx.storage.recordAudit(auditDraft(ctx, owner, 'privacy.export', studentNo, { sheets: sheets.length, rows: dataRows(sheets) }));
  return fileAnswer(ctx, owner, {
    fileName: `我的数据-${studentNo}-${campusDayStamp(now)}.xlsx`,
    bytes: writeXlsxBook(sheets, now),
    rowCount: dataRows(sheets),
  });
}

/**
 * 解除绑定 by the student themself: the account stops acting as the student; everything recorded stays with the
 * student number (rebinding with 学号 + 姓名 shows it again). Audited `student.unbind_self`.
 */
export async function unbindMyself(_input: ActionParsedInput<'unbindMyself'>, ctx: HandlerContext): Promise<ActionOutput<'unbindMyself'>> {
  const studentNo = await requireStudentNo(ctx);
  const openid = await requireOpenid(ctx);
  const previous = await ctx.storage.unbindStudent(studentNo, auditDraft(ctx, openid, 'student.unbind_self', studentNo, {}));
  if (!previous) throw new ApiError('NOT_BOUND', '你的微信尚未绑定学号');
  return { studentNo };
}

/** 申请删除: recorded for the committee (one open request at a time), audited `privacy.deletion_request`. */
export async function requestDataDeletion(
  input: ActionParsedInput<'requestDataDeletion'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'requestDataDeletion'>> {
  const studentNo = await requireStudentNo(ctx);
  const openid = await requireOpenid(ctx);
  const request: DataRequest = {
    id: randomBytes(6).toString('hex'),
    studentNo,
    openid,
    status: 'pending',
    note: input.note ?? '',
    createdAt: ctx.now().toISOString(),
    completedAt: null,
    completedBy: null,
    reply: null,
    erased: null,
  };
  const filed = await ctx.storage.fileDataRequest(
    request,
    auditDraft(ctx, openid, 'privacy.deletion_request', studentNo, { requestId: request.id, note: request.note }),
  );
  return { request: toDataRequestView(filed) };
}

/**
 * 我的删除申请: a bound student's latest request; an account no longer bound (completing a request unbinds it) reads
 * the latest request it filed itself, so the committee's answer reaches the student who asked.
 */
export async function getMyDataRequest(_input: ActionParsedInput<'getMyDataRequest'>, ctx: HandlerContext): Promise<ActionOutput<'getMyDataRequest'>> {
  const studentNo = await callerStudentNo(ctx);
  const request = studentNo
    ? await ctx.storage.latestDataRequest(studentNo)
    : await ctx.storage.latestDataRequestOfAccount(await requireOpenid(ctx));
  return { request: request ? toDataRequestView(request) : null };
}

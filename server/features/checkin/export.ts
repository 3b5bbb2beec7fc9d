import type { ActionOutput, ActionParsedInput, AttendanceRow, RegistrationStatus } from '../../../types';
import { campusDateTime, campusDayStamp } from '../shared/campus-time';
import { safeFileName } from '../../spreadsheets/file-names';
import { writeXlsx, type XlsxCell } from '../../spreadsheets/xlsx-writer';
import { requireCheckinStaff, toAttendanceRow } from './common';
import type { HandlerContext } from '../shared/context';
import { fileAnswer } from '../files/file-answers';

const HEADER = ['学号', '姓名', '班级', '团支部', '报名状态', '签到时间', '签退时间', '签到方式', '时长(小时)', '时长是否计入'];
const WIDTHS = [14, 10, 22, 26, 10, 18, 18, 12, 12, 14];

const REGISTRATION_LABELS: Record<RegistrationStatus, string> = { confirmed: '已报名', waitlisted: '候补', pending: '待审核', queued: '确认名额中', cancelled: '已取消' };
const METHOD_LABELS: Record<NonNullable<AttendanceRow['checkinMethod']>, string> = {
  member_code: '扫签到码',
  event_code: '扫活动码',
  manual: '团干部补签',
};

function registrationLabel(row: AttendanceRow): string {
  const status = row.registration ? REGISTRATION_LABELS[row.registration] : '未报名';
  return row.walkIn ? `现场参加（${status}）` : status;
}

/**
 * The event's attendance as an xlsx (answered as a ten-minute download link), for the branch's records and credit reports: every registered member and
 * walk-in, by class then student number, times in campus time. Named after the event's day, so two exports of one
 * event carry one name and a re-export replaces the earlier file.
 */
export async function exportAttendance(
  input: ActionParsedInput<'exportAttendance'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'exportAttendance'>> {
  const { event, openid } = await requireCheckinStaff(input.eventId, ctx);
  const rows = (await ctx.storage.listEventAttendance(event.id))
    .map((r) => toAttendanceRow(event, r))
    .sort((a, b) => a.className.localeCompare(b.className, 'zh-CN') || a.studentNo.localeCompare(b.studentNo));
  const cells: XlsxCell[][] = rows.map((r) => [
    r.studentNo,
    r.name,
    r.className,
    r.branch,
    registrationLabel(r),
    r.checkedInAt ? campusDateTime(r.checkedInAt) : '',
    r.checkedOutAt ? campusDateTime(r.checkedOutAt) : '',
    r.checkinMethod ? METHOD_LABELS[r.checkinMethod] : '',
    event.checkoutRequired ? r.hours : null,
    !event.checkoutRequired ? '不计时长' : r.hoursCounted ? '是' : '否',
  ]);
  const bytes = writeXlsx({ sheetName: '签到名单', header: HEADER, rows: cells, widths: WIDTHS }, ctx.now());
  return fileAnswer(ctx, openid, { fileName: `${safeFileName(event.title)}-签到名单-${campusDayStamp(event.startAt)}.xlsx`, bytes, rowCount: rows.length });
}

import type { ActionOutput, ActionParsedInput, RegistrationStatus } from '../../../types';
import { attendanceHours, tallyOf, toCredits, type EventRecord, type StudentRecord } from '../../../core';
import { reportModules, standingsOf } from '../credits/standings';
import { campusDateTime, campusDayStamp } from '../shared/campus-time';
import { writeXlsx, type XlsxCell, type XlsxSheet } from '../../spreadsheets/xlsx-writer';
import { safeFileName } from '../../spreadsheets/file-names';
import type { HandlerContext } from '../shared/context';
import { eventsById, WHOLE_ROSTER } from '../shared/lookups';
import { exportScope, inScope, scopeLabel, type ExportScope } from './export-scope';
import { fileAnswer } from '../files/file-answers';
import { requireOpenid } from '../shared/caller';

/**
 * 数据导出: sign-ups, attendance or credits of an event, a branch or a college, as one xlsx sheet with Chinese headers,
 * times in campus time (Asia/Shanghai) and credits as numbers (2.5, not 250) so that the sheet can sum them.
 */

const STATUS_LABELS: Record<RegistrationStatus, string> = { confirmed: '已报名', waitlisted: '候补', pending: '待审核', queued: '确认名额中', cancelled: '已取消' };
const KIND_LABELS = { registrations: '报名名单', attendance: '签到记录', credits: '第二课堂学分' } as const;
const when = (iso: string | null) => (iso ? campusDateTime(iso) : '');
const collator = new Intl.Collator('zh-CN');

/** Every registration in scope (any status), by the event's start, the event, then student number. */
async function registrationsSheet(ctx: HandlerContext, scope: ExportScope): Promise<XlsxSheet> {
  const rows = await ctx.storage.listRegistrationsForExport(filterOf(scope));
  return {
    sheetName: '报名名单',
    header: ['活动', '活动开始', '学号', '姓名', '学院', '班级', '团支部', '报名状态', '报名时间'],
    widths: [28, 18, 14, 10, 20, 20, 24, 10, 18],
    rows: rows.map((r) => [
      r.eventTitle,
      when(r.eventStartAt),
      r.student.studentNo,
      r.student.name,
      r.student.college,
      r.student.className,
      r.student.branch,
      STATUS_LABELS[r.registration.status],
      when(r.registration.createdAt),
    ]),
  };
}

interface AttendanceLine {
  event: EventRecord;
  student: Pick<StudentRecord, 'studentNo' | 'name' | 'college' | 'className' | 'branch'>;
  registration: RegistrationStatus | null;
  checkedInAt: string;
  checkedOutAt: string | null;
}

/**
 * Everyone who checked in, in scope: for one event from its attendance list (walk-ins included), else from the
 * registrations of the college or branch. Hours only where the event records them (check-out required).
 */
async function attendanceSheet(ctx: HandlerContext, scope: ExportScope): Promise<XlsxSheet> {
  let lines: AttendanceLine[];
  if (scope.event) {
    const event = scope.event;
    lines = (await ctx.storage.listEventAttendance(event.id))
      .filter((r) => r.attendance?.checkedInAt && inScope(scope, r.student))
      .map((r) => ({
        event,
        student: r.student,
        registration: r.registration?.status ?? null,
        checkedInAt: r.attendance!.checkedInAt!,
        checkedOutAt: r.attendance!.checkedOutAt,
      }));
  } else {
    const rows = (await ctx.storage.listRegistrationsForExport(filterOf(scope))).filter((r) => r.checkedInAt);
    const events = await eventsById(ctx, rows.map((r) => r.registration.eventId));
    lines = rows.flatMap((r) => {
      const event = events.get(r.registration.eventId);
      return event ? [{ event, student: r.student, registration: r.registration.status, checkedInAt: r.checkedInAt!, checkedOutAt: r.checkedOutAt }] : [];
    });
  }
  lines.sort((a, b) => a.event.startAt.localeCompare(b.event.startAt) || a.event.id.localeCompare(b.event.id) || a.student.studentNo.localeCompare(b.student.studentNo));
  return {
    sheetName: '签到记录',
    header: ['活动', '活动开始', '学号', '姓名', '学院', '班级', '团支部', '报名状态', '签到时间', '签退时间', '时长(小时)', '时长是否计入'],
    widths: [28, 18, 14, 10, 20, 20, 24, 10, 18, 18, 12, 14],
    rows: lines.map((l): XlsxCell[] => {
      const { hours, counted } = attendanceHours(l.event, l);
      return [
        l.event.title,
        when(l.event.startAt),
        l.student.studentNo,
        l.student.name,
        l.student.college,
        l.student.className,
        l.student.branch,
        l.registration ? STATUS_LABELS[l.registration] : '现场参加（未报名）',
        when(l.checkedInAt),
        when(l.checkedOutAt),
        l.event.checkoutRequired ? hours : null,
        !l.event.checkoutRequired ? '不计时长' : counted ? '是' : '否',
      ];
    }),
  };
}

/**
 * Each student's credits by module from the ledger's totals (as exportCredits): the students of the college or branch,
 * or an event's participants (confirmed or checked in) — who also get what that event credited them.
 */
async function creditsSheet(ctx: HandlerContext, scope: ExportScope): Promise<XlsxSheet> {
  const [totals, settings] = await Promise.all([ctx.storage.ledgerTotals(), ctx.storage.creditSettings()]);
  let students: StudentRecord[];
  let fromEvent: Map<string, number> | null = null;
  if (scope.event) {
    const event = scope.event;
    const participants = (await ctx.storage.listEventAttendance(event.id)).filter(
      (r) => (r.registration?.status === 'confirmed' || r.attendance?.checkedInAt) && inScope(scope, r.student),
    );
    students = participants.map((r) => ({ ...r.student, openid: null, secondFactorHash: null }));
    // What the event credited each of them: one query of the ledger by event (not a read of every member's ledger).
    fromEvent = new Map();
    for (const e of await ctx.storage.ledgerEntriesOfEvent(event.id)) fromEvent.set(e.studentNo, (fromEvent.get(e.studentNo) ?? 0) + e.amount);
  } else {
    students = (await ctx.storage.listStudents(WHOLE_ROSTER)).filter((s) => inScope(scope, s));
  }
  const standings = standingsOf(students, totals, settings).sort(
    (a, b) =>
      collator.compare(a.student.college, b.student.college) ||
      collator.compare(a.student.className, b.student.className) ||
      a.student.studentNo.localeCompare(b.student.studentNo),
  );
  const modules = reportModules(settings, standings);
  const eventColumn = fromEvent ? ['本活动学分'] : [];
  return {
    sheetName: '第二课堂学分',
    header: ['学号', '姓名', '学院', '班级', '团支部', ...eventColumn, ...modules.map((m) => m.name), '总学分', '志愿时长(小时)', '是否达到毕业要求'],
    widths: [14, 10, 20, 20, 24, ...eventColumn.map(() => 12), ...modules.map((m) => Math.max(10, m.name.length * 2 + 2)), 10, 14, 16],
    rows: standings.map((s) => [
      s.student.studentNo,
      s.student.name,
      s.student.college,
      s.student.className,
      s.student.branch,
      ...(fromEvent ? [toCredits(fromEvent.get(s.student.studentNo) ?? 0)] : []),
      ...modules.map((m) => toCredits(tallyOf(s.byModule, m.id))),
      toCredits(s.total),
      s.hours,
      s.met ? '是' : '否',
    ]),
  };
}

function filterOf(scope: ExportScope): { eventId?: string; college?: string; branch?: string } {
  return {
    ...(scope.event ? { eventId: scope.event.id } : {}),
    ...(scope.college ? { college: scope.college } : {}),
    ...(scope.branch ? { branch: scope.branch } : {}),
  };
}

export async function exportData(input: ActionParsedInput<'exportData'>, ctx: HandlerContext): Promise<ActionOutput<'exportData'>> {
  const scope = await exportScope(ctx, input);
  const openid = await requireOpenid(ctx);
  const sheet =
    input.kind === 'registrations'
      ? await registrationsSheet(ctx, scope)
      : input.kind === 'attendance'
        ? await attendanceSheet(ctx, scope)
        : await creditsSheet(ctx, scope);
  const now = ctx.now();
  const bytes = writeXlsx(sheet, now);
  return fileAnswer(ctx, openid, {
    fileName: `${safeFileName(`${KIND_LABELS[input.kind]}-${scopeLabel(scope)}`)}-${campusDayStamp(now)}.xlsx`,
    bytes,
    rowCount: sheet.rows.length,
  });
}

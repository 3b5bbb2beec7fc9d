import { CATEGORY_LABELS, ROLE_LABELS } from '../../../types';
import {
  FOLLOW_TOPICS,
  type AppealRecord,
  type CreditSettings,
  type DataRequest,
  type EventRecord,
  type LedgerEntry,
  type NotificationKind,
  type RoleGrant,
  type SignupBlock,
  type StudentRecord,
  type TeamRecord,
  type TranscriptShare,
} from '../../../core';
import type { PersonalRecords } from '../../storage/ports';
import type { XlsxCell, XlsxSheet } from '../../spreadsheets/xlsx-writer';
import { campusDateTime } from '../shared/campus-time';

/** Everything gathered about one student for 我的数据's export. */
export interface MyData {
  student: StudentRecord;
  openid: string | null;
  roles: RoleGrant[];
  records: PersonalRecords;
  ledger: LedgerEntry[];
  appeals: AppealRecord[];
  teams: TeamRecord[];
  shares: TranscriptShare[];
  consents: Record<NotificationKind, number>;
  /** Followed topics (关注), by id. */
  follows: string[];
  block: SignupBlock | null;
  request: DataRequest | null;
  events: Map<string, EventRecord>;
  settings: CreditSettings;
  madeAt: Date;
}

const STATUS: Record<string, string> = {
  confirmed: '已报名', waitlisted: '候补', pending: '待审核', queued: '确认名额中', applied: '已申请抽签', cancelled: '已取消',
};
const METHOD: Record<string, string> = { member_code: '扫签到码', event_code: '扫活动码', manual: '手工补签' };
const APPEAL: Record<string, string> = { pending: '待处理', accepted: '已通过', rejected: '未通过' };
const TEAM: Record<string, string> = {
  forming: '组队中', signed_up: '已报名', report_submitted: '已交报告', approved: '已通过', returned: '已退回',
};
const MESSAGE: Record<NotificationKind, string> = {
  event_reminder: '活动提醒', waitlist_promoted: '候补成功', event_cancelled: '活动取消', lottery_result: '抽签结果', new_event: '新活动开放报名',
};
const OUTBOX: Record<string, string> = { pending: '待发送', sent: '已发送', failed: '发送失败', skipped: '未发送' };
const LEAVE: Record<string, string> = { pending: '待审批', approved: '已批准', refused: '未批准' };
const topicLabel = (id: string) => FOLLOW_TOPICS.find((t) => t.id === id)?.label ?? id;

const time = (instant: string | null | undefined): string => (instant ? campusDateTime(instant) : '');

/**
 * 我的数据 as a workbook, one sheet per kind of record, every sheet in words a student reads (times in campus time,
 * statuses in Chinese). The first sheet says what the file is and what the school keeps. Never in it: the keyed hash
 * of the ID digits (only whether one is kept), any token or its hash, other people's personal data (officers appear
 * by account only where a record names who acted).
 */
export function myDataWorkbook(d: MyData): XlsxSheet[] {
  const title = (eventId: string | null) => (eventId ? (d.events.get(eventId)?.title ?? eventId) : '');
  const moduleName = (id: string) => d.settings.modules.find((m) => m.id === id)?.name ?? id;
  const s = d.student;
  const sheets: XlsxSheet[] = [
    {
      sheetName: '说明',
      header: ['项目', '内容'],
      widths: [18, 100],
      rows: [
        ['文件', '青年第二课堂为你保存的全部个人信息（我的数据导出）'],
        ['导出时间', campusDateTime(d.madeAt)],
        ['学号', s.studentNo],
        ['保存方式', '身份证后六位只保存经密钥计算的摘要，无法还原，本文件不含该摘要；网页登录的凭证只保存摘要，本文件不含。'],
        ['须保留的记录', '报名（含抽签申请的权重、抽签顺位与公示化名：公示名单是所有人核验抽签的依据）、签到、学分账目、申诉、请假的审批结果与操作记录是学校第二课堂成绩的依据，用人单位可据此核验成绩单，按隐私政策在毕业后保存 5 年；删除申请处理后仍会保留。'],
        ['可删除的信息', '微信账号与学号的绑定、已分享的成绩单（撤回）、消息订阅授权、网页登录记录、绑定尝试记录、关注的活动类型、未到场记录与报名限制、请假原因与照片（照片文件一并删除）、尚未截止的抽签申请（撤回）：可在“我的数据”中申请删除。'],
      ],
    },
    {
      sheetName: '基本信息',
      header: ['项目', '内容'],
      widths: [18, 60],
      rows: [
        ['学号', s.studentNo],
        ['姓名', s.name],
        ['学院', s.college],
        ['班级', s.className],
        ['团支部', s.branch],
        ['年级', s.grade],
        ['共青团员', s.isLeagueMember ? '是' : '否'],
        ['身份证后六位', s.secondFactorHash ? '已保存（仅密钥摘要，无法还原）' : '未保存'],
        ['绑定的微信账号（openid）', d.openid ?? '未绑定'],
        ['角色', d.roles.map((r) => `${ROLE_LABELS[r.role]}（${r.scope}）`).join('；') || '无'],
      ],
    },
    {
      sheetName: '报名',
      header: ['活动', '类别', '活动开始', '报名状态', '候补号', '报名时间', '最后更新', '抽签权重', '抽签顺位', '抽签公示化名'],
      widths: [36, 10, 18, 12, 8, 18, 18, 10, 10, 24],
      rows: d.records.registrations.map((r) => {
        const e = d.events.get(r.eventId);
        return [
          title(r.eventId), e ? CATEGORY_LABELS[e.category] : '', time(e?.startAt), STATUS[r.status] ?? r.status, r.waitlistSeq, time(r.createdAt),
          time(r.updatedAt), r.lottery?.weight ?? '', r.lottery?.rank ?? '', r.lottery?.pseudonym ?? '',
        ];
      }),
    },
    {
      sheetName: '签到',
      header: ['活动', '现场参加', '签到时间', '签到方式', '签退时间', '签退方式'],
      widths: [36, 10, 18, 12, 18, 12],
      rows: d.records.attendance.map((a) => [
        title(a.eventId), a.walkIn ? '是' : '否', time(a.checkedInAt), a.checkinMethod ? METHOD[a.checkinMethod] : '',
        time(a.checkedOutAt), a.checkoutMethod ? METHOD[a.checkoutMethod] : '',
      ]),
    },
    {
      sheetName: '扫码记录',
      header: ['活动', '签到/签退', '扫码时间', '接收时间', '离线扫码', '结果'],
      widths: [36, 10, 18, 18, 10, 16],
      rows: d.records.scans.map((x) => [
        title(x.eventId), x.purpose === 'in' ? '签到' : '签退', time(x.scannedAt), time(x.receivedAt), x.offline ? '是' : '否',
        x.outcome.status === 'refused' ? `未记录（${x.outcome.code ?? ''}）` : x.outcome.status === 'already' ? '此前已记录' : '已记录',
      ]),
    },
    {
      sheetName: '请假',
      header: ['活动', '状态', '请假原因', '照片', '提交时间', '审批时间', '审批意见'],
      widths: [36, 10, 40, 40, 18, 18, 30],
      rows: d.records.leaves.map((l) => [
        title(l.eventId), LEAVE[l.status] ?? l.status, l.reason,
        l.photoFileId ? `已附照片（文件 ${l.photoFileId}，活动主办方审批时查看）` : '无', time(l.createdAt), time(l.decidedAt), l.decisionReason ?? '',
      ]),
    },
    {
      sheetName: '未到场与报名限制',
      header: ['记录', '活动', '学期', '时间', '状态', '说明'],
      widths: [12, 36, 12, 18, 18, 40],
      rows: [
        ...d.records.noShowMarks.map((m): XlsxCell[] => [
          '未到场', m.eventTitle, m.term, time(m.recordedAt), m.removedAt ? `已撤销（${time(m.removedAt)}）` : '有效', m.removedReason ?? '',
        ]),
        ...(d.block
          ? [['报名限制', d.block.eventTitles.join('、'), d.block.term, time(d.block.updatedAt), `限制至 ${time(d.block.until)}`, `${d.block.reason}（未到场 ${d.block.marks} 次）`] as XlsxCell[]]
          : []),
      ],
    },
    {
      sheetName: '关注',
      header: ['关注的活动类型', '说明'],
      widths: [30, 60],
      rows: [
        ...d.follows.map((t): XlsxCell[] => [topicLabel(t), '有新活动开放报名时提醒你（每次提醒需要一次订阅授权）']),
        ['新活动提醒（剩余授权）', String(d.consents.new_event ?? 0)],
      ],
    },
    {
      sheetName: '学分',
      header: ['时间', '模块', '学分', '志愿时长(小时)', '活动', '依据', '事由'],
      widths: [18, 14, 8, 14, 36, 24, 30],
      rows: d.ledger.map((l): XlsxCell[] => [time(l.at), moduleName(l.module), l.amount / 100, l.hours, title(l.eventId), l.rule, l.reason ?? '']),
    },
    {
      sheetName: '申诉',
      header: ['活动', '申诉说明', '状态', '提交时间', '处理时间', '处理意见'],
      widths: [36, 40, 10, 18, 18, 30],
      rows: d.appeals.map((a) => [title(a.eventId), a.note, APPEAL[a.status], time(a.createdAt), time(a.decidedAt), a.decisionReason ?? '']),
    },
    {
      sheetName: '团队',
      header: ['团队', '活动', '身份', '状态', '项目', '实践报告'],
      widths: [20, 36, 8, 10, 30, 30],
      rows: d.teams.map((t) => [
        t.name, title(t.eventId), t.leaderStudentNo === s.studentNo ? '队长' : '队员', TEAM[t.status] ?? t.status, t.project, t.report?.title ?? '',
      ]),
    },
    {
      sheetName: '分享的成绩单',
      header: ['编号', '生成时间', '撤回时间', '显示完整学号', '含学分明细'],
      widths: [16, 18, 18, 14, 12],
      rows: d.shares.map((x) => [
        x.shareId, time(x.issuedAt), time(x.revokedAt), /\*/.test(x.snapshot.studentNo) ? '否' : '是', x.snapshot.timeline ? '是' : '否',
      ]),
    },
    {
      sheetName: '消息',
      header: ['消息', '活动', '状态', '排队时间', '发送时间'],
      widths: [12, 36, 10, 18, 18],
      rows: [
        ...(Object.keys(MESSAGE) as NotificationKind[]).map((k): XlsxCell[] => [`${MESSAGE[k]}（剩余授权）`, '', String(d.consents[k] ?? 0), '', '']),
        ...d.records.outbox.map((m): XlsxCell[] => [MESSAGE[m.kind], title(m.eventId), OUTBOX[m.status] ?? m.status, time(m.createdAt), time(m.sentAt)]),
      ],
    },
    {
      sheetName: '操作记录',
      header: ['时间', '操作', '对象', '操作者', '详情'],
      widths: [18, 22, 30, 30, 60],
      rows: d.records.audit.map((a) => [time(a.at), a.action, a.target, a.actor === d.openid ? '本人' : a.actor, a.detail]),
    },
    {
      sheetName: '登录与绑定',
      header: ['记录', '开始', '到期', '结束'],
      widths: [16, 18, 18, 18],
      rows: [
        ...d.records.webSessions.map((w): XlsxCell[] => ['网页登录', time(w.createdAt), time(w.expiresAt), time(w.revokedAt)]),
        ...(d.records.bindAttempts ? [[`绑定失败 ${d.records.bindAttempts.failures} 次`, '', time(d.records.bindAttempts.lockedUntil), ''] as XlsxCell[]] : []),
      ],
    },
    {
      sheetName: '删除申请',
      header: ['状态', '说明', '提交时间', '处理时间', '答复'],
      widths: [10, 40, 18, 18, 40],
      rows: d.request
        ? [[d.request.status === 'pending' ? '待处理' : '已处理', d.request.note, time(d.request.createdAt), time(d.request.completedAt), d.request.reply ?? '']]
        : [],
    },
  ];
  return sheets;
}

/** Data rows in all sheets but the first (说明): the export's rowCount. */
export function dataRows(sheets: readonly XlsxSheet[]): number {
  return sheets.slice(1).reduce((n, sheet) => n + sheet.rows.length, 0);
}

import * as v from 'valibot';
import { CATEGORIES, NOTIFICATION_KINDS, SIGNUP_MODES } from './enums';
import { ModuleIdSchema } from './ids';
import { EventDetailSchema, EventSummarySchema } from './models';
import { FileAnswerSchema } from './bulk';
import { PriorityRuleSchema } from './fairness-actions';
import { FileIdSchema } from './bulk-actions';
import { eventPageInput, pageOutput } from './pages';
import { LecturerProgressSchema } from './contest-actions';

/**
 * The committee's tools (issue 6): publishing, social-practice teams, reminders and the yearly-target dashboard.
 * Merged into `actions` (types/actions.ts). Amounts of credits are hundredths, as elsewhere.
 */
const Id = v.pipe(v.string(), v.trim(), v.minLength(1, '不能为空'), v.maxLength(64, '过长'));
const Instant = v.pipe(v.string(), v.isoTimestamp('时间格式不正确'));
const Text = (max: number, what: string) => v.pipe(v.string(), v.trim(), v.minLength(1, `请填写${what}`), v.maxLength(max, `${what}不能超过 ${max} 个字`));
const Reason = v.pipe(v.string(), v.trim(), v.minLength(2, '请填写原因'), v.maxLength(200, '原因不能超过 200 个字'));
const Module = ModuleIdSchema;

/** Most names of members behind the dashboard lists (the answer stays small; the lecturers page lists them all). */
export const DASHBOARD_BEHIND_LIMIT = 50;

/**
 * 青年讲师团 on the whole-school dashboard (the committee's; null on a college's): the year's active members the plan
 * asks talks of (school level), how many are on track or behind by the end of this month, and those behind, worst
 * first, at most DASHBOARD_BEHIND_LIMIT of them with their confirmed talks against the year's requirement.
 */
export const DashboardLecturersSchema = v.object({
  members: v.number(),
  onTrack: v.number(),
  behind: v.number(),
  /** Members who already gave the whole year's talks. */
  met: v.number(),
  /** The year's talks waiting for the committee to confirm them. */
  pendingTalks: v.number(),
  behindMembers: v.pipe(
    v.array(v.object({ name: v.string(), college: v.string(), progress: LecturerProgressSchema })),
    v.maxLength(DASHBOARD_BEHIND_LIMIT),
  ),
});

export const KindDetailsSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('lecture'), track: v.picklist(['团支部', '主讲人', '微团课']), speaker: Text(30, '主讲人'), topic: Text(60, '主题') }),
  v.strictObject({
    kind: v.literal('volunteer'),
    roles: v.pipe(v.array(Text(20, '岗位')), v.maxLength(10, '岗位不能超过 10 个')),
    hours: v.pipe(v.number(), v.minValue(0), v.maxValue(24)),
    recruitment: v.picklist(['open', 'approval', 'interview']),
  }),
  v.strictObject({
    kind: v.literal('practice'),
    mode: v.picklist(['三下乡', '返家乡']),
    teamSizeMin: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
    teamSizeMax: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
    destination: Text(60, '目的地'),
    reportDueAt: Instant,
  }),
  v.strictObject({ kind: v.literal('firstaid'), level: v.picklist(['普及培训', '救护员']), assessment: v.boolean() }),
  v.strictObject({ kind: v.literal('theme'), theme: Text(60, '主题') }),
]);

export const AudienceSchema = v.strictObject({
  colleges: v.pipe(v.array(v.pipe(v.string(), v.trim(), v.maxLength(64))), v.maxLength(30)),
  grades: v.pipe(v.array(v.pipe(v.string(), v.trim(), v.maxLength(8))), v.maxLength(10)),
  leagueMembersOnly: v.boolean(),
});

export const CreditRuleSchema = v.strictObject({
  base: v.variant('kind', [
    v.strictObject({ kind: v.literal('fixed'), module: Module, amount: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2000)) }),
    v.strictObject({
      kind: v.literal('per_hour'),
      module: Module,
      perHour: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
      cap: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5000)),
    }),
    v.strictObject({ kind: v.literal('none') }),
  ]),
  assessmentBonus: v.nullable(v.strictObject({ module: Module, amount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2000)) })),
});

/** Everything an organiser sets on an event. Counters (seats, waitlist, check-ins) are never part of it. */
export const EventFieldsSchema = v.strictObject({
  title: Text(60, '标题'),
  category: v.picklist(CATEGORIES),
  details: KindDetailsSchema,
  organizer: Text(40, '主办方'),
  location: Text(60, '地点'),
  description: v.pipe(v.string(), v.trim(), v.maxLength(2000, '介绍不能超过 2000 个字')),
  startAt: Instant,
  endAt: Instant,
  signupStartAt: Instant,
  signupEndAt: Instant,
  cancelDeadlineAt: Instant,
  capacity: v.pipe(v.number(), v.integer(), v.minValue(1, '名额至少 1 个'), v.maxValue(20000)),
  waitlistEnabled: v.boolean(),
  approvalRequired: v.boolean(),
  audience: AudienceSchema,
  creditRule: CreditRuleSchema,
  /** Shown on cards (学分); usually the fixed amount / 100. */
  credits: v.pipe(v.number(), v.minValue(0), v.maxValue(20)),
  /** The host: the committee, or a college (college officers may only host their own). */
  host: v.strictObject({ kind: v.picklist(['committee', 'college', 'branch']), unit: v.pipe(v.string(), v.trim(), v.maxLength(64)) }),
  checkoutRequired: v.boolean(),
  minStayRatio: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  allowWalkIns: v.boolean(),
  /** 先到先得 (default) or 抽签; fixed once published (a lottery must be published before its window opens). */
  signupMode: v.optional(v.picklist(SIGNUP_MODES)),
  /** A lottery's priority weights (optional, at most 3), committed with its seed at publishing. */
  lotteryPriority: v.optional(v.pipe(v.array(PriorityRuleSchema), v.maxLength(3, '抽签优先规则最多 3 条'))),
  /**
   * The cover picture: a file the caller uploaded for purpose `cover` (startUpload … finishUpload), or the event's
   * current cover; null removes it (cards show the kind's artwork); absent keeps whatever the event has.
   */
  coverFileId: v.optional(v.nullable(FileIdSchema)),
});
export type EventFields = v.InferOutput<typeof EventFieldsSchema>;

export const ManagedEventSchema = v.object({
  ...EventSummarySchema.entries,
  /** draft / published / closed / cancelled. */
  lifecycle: v.picklist(['draft', 'published', 'closed', 'cancelled']),
  approvalRequired: v.boolean(),
  pendingApplications: v.number(),
  checkedInCount: v.number(),
  updatedAt: v.string(),
  /** A lottery's draw once it ran (null before it, and for first-come events): the 开奖 row becomes its result. */
  lotteryDraw: v.nullable(v.object({ drawnAt: v.string(), applicants: v.number(), winners: v.number() })),
});

const TeamSchema = v.object({
  id: v.string(),
  eventId: v.string(),
  eventTitle: v.string(),
  name: v.string(),
  project: v.string(),
  leader: v.object({ studentNo: v.string(), name: v.string() }),
  members: v.array(v.object({ studentNo: v.string(), name: v.string(), className: v.string() })),
  mentor: v.string(),
  /** Only for the team's own members. */
  joinCode: v.nullable(v.string()),
  status: v.picklist(['forming', 'signed_up', 'report_submitted', 'approved', 'returned']),
  report: v.nullable(v.object({ title: v.string(), summary: v.string(), link: v.string(), submittedAt: v.string() })),
  review: v.nullable(v.object({ at: v.string(), reason: v.string() })),
  limits: v.object({ teamSizeMin: v.number(), teamSizeMax: v.number() }),
});

const OutboxEntrySchema = v.object({
  key: v.string(),
  kind: v.picklist(NOTIFICATION_KINDS),
  studentNo: v.string(),
  eventId: v.string(),
  data: v.record(v.string(), v.string()),
  status: v.picklist(['pending', 'sent', 'failed', 'skipped']),
  attempts: v.number(),
  nextAttemptAt: v.string(),
  lastError: v.nullable(v.string()),
  createdAt: v.string(),
  sentAt: v.nullable(v.string()),
  deadlineAt: v.string(),
});

const TargetProgressSchema = v.object({
  metric: v.string(),
  label: v.string(),
  comparator: v.picklist(['>=', '>']),
  value: v.number(),
  unit: v.string(),
  actual: v.number(),
  met: v.boolean(),
  ratio: v.number(),
  /** What the target asks of the scope shown: the school's own, or a college's share of it (counts in proportion to its students). */
  scope: v.picklist(['school', 'college_share']),
  /** The school-wide target (equal to value for the school). */
  schoolValue: v.number(),
  /** What the target expects by the end of this Shanghai month, pro rata by month (all of it for a past year). */
  expected: v.number(),
});

const CountsByCategory = v.object({ lecture: v.number(), volunteer: v.number(), practice: v.number(), firstaid: v.number(), theme: v.number() });

export const committeeActions = {
  saveEvent: {
    summary: '新建或修改活动（校团委、院团总支）；新建为草稿，已发布的活动修改后立即生效，名额与签到数据不受影响',
    input: v.strictObject({ eventId: v.optional(Id), fields: EventFieldsSchema }),
    output: v.object({ event: ManagedEventSchema }),
  },
  changeEventStatus: {
    summary: '发布 / 关闭报名 / 重新开放 / 取消活动（取消须写原因，并通知所有已报名的同学）',
    input: v.strictObject({ eventId: Id, action: v.picklist(['publish', 'close', 'reopen', 'cancel']), reason: v.optional(Reason) }),
    output: v.object({ event: ManagedEventSchema, notified: v.number() }),
  },
  previewEvent: {
    summary: '预览活动（含草稿），与学生看到的一致',
    input: v.strictObject({ eventId: Id }),
    output: v.object({ event: EventDetailSchema, fields: EventFieldsSchema, lifecycle: v.picklist(['draft', 'published', 'closed', 'cancelled']) }),
  },
  listManagedEvents: {
    summary: '我主办的活动（含草稿）：校团委看全部，院团总支看本学院；按开始时间分页，每次最多 400 个，用 next 取下一页',
    input: v.strictObject({ lifecycle: v.optional(v.picklist(['draft', 'published', 'closed', 'cancelled'])), ...eventPageInput }),
    output: v.object({ events: v.array(ManagedEventSchema), ...pageOutput }),
  },
  listApplications: {
    summary: '需审核报名的活动：待审核的申请（志愿者招募、面试）',
    input: v.strictObject({ eventId: Id }),
    output: v.object({
      applications: v.array(v.object({ studentNo: v.string(), name: v.string(), className: v.string(), college: v.string(), appliedAt: v.string() })),
    }),
  },
  decideApplication: {
    summary: '审核报名：通过（占用名额）或不通过（写明原因）',
    input: v.strictObject({ eventId: Id, studentNo: v.pipe(v.string(), v.trim(), v.minLength(6), v.maxLength(20)), approve: v.boolean(), reason: v.optional(Reason) }),
    output: v.object({ status: v.picklist(['confirmed', 'cancelled']), seatsLeft: v.number() }),
  },
  createTeam: {
    summary: '创建社会实践团队（队长）：团队名称、项目、指导老师；生成入队码',
    input: v.strictObject({ eventId: Id, name: Text(30, '团队名称'), project: Text(80, '项目名称'), mentor: v.pipe(v.string(), v.trim(), v.maxLength(30)) }),
    output: v.object({ team: TeamSchema }),
  },
  joinTeam: {
    summary: '凭入队码加入团队（每个活动只能加入一个团队）',
    input: v.strictObject({ joinCode: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{6}$/, '入队码为 6 位字母或数字')) }),
    output: v.object({ team: TeamSchema }),
  },
  leaveTeam: {
    summary: '退出团队（报名前；队长不能退出）',
    input: v.strictObject({ teamId: Id }),
    output: v.object({ left: v.boolean() }),
  },
  updateTeam: {
    summary: '修改团队信息（队长）：名称、项目、指导老师',
    input: v.strictObject({
      teamId: Id,
      name: v.optional(Text(30, '团队名称')),
      project: v.optional(Text(80, '项目名称')),
      mentor: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(30))),
    }),
    output: v.object({ team: TeamSchema }),
  },
  signUpTeam: {
    summary: '团队整体报名（队长）：人数在活动要求范围内、已填写指导老师；全体成员一并报名',
    input: v.strictObject({ teamId: Id }),
    output: v.object({ team: TeamSchema }),
  },
  submitTeamReport: {
    summary: '提交实践报告（队长）',
    input: v.strictObject({
      teamId: Id,
      title: Text(60, '报告标题'),
      summary: v.pipe(v.string(), v.trim(), v.minLength(20, '报告摘要至少 20 个字'), v.maxLength(2000)),
      link: v.pipe(v.string(), v.trim(), v.maxLength(300)),
    }),
    output: v.object({ team: TeamSchema }),
  },
  getMyTeams: {
    summary: '我的社会实践团队',
    input: v.strictObject({}),
    output: v.object({ teams: v.array(TeamSchema) }),
  },
  listTeams: {
    summary: '社会实践团队（校团委 / 院团总支审核）',
    input: v.strictObject({ eventId: v.optional(Id), status: v.optional(v.picklist(['forming', 'signed_up', 'report_submitted', 'approved', 'returned'])) }),
    output: v.object({ teams: v.array(TeamSchema) }),
  },
  reviewTeam: {
    summary: '审核实践报告：通过则全体成员一次性记入学分；退回须写明原因',
    input: v.strictObject({ teamId: Id, approve: v.boolean(), reason: Reason }),
    output: v.object({ team: TeamSchema, credited: v.number() }),
  },
  recordSubscribeConsent: {
    summary: '记录订阅消息授权（学生在报名时点按后，微信返回的允许 / 拒绝）',
    input: v.strictObject({
      results: v.pipe(
        v.array(v.strictObject({ kind: v.picklist(NOTIFICATION_KINDS), accepted: v.boolean() })),
        v.maxLength(3),
      ),
    }),
    output: v.object({ remaining: v.record(v.string(), v.number()) }),
  },
  listOutbox: {
    summary: '消息发件箱（本地开发：查看已“发送”的订阅消息；线上：查看失败与重试）',
    input: v.strictObject({
      status: v.optional(v.picklist(['pending', 'sent', 'failed', 'skipped'])),
      /** Only the messages about this event. */
      eventId: v.optional(Id),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
    }),
    output: v.object({ messages: v.array(OutboxEntrySchema) }),
  },
  runScheduledJobs: {
    summary: '立即运行定时任务（提醒、到点关闭报名、发送与重试消息）；线上由定时触发器每 5 分钟运行',
    input: v.strictObject({}),
    output: v.object({
      queued: v.number(),
      sent: v.number(),
      retried: v.number(),
      failed: v.number(),
      skipped: v.number(),
      closed: v.number(),
      /** No-show entries recorded (the committee's optional no-show rule). */
      penalised: v.number(),
      /** Due messages left for the next run (the run's time budget was spent). */
      left: v.number(),
      /** Queued sign-ups placed (a rush on CloudBase). */
      placed: v.number(),
      /** Lotteries drawn (their windows had closed). */
      drawn: v.number(),
      /** No-show marks recorded (the committee's optional sign-up block rule). */
      marked: v.number(),
      /** Alerts queued for followers of newly opened events. */
      alerted: v.number(),
    }),
  },
  getDashboard: {
    summary: '年度目标看板：应急救护、志愿服务、主题教育、社会实践比例；按月与计划对照；按学院、团支部',
    input: v.strictObject({
      year: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2020), v.maxValue(2100))),
      college: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64))),
    }),
    output: v.object({
      year: v.number(),
      students: v.number(),
      targets: v.array(TargetProgressSchema),
      months: v.array(
        v.object({
          month: v.number(),
          registrations: CountsByCategory,
          attendances: CountsByCategory,
          events: v.number(),
          plan: v.array(v.object({ text: v.string(), category: v.nullable(v.string()), hasEvents: v.boolean() })),
        }),
      ),
      byCollege: v.array(
        v.object({ college: v.string(), students: v.number(), registrations: v.number(), attendances: v.number(), practiceStudents: v.number() }),
      ),
      byBranch: v.array(v.object({ branch: v.string(), college: v.string(), students: v.number(), registrations: v.number(), attendances: v.number() })),
      lecturers: v.nullable(DashboardLecturersSchema),
      generatedAt: v.string(),
    }),
  },
  getPlanSettings: {
    summary: '年度目标与月度计划（数据，可按新一年计划修改）',
    input: v.strictObject({}),
    output: v.object({
      targets: v.array(v.object({ metric: v.string(), label: v.string(), comparator: v.picklist(['>=', '>']), value: v.number(), unit: v.string() })),
      planItems: v.array(v.object({ months: v.array(v.number()), text: v.string(), category: v.nullable(v.string()) })),
    }),
  },
  updatePlanSettings: {
    summary: '修改年度目标与月度计划（校团委）',
    input: v.strictObject({
      targets: v.array(
        v.strictObject({
          metric: v.picklist(['firstaid_trainees', 'volunteer_signups', 'theme_participations', 'practice_share']),
          label: Text(30, '名称'),
          comparator: v.picklist(['>=', '>']),
          value: v.pipe(v.number(), v.minValue(0)),
          unit: v.picklist(['人次', '%']),
        }),
      ),
      planItems: v.pipe(
        v.array(
          v.strictObject({
            months: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12))), v.minLength(1)),
            text: Text(120, '计划内容'),
            category: v.nullable(v.picklist(CATEGORIES)),
          }),
        ),
        v.maxLength(100),
      ),
    }),
    output: v.object({ saved: v.boolean() }),
  },
  exportData: {
    summary: '导出 xlsx：报名、签到或学分；按活动、团支部或学院',
    input: v.strictObject({
      kind: v.picklist(['registrations', 'attendance', 'credits']),
      eventId: v.optional(Id),
      college: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64))),
      branch: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64))),
    }),
    output: FileAnswerSchema,
  },
} as const;

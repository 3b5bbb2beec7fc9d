import * as v from 'valibot';
import { ROLES } from './enums';
import { CHECKIN_PURPOSES, CORRECTION_OPS } from './checkin';
import { committeeActions } from './committee-actions';
import { FileAnswerSchema, MAX_SCANS_PER_CALL } from './bulk';
import { bulkActions, FileIdSchema, importAnswerFields } from './bulk-actions';
import { peopleActions } from './people-actions';
import { fairnessActions, SignupBlockViewSchema } from './fairness-actions';
import { contestActions } from './contest-actions';
import { wechatActions } from './wechat-actions';
import { ModuleIdSchema, moduleRecordSchema } from './ids';
import { attendancePageInput, eventPageInput, pageOutput } from './pages';
import {
  AppealSchema,
  CreditGroupSchema,
  CreditModuleSchema,
  CreditSettingsSchema,
  LedgerEntrySchema,
  ModuleProgressSchema,
  ShareSchema,
  TranscriptSnapshotSchema,
  AttendanceCountsSchema,
  AttendanceRowSchema,
  CheckinStaffSchema,
  CheckinEventSchema,
  OfflineMemberSchema,
  ScanResultSchema,
  SiteSettingsSchema,
  AuditEntrySchema,
  CATEGORIES,
  DemoUserSchema,
  EventCountersSchema,
  EventDetailSchema,
  EventSummarySchema,
  MemberSchema,
  MyRegistrationSchema,
  RoleGrantSchema,
  StudentProfileSchema,
} from './models';

/**
 * The API contract: every action's request and response schema. The functions validate requests with these at the
 * door (strict objects: unknown fields are refused), the local server publishes them as JSON Schema at GET /api, and
 * the front end imports the inferred types. Add an action here first.
 */
const Id = v.pipe(v.string(), v.trim(), v.minLength(1, '不能为空'), v.maxLength(64, '过长'));
const StudentNo = v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z]{6,20}$/, '学号应为 6–20 位数字或字母'));
const Reason = v.pipe(v.string(), v.trim(), v.minLength(2, '请填写原因'), v.maxLength(200, '原因不能超过 200 个字'));
/** A login ticket as shown in the QR code: 32 random bytes, base64url. */
const Ticket = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9_-]{20,64}$/, '二维码内容不正确'));
/** An account to act on: a student number (its bound WeChat account) or an openid (e.g. a teacher's). */
const AccountRef = v.pipe(v.string(), v.trim(), v.minLength(6, '请填写学号或 openid'), v.maxLength(64, '过长'));

/** A scanned code as text: a member code is about 370 characters. */
const ScannedCode = v.pipe(v.string(), v.trim(), v.minLength(1, '请扫码或输入签到码'), v.maxLength(1000, '签到码过长'));
/** A scan's nonce, made by the scanning app (e.g. a UUID). */
const ScanId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '扫码编号应为 8–64 位字母、数字、- 或 _'));
const InstantInput = v.pipe(v.string(), v.isoTimestamp('时间格式不正确'));

const EventWithMine = v.object({
  ...EventSummarySchema.entries,
  /** The caller's own registration status for this event, if any (not cancelled). */
  myStatus: v.nullable(v.picklist(['confirmed', 'waitlisted', 'pending', 'queued', 'applied'])),
});

export const actions = {
  listEvents: {
    summary: '本学期活动列表（可按类别筛选、按关键词搜索），按开始时间分页：每次最多 400 个，用上次返回的 next 取下一页，next 为空即已取完',
    input: v.strictObject({
      category: v.optional(v.picklist(CATEGORIES)),
      keyword: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(40, '关键词不能超过 40 个字'))),
      ...eventPageInput,
    }),
    output: v.object({ events: v.array(EventWithMine), ...pageOutput }),
  },
  getEvent: {
    summary: '活动详情与我的报名、签到状态',
    input: v.strictObject({ eventId: Id }),
    output: v.object({
      event: EventDetailSchema,
      myRegistration: v.nullable(MyRegistrationSchema),
      myAttendance: v.nullable(v.object({ checkedInAt: v.nullable(v.string()), checkedOutAt: v.nullable(v.string()) })),
      /**
       * The caller's sign-up block for no-shows (issue 16), present only while one runs and the caller holds no place:
       * the page says why and until when before any tap. No read while the committee's rule is off.
       */
      myBlock: v.optional(SignupBlockViewSchema),
    }),
  },
  signUp: {
    summary: '报名活动；满员时进入候补并返回候补位次',
    input: v.strictObject({ eventId: Id }),
    output: v.object({ registration: MyRegistrationSchema, event: EventCountersSchema }),
  },
  getMySignup: {
    summary: '我的报名结果：报名人多时先排队，几秒内确认名额；排队中的同学用它查询结果（已报名 / 候补第 N 位 / 名额已满）',
    input: v.strictObject({ eventId: Id }),
    output: v.object({
      /** The sign-up, placed or still queued; null when there is none (or it was refused). */
      registration: v.nullable(MyRegistrationSchema),
      /** A queued sign-up refused when placed (名额已满, 活动已取消 …): what to tell the student. */
      refusal: v.nullable(v.object({ code: v.string(), message: v.string() })),
      /** The event's seats and waitlist as just seen (null for an unknown event): the page shows them as they are. */
      event: v.nullable(EventCountersSchema),
    }),
  },
  cancelRegistration: {
    summary: '取消报名（截止时间前）；空出的名额自动递补给候补第一位',
    input: v.strictObject({ eventId: Id }),
    output: v.object({ registration: MyRegistrationSchema, event: EventCountersSchema }),
  },
  listMyRegistrations: {
    summary: '我的报名（含候补位次；已开始的活动附签到、签退时间）',
    input: v.strictObject({}),
    output: v.object({
      registrations: v.array(
        v.object({
          registration: MyRegistrationSchema,
          event: EventSummarySchema,
          /** My check-in and check-out, for events that have started (null before, or when never checked in). */
          attendance: v.nullable(v.object({ checkedInAt: v.nullable(v.string()), checkedOutAt: v.nullable(v.string()) })),
        }),
      ),
    }),
  },
  getMe: {
    summary: '当前用户：是否已绑定学号、学生信息与角色',
    input: v.strictObject({}),
    output: v.object({
      /** True when the caller has a WeChat identity (openid) and so can bind. */
      signedIn: v.boolean(),
      bound: v.boolean(),
      student: v.nullable(StudentProfileSchema),
      roles: v.array(RoleGrantSchema),
    }),
  },
  bindStudent: {
    summary: '绑定学号：学号 + 姓名（+ 身份证后六位，名单中有时必填）',
    input: v.strictObject({
      studentNo: StudentNo,
      name: v.pipe(v.string(), v.trim(), v.minLength(1, '请填写姓名'), v.maxLength(30, '姓名过长')),
      idLast6: v.optional(v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[0-9]{5}[0-9X]$/, '应为 6 位，最后一位可为 X'))),
    }),
    output: v.object({ student: StudentProfileSchema }),
  },
  unbindStudent: {
    summary: '解绑学号（校团委），记录原因',
    input: v.strictObject({ studentNo: StudentNo, reason: Reason }),
    output: v.object({ studentNo: v.string() }),
  },
  grantRole: {
    summary: '授予角色（校团委）：团支部 / 院团总支按范围授予',
    input: v.strictObject({ account: AccountRef, role: v.picklist(ROLES), scope: v.pipe(v.string(), v.trim(), v.maxLength(64)) }),
    output: v.object({ openid: v.string(), roles: v.array(RoleGrantSchema) }),
  },
  revokeRole: {
    summary: '撤销角色（校团委）',
    input: v.strictObject({ account: AccountRef, role: v.picklist(ROLES), scope: v.pipe(v.string(), v.trim(), v.maxLength(64)) }),
    output: v.object({ openid: v.string(), roles: v.array(RoleGrantSchema) }),
  },
  listBranchMembers: {
    summary: '团支部成员名单（团支部只看本支部，院团总支看本学院，校团委看全部）',
    input: v.strictObject({ branch: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64)) }),
    output: v.object({ branch: v.string(), members: v.array(MemberSchema) }),
  },
  listAuditLog: {
    summary: '审计日志（校团委）：绑定、解绑、角色、名单的每次变更',
    input: v.strictObject({ limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))) }),
    output: v.object({
      entries: v.array(AuditEntrySchema),
      /** Names of the accounts and students the entries mention (openid or 学号 → name), looked up in bulk. */
      names: v.record(v.string(), v.string()),
      /** Titles of the events the entries mention (event id → title). */
      events: v.record(v.string(), v.string()),
    }),
  },
  importRoster: {
    summary: '导入学生名单（校团委）：先分片上传 xlsx 或 csv，再按文件编号预览逐行问题；确认后创建导入任务（有问题的行默认全部不导入），用 continueJob 分批写入',
    input: v.strictObject({
      /** The uploaded file (finishUpload, purpose 'roster'). */
      fileId: FileIdSchema,
      commit: v.boolean(),
      cleanRowsOnly: v.optional(v.boolean()),
    }),
    output: v.object({
      format: v.picklist(['xlsx', 'csv']),
      ...importAnswerFields,
      problems: v.array(
        v.object({
          row: v.number(),
          column: v.optional(v.string()),
          code: v.string(),
          severity: v.picklist(['error', 'warning']),
          message: v.string(),
        }),
      ),
    }),
  },
  startWebLogin: {
    summary: '网页扫码登录第一步：网页取得一次性二维码（5 分钟内有效）',
    input: v.strictObject({}),
    output: v.object({ ticket: v.string(), qrText: v.string(), expiresAt: v.string() }),
  },
  confirmWebLogin: {
    summary: '网页扫码登录第二步：在小程序中扫码并确认（以小程序的微信身份）',
    input: v.strictObject({ ticket: Ticket }),
    output: v.object({ confirmed: v.boolean() }),
  },
  pollWebLogin: {
    summary: '网页扫码登录第三步：网页轮询；确认后取得会话（只能取一次）',
    input: v.strictObject({ ticket: Ticket }),
    output: v.variant('status', [
      v.object({ status: v.literal('pending') }),
      v.object({ status: v.literal('confirmed'), sessionToken: v.string(), expiresAt: v.string() }),
    ]),
  },
  endWebSession: {
    summary: '退出网页登录（吊销当前会话）',
    input: v.strictObject({}),
    output: v.object({ ended: v.boolean() }),
  },
  issueCheckinPass: {
    summary: '领取本活动的签到凭证（已报名成功的学生）；重新领取会让旧手机上的签到码作废',
    input: v.strictObject({ eventId: Id }),
    output: v.object({
      eventId: v.string(),
      /** Server-signed pass (Ed25519); shown inside every rotating code. */
      pass: v.string(),
      /** The device key's private half (Ed25519 seed, base64url): kept on this phone only, signs each 30-second code. */
      deviceKey: v.string(),
      expiresAt: v.string(),
      windowSeconds: v.number(),
    }),
  },
  recordScans: {
    summary: '团干部扫学生签到码（签到 / 签退）；在线时一次一条，离线扫码恢复网络后批量上传；按扫码编号去重',
    input: v.strictObject({
      eventId: Id,
      scans: v.pipe(
        v.array(
          v.strictObject({
            scanId: ScanId,
            code: ScannedCode,
            purpose: v.picklist(CHECKIN_PURPOSES),
            /** When the phone scanned it; used (within limits) for offline scans only. */
            scannedAt: InstantInput,
            offline: v.boolean(),
          }),
        ),
        v.minLength(1, '没有要上传的扫码记录'),
        v.maxLength(MAX_SCANS_PER_CALL, `一次最多上传 ${MAX_SCANS_PER_CALL} 条扫码记录，请分批上传`),
      ),
    }),
    output: v.object({ results: v.array(ScanResultSchema), counts: AttendanceCountsSchema }),
  },
  selfCheckin: {
    summary: '学生扫活动码自助签到 / 签退（活动码由现场大屏或团干部手机展示，每 30 秒更新）',
    input: v.strictObject({
      code: ScannedCode,
      location: v.optional(
        v.strictObject({
          lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
          lng: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
          accuracy: v.optional(v.pipe(v.number(), v.minValue(0))),
        }),
      ),
    }),
    output: v.object({ result: ScanResultSchema, event: v.object({ id: v.string(), title: v.string() }) }),
  },
  getEventCheckinCode: {
    summary: '活动码（正扫）：团干部在大屏或手机上展示，学生扫码自助签到；每 30 秒更新',
    input: v.strictObject({ eventId: Id, purpose: v.picklist(CHECKIN_PURPOSES) }),
    output: v.object({ code: v.string(), expiresAt: v.string(), refreshAfterMs: v.number(), counts: AttendanceCountsSchema }),
  },
  getCheckinPackage: {
    summary: '下载离线签到包：活动、验证公钥与报名名单（无网络时在手机上验码）',
    input: v.strictObject({ eventId: Id }),
    output: v.object({
      event: CheckinEventSchema,
      keys: v.array(v.object({ kid: v.string(), publicKey: v.string() })),
      members: v.array(OfflineMemberSchema),
      counts: AttendanceCountsSchema,
      downloadedAt: v.string(),
    }),
  },
  listCheckinEvents: {
    summary: '我可以签到的活动（团支部、院团总支按范围，校团委全部，及被指派的签到员）；按开始时间分页，每次最多 400 个，用 next 取下一页',
    input: v.strictObject({ ...eventPageInput }),
    output: v.object({ events: v.array(v.object({ ...CheckinEventSchema.entries, counts: AttendanceCountsSchema })), ...pageOutput }),
  },
  getEventAttendance: {
    summary: '活动到场名单：已到、未到、现场报名，含签到签退时间与时长（按学号分页，每页最多 800 人）',
    input: v.strictObject({ eventId: Id, ...attendancePageInput }),
    output: v.object({
      event: CheckinEventSchema,
      counts: AttendanceCountsSchema,
      /** One page by 学号; `event`, `counts` and `staff` are whole on every page. */
      rows: v.array(AttendanceRowSchema),
      staff: v.array(CheckinStaffSchema),
      ...pageOutput,
    }),
  },
  correctAttendance: {
    summary: '手工更正签到（补签到、补签退、撤销），必须填写原因，记入审计日志',
    input: v.strictObject({
      eventId: Id,
      studentNo: StudentNo,
      op: v.picklist(CORRECTION_OPS),
      /** When it happened; defaults to now. */
      at: v.optional(InstantInput),
      reason: Reason,
    }),
    output: v.object({ row: AttendanceRowSchema, counts: AttendanceCountsSchema }),
  },
  exportAttendance: {
    summary: '导出活动到场名单（xlsx，返回限时下载链接）',
    input: v.strictObject({ eventId: Id }),
    output: FileAnswerSchema,
  },
  setCheckinStaff: {
    summary: '指派 / 取消活动签到员（活动主办方的团干部或校团委）',
    input: v.strictObject({ eventId: Id, account: AccountRef, assigned: v.boolean() }),
    output: v.object({ staff: v.array(CheckinStaffSchema) }),
  },
  getMyTranscript: {
    summary: '我的第二课堂成绩单：各模块学分与毕业要求进度、志愿时长、学分明细、申诉与已分享的成绩单',
    input: v.strictObject({}),
    output: v.object({
      student: StudentProfileSchema,
      modules: v.array(ModuleProgressSchema),
      overall: v.object({ have: v.number(), need: v.number(), met: v.boolean() }),
      requirementMet: v.boolean(),
      hours: v.number(),
      /** Newest first. */
      entries: v.array(LedgerEntrySchema),
      appeals: v.array(AppealSchema),
      shares: v.array(ShareSchema),
    }),
  },
  createTranscriptShare: {
    summary: '生成可验证的成绩单（验证码 + 二维码），可选择是否包含明细、是否显示完整学号',
    input: v.strictObject({ includeTimeline: v.boolean(), showStudentNo: v.boolean() }),
    output: v.object({
      /** The verification code, shown once (only its hash is stored): 16 characters, grouped XXXX-XXXX-XXXX-XXXX. */
      code: v.string(),
      shareId: v.string(),
      /** Path of the public verify page with the code, for the QR (prefix the site's origin). */
      verifyPath: v.string(),
      issuedAt: v.string(),
      snapshot: TranscriptSnapshotSchema,
    }),
  },
  revokeTranscriptShare: {
    summary: '撤回已分享的成绩单（验证码随即失效）',
    input: v.strictObject({ shareId: v.pipe(v.string(), v.regex(/^[0-9a-f]{12}$/, '分享编号不正确')) }),
    output: v.object({ revoked: v.boolean() }),
  },
  verifyTranscript: {
    summary: '公开验证成绩单（用人单位）：输入验证码，查看签发时间与当时的学分（限频）',
    input: v.strictObject({ code: v.pipe(v.string(), v.trim(), v.minLength(1, '请输入验证码'), v.maxLength(40, '验证码过长')) }),
    output: v.object({ shareId: v.string(), issuedAt: v.string(), snapshot: TranscriptSnapshotSchema }),
  },
  fileAppeal: {
    summary: '学分申诉：参加了活动却没有记入学分时提交，由主办方团干部或校团委处理',
    input: v.strictObject({
      eventId: Id,
      note: v.pipe(v.string(), v.trim(), v.minLength(5, '请写明情况（至少 5 个字）'), v.maxLength(300, '说明不能超过 300 个字')),
    }),
    output: v.object({ appeal: AppealSchema }),
  },
  listAppeals: {
    summary: '待处理 / 已处理的学分申诉（团干部看本范围活动，校团委看全部）',
    input: v.strictObject({ status: v.optional(v.picklist(['pending', 'accepted', 'rejected'])) }),
    output: v.object({ appeals: v.array(AppealSchema) }),
  },
  decideAppeal: {
    summary: '处理申诉：通过（按活动规则记入学分，来源为该申诉）或驳回（须写明原因）',
    input: v.strictObject({
      appealId: v.pipe(v.string(), v.minLength(3), v.maxLength(100)),
      accept: v.boolean(),
      reason: Reason,
      /** For events that pay per hour: the hours to credit (default: the event's length). */
      hours: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(24))),
    }),
    output: v.object({ appeal: AppealSchema, entries: v.array(LedgerEntrySchema) }),
  },
  getCreditOverview: {
    summary: '学分统计（院团总支看本学院，校团委看全部）：按学院或团支部、按模块',
    input: v.strictObject({
      groupBy: v.picklist(['college', 'branch']),
      college: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64))),
    }),
    output: v.object({ modules: v.array(CreditModuleSchema), groups: v.array(CreditGroupSchema), requirementOverall: v.number() }),
  },
  exportCredits: {
    summary: '导出学生学分（xlsx）：每名学生一行，各模块学分、总分、志愿时长、是否达到毕业要求',
    input: v.strictObject({ college: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64))) }),
    output: FileAnswerSchema,
  },
  importCreditAwards: {
    summary: '批量手工记学分（校团委）：先分片上传 xlsx/csv（学号、模块、学分、事由），再预览逐行问题，确认后创建记分任务，用 continueJob 分批记入；同一文件重复导入不会重复记分',
    input: v.strictObject({
      /** The uploaded file (finishUpload, purpose 'creditAwards'). */
      fileId: FileIdSchema,
      commit: v.boolean(),
    }),
    output: v.object({
      ...importAnswerFields,
      problems: v.array(v.object({ row: v.number(), column: v.optional(v.string()), code: v.string(), message: v.string() })),
    }),
  },
  getCreditSettings: {
    summary: '学分模块与毕业要求（模块可由校团委改名、增加）',
    input: v.strictObject({}),
    output: CreditSettingsSchema,
  },
  updateCreditSettings: {
    summary: '修改学分模块、毕业要求与缺席扣分规则（校团委）',
    input: v.strictObject({
      modules: v.pipe(
        v.array(
          v.strictObject({
            id: ModuleIdSchema,
            name: v.pipe(v.string(), v.trim(), v.minLength(2, '模块名称过短'), v.maxLength(30, '模块名称过长')),
            order: v.pipe(v.number(), v.integer()),
            active: v.boolean(),
          }),
        ),
        v.minLength(1, '至少需要一个模块'),
        v.maxLength(20, '模块不能超过 20 个'),
      ),
      requirement: v.strictObject({
        overallMin: v.pipe(v.number(), v.integer(), v.minValue(0)),
        perModule: moduleRecordSchema(v.pipe(v.number(), v.integer(), v.minValue(0))),
      }),
      noShow: v.strictObject({
        enabled: v.boolean(),
        threshold: v.pipe(v.number(), v.integer(), v.minValue(0)),
        module: ModuleIdSchema,
        amount: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
      }),
    }),
    output: CreditSettingsSchema,
  },
  getSiteSettings: {
    summary: '学校名称与成绩单签发单位（成绩单、验证页显示）',
    input: v.strictObject({}),
    output: SiteSettingsSchema,
  },
  updateSiteSettings: {
    summary: '修改学校名称与成绩单签发单位（校团委）；之后生成的成绩单使用新名称',
    input: v.strictObject({
      schoolName: v.pipe(v.string(), v.trim(), v.minLength(2, '请填写学校名称'), v.maxLength(40, '学校名称不能超过 40 个字')),
      issuerName: v.pipe(v.string(), v.trim(), v.minLength(2, '请填写签发单位'), v.maxLength(60, '签发单位不能超过 60 个字')),
    }),
    output: SiteSettingsSchema,
  },
  listDemoUsers: {
    summary: '演示模式下可切换的演示身份（学生、团干部、校团委、未绑定的新用户；仅演示模式可用）',
    input: v.strictObject({}),
    output: v.object({ users: v.array(DemoUserSchema) }),
  },
  ...committeeActions,
  ...bulkActions,
  ...peopleActions,
  ...fairnessActions,
  ...contestActions,
  ...wechatActions,
} as const;

export type Actions = typeof actions;
export type ActionName = keyof Actions;
export type ActionInput<A extends ActionName> = v.InferInput<Actions[A]['input']>;
export type ActionParsedInput<A extends ActionName> = v.InferOutput<Actions[A]['input']>;
export type ActionOutput<A extends ActionName> = v.InferOutput<Actions[A]['output']>;

export const ACTION_NAMES = Object.keys(actions) as ActionName[];

export function isActionName(name: unknown): name is ActionName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(actions, name);
}

/** The shape of one call, as the cloud function receives it and the HTTP server rebuilds it. */
export interface ActionCall {
  action: string;
  payload?: unknown;
}

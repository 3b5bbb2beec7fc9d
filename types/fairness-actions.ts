import * as v from 'valibot';
import { REGISTRATION_STATUSES } from './enums';
import { FileAnswerSchema } from './bulk';
import { ModuleIdSchema } from './ids';

/**
 * Fair seats (issue 16): sign-up by lottery with a draw anyone can check, leave (请假) that is not a penalty, no-show
 * marks that block sign-ups for a while (the committee's optional rule), and alerts when an event of a followed kind
 * opens. Merged into `actions` (types/actions.ts).
 */
const Id = v.pipe(v.string(), v.trim(), v.minLength(1, '不能为空'), v.maxLength(64, '过长'));
const StudentNo = v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z]{6,20}$/, '学号应为 6–20 位数字或字母'));
const Reason = v.pipe(v.string(), v.trim(), v.minLength(2, '请填写原因'), v.maxLength(200, '原因不能超过 200 个字'));
const Weight = v.pipe(v.number(), v.integer(), v.minValue(2, '倍数至少为 2'), v.maxValue(5, '倍数最多为 5'));

/** A priority rule as the organiser sets it (in the event form, while a draft). */
export const PriorityRuleSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('new_to_module'), module: ModuleIdSchema, weight: Weight }),
  v.strictObject({ kind: v.literal('college'), college: v.pipe(v.string(), v.trim(), v.minLength(1, '请选择学院'), v.maxLength(64)), weight: Weight }),
]);

export const LOTTERY_PHASES = ['before_window', 'applying', 'closing', 'due', 'drawn'] as const;

const PriorityRuleViewSchema = v.object({
  kind: v.picklist(['new_to_module', 'college']),
  /** The module's id (new_to_module) or the college (college). */
  target: v.string(),
  weight: v.number(),
  /** In the words the page shows: “思想引领模块尚无学分的同学中签机会 ×2”. */
  label: v.string(),
});

/** A lottery as the event page shows it; `mine` is the caller's own application (bound students only). */
export const LotteryViewSchema = v.object({
  eventId: v.string(),
  version: v.string(),
  phase: v.picklist(LOTTERY_PHASES),
  /** SHA-256 of the secret seed, shown from publishing on (before the window opens). */
  commitment: v.string(),
  committedAt: v.string(),
  priority: v.array(PriorityRuleViewSchema),
  /** Applications so far (before the draw), or drawn from. */
  applicants: v.number(),
  drawnAt: v.nullable(v.string()),
  /** Revealed at the draw. */
  seed: v.nullable(v.string()),
  seats: v.nullable(v.number()),
  winners: v.nullable(v.number()),
  /** Every placement written (false only for moments while a draw on CloudBase is written through). */
  complete: v.boolean(),
  mine: v.nullable(
    v.object({
      status: v.picklist(REGISTRATION_STATUSES),
      weight: v.number(),
      /** The keyed hash of the student number the published list shows (16 hex); from the draw on. */
      pseudonym: v.nullable(v.string()),
      /** 1-based place in the drawn order. */
      rank: v.nullable(v.number()),
      /** 1-based place among those still waiting (候补第 N 位). */
      waitlistPosition: v.nullable(v.number()),
    }),
  ),
});
export type LotteryView = v.InferOutput<typeof LotteryViewSchema>;

export const LEAVE_STATUSES = ['pending', 'approved', 'refused'] as const;

export const LeaveViewSchema = v.object({
  eventId: v.string(),
  studentNo: v.string(),
  status: v.picklist(LEAVE_STATUSES),
  reason: v.string(),
  hasPhoto: v.boolean(),
  createdAt: v.string(),
  decidedAt: v.nullable(v.string()),
  /** A refusal's reason (the student sees it), or the approver's note. */
  decisionReason: v.nullable(v.string()),
});
export type LeaveView = v.InferOutput<typeof LeaveViewSchema>;

export const SignupBlockViewSchema = v.object({
  /** Sign-ups are refused until this instant. */
  until: v.string(),
  reason: v.string(),
  marks: v.number(),
  term: v.string(),
  /** The whole sentence: why, and until when (Shanghai time). */
  message: v.string(),
});

export const BlockRuleSchema = v.strictObject({
  enabled: v.boolean(),
  marksPerTerm: v.pipe(v.number(), v.integer(), v.minValue(1, '至少 1 次'), v.maxValue(20, '最多 20 次')),
  blockDays: v.pipe(v.number(), v.integer(), v.minValue(1, '至少 1 天'), v.maxValue(90, '最多 90 天')),
});

const FollowTopicViewSchema = v.object({ id: v.string(), label: v.string(), followed: v.boolean() });
const FollowsAnswer = v.object({
  topics: v.array(FollowTopicViewSchema),
  /** Alerts WeChat still lets us send (one per allow given at a follow tap). */
  alertsLeft: v.number(),
});

export const fairnessActions = {
  getEventFairness: {
    summary: '活动的抽签（承诺值、优先规则、开奖结果与我的申请）、我的请假和我的报名限制（缺席次数过多时）',
    input: v.strictObject({ eventId: Id }),
    output: v.object({
      lottery: v.nullable(LotteryViewSchema),
      myLeave: v.nullable(LeaveViewSchema),
      myBlock: v.nullable(SignupBlockViewSchema),
      /** Whether the caller may ask for leave now (confirmed, past the cancel deadline, within a day after the end). */
      leaveOpen: v.boolean(),
    }),
  },
  getLotteryResult: {
    summary: '公开的抽签结果（任何人可核对）：承诺值、公布的种子、名额、优先规则，以及全部申请人的化名、权重与抽中顺位（按化名排序，分页）',
    input: v.strictObject({ eventId: Id, page: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))) }),
    output: v.object({
      eventId: v.string(),
      title: v.string(),
      version: v.string(),
      commitment: v.string(),
      seed: v.string(),
      seats: v.number(),
      drawnAt: v.string(),
      priority: v.array(PriorityRuleViewSchema),
      /** Applicants on this page, by pseudonym. */
      applicants: v.array(v.object({ pseudonym: v.string(), weight: v.number(), rank: v.number() })),
      total: v.number(),
      page: v.number(),
      pages: v.number(),
    }),
  },
  drawLottery: {
    summary: '开奖（活动主办方）：报名截止 1 分钟后可手动抽签；到点后定时任务也会自动抽签',
    input: v.strictObject({ eventId: Id }),
    output: v.object({ lottery: LotteryViewSchema, placed: v.number() }),
  },
  requestLeave: {
    summary: '请假（已报名成功、过了取消截止时间的同学）：写明原因，可附一张照片（如病假条，先分片上传，用途 leavePhoto）',
    input: v.strictObject({
      eventId: Id,
      reason: v.pipe(v.string(), v.trim(), v.minLength(5, '请写明请假原因（至少 5 个字）'), v.maxLength(300, '原因不能超过 300 个字')),
      photoFileId: v.optional(v.pipe(v.string(), v.regex(/^f-[0-9a-z]{26}$/, '照片编号不正确'))),
    }),
    output: v.object({ leave: LeaveViewSchema }),
  },
  listLeaveRequests: {
    summary: '请假申请（团干部看本范围活动，校团委看全部）：待处理在前',
    input: v.strictObject({ eventId: v.optional(Id), status: v.optional(v.picklist(LEAVE_STATUSES)) }),
    output: v.object({
      requests: v.array(v.object({ ...LeaveViewSchema.entries, name: v.string(), className: v.string(), eventTitle: v.string(), eventStartAt: v.string() })),
    }),
  },
  decideLeave: {
    summary: '处理请假：批准（不记缺席，名额递补给候补同学）或不批准（须写明原因，同学可见）；记入审计日志',
    input: v.strictObject({ eventId: Id, studentNo: StudentNo, approve: v.boolean(), reason: v.optional(Reason) }),
    output: v.object({ leave: LeaveViewSchema, promoted: v.boolean() }),
  },
  getLeavePhoto: {
    summary: '查看请假附带的照片（处理请假的团干部；返回限时链接）',
    input: v.strictObject({ eventId: Id, studentNo: StudentNo }),
    output: FileAnswerSchema,
  },
  getSignupBlockRule: {
    summary: '缺席限制报名的规则：是否开启、每学期缺席几次、限制几天',
    input: v.strictObject({}),
    output: v.object({ enabled: v.boolean(), marksPerTerm: v.number(), blockDays: v.number() }),
  },
  updateSignupBlockRule: {
    summary: '修改缺席限制报名的规则（校团委）；关闭后正在生效的限制随即解除',
    input: BlockRuleSchema,
    output: v.object({ enabled: v.boolean(), marksPerTerm: v.number(), blockDays: v.number(), lifted: v.number() }),
  },
  listFollowTopics: {
    summary: '我关注的活动类型（百生讲坛各赛道、志愿服务、应急救护……）与剩余的提醒次数',
    input: v.strictObject({}),
    output: FollowsAnswer,
  },
  setFollow: {
    summary: '关注 / 取消关注一种活动类型；有新活动开放报名时发订阅消息（关注时点“允许”一次，可收到一条）',
    input: v.strictObject({ topic: v.pipe(v.string(), v.maxLength(40)), follow: v.boolean() }),
    output: FollowsAnswer,
  },
} as const;

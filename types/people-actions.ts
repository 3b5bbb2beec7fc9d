import * as v from 'valibot';
import { ROLES } from './enums';
import { RoleGrantSchema } from './models';
import { FileAnswerSchema } from './bulk';

/**
 * People and roles without typing what a teacher cannot know: the roster searched by name or 学号 (paged), branches
 * listed by college, one-time role invitations for people who are not on the roster (teachers), and the outbox summed
 * up by event and reason. Merged into `actions` (types/actions.ts).
 */
const Scope = v.pipe(v.string(), v.trim(), v.maxLength(64));
/** An invitation code as typed or scanned: 16 letters and digits, dashes and spaces ignored (the server normalises). */
const InvitationCode = v.pipe(v.string(), v.trim(), v.minLength(8, '请填写邀请码'), v.maxLength(80, '邀请码过长'));

export const INVITATION_STATES = ['open', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStateName = (typeof INVITATION_STATES)[number];

/** A person found on the roster, with what the committee needs to give them a role. */
export const RosterPersonSchema = v.object({
  studentNo: v.string(),
  name: v.string(),
  college: v.string(),
  className: v.string(),
  branch: v.string(),
  /** Bound to a WeChat account: only then can a role be given (a role belongs to the account). */
  bound: v.boolean(),
  /** The account's roles (the committee's search only; empty for others). */
  roles: v.array(RoleGrantSchema),
});
export type RosterPerson = v.InferOutput<typeof RosterPersonSchema>;

/** An account that is not a student (a teacher), known by the name its invitation gave it. */
export const NamedAccountSchema = v.object({
  /** What grantRole / setCheckinStaff take as `account` (an openid): picked, never typed. */
  account: v.string(),
  name: v.string(),
  roles: v.array(RoleGrantSchema),
});
export type NamedAccount = v.InferOutput<typeof NamedAccountSchema>;

export const RoleInvitationSchema = v.object({
  id: v.string(),
  role: v.picklist(ROLES),
  scope: v.string(),
  inviteeName: v.string(),
  /** Who created it (a name when known). */
  createdByName: v.string(),
  createdAt: v.string(),
  expiresAt: v.string(),
  state: v.picklist(INVITATION_STATES),
  acceptedAt: v.nullable(v.string()),
  /** The accepting account's name as known now (the invitee's name, or the student it is bound to). */
  acceptedByName: v.nullable(v.string()),
  revokedAt: v.nullable(v.string()),
});
export type RoleInvitationView = v.InferOutput<typeof RoleInvitationSchema>;

const OutboxGroupSchema = v.object({
  eventId: v.string(),
  /** The event's title and start ('' when the event is gone). */
  eventTitle: v.string(),
  eventStartAt: v.nullable(v.string()),
  kind: v.picklist(['event_reminder', 'waitlist_promoted', 'event_cancelled']),
  total: v.number(),
  pending: v.number(),
  sent: v.number(),
  failed: v.number(),
  skipped: v.number(),
});
export type OutboxGroup = v.InferOutput<typeof OutboxGroupSchema>;

export const peopleActions = {
  searchRoster: {
    summary: '按姓名或学号查找学生（分页）与已接受邀请的老师：授予角色、指派签到员时挑选，无需知道 openid',
    input: v.strictObject({
      /** The start of a name (陈, 陈雯) or of a student number (2023, 2023011102). */
      query: v.pipe(v.string(), v.trim(), v.minLength(1, '请输入姓名或学号'), v.maxLength(30, '不能超过 30 个字')),
      page: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
      pageSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))),
    }),
    output: v.object({
      people: v.array(RosterPersonSchema),
      /** Students matching in all (for the pager). */
      total: v.number(),
      page: v.number(),
      pageSize: v.number(),
      /** Teachers and other accounts known by name (invitations accepted), matching the query; at most 20, no paging. */
      accounts: v.array(NamedAccountSchema),
    }),
  },
  listBranches: {
    summary: '全部团支部，按学院分组（团支部选择器）',
    input: v.strictObject({}),
    output: v.object({
      colleges: v.array(v.object({ college: v.string(), students: v.number(), branches: v.array(v.object({ branch: v.string(), students: v.number() })) })),
    }),
  },
  createRoleInvitation: {
    summary: '邀请一位老师担任角色（校团委）：生成一次性邀请码 / 二维码，对方在小程序中打开后确认即获得角色',
    input: v.strictObject({
      role: v.picklist(ROLES),
      scope: Scope,
      inviteeName: v.pipe(v.string(), v.trim(), v.minLength(1, '请填写受邀人姓名'), v.maxLength(30, '姓名不能超过 30 个字')),
      /** How long it may be used: 1 hour to 14 days; 72 hours by default. */
      expiresInHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, '至少 1 小时'), v.maxValue(24 * 14, '最长 14 天'))),
    }),
    output: v.object({
      invitation: RoleInvitationSchema,
      /** Shown once: only its hash is kept. Grouped XXXX-XXXX-XXXX-XXXX. */
      code: v.string(),
      /** What the QR code carries: the mini program's scanner recognises the prefix. */
      qrText: v.string(),
      /** The mini program page that accepts it (also the H5 route): `/packages/committee/invite/index?code=…`. */
      path: v.string(),
    }),
  },
  listRoleInvitations: {
    summary: '角色邀请列表（校团委）：待接受、已接受、已撤回、已过期',
    input: v.strictObject({ state: v.optional(v.picklist(INVITATION_STATES)) }),
    output: v.object({ invitations: v.array(RoleInvitationSchema) }),
  },
  revokeRoleInvitation: {
    summary: '撤回一份尚未使用的角色邀请（校团委）',
    input: v.strictObject({ invitationId: v.pipe(v.string(), v.trim(), v.regex(/^[0-9a-f]{12}$/, '邀请编号不正确')) }),
    output: v.object({ invitation: RoleInvitationSchema }),
  },
  getRoleInvitation: {
    summary: '查看一份角色邀请（受邀人在确认前看到：邀请谁、什么角色、何时过期）',
    input: v.strictObject({ code: InvitationCode }),
    output: v.object({
      inviteeName: v.string(),
      role: v.picklist(ROLES),
      scope: v.string(),
      expiresAt: v.string(),
      state: v.picklist(INVITATION_STATES),
    }),
  },
  acceptRoleInvitation: {
    summary: '接受角色邀请：当前微信账号获得邀请中的角色（一次性，记入审计日志）',
    input: v.strictObject({ code: InvitationCode }),
    output: v.object({ role: v.picklist(ROLES), scope: v.string(), roles: v.array(RoleGrantSchema) }),
  },
  getImportTemplate: {
    summary: '下载导入模板（校团委）：学生名单或批量记学分的 .xlsx，表头与一行示例',
    input: v.strictObject({ kind: v.picklist(['roster', 'creditAwards']) }),
    output: FileAnswerSchema,
  },
  summarizeOutbox: {
    summary: '消息发件箱汇总（校团委）：按活动与消息类型分组计数',
    input: v.strictObject({ status: v.optional(v.picklist(['pending', 'sent', 'failed', 'skipped'])) }),
    output: v.object({ groups: v.array(OutboxGroupSchema) }),
  },
} as const;



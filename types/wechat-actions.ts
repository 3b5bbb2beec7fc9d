import * as v from 'valibot';
import { CATEGORIES } from './enums';
import { FileAnswerSchema } from './bulk';

/**
 * At home in WeChat (issue 15): event posters with a 小程序码 (the code generated once per event and kept in file
 * storage), the scene a scanned code carries, and a student's own data (export, unbind, ask for deletion; the
 * committee completes a deletion). Merged into `actions` (types/actions.ts).
 */
const Id = v.pipe(v.string(), v.trim(), v.minLength(1, '不能为空'), v.maxLength(64, '过长'));

/**
 * What a 小程序码 carries (wxacode.getUnlimited's `scene`): at most 32 visible characters of
 * `0-9 A-Z a-z ! # $ & ' ( ) * + , / : ; = ? @ - . _ ~`. `e=<event id>` names the event itself; `s=<alias>` an event
 * whose id does not fit (see core/sharing/scene.ts).
 */
export const SCENE_MAX = 32;
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export const DATA_REQUEST_STATUSES = ['pending', 'completed'] as const;

/** The poster's facts: what a passer-by at the noticeboard needs, nothing about any person. */
export const PosterEventSchema = v.object({
  id: v.string(),
  title: v.string(),
  category: v.picklist(CATEGORIES),
  tag: v.string(),
  organizer: v.string(),
  location: v.string(),
  startAt: v.string(),
  endAt: v.string(),
  signupEndAt: v.string(),
  credits: v.number(),
  capacity: v.number(),
  seatsLeft: v.number(),
});
export type PosterEvent = v.InferOutput<typeof PosterEventSchema>;

export const PosterCodeSchema = v.object({
  /** wxacode: WeChat's 小程序码 (scanned with WeChat, opens the mini program); qr: a plain QR of the H5 page (local server). */
  kind: v.picklist(['wxacode', 'qr']),
  scene: v.string(),
  /** What scanning opens: `pages/event/index?scene=…` in the mini program, or the H5 page's address. */
  target: v.string(),
  /** The code's PNG: a short-lived link (fetch it before `expiresAt`), never the bytes inline. */
  url: v.string(),
  expiresAt: v.string(),
  /** When the code was generated (once per event; later posters reuse it). */
  createdAt: v.string(),
});
export type PosterCode = v.InferOutput<typeof PosterCodeSchema>;

/** What was erased when the committee completed a deletion request. */
export const ErasureSchema = v.object({
  unbound: v.boolean(),
  sharesRevoked: v.number(),
  consentsRemoved: v.number(),
  sessionsEnded: v.number(),
  bindAttemptsCleared: v.boolean(),
  /** Fair seats (issue 16): absent from requests completed before these were erased. */
  followsRemoved: v.optional(v.number()),
  noShowMarksRemoved: v.optional(v.number()),
  blockLifted: v.optional(v.boolean()),
  leavesCleared: v.optional(v.number()),
  leavePhotosDeleted: v.optional(v.number()),
  applicationsWithdrawn: v.optional(v.number()),
});
export type Erasure = v.InferOutput<typeof ErasureSchema>;

export const DataRequestSchema = v.object({
  id: v.string(),
  status: v.picklist(DATA_REQUEST_STATUSES),
  /** The student's own words (may be empty). */
  note: v.string(),
  createdAt: v.string(),
  completedAt: v.nullable(v.string()),
  /** The committee's answer when it completed the request. */
  reply: v.nullable(v.string()),
  erased: v.nullable(ErasureSchema),
});
export type DataRequestView = v.InferOutput<typeof DataRequestSchema>;

export const DataRequestRowSchema = v.object({
  ...DataRequestSchema.entries,
  studentNo: v.string(),
  name: v.string(),
  college: v.string(),
  className: v.string(),
});
export type DataRequestRow = v.InferOutput<typeof DataRequestRowSchema>;

export const wechatActions = {
  getEventPoster: {
    summary: '活动海报：活动信息与小程序码（每个活动只生成一次，之后复用；本地服务为指向 H5 活动页的二维码）',
    input: v.strictObject({ eventId: Id }),
    output: v.object({ event: PosterEventSchema, code: PosterCodeSchema }),
  },
  resolveEventScene: {
    summary: '扫小程序码进入时：由码中的 scene 找到活动',
    input: v.strictObject({ scene: v.pipe(v.string(), v.trim(), v.regex(SCENE_PATTERN, '小程序码内容不正确')) }),
    output: v.object({ eventId: v.string() }),
  },
  exportMyData: {
    summary: '导出我的数据：本系统保存的关于我的全部信息（.xlsx，十分钟内下载）',
    input: v.strictObject({}),
    output: FileAnswerSchema,
  },
  unbindMyself: {
    summary: '解除本微信账号与学号的绑定（报名、签到与学分记录仍属于学号，重新绑定后可见）',
    input: v.strictObject({ confirm: v.literal('解除绑定', '请确认解除绑定') }),
    output: v.object({ studentNo: v.string() }),
  },
  requestDataDeletion: {
    summary: '申请删除我的个人信息：由校团委处理（学分账目等须保留的记录按隐私政策保留）',
    input: v.strictObject({ note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, '说明不能超过 200 个字'))) }),
    output: v.object({ request: DataRequestSchema }),
  },
  getMyDataRequest: {
    summary: '我的删除申请及处理结果（处理后本微信已解除绑定，仍可查看自己提交的申请）',
    input: v.strictObject({}),
    output: v.object({ request: v.nullable(DataRequestSchema) }),
  },
  listDataRequests: {
    summary: '个人信息删除申请（校团委）：待处理在前',
    input: v.strictObject({ status: v.optional(v.picklist(DATA_REQUEST_STATUSES)) }),
    output: v.object({ requests: v.array(DataRequestRowSchema) }),
  },
  completeDataRequest: {
    summary: '处理删除申请（校团委）：解除绑定、撤回已分享的成绩单、删除消息授权与网页登录，并答复学生',
    input: v.strictObject({
      requestId: v.pipe(v.string(), v.trim(), v.regex(/^[0-9a-f]{12}$/, '申请编号不正确')),
      reply: v.pipe(v.string(), v.trim(), v.minLength(2, '请填写给学生的答复'), v.maxLength(200, '答复不能超过 200 个字')),
    }),
    output: v.object({ request: DataRequestRowSchema }),
  },
} as const;

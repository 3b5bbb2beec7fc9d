import * as v from 'valibot';
import {
  CATEGORIES,
  EventCountersSchema,
  EventDetailSchema,
  EventSummarySchema,
  MyRegistrationSchema,
  StudentProfileSchema,
} from './models';

/**
 * The API contract: every action's request and response schema. The functions validate requests with these at the
 * door (strict objects: unknown fields are refused), the local server publishes them as JSON Schema at GET /api, and
 * the front end imports the inferred types. Add an action here first.
 */
const Id = v.pipe(v.string(), v.trim(), v.minLength(1, '不能为空'), v.maxLength(64, '过长'));

const EventWithMine = v.object({
  ...EventSummarySchema.entries,
  /** The caller's own registration status for this event, if any (not cancelled). */
  myStatus: v.nullable(v.picklist(['confirmed', 'waitlisted'])),
});

export const actions = {
  listEvents: {
    summary: '本学期活动列表（可按类别筛选、按关键词搜索）',
    input: v.strictObject({
      category: v.optional(v.picklist(CATEGORIES)),
      keyword: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(40, '关键词不能超过 40 个字'))),
    }),
    output: v.object({ events: v.array(EventWithMine) }),
  },
  getEvent: {
    summary: '活动详情与我的报名状态',
    input: v.strictObject({ eventId: Id }),
    output: v.object({ event: EventDetailSchema, myRegistration: v.nullable(MyRegistrationSchema) }),
  },
  signUp: {
    summary: '报名活动；满员时进入候补并返回候补位次',
    input: v.strictObject({ eventId: Id }),
    output: v.object({ registration: MyRegistrationSchema, event: EventCountersSchema }),
  },
  cancelRegistration: {
    summary: '取消报名（截止时间前）；空出的名额自动递补给候补第一位',
    input: v.strictObject({ eventId: Id }),
    output: v.object({ registration: MyRegistrationSchema, event: EventCountersSchema }),
  },
  listMyRegistrations: {
    summary: '我的报名（含候补位次）',
    input: v.strictObject({}),
    output: v.object({
      registrations: v.array(v.object({ registration: MyRegistrationSchema, event: EventSummarySchema })),
    }),
  },
  getMe: {
    summary: '当前用户：是否已绑定学号及学生信息',
    input: v.strictObject({}),
    output: v.object({ bound: v.boolean(), student: v.nullable(StudentProfileSchema) }),
  },
  listDemoUsers: {
    summary: '演示模式下可切换的演示用户（仅演示模式可用）',
    input: v.strictObject({}),
    output: v.object({ users: v.array(StudentProfileSchema) }),
  },
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

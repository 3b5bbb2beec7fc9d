/**
 * Stable error codes of the API. The code is for programs, tests and logs; the message (Chinese) is for people and
 * must say what happened and what to do next. Handlers may pass a more specific message, but never a stack trace.
 */
export const ERROR_CODES = {
  INVALID_INPUT: { status: 400, message: '提交的内容格式不正确，请检查后重试' },
  UNKNOWN_ACTION: { status: 404, message: '不支持的操作，请升级到最新版本后重试' },
  NOT_FOUND: { status: 404, message: '没有找到该内容，可能已被删除' },
  FORBIDDEN: { status: 403, message: '你没有权限进行此操作' },
  NOT_BOUND: { status: 401, message: '请先在“我的”页面绑定学号后再报名' },
  EVENT_CANCELLED: { status: 409, message: '该活动已取消，无法报名' },
  SIGNUP_NOT_OPEN: { status: 409, message: '报名尚未开始，请在报名开始后再来' },
  SIGNUP_CLOSED: { status: 409, message: '报名已截止，下次早点来哦' },
  EVENT_FULL: { status: 409, message: '名额已满，且本活动不设候补' },
  ALREADY_SIGNED_UP: { status: 409, message: '你已经报名了这个活动，可在“我的报名”中查看' },
  NOT_SIGNED_UP: { status: 409, message: '你还没有报名这个活动' },
  CANCEL_CLOSED: { status: 409, message: '已过取消截止时间，如需请假请联系活动组织方' },
  BUSY: { status: 503, message: '报名的人太多了，请稍后再试' },
  NOT_SIGNED_IN: { status: 401, message: '请在微信中打开小程序后再操作' },
  BIND_MISMATCH: { status: 409, message: '学号、姓名或身份证后六位与名单不一致，请核对后重试' },
  BIND_LOCKED: { status: 429, message: '尝试次数过多，请 15 分钟后再试；如确认信息无误，请联系所在团支部' },
  ALREADY_BOUND: { status: 409, message: '你的微信已绑定学号，如需更换请联系校团委解绑' },
  TICKET_INVALID: { status: 410, message: '二维码已失效或已被使用，请在网页上刷新二维码后重新扫码' },
  SESSION_EXPIRED: { status: 401, message: '网页登录已过期或已退出，请重新扫码登录' },
  ROSTER_UNREADABLE: { status: 422, message: '名单文件无法读取，请另存为 .xlsx 或 .csv 后重试' },
  STUDENT_TAKEN: { status: 409, message: '该学号已被其他微信账号绑定，如非本人操作请联系校团委' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ApiFailure {
  ok: false;
  code: ErrorCode;
  message: string;
}

export interface ApiSuccess<T> {
  ok: true;
  data: T;
}

export type ApiResult<T> = ApiSuccess<T> | ApiFailure;

/** Thrown by handlers and adapters to refuse with a stable code; the router turns it into an ApiFailure. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    super(message ?? ERROR_CODES[code].message);
    this.code = code;
    this.name = 'ApiError';
  }
}

export function failure(code: ErrorCode, message?: string): ApiFailure {
  return { ok: false, code, message: message ?? ERROR_CODES[code].message };
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

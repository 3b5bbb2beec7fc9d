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
  SIGNUP_QUEUED: { status: 409, message: '正在为你确认名额，请几秒后再操作' },
  BUSY: { status: 503, message: '报名的人太多了，请稍后再试' },
  NOT_SIGNED_IN: { status: 401, message: '请在微信中打开小程序后再操作' },
  BIND_MISMATCH: { status: 409, message: '学号、姓名或身份证后六位与名单不一致，请核对后重试' },
  BIND_LOCKED: { status: 429, message: '尝试次数过多，请 15 分钟后再试；如确认信息无误，请联系所在团支部' },
  ALREADY_BOUND: { status: 409, message: '你的微信已绑定学号，如需更换请联系校团委解绑' },
  INVITATION_UNKNOWN: { status: 404, message: '邀请码不正确或已失效：请向校团委核对，或请对方重新发一份邀请' },
  INVITATION_EXPIRED: { status: 410, message: '这份邀请已过期，请联系校团委重新发送邀请' },
  INVITATION_USED: { status: 409, message: '这份邀请已被使用过（每份邀请只能使用一次），如需再次授权请联系校团委' },
  INVITATION_REVOKED: { status: 410, message: '这份邀请已被校团委撤回，如有疑问请联系校团委' },
  TICKET_INVALID: { status: 410, message: '二维码已失效或已被使用，请在网页上刷新二维码后重新扫码' },
  SESSION_EXPIRED: { status: 401, message: '网页登录已过期或已退出，请重新扫码登录' },
  ROSTER_UNREADABLE: { status: 422, message: '名单文件无法读取，请另存为 .xlsx 或 .csv 后重试' },
  STUDENT_TAKEN: { status: 409, message: '该学号已被其他微信账号绑定，如非本人操作请联系校团委' },
  CHECKIN_CODE_MALFORMED: { status: 400, message: '这不是本系统的签到码，请让同学打开活动页的“签到码”' },
  CHECKIN_CODE_UNTRUSTED_KEY: { status: 409, message: '签到码的签发密钥不受信任：请让同学刷新签到码；离线扫码请重新下载名单' },
  CHECKIN_CODE_FORGED: { status: 409, message: '签到码无效：内容被改动过，或不是本系统签发的' },
  CHECKIN_CODE_WRONG_EVENT: { status: 409, message: '非本活动的签到码，请让同学打开本活动的签到码' },
  CHECKIN_CODE_WRONG_PURPOSE: { status: 409, message: '签到码与签退码用反了，请让同学切换后再扫' },
  CHECKIN_CODE_EXPIRED: { status: 409, message: '码已过期：签到码每 30 秒更新，截图无效，请让同学打开实时的签到码' },
  CHECKIN_CODE_NOT_YET_VALID: { status: 409, message: '签到码时间不对：请让同学把手机时间设为“自动”后刷新' },
  CHECKIN_CODE_REVOKED: { status: 409, message: '该签到码已作废（已在别的手机上重新领取），请让同学打开最新的签到码' },
  CHECKIN_EVENT_CANCELLED: { status: 409, message: '该活动已取消，无法签到' },
  CHECKIN_NOT_REGISTERED: { status: 409, message: '未报名本活动（本活动不接受现场报名）' },
  CHECKIN_WAITLISTED: { status: 409, message: '该同学仍在候补中，没有获得名额' },
  CHECKIN_REGISTRATION_CANCELLED: { status: 409, message: '该同学已取消报名' },
  CHECKIN_NOT_OPEN: { status: 409, message: '不在签到时间内' },
  CHECKIN_NOT_CHECKED_IN: { status: 409, message: '尚未签到，不能签退' },
  CHECKIN_OUT_OF_RANGE: { status: 409, message: '你不在活动地点附近，请到现场后再扫码' },
  CHECKIN_LOCATION_REQUIRED: { status: 400, message: '本活动需要定位签到，请允许获取位置后重试' },
  CORRECTION_NOT_NEEDED: { status: 409, message: '当前状态无需这样更正，请刷新名单后再试' },
  SCAN_TIME_INVALID: { status: 400, message: '扫码时间不合理（扫码手机的时间可能有误），这条记录未被接受' },
  APPEAL_EXISTS: { status: 409, message: '你已就该活动提交过申诉，请等待处理结果' },
  APPEAL_DECIDED: { status: 409, message: '该申诉已处理，请刷新后查看结果' },
  APPEAL_NOT_ALLOWED: { status: 409, message: '只能对已报名、且已开始的活动提交申诉' },
  APPEAL_ALREADY_CREDITED: { status: 409, message: '该活动的学分已经记入成绩单，无需申诉' },
  TRANSCRIPT_CODE_UNKNOWN: { status: 404, message: '没有找到这个验证码：请核对成绩单上的 16 位验证码后重试' },
  TRANSCRIPT_REVOKED: { status: 410, message: '持有人已撤回这份成绩单，请向持有人索取新的验证码' },
  RATE_LIMITED: { status: 429, message: '查询过于频繁，请一分钟后再试' },
  FILE_UNREADABLE: { status: 422, message: '文件无法读取，请另存为 .xlsx 或 .csv 后重试' },
  CAPACITY_BELOW_CONFIRMED: { status: 409, message: '名额不能少于已报名成功的人数' },
  STATUS_CHANGE_NOT_ALLOWED: { status: 409, message: '活动当前的状态不能进行这个操作，请刷新后再试' },
  NOT_PENDING: { status: 409, message: '该报名不在待审核状态，请刷新后再试' },
  AUDIENCE_COLLEGE: { status: 409, message: '本活动只面向指定学院的同学' },
  AUDIENCE_GRADE: { status: 409, message: '本活动只面向指定年级的同学' },
  AUDIENCE_LEAGUE_ONLY: { status: 409, message: '本活动只面向共青团员' },
  TEAM_ALREADY_IN_ONE: { status: 409, message: '你已经在本活动的一个团队里了（每个活动只能加入一个团队）' },
  TEAM_FULL: { status: 409, message: '团队人数已满' },
  TEAM_NOT_FORMING: { status: 409, message: '团队已报名，成员不能再变动' },
  TEAM_TOO_SMALL: { status: 409, message: '团队人数不足，达到活动要求的人数后才能报名' },
  TEAM_NOT_LEADER: { status: 403, message: '只有队长可以进行这个操作' },
  TEAM_CODE_INVALID: { status: 404, message: '入队码不正确，请向队长核对' },
  TEAM_NO_MENTOR: { status: 409, message: '请先填写指导老师再报名' },
  TEAM_NOT_SIGNED_UP: { status: 409, message: '团队报名后才能提交实践报告' },
  TEAM_NOT_SUBMITTED: { status: 409, message: '团队尚未提交实践报告' },
  /** CloudBase refuses a request body over 100 KB (callFunction, HTTP access); the function's door refuses it too. */
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大（每次最多 100 KB），请分批提交或缩小文件后重试' },
  /** A cloud function may return at most 1 MB; the door answers this instead of a result that would not arrive. */
  RESULT_TOO_LARGE: { status: 500, message: '要返回的数据超过 1 MB，无法传回，请缩小范围（如按学院、团支部或活动分别导出）后重试' },
  UPLOAD_TOO_LARGE: { status: 413, message: '文件太大，请删去多余的工作表或另存为 .csv 后重试' },
  UPLOAD_TYPE_NOT_ALLOWED: { status: 415, message: '不支持这种文件，请选择 .xlsx 或 .csv 文件' },
  UPLOAD_NOT_FOUND: { status: 404, message: '上传已过期或不存在，请重新选择文件上传' },
  UPLOAD_PART_INVALID: { status: 400, message: '文件分片不正确，请重新上传' },
  UPLOAD_INCOMPLETE: { status: 409, message: '文件还没有传完，请补传缺少的分片后再完成上传' },
  IMAGE_TOO_LARGE: { status: 413, message: '图片不能超过 2 MB，请压缩或截图后重新上传' },
  IMAGE_TYPE_NOT_ALLOWED: { status: 415, message: '只能上传 JPG、PNG 或 WebP 图片，请换一张图片' },
  FILE_NOT_FOUND: { status: 404, message: '文件已过期或不存在，请重新上传' },
  JOB_NOT_FOUND: { status: 404, message: '没有找到这个任务，可能已过期，请重新导入' },
  SIGNUP_BLOCKED: { status: 409, message: '你本学期多次报名后未到场且未请假，暂时不能报名新的活动' },
  LOTTERY_NOT_LOTTERY: { status: 409, message: '这个活动是先到先得报名，没有抽签' },
  LOTTERY_NOT_DUE: { status: 409, message: '还不能开奖：报名截止 1 分钟后才能抽签（确保截止前提交的申请都已记录）' },
  LOTTERY_DRAWN: { status: 409, message: '这个活动已经抽过签了，结果已公布' },
  LOTTERY_NOT_DRAWN: { status: 409, message: '还没有开奖：报名截止后才抽签，结果公布后可在这里核对' },
  LOTTERY_TOO_LATE: { status: 409, message: '抽签活动必须在报名开始前发布（好让同学们先看到抽签承诺值），请把报名开始时间改到现在之后再发布' },
  LOTTERY_TERMS_LOCKED: { status: 409, message: '活动发布后，报名方式和抽签优先规则不能再修改' },
  LOTTERY_APPLICATION_LOCKED: { status: 409, message: '报名已截止，抽签申请不能再撤回；开奖后如中签不能参加，可取消或请假' },
  LOTTERY_WRITING: { status: 409, message: '抽签结果正在写入，请几秒后再操作' },
  LEAVE_NOT_NEEDED: { status: 409, message: '还没到取消截止时间，不用请假：直接取消报名即可，名额会递补给候补同学' },
  LEAVE_TOO_LATE: { status: 409, message: '请假须在活动结束后 24 小时内提出，已经超过时间' },
  LEAVE_EXISTS: { status: 409, message: '你已经为这个活动请过假了，请等待主办方处理' },
  LEAVE_DECIDED: { status: 409, message: '这条请假已经处理过了，请刷新后查看' },
  CONTEST_ROUND_NOT_OPEN: { status: 409, message: '本轮比赛已停止报名（已开始评审或已公布结果），作品不能再提交或修改' },
  CONTEST_DEADLINE_PASSED: { status: 409, message: '本轮比赛已过报名截止时间，作品不能再提交、修改或撤回' },
  CONTEST_ENTRY_EXISTS: { status: 409, message: '本轮这个赛道你（或你的团支部）已经报名了，每轮每个赛道只能有一份作品：可在“我的参赛”中修改或撤回' },
  CONTEST_NOT_ELIGIBLE: { status: 409, message: '你不在本轮比赛的参赛范围内' },
  CONTEST_ENTRY_WITHDRAWN: { status: 409, message: '该作品已撤回；如需参赛，请在截止前重新报名' },
  CONTEST_NOT_JUDGING: { status: 409, message: '本轮比赛不在评审阶段（尚未开始评审或已公布结果）' },
  CONTEST_NOT_ASSIGNED: { status: 403, message: '这件作品没有分配给你评审' },
  CONTEST_SCORE_SUBMITTED: { status: 409, message: '你已提交过这件作品的评分，评分提交后不能修改' },
  SCORE_OUT_OF_RANGE: { status: 400, message: '分数超出评分表的范围，请按各项满分重新打分' },
  CONTEST_STILL_OPEN: { status: 409, message: '报名截止后才能开始评审' },
  CONTEST_NO_JUDGES: { status: 409, message: '还不能开始评审：请先为本轮指定评委' },
  CONTEST_SCORING_INCOMPLETE: { status: 409, message: '还有评委没有提交评分，全部评完后才能公布结果' },
  NOT_A_LECTURER: { status: 403, message: '你不在本年度青年讲师团名单中，如有疑问请联系校团委' },
  TALK_DECIDED: { status: 409, message: '这条宣讲记录已经审核过了，请刷新后查看' },
  /** WeChat's content check (security.msgSecCheck) judged the text unfit to publish; the handler names the field. */
  CONTENT_REFUSED: { status: 422, message: '提交的内容未通过内容安全检查，请修改后再提交' },
  /** The content check could not be reached or answered with an error: nothing was written. */
  CONTENT_CHECK_FAILED: { status: 503, message: '内容安全检查暂时不可用，内容未保存，请稍后再试' },
  EVENT_NOT_PUBLISHED: { status: 409, message: '活动发布后才能生成海报' },
  /** wxacode.getUnlimited failed (quota, not published yet, no permission): nothing was stored. */
  MINI_CODE_FAILED: { status: 502, message: '小程序码暂时无法生成，请稍后再试；如一直失败，请联系管理员检查小程序是否已发布' },
  SCENE_UNKNOWN: { status: 404, message: '无法识别这个小程序码，请在活动列表中查找该活动' },
  DATA_REQUEST_OPEN: { status: 409, message: '你已提交过删除申请，校团委处理前无需重复提交' },
  DATA_REQUEST_DONE: { status: 409, message: '该申请已处理，请刷新后查看' },
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

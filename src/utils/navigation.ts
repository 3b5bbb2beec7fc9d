import Taro from '@tarojs/taro';

/**
 * Routes, in one place. The officer pages live in the `packages/officer` subpackage; the committee's in
 * `packages/committee` (whose own pages link to each other through packages/committee/routes.ts); the student's
 * check-in pages (签到码, 扫码签到) in `packages/checkin`, so the signing and QR code libraries stay out of the main package;
 * the transcript (成绩单, sharing, printing, the public verify page) in `packages/transcript`, whose pages link to each
 * other through packages/transcript/routes.ts.
 */
export const ROUTES = {
  events: '/pages/events/index',
  event: '/pages/event/index',
  registrations: '/pages/registrations/index',
  me: '/pages/me/index',
  officerMembers: '/packages/officer/members/index',
  officerCheckin: '/packages/officer/checkin/index',
  committeeHome: '/packages/committee/home/index',
  creditsOverview: '/packages/committee/credits/index',
  managedEvents: '/packages/committee/events/index',
  dashboard: '/packages/committee/dashboard/index',
  checkinPass: '/packages/checkin/pass/index',
  checkinScan: '/packages/checkin/scan/index',
  transcript: '/packages/transcript/index/index',
  lotteryVerify: '/packages/lottery/verify/index',
  contest: '/packages/contest/home/index',
  contestRounds: '/packages/committee/contest/index',
  myData: '/packages/privacy/my-data/index',
  privacyPolicy: '/packages/privacy/policy/index',
  follows: '/packages/alerts/follows/index',
} as const;

/** 百生讲坛比赛 (committee subpackage): college officers run their college's 院赛 from 我的; the committee from 工作台. */
export function openContestRounds(): void {
  void Taro.navigateTo({ url: ROUTES.contestRounds });
}

/** 百生讲坛 (contest subpackage): rounds, entering, my results; 评审 for judges. */
export function openContest(): void {
  void Taro.navigateTo({ url: ROUTES.contest });
}

export function openEvent(eventId: string): void {
  void Taro.navigateTo({ url: `${ROUTES.event}?id=${encodeURIComponent(eventId)}` });
}

/** 抽签核对 (lottery subpackage, no login): the published draw of an event, recomputed on the phone. */
export function openLotteryVerify(eventId: string): void {
  void Taro.navigateTo({ url: `${ROUTES.lotteryVerify}?id=${encodeURIComponent(eventId)}` });
}

export function openEvents(): void {
  void Taro.switchTab({ url: ROUTES.events });
}

export function openMe(): void {
  void Taro.switchTab({ url: ROUTES.me });
}

/** 团支部成员 (officer subpackage); without a branch the page asks for one. */
export function openBranchMembers(branch: string | null): void {
  const query = branch ? `?branch=${encodeURIComponent(branch)}` : '';
  void Taro.navigateTo({ url: `${ROUTES.officerMembers}${query}` });
}

/** 签到管理 (officer subpackage): the events this account runs check-in for. */
export function openCheckinEvents(): void {
  void Taro.navigateTo({ url: ROUTES.officerCheckin });
}

/** 校团委工作台 (committee subpackage): 名单导入, 角色管理, 审计日志. */
export function openCommitteeHome(): void {
  void Taro.navigateTo({ url: ROUTES.committeeHome });
}

/** 学分统计 (committee subpackage): college officers open it from 我的 (their college); the committee from 工作台. */
/** 活动管理 (committee subpackage; college officers see their college's events). */
export function openManagedEvents(): void {
  void Taro.navigateTo({ url: ROUTES.managedEvents });
}

/** 年度目标看板 (committee subpackage; college officers see their college). */
export function openDashboard(): void {
  void Taro.navigateTo({ url: ROUTES.dashboard });
}

export function openCreditsOverview(): void {
  void Taro.navigateTo({ url: ROUTES.creditsOverview });
}

/** 签到码 (checkin subpackage): the student's rotating member code for one event. */
export function openCheckinPass(eventId: string): void {
  void Taro.navigateTo({ url: `${ROUTES.checkinPass}?eventId=${encodeURIComponent(eventId)}` });
}

/** 扫码签到 (checkin subpackage): scan the event code shown at the venue. */
export function openSelfCheckin(): void {
  void Taro.navigateTo({ url: ROUTES.checkinScan });
}

/** 我的数据 (privacy subpackage): the export, the deletion request, unbinding. */
export function openMyData(): void {
  void Taro.navigateTo({ url: ROUTES.myData });
}

/** 活动提醒 (alerts subpackage): the kinds of events followed, and the alerts left. */
export function openFollows(): void {
  void Taro.navigateTo({ url: ROUTES.follows });
}

/** 隐私政策 (privacy subpackage): what is collected, why, how long, who sees it. */
export function openPrivacyPolicy(): void {
  void Taro.navigateTo({ url: ROUTES.privacyPolicy });
}

/** 我的成绩单 (transcript subpackage): credits by module, the ledger, appeals, shared transcripts. */
export function openTranscript(): void {
  void Taro.navigateTo({ url: ROUTES.transcript });
}

/** 我的申诉: the appeals section of 我的成绩单 (transcript subpackage), scrolled into view. */
export function openMyAppeals(): void {
  void Taro.navigateTo({ url: `${ROUTES.transcript}?section=appeals` });
}

/** 我的团队 (teams subpackage): the student's social-practice teams. */
export function openMyTeams(): void {
  void Taro.navigateTo({ url: '/packages/teams/index/index' });
}

/** 创建团队 for a social-practice event (teams subpackage). */
export function openCreateTeam(eventId: string): void {
  void Taro.navigateTo({ url: `/packages/teams/create/index?eventId=${encodeURIComponent(eventId)}` });
}

/** 凭入队码加入 (teams subpackage). */
export function openJoinTeam(): void {
  void Taro.navigateTo({ url: '/packages/teams/join/index' });
}

/**
 * 返回 on an inner page, and the way out of an error screen: back where the student came from, or (opened from a link,
 * nothing to go back to) the catalogue.
 */
export function goBackOrHome(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: ROUTES.events });
}

/** Whether 返回 has somewhere to go (else the way out is 首页). */
export function canGoBack(): boolean {
  return Taro.getCurrentPages().length > 1;
}

/** A route parameter as typed: Taro hands it over still percent-encoded on some platforms. */
export function routeParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

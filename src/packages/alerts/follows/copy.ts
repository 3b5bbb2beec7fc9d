/** What each followable kind brings, in a few words (the row's second line); topic ids from core/follows/topics.ts. */
export const TOPIC_HINTS: Record<string, string> = {
  lecture: '各赛道的宣讲、比赛与展示',
  'lecture:团支部赛道': '团支部集体宣讲',
  'lecture:主讲人赛道': '个人主讲比赛',
  'lecture:微团课赛道': '微团课录制与展示',
  volunteer: '导诊、社区服务、赛会志愿者',
  practice: '三下乡、返家乡社会实践',
  firstaid: '红十字救护培训与考核',
  theme: '主题团日、团课与学习教育',
};

/** Why the count matters, as plainly as WeChat's rule allows. */
export const RULE_NOTE = '微信规定：每点一次「允许」，只能收到一条提醒。有新活动开放报名时，每发一条用掉一次；用完后点下面的按钮再允许一次。';

/** The browser has no WeChat messages: follows are kept, the alerts come only through the mini program. */
export const H5_NOTE = '微信规定：在小程序里每点一次「允许」，只能收到一条提醒。网页版收不到微信提醒，请在微信小程序「青年第二课堂」里点关注并允许；在这里关注的类型会一并保存。';

/** A weapp build without a new_event template: nothing can be asked yet. */
export const UNAVAILABLE_NOTE = '微信提醒暂未开通，关注的类型会先保存，开通后即可收到提醒。';

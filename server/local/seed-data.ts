import type { Category } from '../../types';
import type { EventCreditRule, KindDetails } from '../../core';

/** What a seeded event's kind needs; a practice's report is due some days after its start (resolved by seedEvent). */
export type SeedDetails =
  | Exclude<KindDetails, { kind: 'practice' }>
  | (Omit<Extract<KindDetails, { kind: 'practice' }>, 'reportDueAt'> & { reportDueDays: number });

/**
 * Demo data taken from the committee's yearly plan (../shared/seed): the 百生讲坛 lecture series and its tracks,
 * 学雷锋 volunteering and volunteer recruitment, 三下乡 / 返家乡 social practice, Red Cross first-aid training at two
 * levels, and theme education. Times are given as (days from today, Shanghai clock).
 */
export interface SeedEvent {
  key: string;
  title: string;
  category: Category;
  tag: string;
  organizer: string;
  location: string;
  description: string;
  /** start: days from today (Shanghai) and hh:mm; duration in minutes. */
  day: number;
  time: string;
  minutes: number;
  /** sign-up window relative to the start: opens `opensDaysBefore` days before, closes `closesHoursBefore` hours before. */
  opensDaysBefore: number;
  closesHoursBefore: number;
  capacity: number;
  waitlist: boolean;
  credits: number;
  /** share of seats already taken by seeded students (0..1), or 'full'. */
  taken: number | 'full';
  cancelled?: boolean;
  /** Who organises it, for check-in (which officers may scan); the committee unless given. */
  host?: { kind: 'college' | 'branch'; unit: string; college: string };
  /**
   * An event happening at seed time: it starts this many minutes after the seed's moment (negative: already
   * running) instead of on `day` at `time`, so the demo and the browser tests can check people in.
   */
  startsInMinutes?: number;
  /** Seeded sign-ups come only from these students (a branch's or a college's own event); everyone unless given. */
  audience?: { branch?: string; college?: string };
  /**
   * What attendance earns, when not defaultCreditRule(category, credits) (a fixed amount in the category's module).
   * For a per-hour rule, `credits` is what staying the whole event earns (seedEvent computes it).
   */
  creditRule?: EventCreditRule;
  /**
   * Students without a sign-up may check in at the door (by the event code). At a past event the demo switch's
   * students (the first of each class: no seeded sign-ups) came that way, those of `college` only if given.
   */
  walkIns?: { college?: string };
  /**
   * A past event's attendance, for the seeded credit history: the share of confirmed members who came (default
   * 0.85), and of those who stayed only part of it (checked out early, default 0.1).
   */
  attended?: number;
  leftEarly?: number;
  /** Members of a past event who were not checked in and have filed an appeal (申诉), with its note. */
  appeals?: Record<string, string>;
  /** What the kind needs, in the plan's words (track and speaker, roles and hours, team sizes, level, theme). */
  details: SeedDetails | null;
  /** Who may sign up (EventRecord.audience), when not everyone: a college's own event. */
  openTo?: { colleges: string[] };
  /**
   * Sign-ups are applications (志愿者招募 with an interview): the seeded ones are approved by the committee, all but
   * the last `pendingLeft`, which wait for a decision.
   */
  approval?: { pendingLeft: number };
  /** Stored as a draft (seen by organisers only); drafts have no sign-ups. */
  draft?: boolean;
  /** Why a cancelled event was cancelled (what its students are told). */
  cancelReason?: string;
}

/** Volunteering: 0.5 credit per counted hour, at most 3 credits for one event (hundredths). */
const VOLUNTEER_HOURLY: EventCreditRule = {
  base: { kind: 'per_hour', module: 'service', perHour: 50, cap: 300 },
  assessmentBonus: null,
};

export const COLLEGES: Array<{ name: string; majors: string[] }> = [
  { name: '信息技术学院', majors: ['软件技术', '计算机网络技术', '大数据技术'] },
  { name: '医学院', majors: ['护理', '药学', '医学检验技术'] },
  { name: '机电工程学院', majors: ['机电一体化技术', '工业机器人技术'] },
  { name: '建筑技术学院', majors: ['建筑工程技术', '工程造价'] },
  { name: '经济管理学院', majors: ['大数据与会计', '电子商务', '市场营销'] },
  { name: '教育与艺术学院', majors: ['学前教育', '环境艺术设计'] },
];

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
export const GIVEN = '子涵 欣怡 梓轩 浩然 雨桐 宇航 思雨 俊杰 一诺 佳怡 博文 诗涵 子墨 梦瑶 嘉豪 晨曦 雅琪 文博 若曦 天佑 可馨 明轩 语嫣 志强 晓燕 海洋 静怡 家乐 欣然 振宇 书瑶 泽宇 心怡 俊熙 雪婷 昊天 佳琪 睿泽 紫萱 鹏飞'.split(' ');

export const EVENTS: SeedEvent[] = [
  {
    key: 'lecture-branch', title: '百生讲坛·团支部赛道：学习二十大 青年说', category: 'lecture', tag: '团支部赛道',
    organizer: '校团委 · 青年讲师团', location: '图书馆一楼报告厅', day: 3, time: '19:00', minutes: 90,
    opensDaysBefore: 10, closesHoursBefore: 24, capacity: 200, waitlist: true, credits: 0.5, taken: 0.62,
    details: { kind: 'lecture', track: '团支部', speaker: '各团支部宣讲团', topic: '学习宣传贯彻党的二十大精神' },
    description: '各团支部围绕学习宣传贯彻党的二十大精神，以团支部为单位登台宣讲。用青年话语讲青年故事，现场评出优秀宣讲团支部，推荐参加省赛。\n\n请提前 15 分钟入场，签到后计入第二课堂“思想政治与道德修养”学分。',
  },
  {
    key: 'lecture-speaker', title: '百生讲坛·主讲人赛道：我的奋斗故事', category: 'lecture', tag: '主讲人赛道',
    organizer: '校团委 · 青年讲师团', location: '行政楼三楼学术报告厅', day: 6, time: '14:30', minutes: 120,
    opensDaysBefore: 12, closesHoursBefore: 24, capacity: 150, waitlist: true, credits: 0.5, taken: 0.3,
    details: { kind: 'lecture', track: '主讲人', speaker: '校级讲师团成员与优秀学生代表', topic: '我的奋斗故事' },
    description: '校级讲师团成员与优秀学生代表分享成长与奋斗经历。领导讲热点、学者讲理论、校友讲信念、榜样讲经验。',
  },
  {
    key: 'lecture-micro', title: '微团课：石榴籽一家亲 民族团结我践行', category: 'lecture', tag: '微团课赛道',
    organizer: '教育与艺术学院团总支', location: '艺术楼 203 多功能教室', day: 1, time: '18:30', minutes: 60,
    opensDaysBefore: 7, closesHoursBefore: 4, capacity: 60, waitlist: true, credits: 0.5, taken: 'full',
    host: { kind: 'college', unit: '教育与艺术学院', college: '教育与艺术学院' },
    details: { kind: 'lecture', track: '微团课', speaker: '教育与艺术学院团总支', topic: '石榴籽一家亲 民族团结我践行' },
    description: '以铸牢中华民族共同体意识为主线的主题微团课。每位参与者需准备一个 3 分钟的民族团结小故事。',
  },
  {
    key: 'lecture-challenge', title: '“挑战杯”校赛辅导讲座：从选题到答辩', category: 'lecture', tag: '学术讲座',
    organizer: '校团委 · 科创部', location: '信息楼 A101', day: 9, time: '15:00', minutes: 90,
    opensDaysBefore: 14, closesHoursBefore: 24, capacity: 120, waitlist: false, credits: 0.5, taken: 0.45,
    details: { kind: 'lecture', track: '主讲人', speaker: '往届省赛获奖指导教师', topic: '“挑战杯”作品从选题到答辩' },
    description: '邀请往届省赛获奖指导教师，讲解“挑战杯”作品选题、申报书撰写、答辩技巧。欢迎有参赛意向的团队报名。',
  },
  {
    key: 'volunteer-leifeng', title: '学雷锋志愿服务：文昌阁社区关爱老人', category: 'volunteer', tag: '学雷锋',
    organizer: '青年志愿者协会', location: '文昌阁社区服务中心（校门口集合）', day: 4, time: '08:30', minutes: 210,
    opensDaysBefore: 8, closesHoursBefore: 24, capacity: 40, waitlist: true, credits: 1, taken: 0.85,
    creditRule: VOLUNTEER_HOURLY,
    details: { kind: 'volunteer', roles: ['打扫卫生', '测量血压', '智能手机教学'], hours: 3.5, recruitment: 'open' },
    description: '走进文昌阁社区，为独居老人打扫卫生、测量血压、教老人使用智能手机。志愿时长按签到签退时间计算。\n\n请穿志愿者马甲，自备水杯。',
  },
  {
    key: 'volunteer-recruit', title: '2026级青年志愿者招募', category: 'volunteer', tag: '志愿者招募',
    organizer: '校团委 · 青年志愿者协会', location: '学生活动中心 2 楼', day: 12, time: '14:00', minutes: 120,
    opensDaysBefore: 20, closesHoursBefore: 48, capacity: 300, waitlist: true, credits: 0.5, taken: 0.4,
    details: { kind: 'volunteer', roles: ['校级青年志愿者'], hours: 2, recruitment: 'interview' },
    approval: { pendingLeft: 6 },
    description: '面向 2026 级新生招募校级青年志愿者，报名后参加面试与岗前培训，合格者注册为“志愿湖北”志愿者。',
  },
  {
    key: 'volunteer-marathon', title: '孝感马拉松赛会志愿者', category: 'volunteer', tag: '赛会服务',
    organizer: '青年志愿者协会', location: '孝感市体育中心', day: 17, time: '06:30', minutes: 360,
    opensDaysBefore: 25, closesHoursBefore: 72, capacity: 80, waitlist: true, credits: 1.5, taken: 0.2,
    creditRule: VOLUNTEER_HOURLY,
    details: { kind: 'volunteer', roles: ['补给站', '检录引导', '终点服务'], hours: 6, recruitment: 'open' },
    description: '负责赛道补给站、检录引导与终点服务。提供志愿者服装与午餐，往返统一乘车。',
  },
  {
    key: 'practice-sanxiaxiang', title: '暑期“三下乡”社会实践队员招募', category: 'practice', tag: '三下乡',
    organizer: '校团委 · 实践部', location: '学生活动中心 305', day: 20, time: '19:00', minutes: 60,
    opensDaysBefore: 25, closesHoursBefore: 72, capacity: 120, waitlist: true, credits: 2, taken: 0.25,
    details: { kind: 'practice', mode: '三下乡', teamSizeMin: 3, teamSizeMax: 8, destination: '孝感市孝昌县、大悟县', reportDueDays: 75 },
    description: '组建校级“三下乡”社会实践队，开展理论宣讲、乡村振兴、医疗义诊、支教助学等实践。报名后参加宣讲会并组队。',
  },
  {
    key: 'practice-fanjiaxiang', title: '“返家乡”社会实践报名', category: 'practice', tag: '返家乡',
    organizer: '校团委 · 实践部', location: '线上 + 各自家乡', day: 40, time: '09:00', minutes: 480,
    opensDaysBefore: 30, closesHoursBefore: 120, capacity: 500, waitlist: false, credits: 2, taken: 0.1,
    details: { kind: 'practice', mode: '返家乡', teamSizeMin: 1, teamSizeMax: 5, destination: '各自家乡的基层团组织、社区与企事业单位', reportDueDays: 30 },
    description: '寒假期间回到家乡，在基层团组织、社区、企事业单位开展实践，提交实践报告与证明材料后认定学分。',
  },
  {
    key: 'practice-community', title: '大学生社区实践计划：文昌阁社区“阿雯热线”', category: 'practice', tag: '社区实践',
    organizer: '医学院团总支', location: '文昌阁社区', day: 8, time: '09:00', minutes: 240,
    opensDaysBefore: 10, closesHoursBefore: 24, capacity: 30, waitlist: true, credits: 1, taken: 0.5,
    host: { kind: 'college', unit: '医学院', college: '医学院' },
    // 大学生社区实践计划 is neither 三下乡 nor 返家乡 (PRACTICE_MODES): no kind details.
    details: null,
    description: '协助“阿雯热线”心理健康平台开展社区宣传和咨询服务，需完成岗前培训。',
  },
  {
    key: 'firstaid-basic', title: '红十字应急救护普及培训（第 12 期）', category: 'firstaid', tag: '普及培训',
    organizer: '校红十字会', location: '医学院技能实训中心 1 楼', day: 2, time: '14:00', minutes: 180,
    opensDaysBefore: 7, closesHoursBefore: 20, capacity: 60, waitlist: true, credits: 1, taken: 0.7,
    details: { kind: 'firstaid', level: '普及培训', assessment: true },
    description: '学习心肺复苏（CPR）、AED 使用、海姆立克急救法与常见创伤包扎。培训结束后现场考核，合格者获得普及培训证明。',
  },
  {
    key: 'firstaid-responder', title: '红十字救护员证培训（两天）', category: 'firstaid', tag: '救护员',
    organizer: '校红十字会 · 孝感市红十字会', location: '医学院技能实训中心 3 楼', day: 5, time: '08:30', minutes: 480,
    opensDaysBefore: 10, closesHoursBefore: 24, capacity: 30, waitlist: true, credits: 2, taken: 'full',
    // Attending counts 2 credits; passing the certification exam adds 1 more (assessment bonus).
    creditRule: { base: { kind: 'fixed', module: 'skills', amount: 200 }, assessmentBonus: { module: 'skills', amount: 100 } },
    details: { kind: 'firstaid', level: '救护员', assessment: true },
    description: '由孝感市红十字会认证导师授课，共 16 学时，理论与实操考核均合格者颁发红十字救护员证。需两天全程参加。',
  },
  {
    key: 'theme-twenty', title: '“学习二十大、永远跟党走、奋进新征程”主题团日', category: 'theme', tag: '主题团日',
    organizer: '校团委', location: '各团支部自定', day: 0, time: '19:30', minutes: 60,
    opensDaysBefore: 5, closesHoursBefore: 1, capacity: 2000, waitlist: false, credits: 0.25, taken: 0.35,
    details: { kind: 'theme', theme: '学习二十大、永远跟党走、奋进新征程' },
    description: '以团支部为单位开展主题团日活动，学习党的二十大报告精神，交流学习体会。',
  },
  {
    key: 'theme-integrity', title: '“青年当清廉”演讲比赛', category: 'theme', tag: '演讲比赛',
    organizer: '校团委 · 组织部', location: '大学生活动中心剧场', day: 14, time: '19:00', minutes: 120,
    opensDaysBefore: 14, closesHoursBefore: 48, capacity: 400, waitlist: true, credits: 0.5, taken: 0.15,
    details: { kind: 'theme', theme: '青年当清廉' },
    description: '选手演讲与观众评议相结合，观众报名后现场签到计入主题教育参与。',
  },
  {
    key: 'theme-read-china', title: '“读懂中国”征文与分享会', category: 'theme', tag: '关工委',
    organizer: '校关工委 · 校团委', location: '图书馆 4 楼研讨室', day: -3, time: '15:00', minutes: 90,
    opensDaysBefore: 10, closesHoursBefore: 24, capacity: 50, waitlist: false, credits: 0.5, taken: 0.9,
    details: { kind: 'theme', theme: '读懂中国' },
    description: '邀请“五老”与青年学生面对面，分享征文作品。',
  },
  {
    key: 'theme-new-year', title: '迎新年主题教育晚会（筹备中）', category: 'theme', tag: '文艺活动',
    organizer: '校团委 · 文艺部', location: '大学生活动中心剧场', day: 30, time: '19:00', minutes: 150,
    opensDaysBefore: 10, closesHoursBefore: 24, capacity: 800, waitlist: true, credits: 0.5, taken: 0,
    details: { kind: 'theme', theme: '迎新年主题教育' },
    description: '报名将于演出前 10 天开放，敬请期待。',
  },
  {
    key: 'volunteer-cancelled', title: '校园开放日引导志愿者', category: 'volunteer', tag: '校园服务',
    organizer: '青年志愿者协会', location: '南门广场', day: 7, time: '08:00', minutes: 240,
    opensDaysBefore: 10, closesHoursBefore: 24, capacity: 50, waitlist: true, credits: 0.5, taken: 0.2,
    creditRule: VOLUNTEER_HOURLY,
    details: { kind: 'volunteer', roles: ['开放日引导'], hours: 4, recruitment: 'open' },
    cancelReason: '因天气原因本次开放日延期，活动取消',
    description: '因天气原因本次开放日延期，活动取消。', cancelled: true,
  },
  // Two events under way when the demo starts, for check-in. The branch's own lecture takes sign-ups until it ends
  // (seats are left and latecomers may still register at the door); its seeded sign-ups are the branch's members.
  {
    key: 'lecture-now', title: '百生讲坛·团支部赛道：23级软件技术1班 “强国有我” 宣讲', category: 'lecture',
    tag: '团支部赛道', organizer: '23级软件技术1班团支部', location: '信息楼 B203', day: 0, time: '00:00',
    startsInMinutes: -10, minutes: 90, opensDaysBefore: 7, closesHoursBefore: -1.5, capacity: 35, waitlist: false,
    credits: 0.5, taken: 0.2,
    host: { kind: 'branch', unit: '23级软件技术1班团支部', college: '信息技术学院' },
    audience: { branch: '23级软件技术1班团支部' },
    details: { kind: 'lecture', track: '团支部', speaker: '23级软件技术1班团支部', topic: '强国有我' },
    description: '团支部成员围绕“强国有我”分组宣讲，支部书记现场扫码签到。请打开活动页的“签到码”，交给团支部干部扫码。',
  },
  {
    key: 'volunteer-now', title: '医学院志愿服务：校医院门诊导诊与健康宣教', category: 'volunteer', tag: '学雷锋',
    organizer: '医学院团总支', location: '校医院门诊大厅', day: 0, time: '00:00', startsInMinutes: -20, minutes: 180,
    opensDaysBefore: 7, closesHoursBefore: 24, capacity: 50, waitlist: true, credits: 1, taken: 0.8,
    host: { kind: 'college', unit: '医学院', college: '医学院' },
    audience: { college: '医学院' },
    creditRule: VOLUNTEER_HOURLY,
    details: { kind: 'volunteer', roles: ['导诊', '测量血压', '健康宣教'], hours: 3, recruitment: 'open' },
    openTo: { colleges: ['医学院'] },
    description: '在校医院门诊大厅为就诊师生导诊、测量血压并发放健康宣教材料。到场签到、离开签退，志愿时长按签到签退时间计算，在岗不足六成时间不计时长。',
  },
  // Past events of this term (appended last, so the sign-ups seeded for the events above stay the same): the seed
  // records who came and credits them, so transcripts start with a history.
  {
    key: 'lecture-opening', title: '百生讲坛·开学第一课：青春向党 奋斗强国', category: 'lecture', tag: '主讲人赛道',
    organizer: '校团委 · 青年讲师团', location: '大学生活动中心剧场', day: -12, time: '19:00', minutes: 90,
    opensDaysBefore: 7, closesHoursBefore: 24, capacity: 300, waitlist: false, credits: 0.5, taken: 0.55, walkIns: {},
    attended: 0.9,
    details: { kind: 'lecture', track: '主讲人', speaker: '校党委书记', topic: '青春向党 奋斗强国' },
    description: '新学期第一课，校党委书记与青年学生面对面，讲述新时代青年的使命与担当。未报名的同学可到场扫活动码签到。',
  },
  {
    key: 'firstaid-autumn', title: '红十字应急救护普及培训（第 11 期）', category: 'firstaid', tag: '普及培训',
    organizer: '校红十字会', location: '医学院技能实训中心 1 楼', day: -16, time: '14:00', minutes: 180,
    opensDaysBefore: 7, closesHoursBefore: 20, capacity: 60, waitlist: true, credits: 1, taken: 0.75,
    details: { kind: 'firstaid', level: '普及培训', assessment: true },
    description: '学习心肺复苏（CPR）、AED 使用与常见创伤包扎，培训结束后现场考核。',
  },
  {
    key: 'volunteer-station', title: '学雷锋志愿服务：孝感站返程高峰引导', category: 'volunteer', tag: '学雷锋',
    organizer: '青年志愿者协会', location: '孝感站进站口（校门口集合乘车）', day: -9, time: '08:00', minutes: 240,
    opensDaysBefore: 8, closesHoursBefore: 24, capacity: 40, waitlist: true, credits: 2, taken: 0.9, leftEarly: 0.2,
    creditRule: VOLUNTEER_HOURLY, walkIns: { college: '信息技术学院' },
    details: { kind: 'volunteer', roles: ['指路', '搬运行李', '维持秩序'], hours: 4, recruitment: 'open' },
    description: '在进站口为旅客指路、搬运行李、维持排队秩序。志愿时长按签到签退时间计算，在岗不足六成时间不计时长。',
  },
  {
    key: 'theme-branch-past', title: '23级软件技术1班团支部主题团日：青春心向党', category: 'theme', tag: '主题团日',
    organizer: '23级软件技术1班团支部', location: '信息楼 B203', day: -6, time: '19:00', minutes: 60,
    opensDaysBefore: 5, closesHoursBefore: 2, capacity: 40, waitlist: false, credits: 0.25, taken: 'full',
    host: { kind: 'branch', unit: '23级软件技术1班团支部', college: '信息技术学院' },
    audience: { branch: '23级软件技术1班团支部' },
    attended: 1,
    appeals: {
      '2023011107': '我全程参加了团日活动，当时手机没电没能出示签到码，团支书可以证明。',
      '2023011108': '活动开始时在门口排队，签到结束前没轮到我扫码，之后一直在场。',
      '2023011109': '我负责活动拍照，忙于拍摄忘记签到，合影里有我。',
    },
    details: { kind: 'theme', theme: '青春心向党' },
    description: '团支部全体成员重温入团誓词，分享学习体会。签到后计入“思想政治与道德修养”学分。',
  },
  // A draft the committee is preparing (appended last, like the past events, so earlier seeded sign-ups stay the same).
  {
    key: 'firstaid-spring', title: '红十字应急救护普及培训（第 13 期）', category: 'firstaid', tag: '普及培训',
    organizer: '校红十字会', location: '医学院技能实训中心 1 楼', day: 24, time: '14:00', minutes: 180,
    opensDaysBefore: 7, closesHoursBefore: 20, capacity: 60, waitlist: true, credits: 1, taken: 0, draft: true,
    details: { kind: 'firstaid', level: '普及培训', assessment: true },
    description: '（草稿）下一期普及培训：心肺复苏、AED 使用与创伤包扎，培训结束后现场考核。时间与场地待定。',
  },
];

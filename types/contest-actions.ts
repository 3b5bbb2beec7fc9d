import * as v from 'valibot';
import { FileIdSchema } from './bulk-actions';
import {
  CONTEST_TRACKS,
  ENTRY_MODES,
  ENTRY_STATUSES,
  LECTURER_LEVELS,
  MATERIAL_KINDS,
  MAX_CRITERIA,
  MAX_CRITERION_POINTS,
  MAX_TEAM_MEMBERS,
  ROUND_LEVELS,
  ROUND_STATUSES,
  TALK_STATUSES,
} from './contest';
import { ModuleIdSchema } from './ids';

/**
 * 百生讲坛 as a year-long contest, and the youth lecturer team (types/contest.ts says what the words mean). Merged into
 * `actions` (types/actions.ts). Scores are hundredths of a point (a judge's total is out of 100 points: 8,650 = 86.5);
 * credits are hundredths of a credit, as everywhere.
 */
const Id = v.pipe(v.string(), v.trim(), v.minLength(1, '不能为空'), v.maxLength(64, '过长'));
const Instant = v.pipe(v.string(), v.isoTimestamp('时间格式不正确'));
const Text = (min: number, max: number, what: string) =>
  v.pipe(v.string(), v.trim(), v.minLength(min, min > 1 ? `${what}至少 ${min} 个字` : `请填写${what}`), v.maxLength(max, `${what}不能超过 ${max} 个字`));
const Optional = (max: number, what: string) => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max, `${what}不能超过 ${max} 个字`)));
const StudentNo = v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z]{6,20}$/, '学号应为 6–20 位数字或字母'));
const AccountRef = v.pipe(v.string(), v.trim(), v.minLength(6, '请选择评委'), v.maxLength(64, '过长'));
const Year = v.pipe(v.number(), v.integer(), v.minValue(2020, '年份不正确'), v.maxValue(2100, '年份不正确'));
const Hundredths = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
const Reason = v.pipe(v.string(), v.trim(), v.minLength(2, '请填写原因'), v.maxLength(200, '原因不能超过 200 个字'));
/** A Shanghai calendar day, YYYY-MM-DD. */
const Day = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期应为 YYYY-MM-DD'));

/** One line of a scoring sheet: its share of the total (weights add up to 100) and the points it is marked out of. */
export const CriterionSchema = v.object({
  id: v.string(),
  name: v.string(),
  /** Percent of the total; the sheet's weights add up to 100. */
  weight: v.number(),
  /** Judges mark it from 0 to this many points (steps of 0.5). */
  max: v.number(),
});
export type CriterionView = v.InferOutput<typeof CriterionSchema>;

const CriterionInput = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,15}$/, '评分项编号应为小写字母开头的字母、数字或下划线')),
  name: Text(2, 20, '评分项名称'),
  weight: v.pipe(v.number(), v.integer('权重应为整数'), v.minValue(1, '权重至少 1'), v.maxValue(100, '权重不能超过 100')),
  max: v.pipe(v.number(), v.integer('满分应为整数'), v.minValue(1, '满分至少 1 分'), v.maxValue(MAX_CRITERION_POINTS, `满分不能超过 ${MAX_CRITERION_POINTS} 分`)),
});

/** What entering, advancing and each award are worth, in one module (思想政治与道德修养 by default). */
export const ContestCreditsSchema = v.object({
  module: v.string(),
  entered: v.number(),
  advanced: v.number(),
  /** 一等奖, 二等奖, 三等奖. */
  awards: v.tuple([v.number(), v.number(), v.number()]),
});

const ContestCreditsInput = v.strictObject({
  module: ModuleIdSchema,
  entered: Hundredths(1000),
  advanced: Hundredths(1000),
  awards: v.tuple([Hundredths(2000), Hundredths(2000), Hundredths(2000)]),
});

/** How the organiser advances entries when publishing, per track: the top N, those at or over a score, or none. */
export const AdvanceRuleSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('top'), n: v.pipe(v.number(), v.integer(), v.minValue(1, '晋级名额至少 1 个'), v.maxValue(100)) }),
  v.strictObject({ kind: v.literal('threshold'), min: v.pipe(v.number(), v.minValue(0, '分数线不能低于 0'), v.maxValue(100, '分数线不能超过 100')) }),
  v.strictObject({ kind: v.literal('none') }),
]);

export const ContestRoundFieldsSchema = v.strictObject({
  year: Year,
  level: v.picklist(ROUND_LEVELS),
  /** The college whose round it is; '' for the school round. */
  college: v.pipe(v.string(), v.trim(), v.maxLength(64)),
  title: Text(2, 40, '比赛名称'),
  description: Optional(500, '说明'),
  tracks: v.pipe(v.array(v.picklist(CONTEST_TRACKS)), v.minLength(1, '至少选择一个赛道'), v.maxLength(CONTEST_TRACKS.length)),
  entryMode: v.picklist(ENTRY_MODES),
  /** Entries may be submitted, edited and withdrawn until this instant. */
  deadlineAt: Instant,
  sheet: v.pipe(v.array(CriterionInput), v.minLength(1, '评分表至少要有一项'), v.maxLength(MAX_CRITERIA, `评分表不能超过 ${MAX_CRITERIA} 项`)),
  /** On: a judge scores no entry of their own college (回避). */
  conflictRule: v.boolean(),
  /** Judges per entry; null: every judge of the round who may score it. */
  judgesPerEntry: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1, '每个作品至少 1 位评委'), v.maxValue(20))),
  credits: ContestCreditsInput,
  /** The 百生讲坛 event (a lecture) students sign up for to watch this round: attended with credits like any event. */
  eventId: v.nullable(Id),
});
export type ContestRoundFields = v.InferOutput<typeof ContestRoundFieldsSchema>;

const EventRefSchema = v.object({ id: v.string(), title: v.string(), startAt: v.string() });

const JudgeSchema = v.object({
  account: v.string(),
  name: v.string(),
  /** The college the judge belongs to ('' none): the conflict-of-interest rule keeps them off its entries. */
  college: v.string(),
});

const roundCommon = {
  id: v.string(),
  year: v.number(),
  level: v.picklist(ROUND_LEVELS),
  college: v.string(),
  title: v.string(),
  description: v.string(),
  tracks: v.array(v.picklist(CONTEST_TRACKS)),
  entryMode: v.picklist(ENTRY_MODES),
  deadlineAt: v.string(),
  status: v.picklist(ROUND_STATUSES),
  event: v.nullable(EventRefSchema),
};

/** A round as its organisers see it. */
export const ContestRoundSchema = v.object({
  ...roundCommon,
  sheet: v.array(CriterionSchema),
  conflictRule: v.boolean(),
  judgesPerEntry: v.nullable(v.number()),
  credits: ContestCreditsSchema,
  judges: v.array(JudgeSchema),
  counts: v.object({ entries: v.number(), withdrawn: v.number(), scoresIn: v.number(), scoresNeeded: v.number() }),
  advance: v.nullable(AdvanceRuleSchema),
  awards: v.nullable(v.tuple([v.number(), v.number(), v.number()])),
  publishedAt: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
  /** The caller may change it (its organiser; college officers only their college's round). */
  mayManage: v.boolean(),
});
export type ContestRoundView = v.InferOutput<typeof ContestRoundSchema>;

const MaterialSchema = v.object({ fileId: v.string(), kind: v.picklist(MATERIAL_KINDS), name: v.string(), size: v.number() });

/** Where an entry stands once its round's results are published. */
const EntryResultSchema = v.object({
  rank: v.number(),
  /** Entries ranked in the track. */
  of: v.number(),
  /** Final score, hundredths of a point. */
  score: v.number(),
  judges: v.number(),
  advanced: v.boolean(),
  /** 1 一等奖, 2 二等奖, 3 三等奖, or null. */
  award: v.nullable(v.number()),
  /** What the entrant reads: 晋级校赛, 入选省赛推荐, 未晋级, with the award when there is one. */
  label: v.string(),
});

export const ContestEntrySchema = v.object({
  id: v.string(),
  roundId: v.string(),
  roundTitle: v.string(),
  roundLevel: v.picklist(ROUND_LEVELS),
  roundStatus: v.picklist(ROUND_STATUSES),
  deadlineAt: v.string(),
  track: v.picklist(CONTEST_TRACKS),
  entrant: v.object({ kind: v.picklist(['student', 'branch']), studentNo: v.nullable(v.string()), branch: v.string(), name: v.string() }),
  college: v.string(),
  /** A branch's team name ('' for a speaker). */
  teamName: v.string(),
  members: v.array(v.object({ studentNo: v.string(), name: v.string() })),
  topic: v.string(),
  outline: v.string(),
  mentor: v.string(),
  materials: v.array(MaterialSchema),
  status: v.picklist(ENTRY_STATUSES),
  createdAt: v.string(),
  updatedAt: v.string(),
  /** The caller may edit or withdraw it now (its entrant, the round open, before the deadline). */
  editable: v.boolean(),
  result: v.nullable(EntryResultSchema),
});
export type ContestEntryView = v.InferOutput<typeof ContestEntrySchema>;

const RankedRowSchema = v.object({
  entryId: v.string(),
  rank: v.number(),
  score: v.number(),
  judges: v.number(),
  /** Which rule separated it from an entry with the same score: the top criterion's marks, or the earlier entry. */
  tieBrokenBy: v.nullable(v.picklist(['criterion', 'submittedAt'])),
  topic: v.string(),
  entrantName: v.string(),
  college: v.string(),
  /** Set once published. */
  advanced: v.nullable(v.boolean()),
  award: v.nullable(v.number()),
});

const ScoreSchema = v.object({
  marks: v.record(v.string(), v.number()),
  /** Weighted total, hundredths of a point (out of 100 points). */
  total: v.number(),
  comment: v.string(),
  submittedAt: v.string(),
});

export const LecturerProgressSchema = v.object({
  onCampus: v.object({ done: v.number(), need: v.number(), expected: v.number() }),
  offCampus: v.object({ done: v.number(), need: v.number(), expected: v.number() }),
  /** Talks recorded, not yet confirmed by the committee. */
  pending: v.number(),
  met: v.boolean(),
  /** Below what the year expects by the end of this month (on or off campus). */
  behind: v.boolean(),
});

export const LecturerSchema = v.object({
  year: v.number(),
  account: v.string(),
  name: v.string(),
  level: v.picklist(LECTURER_LEVELS),
  college: v.string(),
  active: v.boolean(),
  progress: LecturerProgressSchema,
});
export type LecturerView = v.InferOutput<typeof LecturerSchema>;

export const TalkSchema = v.object({
  id: v.string(),
  year: v.number(),
  lecturer: v.object({ account: v.string(), name: v.string() }),
  date: v.string(),
  place: v.string(),
  onCampus: v.boolean(),
  audience: v.number(),
  topic: v.string(),
  photo: v.nullable(v.object({ fileId: v.string(), name: v.string() })),
  status: v.picklist(TALK_STATUSES),
  decidedAt: v.nullable(v.string()),
  decisionReason: v.nullable(v.string()),
  createdAt: v.string(),
});
export type TalkView = v.InferOutput<typeof TalkSchema>;

/** A short-lived link to a stored file (a material, a talk's photo): download or open it before `expiresAt`. */
const FileLinkSchema = v.object({ fileId: v.string(), fileName: v.string(), url: v.string(), expiresAt: v.string(), size: v.number() });

const entryFields = {
  /** A branch's team name (团支部, 微团课); ignored for a speaker. */
  teamName: Optional(20, '队名'),
  /** A branch's named team: 学号 of its members, 1–10 students of the branch; ignored for a speaker (the student). */
  members: v.optional(v.pipe(v.array(StudentNo), v.maxLength(MAX_TEAM_MEMBERS, `团队成员不能超过 ${MAX_TEAM_MEMBERS} 人`))),
  topic: Text(2, 40, '题目'),
  outline: Text(10, 2000, '内容提纲'),
  mentor: Optional(30, '指导老师'),
  /** Files uploaded for the entry (purposes contestSlides, contestVideo): at most one of each. */
  materials: v.pipe(v.array(FileIdSchema), v.maxLength(2, '最多上传一份课件和一段视频')),
};

export const contestActions = {
  getContestHome: {
    summary: '百生讲坛：本年度可报名的比赛轮次、我的参赛作品与结果（晋级校赛 / 入选省赛推荐）、是否为评委、讲师团进度',
    input: v.strictObject({ year: v.optional(Year) }),
    output: v.object({
      year: v.number(),
      rounds: v.array(
        v.object({
          ...roundCommon,
          /** Per track of the round: whether the caller (or their branch) can enter now, and why not. */
          tracksForMe: v.array(
            v.object({ track: v.picklist(CONTEST_TRACKS), state: v.picklist(['can_enter', 'entered', 'closed', 'not_eligible']), note: v.string() }),
          ),
        }),
      ),
      entries: v.array(ContestEntrySchema),
      /** The caller holds the judge role (评委): 评审 is shown. */
      judge: v.boolean(),
      /** The caller is on this year's lecturer team: their progress. */
      lecturer: v.nullable(LecturerSchema),
    }),
  },
  submitContestEntry: {
    summary: '报名百生讲坛：主讲人赛道个人报名；团支部、微团课赛道以本团支部名义报名（填写队名与成员）；截止前可修改、撤回，每轮每个赛道一份',
    input: v.strictObject({ roundId: Id, track: v.picklist(CONTEST_TRACKS), ...entryFields }),
    output: v.object({ entry: ContestEntrySchema }),
  },
  updateContestEntry: {
    summary: '修改参赛作品（截止前）：题目、提纲、团队、指导老师与材料',
    input: v.strictObject({ entryId: Id, ...entryFields }),
    output: v.object({ entry: ContestEntrySchema }),
  },
  withdrawContestEntry: {
    summary: '撤回参赛作品（截止前；撤回后可在截止前重新报名）',
    input: v.strictObject({ entryId: Id }),
    output: v.object({ entry: ContestEntrySchema }),
  },
  getContestMaterialLink: {
    summary: '查看参赛材料（课件或视频）：参赛者本人、本轮评委与组织者可取得限时链接',
    input: v.strictObject({ entryId: Id, fileId: FileIdSchema }),
    output: FileLinkSchema,
  },
  listMyJudging: {
    summary: '评委：我负责评审的比赛与作品（待评 / 已评）',
    input: v.strictObject({}),
    output: v.object({
      rounds: v.array(
        v.object({
          ...roundCommon,
          sheet: v.array(CriterionSchema),
          conflictRule: v.boolean(),
          entries: v.array(
            v.object({
              entryId: v.string(),
              track: v.picklist(CONTEST_TRACKS),
              topic: v.string(),
              entrantName: v.string(),
              college: v.string(),
              scored: v.boolean(),
              myTotal: v.nullable(v.number()),
            }),
          ),
        }),
      ),
    }),
  },
  getJudgingEntry: {
    summary: '评委：一件作品的内容、材料与评分表；提交自己的评分之前看不到其他评委的分数',
    input: v.strictObject({ entryId: Id }),
    output: v.object({
      round: v.object({ id: v.string(), title: v.string(), status: v.picklist(ROUND_STATUSES), sheet: v.array(CriterionSchema) }),
      entry: ContestEntrySchema,
      myScore: v.nullable(ScoreSchema),
      /** Other judges' totals (hundredths), only once the caller has submitted theirs; else null. */
      others: v.nullable(v.array(v.number())),
    }),
  },
  submitContestScore: {
    summary: '评委提交评分：按评分表逐项打分（0 到该项满分，步长 0.5），提交后不能修改',
    input: v.strictObject({
      entryId: Id,
      marks: v.record(v.pipe(v.string(), v.maxLength(16)), v.pipe(v.number(), v.finite('分数应为数字'))),
      comment: Optional(300, '评语'),
    }),
    output: v.object({ score: ScoreSchema, others: v.array(v.number()) }),
  },
  saveContestRound: {
    summary: '设置比赛轮次（校团委；院团总支设置本学院的院赛）：赛道、截止时间、评分表、回避规则、学分与观众活动',
    input: v.strictObject({ roundId: v.optional(Id), fields: ContestRoundFieldsSchema }),
    output: v.object({ round: ContestRoundSchema }),
  },
  listContestRounds: {
    summary: '比赛轮次列表（校团委看全部，院团总支看本学院与校赛）',
    input: v.strictObject({ year: v.optional(Year) }),
    output: v.object({ year: v.number(), rounds: v.array(ContestRoundSchema) }),
  },
  getContestRound: {
    summary: '一轮比赛的作品、评委分配与评分进度；全部评完后显示排名（同分规则见说明）',
    input: v.strictObject({ roundId: Id }),
    output: v.object({
      round: ContestRoundSchema,
      entries: v.array(
        v.object({
          ...ContestEntrySchema.entries,
          judging: v.array(v.object({ account: v.string(), name: v.string(), scored: v.boolean() })),
        }),
      ),
      /**
       * Accounts holding the judge role that may sit on this round (school-wide judges, and the round's college's),
       * with the college to record for the conflict rule (the role's college, else the roster's, else '').
       */
      judgePool: v.array(JudgeSchema),
      /** Per track, once every assigned score is in (or the results are published); else null. */
      ranking: v.nullable(v.array(v.object({ track: v.picklist(CONTEST_TRACKS), rows: v.array(RankedRowSchema) }))),
    }),
  },
  setContestJudges: {
    summary: '指定本轮评委（须持有“百生讲坛评委”角色，老师可通过邀请获得）；评审开始前可调整',
    input: v.strictObject({
      roundId: Id,
      judges: v.pipe(
        v.array(v.strictObject({ account: AccountRef, college: v.pipe(v.string(), v.trim(), v.maxLength(64)) })),
        v.maxLength(30, '评委不能超过 30 位'),
      ),
    }),
    output: v.object({ round: ContestRoundSchema }),
  },
  startContestJudging: {
    summary: '开始评审（报名截止后）：按回避规则把作品分配给评委，此后作品不能再修改',
    input: v.strictObject({ roundId: Id }),
    output: v.object({ round: ContestRoundSchema }),
  },
  publishContestResults: {
    summary: '公布结果：按排名确定晋级（前 N 名或分数线）与奖项，参赛者即可看到，并按规则记入学分',
    input: v.strictObject({
      roundId: Id,
      advance: AdvanceRuleSchema,
      /** 一等奖, 二等奖, 三等奖: how many of each per track, by rank. */
      awards: v.tuple([Hundredths(50), Hundredths(50), Hundredths(50)]),
    }),
    output: v.object({ round: ContestRoundSchema, credited: v.number() }),
  },
  saveLecturer: {
    summary: '青年讲师团名单（校团委）：加入或移出校级、院级讲师团成员（学生或老师）',
    input: v.strictObject({
      year: Year,
      account: AccountRef,
      level: v.picklist(LECTURER_LEVELS),
      college: v.pipe(v.string(), v.trim(), v.maxLength(64)),
      active: v.boolean(),
    }),
    output: v.object({ lecturer: LecturerSchema }),
  },
  listLecturers: {
    summary: '青年讲师团成员与宣讲进度（校内 3 场、校外 1 场），落后的成员在前',
    input: v.strictObject({ year: v.optional(Year) }),
    output: v.object({ year: v.number(), lecturers: v.array(LecturerSchema), behind: v.number(), pendingTalks: v.number() }),
  },
  recordLecturerTalk: {
    summary: '讲师团成员登记一场宣讲：日期、地点、校内或校外、听众人数、题目与现场照片，由校团委确认',
    input: v.strictObject({
      date: Day,
      place: Text(2, 60, '地点'),
      onCampus: v.boolean(),
      audience: v.pipe(v.number(), v.integer('人数应为整数'), v.minValue(1, '听众人数至少 1 人'), v.maxValue(100000, '听众人数过多')),
      topic: Text(2, 60, '题目'),
      /** The evidence photo, uploaded first (purpose talkPhoto). */
      photoFileId: FileIdSchema,
    }),
    output: v.object({ talk: TalkSchema }),
  },
  getMyLecturerTalks: {
    summary: '我的宣讲记录与本年度进度（讲师团成员）',
    input: v.strictObject({ year: v.optional(Year) }),
    output: v.object({ year: v.number(), lecturer: v.nullable(LecturerSchema), talks: v.array(TalkSchema) }),
  },
  listLecturerTalks: {
    summary: '讲师团宣讲记录（校团委确认）',
    input: v.strictObject({ year: v.optional(Year), status: v.optional(v.picklist(TALK_STATUSES)) }),
    output: v.object({ talks: v.array(TalkSchema) }),
  },
  decideLecturerTalk: {
    summary: '确认或退回一场宣讲记录（退回须写明原因）',
    input: v.strictObject({ talkId: Id, confirm: v.boolean(), reason: v.optional(Reason) }),
    output: v.object({ talk: TalkSchema }),
  },
  getLecturerTalkPhoto: {
    summary: '查看宣讲现场照片（本人与校团委，限时链接）',
    input: v.strictObject({ talkId: Id }),
    output: FileLinkSchema,
  },
} as const;

/**
 * 百生讲坛 as the plan runs it (issue 17 of the contest): a contest that runs all year ("赛制一年") in tracks — 团支部
 * (a branch's entry), 主讲人 (one student speaker), 微团课 (a branch's micro league lesson) — through rounds: each
 * college's own round (院赛), then the school round (校赛), whose results select the entries recommended to the
 * provincial contest (省赛推荐). And the youth lecturer team (青年讲师团), whose school-level members give at least 3
 * talks on campus and 1 off campus a year. Plain constants, free of valibot, so pages can import labels.
 */

export const CONTEST_TRACKS = ['branch', 'speaker', 'micro'] as const;
export type ContestTrack = (typeof CONTEST_TRACKS)[number];
export const CONTEST_TRACK_LABELS: Record<ContestTrack, string> = { branch: '团支部', speaker: '主讲人', micro: '微团课' };

/** Who enters a track: one student (主讲人), or a branch with a named team (团支部, 微团课). */
export const TRACK_ENTRANT: Record<ContestTrack, 'student' | 'branch'> = { branch: 'branch', speaker: 'student', micro: 'branch' };

/** college: a college's own round (院赛), run by the college or the committee; school: 校赛, the committee's. */
export const ROUND_LEVELS = ['college', 'school'] as const;
export type RoundLevel = (typeof ROUND_LEVELS)[number];
export const ROUND_LEVEL_LABELS: Record<RoundLevel, string> = { college: '院赛', school: '校赛' };
/** What advancing from a round means, as entrants read it once results are published. */
export const ADVANCE_LABELS: Record<RoundLevel, string> = { college: '晋级校赛', school: '入选省赛推荐' };

/** open: anyone in the round's reach may enter; advanced: only entrants who advanced from a college round of the year. */
export const ENTRY_MODES = ['open', 'advanced'] as const;
export type EntryMode = (typeof ENTRY_MODES)[number];

/** open: taking entries until the deadline; judging: assignments fixed, judges score; published: results out (final). */
export const ROUND_STATUSES = ['open', 'judging', 'published'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = { open: '报名中', judging: '评审中', published: '已公布结果' };

export const ENTRY_STATUSES = ['submitted', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Awards by tier (一等奖 …); a round gives as many of each as the organiser decides when publishing. */
export const AWARD_LABELS = ['一等奖', '二等奖', '三等奖'] as const;

export const MATERIAL_KINDS = ['slides', 'video'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_LABELS: Record<MaterialKind, string> = { slides: '课件', video: '视频' };

export const LECTURER_LEVELS = ['school', 'college'] as const;
export type LecturerLevel = (typeof LECTURER_LEVELS)[number];
export const LECTURER_LEVEL_LABELS: Record<LecturerLevel, string> = { school: '校级讲师团', college: '院级讲师团' };

export const TALK_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type TalkStatus = (typeof TALK_STATUSES)[number];
export const TALK_STATUS_LABELS: Record<TalkStatus, string> = { pending: '待确认', confirmed: '已确认', rejected: '未通过' };

/** Most criteria on a scoring sheet, and the largest number of points one criterion may be out of. */
export const MAX_CRITERIA = 10;
export const MAX_CRITERION_POINTS = 100;
/** Most named team members of a branch's entry. */
export const MAX_TEAM_MEMBERS = 10;

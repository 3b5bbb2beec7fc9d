/**
 * Plain constants of the contract, kept free of valibot so that the front end can import labels without pulling the
 * schema library into the weapp main package.
 */
/** The plan's five kinds of second-classroom activity. Labels are what students see. */
export const CATEGORIES = ['lecture', 'volunteer', 'practice', 'firstaid', 'theme'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  lecture: '百生讲坛',
  volunteer: '志愿服务',
  practice: '社会实践',
  firstaid: '应急救护',
  theme: '主题教育',
};

/** pending: applied to an event that requires approval (志愿者招募 with interview), not holding a seat yet. */
/** queued: a sign-up in a rush, waiting for the drainer to place it (CloudBase only; see core/signup-queue.ts). */
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'pending', 'queued', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** draft: seen by organisers only; closed: sign-ups stopped early (still listed); cancelled: final. */
export const EVENT_STATUSES = ['draft', 'published', 'closed', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Roles a WeChat account can hold besides being a student; each officer role is scoped to a branch or college. */
/** contest_judge: 百生讲坛评委, scoped to a college ('' : any round), granted to students and teachers alike. */
export const ROLES = ['branch_officer', 'college_officer', 'committee_admin', 'contest_judge'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  branch_officer: '团支部书记 / 组织委员',
  college_officer: '院团总支',
  committee_admin: '校团委',
  contest_judge: '百生讲坛评委',
};

import type { Team } from './stores/teams';
import type { FieldProblem } from '../../utils/forms';

export const TEAM_STATUS_LABELS: Record<Team['status'], string> = {
  forming: '组建中',
  signed_up: '已报名',
  report_submitted: '报告待审核',
  approved: '已通过',
  returned: '报告被退回',
};

/** "3–8 人" (or "3 人" when both limits are equal). */
export function sizeRange(team: Pick<Team, 'limits'>): string {
  const { teamSizeMin: min, teamSizeMax: max } = team.limits;
  return min === max ? `${min} 人` : `${min}–${max} 人`;
}

/**
 * Whether the leader may sign the team up now, or the sentence saying what is missing. Display only: the server
 * checks again (its refusal is shown if the two disagree).
 */
export function signUpReadiness(team: Team): { ready: true } | { ready: false; reason: string } {
  const size = team.members.length;
  const { teamSizeMin: min, teamSizeMax: max } = team.limits;
  if (size < min) return { ready: false, reason: `还差 ${min - size} 人：本活动每队 ${sizeRange(team)}，请把入队码分享给队员` };
  if (size > max) return { ready: false, reason: `人数超过上限：本活动每队最多 ${max} 人` };
  if (!team.mentor.trim()) return { ready: false, reason: '请先填写指导老师再报名' };
  return { ready: true };
}

/** A report may be sent once the team has signed up, and again after the committee returned it. */
export function reportOpen(team: Team): boolean {
  return team.status === 'signed_up' || team.status === 'returned';
}

/** What the report form checks before sending (the server checks the same). */
export function reportProblem(input: { title: string; summary: string; link: string }): FieldProblem | null {
  if (!input.title.trim()) return { field: 'report-title-input', message: '请填写报告标题' };
  if (input.title.trim().length > 60) return { field: 'report-title-input', message: '报告标题不能超过 60 个字' };
  if (input.summary.trim().length < 20) return { field: 'report-summary-input', message: `报告摘要至少 20 个字（已写 ${input.summary.trim().length} 个）` };
  if (input.link.trim().length > 300) return { field: 'report-link-input', message: '链接过长' };
  return null;
}

export function teamFormProblem(input: { name: string; project: string }): FieldProblem | null {
  if (!input.name.trim()) return { field: 'team-name-input', message: '请填写团队名称' };
  if (input.name.trim().length > 30) return { field: 'team-name-input', message: '团队名称不能超过 30 个字' };
  if (!input.project.trim()) return { field: 'team-project-input', message: '请填写项目名称' };
  if (input.project.trim().length > 80) return { field: 'team-project-input', message: '项目名称不能超过 80 个字' };
  return null;
}

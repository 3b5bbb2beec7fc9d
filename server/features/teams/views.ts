import type { ActionOutput } from '../../../types';
import type { EventRecord, StudentRecord, TeamLimits, TeamRecord } from '../../../core';
import type { HandlerContext } from '../shared/context';
import { eventsById, studentsByNo } from '../shared/lookups';

export type TeamView = ActionOutput<'getMyTeams'>['teams'][number];

/** The schema's ceiling for a team; an event saved without details (no limits) shows it. */
const MAX_TEAM_SIZE = 50;

/** The event's team sizes (practice details), or no real limit for an event saved before kinds had details. */
export function teamLimitsOf(event: Pick<EventRecord, 'details'> | undefined): TeamLimits {
  const d = event?.details;
  return d?.kind === 'practice' ? { teamSizeMin: d.teamSizeMin, teamSizeMax: d.teamSizeMax } : { teamSizeMin: 1, teamSizeMax: MAX_TEAM_SIZE };
}

/** A team as the contract shows it. The join code only to its own members: it is their key to the team. */
export function toTeamView(
  team: TeamRecord,
  event: Pick<EventRecord, 'title' | 'details'> | undefined,
  students: ReadonlyMap<string, Pick<StudentRecord, 'name' | 'className'>>,
  viewer: string | null,
): TeamView {
  const member = (no: string) => ({ studentNo: no, name: students.get(no)?.name ?? '', className: students.get(no)?.className ?? '' });
  return {
    id: team.id,
    eventId: team.eventId,
    eventTitle: event?.title ?? '（活动已删除）',
    name: team.name,
    project: team.project,
    leader: { studentNo: team.leaderStudentNo, name: students.get(team.leaderStudentNo)?.name ?? '' },
    members: team.members.map(member),
    mentor: team.mentor,
    joinCode: viewer !== null && team.members.includes(viewer) ? team.joinCode : null,
    status: team.status,
    report: team.report ? { ...team.report } : null,
    review: team.review ? { at: team.review.at, reason: team.review.reason } : null,
    limits: teamLimitsOf(event),
  };
}

/** Views of many teams, reading each event and member once. */
export async function teamViews(ctx: HandlerContext, teams: readonly TeamRecord[], viewer: string | null): Promise<TeamView[]> {
  const [events, students] = await Promise.all([
    eventsById(ctx, teams.map((t) => t.eventId)),
    studentsByNo(ctx, teams.flatMap((t) => t.members)),
  ]);
  return teams.map((t) => toTeamView(t, events.get(t.eventId), students, viewer));
}

export async function teamView(ctx: HandlerContext, team: TeamRecord, viewer: string | null): Promise<TeamView> {
  return (await teamViews(ctx, [team], viewer))[0];
}

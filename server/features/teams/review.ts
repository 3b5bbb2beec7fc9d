import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { attendanceKeyBase, decideReview, type AwardDraft, type EventRecord, type TeamRecord } from '../../../core';
import { eventLengthHours, ruleText } from '../credits/settle-attendance';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { eventsById } from '../shared/lookups';
import { callerRoles } from '../shared/caller';
import { isCommittee, organises, requireOrganisedEvent } from '../publishing/scope';
import { teamView, teamViews } from './views';

/**
 * The organisers' side of social-practice teams: the list to review, and the review itself, which credits every
 * member at once when it approves the report.
 */

/** Written on a reversal, should a member's earlier credit for the event differ from the team's. */
const SETTLE_REASON = '团队实践审核通过，按团队记分重新核算';

/** The hours the event stands for: the volunteering hours of its details, else its length. */
function hoursOf(event: Pick<EventRecord, 'details' | 'startAt' | 'endAt'>): number {
  return event.details?.kind === 'volunteer' ? event.details.hours : eventLengthHours(event);
}

/**
 * What one member earns when the team's report is approved: the event's base rule, as if they had attended — the
 * fixed amount, or per hour over the event's hours up to the cap. The source is the team; the key is the member's
 * attendance of the event, so a member also credited by check-in (or an appeal) is never credited twice.
 */
export function teamCreditTarget(event: EventRecord, team: Pick<TeamRecord, 'name'>, studentNo: string, reason: string, by: string, now: Date): AwardDraft | null {
  const base = event.creditRule.base;
  let credit: { module: string; amount: number; hours: number } | null = null;
  if (base.kind === 'fixed' && base.amount > 0) credit = { module: base.module, amount: base.amount, hours: 0 };
  if (base.kind === 'per_hour') {
    const hours = hoursOf(event);
    const amount = Math.min(base.cap, Math.floor(hours * base.perHour));
    if (amount > 0) credit = { module: base.module, amount, hours };
  }
  if (!credit) return null;
  return {
    base: attendanceKeyBase(event.id, studentNo),
    studentNo,
    ...credit,
    sourceType: 'team',
    eventId: event.id,
    rule: `团队实践（${ruleText(base)}）· ${team.name}`,
    reason,
    confirmedBy: by,
    at: now.toISOString(),
  };
}

/** Teams of the events the caller organises (the committee: all), optionally of one event or one status. */
export async function listTeams(input: ActionParsedInput<'listTeams'>, ctx: HandlerContext): Promise<ActionOutput<'listTeams'>> {
  if (input.eventId) {
    const { event } = await requireOrganisedEvent(input.eventId, ctx);
    return { teams: await teamViews(ctx, await ctx.storage.listTeams({ eventId: event.id, status: input.status }), null) };
  }
  const roles = await callerRoles(ctx);
  let teams = await ctx.storage.listTeams({ status: input.status });
  if (!isCommittee(roles)) {
    const events = await eventsById(ctx, teams.map((t) => t.eventId));
    teams = teams.filter((t) => {
      const event = events.get(t.eventId);
      return event !== undefined && organises(roles, event);
    });
  }
  return { teams: await teamViews(ctx, teams, null) };
}

/**
 * 审核实践报告. Approving credits every member under the event's rule (one ledger entry each, keyed by the member's
 * attendance of the event) and then marks the team approved; returning it keeps the reason for the team to act on.
 * The credits are settled before the team's status changes, so a failure in between leaves the report waiting and
 * the review can simply be repeated (settling again writes nothing); a team already reviewed is refused.
 */
export async function reviewTeam(input: ActionParsedInput<'reviewTeam'>, ctx: HandlerContext): Promise<ActionOutput<'reviewTeam'>> {
  const team = await ctx.storage.getTeam(input.teamId);
  if (!team) throw new ApiError('NOT_FOUND', '没有找到这个团队，可能已被解散');
  const { event, openid } = await requireOrganisedEvent(team.eventId, ctx);
  const refusal = decideReview(team);
  if (refusal) throw new ApiError(refusal);
  const now = ctx.now();

  let credited = 0;
  if (input.approve) {
    // An event without credits awards nothing, and must not reverse what a member holds for it either.
    const targets = team.members.flatMap((no) => {
      const target = teamCreditTarget(event, team, no, input.reason, openid, now);
      return target ? [target] : [];
    });
    await Promise.all(targets.map((t) => ctx.storage.settleCredit(t.studentNo, t.base, t, openid, SETTLE_REASON, now)));
    credited = targets.length;
  }
  const action = input.approve ? 'team.approve' : 'team.return';
  const audit = auditDraft(ctx, openid, action, team.id, { reason: input.reason, members: team.members.length, credited });
  const reviewed = await ctx.storage.reviewTeam(team.id, input.approve, openid, input.reason, now, audit);
  return { team: await teamView(ctx, reviewed, null), credited };
}

import type { EventSummary } from '../../types/models';

/**
 * Who may sign up, in the catalogue's words: 仅限医学院, 仅限2024级, 仅限团员, joined by ' · '; null when everyone may.
 * The server checks it at sign-up (AUDIENCE_*); the card says it first, so no one taps 报名 in vain.
 */
export function audienceText(audience: EventSummary['audience'] | undefined): string | null {
  if (!audience) return null;
  const parts: string[] = [];
  if (audience.colleges.length) parts.push(audience.colleges.join('、'));
  if (audience.grades.length) parts.push(audience.grades.join('、'));
  if (audience.leagueMembersOnly) parts.push('共青团员');
  return parts.length ? `仅限${parts.join(' · ')}` : null;
}

import type { RoleGrant } from '../identity';
import type { EventHost } from './event-host';

/**
 * Who may scan for an event: the committee for every event; a college's officers for events of their college and of
 * its branches; a branch's officers for their branch's events; and anyone the organiser assigned.
 */
export function mayRunCheckin(grants: readonly Pick<RoleGrant, 'role' | 'scope'>[], openid: string | null, event: EventHost): boolean {
  if (openid && event.staffOpenids.includes(openid)) return true;
  return grants.some((g) => {
    if (g.role === 'committee_admin') return true;
    if (g.role === 'college_officer') return event.hostKind !== 'committee' && g.scope === event.hostCollege;
    return event.hostKind === 'branch' && g.scope === event.hostUnit;
  });
}

/** Who may assign check-in staff: the organiser's own officers (branch, its college) and the committee. */
export function mayAssignStaff(grants: readonly Pick<RoleGrant, 'role' | 'scope'>[], event: EventHost): boolean {
  return mayRunCheckin(grants, null, { ...event, staffOpenids: [] });
}

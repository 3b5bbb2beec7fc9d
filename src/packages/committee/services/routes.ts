import Taro from '@tarojs/taro';

/** Pages of the committee subpackage (the main package only knows the way in: ROUTES.committeeHome). */
export const COMMITTEE_ROUTES = {
  home: '/packages/committee/home/index',
  roster: '/packages/committee/roster/index',
  roles: '/packages/committee/roles/index',
  audit: '/packages/committee/audit/index',
  credits: '/packages/committee/credits/index',
  'credit-import': '/packages/committee/credit-import/index',
  'credit-settings': '/packages/committee/credit-settings/index',
  events: '/packages/committee/events/index',
  'event-edit': '/packages/committee/event-edit/index',
  'event-preview': '/packages/committee/event-preview/index',
  applications: '/packages/committee/applications/index',
  dashboard: '/packages/committee/dashboard/index',
  teams: '/packages/committee/teams/index',
  outbox: '/packages/committee/outbox/index',
  contest: '/packages/committee/contest/index',
  'contest-round': '/packages/committee/contest-round/index',
  lecturers: '/packages/committee/lecturers/index',
  poster: '/packages/committee/poster/index',
  'data-requests': '/packages/committee/data-requests/index',
  // 请假审批 lives in the officer subpackage (branch and college officers answer too); the committee opens it by path.
  leave: '/packages/officer/leave/index',
} as const;

export type CommitteeTool = Exclude<keyof typeof COMMITTEE_ROUTES, 'home'>;

export function openCommitteeTool(tool: CommitteeTool, query: Record<string, string> = {}): void {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  void Taro.navigateTo({ url: qs ? `${COMMITTEE_ROUTES[tool]}?${qs}` : COMMITTEE_ROUTES[tool] });
}

/** After saving in the editor: show the preview in its place (back returns to the list, not to the form). */
export function replaceWithPreview(eventId: string): void {
  void Taro.redirectTo({ url: `${COMMITTEE_ROUTES['event-preview']}?id=${encodeURIComponent(eventId)}` });
}

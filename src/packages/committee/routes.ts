import Taro from '@tarojs/taro';

/** Pages of the committee subpackage (the main package only knows the way in: ROUTES.committeeHome). */
export const COMMITTEE_ROUTES = {
  home: '/packages/committee/home/index',
  roster: '/packages/committee/roster/index',
  roles: '/packages/committee/roles/index',
  audit: '/packages/committee/audit/index',
} as const;

export type CommitteeTool = Exclude<keyof typeof COMMITTEE_ROUTES, 'home'>;

export function openCommitteeTool(tool: CommitteeTool): void {
  void Taro.navigateTo({ url: COMMITTEE_ROUTES[tool] });
}

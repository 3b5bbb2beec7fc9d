import Taro from '@tarojs/taro';

/** The teams subpackage's own routes (the main package reaches it through utils/navigation). */
export const TEAMS_ROUTES = {
  index: '/packages/teams/index/index',
  create: '/packages/teams/create/index',
  join: '/packages/teams/join/index',
} as const;

/** After creating or joining: 我的团队 in place of the form (back goes to the event, not to the form). */
export function replaceWithMyTeams(): void {
  void Taro.redirectTo({ url: TEAMS_ROUTES.index });
}

export function openJoin(): void {
  void Taro.navigateTo({ url: TEAMS_ROUTES.join });
}

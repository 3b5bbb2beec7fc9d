import Taro from '@tarojs/taro';

/** The 百生讲坛 subpackage's own routes (the main package reaches it through utils/navigation: openContest). */
export const CONTEST_ROUTES = {
  home: '/packages/contest/home/index',
  enter: '/packages/contest/enter/index',
  judging: '/packages/contest/judging/index',
  score: '/packages/contest/score/index',
  talks: '/packages/contest/talks/index',
} as const;

export function openEnter(query: { roundId: string; track: string } | { entryId: string }): void {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  void Taro.navigateTo({ url: `${CONTEST_ROUTES.enter}?${qs}` });
}

export function openJudging(): void {
  void Taro.navigateTo({ url: CONTEST_ROUTES.judging });
}

export function openScore(entryId: string): void {
  void Taro.navigateTo({ url: `${CONTEST_ROUTES.score}?entryId=${encodeURIComponent(entryId)}` });
}

export function openTalks(): void {
  void Taro.navigateTo({ url: CONTEST_ROUTES.talks });
}

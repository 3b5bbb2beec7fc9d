import Taro from '@tarojs/taro';

/** Routes, in one place. The officer pages live in the `packages/officer` subpackage. */
export const ROUTES = {
  events: '/pages/events/index',
  event: '/pages/event/index',
  registrations: '/pages/registrations/index',
  me: '/pages/me/index',
  officerMembers: '/packages/officer/members/index',
} as const;

export function openEvent(eventId: string): void {
  void Taro.navigateTo({ url: `${ROUTES.event}?id=${encodeURIComponent(eventId)}` });
}

export function openEvents(): void {
  void Taro.switchTab({ url: ROUTES.events });
}

export function openMe(): void {
  void Taro.switchTab({ url: ROUTES.me });
}

/** 团支部成员 (officer subpackage); without a branch the page asks for one. */
export function openBranchMembers(branch: string | null): void {
  const query = branch ? `?branch=${encodeURIComponent(branch)}` : '';
  void Taro.navigateTo({ url: `${ROUTES.officerMembers}${query}` });
}

/** A route parameter as typed: Taro hands it over still percent-encoded on some platforms. */
export function routeParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

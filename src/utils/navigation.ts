import Taro from '@tarojs/taro';

/** Routes of the main package, in one place. */
export const ROUTES = {
  events: '/pages/events/index',
  event: '/pages/event/index',
  registrations: '/pages/registrations/index',
  me: '/pages/me/index',
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

import type { Category, EventSummary } from '../../types/models';
import { CATEGORIES, CATEGORY_LABELS } from '../../types/enums';
import { formatTimeRange } from './time';

// The same routes as ROUTES in ./navigation (which imports Taro; this file stays plain, for its unit test).
const EVENT_ROUTE = '/pages/event/index';
const EVENTS_ROUTE = '/pages/events/index';

/**
 * What a forwarded card shows in a class group: WeChat takes `title`, `path` (opened in the mini program) and
 * `imageUrl` (the picture on the card; WeChat draws a screenshot of the page when there is none). The path carries the
 * event's id and nothing about the person forwarding it: no openid, no student number, no token.
 */
export interface ShareCard {
  title: string;
  path: string;
  imageUrl?: string;
}

/** The path a shared card (and a pasted H5 link) opens for one event: `/pages/event/index?id=…`. */
export function eventSharePath(eventId: string): string {
  return `${EVENT_ROUTE}?id=${encodeURIComponent(eventId)}`;
}

/** "剩 3 席" / "已满，可候补" / "名额已满": the one line about seats a student scrolling the group needs. */
export function seatsText(event: Pick<EventSummary, 'seatsLeft' | 'waitlistEnabled' | 'status'>): string {
  if (event.status === 'cancelled') return '活动已取消';
  if (event.seatsLeft > 0) return `剩 ${event.seatsLeft} 席`;
  return event.waitlistEnabled ? '已满，可候补' : '名额已满';
}

/**
 * The card for one event: "百生讲坛：… | 3月5日 周三 14:00–16:00 · 图书馆报告厅 · 剩 3 席". The cover, when the
 * organiser uploaded one, is the card's picture (an https address or a cloud:// file id; both are accepted by WeChat).
 */
export function eventShareCard(event: EventSummary): ShareCard {
  const title = `${event.title} | ${formatTimeRange(event.startAt, event.endAt)} · ${event.location} · ${seatsText(event)}`;
  const card: ShareCard = { title, path: eventSharePath(event.id) };
  if (event.coverUrl) card.imageUrl = event.coverUrl;
  return card;
}

/** The catalogue shared from a kind tab opens on that tab: `/pages/events/index?category=volunteer`. */
export function catalogueShareCard(category: Category | null): ShareCard {
  if (!category) return { title: '青年第二课堂：本学期的活动', path: EVENTS_ROUTE };
  return { title: `青年第二课堂：${CATEGORY_LABELS[category]}活动`, path: `${EVENTS_ROUTE}?category=${category}` };
}

/** A `category` query parameter from a shared catalogue card, checked against the known kinds (anything else: 全部). */
export function categoryFromQuery(value: string | undefined): Category | null {
  return value && (CATEGORIES as readonly string[]).includes(value) ? (value as Category) : null;
}

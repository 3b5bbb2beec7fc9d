/** The cards a student forwards (src/utils/share.ts): what they say and that their path carries nothing personal. */
import type { EventSummary } from '../../types/models';
import { catalogueShareCard, categoryFromQuery, eventShareCard, seatsText } from '../../src/utils/share';

const EVENT: EventSummary = {
  id: 'e-lecture-1',
  title: '百生讲坛：青年与时代',
  category: 'lecture',
  tag: '团支部赛道',
  organizer: '校团委',
  location: '图书馆报告厅',
  startAt: '2026-03-05T06:00:00.000Z',
  endAt: '2026-03-05T08:00:00.000Z',
  signupStartAt: '2026-03-01T00:00:00.000Z',
  signupEndAt: '2026-03-04T10:00:00.000Z',
  cancelDeadlineAt: '2026-03-04T10:00:00.000Z',
  capacity: 100,
  seatsLeft: 3,
  waitlistCount: 0,
  waitlistEnabled: true,
  credits: 1,
  status: 'published',
  audience: { colleges: [], grades: [], leagueMembersOnly: false },
  approvalRequired: false,
  signupMode: 'first_come',
};

it('an event card says the title, the time in Shanghai, the place and the seats left, and opens the event', () => {
  const card = eventShareCard(EVENT);
  expect(card).toEqual({ title: '百生讲坛：青年与时代 | 3月5日 周四 14:00–16:00 · 图书馆报告厅 · 剩 3 席', path: '/pages/event/index?id=e-lecture-1' });
});

it('uses the cover as the card picture when the event has one', () => {
  expect(eventShareCard({ ...EVENT, coverUrl: 'cloud://env/covers/e-lecture-1.jpg' }).imageUrl).toBe('cloud://env/covers/e-lecture-1.jpg');
  expect(eventShareCard({ ...EVENT, coverUrl: null })).not.toHaveProperty('imageUrl');
});

it('says full / waitlist / cancelled in words', () => {
  expect(seatsText({ ...EVENT, seatsLeft: 0 })).toBe('已满，可候补');
  expect(seatsText({ ...EVENT, seatsLeft: 0, waitlistEnabled: false })).toBe('名额已满');
  expect(seatsText({ ...EVENT, status: 'cancelled' })).toBe('活动已取消');
});

it('encodes the id in the path', () => {
  expect(eventShareCard({ ...EVENT, id: 'e a&b' }).path).toBe('/pages/event/index?id=e%20a%26b');
});

it('the catalogue card opens the kind tab it was shared from, and an unknown kind opens 全部', () => {
  expect(catalogueShareCard('volunteer')).toEqual({ title: '青年第二课堂：志愿服务活动', path: '/pages/events/index?category=volunteer' });
  expect(catalogueShareCard(null).path).toBe('/pages/events/index');
  expect(categoryFromQuery('volunteer')).toBe('volunteer');
  expect(categoryFromQuery('admin')).toBeNull();
  expect(categoryFromQuery(undefined)).toBeNull();
});

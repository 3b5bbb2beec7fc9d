/**
 * The BUILT weapp (dist/weapp, `taro build --type weapp`) rendered in miniprogram-simulate, talking to the real
 * handlers and a seeded SQLite database through `wx.cloud.callFunction` (see ./harness.ts).
 *
 * The student is 2023011101 (WeChat openid o-demo-2023011101), who has no seeded sign-ups. The tests run in order
 * and share one app, like one student using the mini program: browse, open an event, sign up, check 我的报名, 我的.
 */
import { CATEGORIES, CATEGORY_LABELS } from '../../types/models';
import { bootWeapp, createBackend, hasClass, navigations, openPage, visibleText, type Backend, type PageHandle } from './harness';

const STUDENT_NO = '2023011101';
const OPENID = `o-demo-${STUDENT_NO}`;
/** A seeded event whose sign-up window is open and which has seats left (150 seats, 30% taken). */
const EVENT_ID = 'e-lecture-speaker';

jest.setTimeout(30_000);

let backend: Backend;
const opened: PageHandle[] = [];

beforeAll(async () => {
  backend = await createBackend({ openid: OPENID });
  bootWeapp(backend);
});

afterAll(async () => {
  for (const page of opened) page.close();
  await backend?.close();
});

async function open(route: string, query?: Record<string, string>): Promise<PageHandle> {
  const page = await openPage(route, query, backend);
  opened.push(page);
  return page;
}

/** "剩余 105 / 150 名额" → 105 */
function seatsShown(page: PageHandle): number | null {
  const text = visibleText(page.find('seats-left'));
  const m = /剩余\s*(\d+)\s*\/\s*(\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

describe('weapp build, student journey (miniprogram-simulate + real handlers)', () => {
  let catalogue: PageHandle;

  it('the catalogue (pages/events/index) lists the seeded events with their titles and the category tabs', async () => {
    // Drafts are the organisers' own: students never see them.
    const events = (await backend.storage.listEvents({})).filter((e) => e.status !== 'draft');
    expect(events.length).toBeGreaterThan(3);

    catalogue = await open('pages/events/index');
    await catalogue.waitFor('an event card', () => catalogue.findAll('event-card').length > 0);
    // Events already over are folded under the list (已结束的活动 N 个): unfold them.
    const over = events.filter((e) => Date.parse(e.endAt) <= Date.now());
    expect(over.length).toBeGreaterThan(0);
    const fold = await catalogue.waitFor('the fold of ended events', () => catalogue.findAll('events-ended-toggle')[0]);
    expect(visibleText(fold)).toContain(`已结束的活动 ${over.length} 个`);
    expect(catalogue.findAll('event-card')).toHaveLength(events.length - over.length);
    await catalogue.tap(fold);
    // Every seeded event is listed, as a card, with its title.
    await catalogue.waitFor(`${events.length} event cards`, () => catalogue.findAll('event-card').length === events.length);
    const text = catalogue.text();
    for (const e of events.slice(0, 5)) expect(text).toContain(e.title);
    expect(text).toContain(`共 ${events.length} 个活动`);
    // The category tabs: 全部 and the five categories of the contract.
    for (const label of ['全部', ...CATEGORIES.map((c) => CATEGORY_LABELS[c])]) expect(text).toContain(label);
    expect(backend.calls.some((c) => c.action === 'listEvents' && c.ok)).toBe(true);
  });

  it('tapping a category tab asks the handlers for that category and shows only its events', async () => {
    const volunteer = (await backend.storage.listEvents({ category: 'volunteer' })).filter((e) => e.status !== 'draft');
    const others = (await backend.storage.listEvents({})).filter((e) => e.category !== 'volunteer');
    const tab = catalogue.find('category-tab-volunteer');
    expect(visibleText(tab)).toBe(CATEGORY_LABELS.volunteer);

    await catalogue.tap(tab);
    await catalogue.waitFor('a listEvents call for category volunteer', () =>
      backend.calls.some((c) => c.action === 'listEvents' && (c.payload as { category?: string })?.category === 'volunteer'),
    );
    await catalogue.waitFor(`${volunteer.length} volunteer cards`, () => catalogue.findAll('event-card').length === volunteer.length);
    expect(hasClass(catalogue.find('category-tab-volunteer'), 'category-tab--active')).toBe(true);
    const text = catalogue.text();
    for (const e of volunteer) expect(text).toContain(e.title);
    for (const e of others) expect(text).not.toContain(e.title);
  });

  it('tapping an event card opens its detail page (navigateTo pages/event/index?id=…)', async () => {
    // data-* attributes do not reach the weapp's rendered tree (Taro keeps them in its own DOM), so the card is
    // matched to its event by title.
    const events = await backend.storage.listEvents({});
    const card = catalogue.findAll('event-card')[0];
    const event = events.find((e) => visibleText(card).includes(e.title));
    if (!event) throw new Error(`the first card matches no stored event: ${visibleText(card)}`);
    await catalogue.tap(card);
    await catalogue.waitFor(`a navigateTo to the detail page of ${event.id}`, () =>
      navigations.find((n) => n.api === 'navigateTo' && n.url === `/pages/event/index?id=${event.id}`),
    );
  });

  let detail: PageHandle;
  let before: number;

  it('the detail page (pages/event/index?id=e-lecture-speaker) shows the seats left as stored and 立即报名', async () => {
    const stored = await backend.storage.getEvent(EVENT_ID);
    if (!stored) throw new Error(`seed has no ${EVENT_ID}`);
    expect(stored.seatsLeft).toBeGreaterThan(1);
    expect(await backend.storage.getRegistration(EVENT_ID, STUDENT_NO)).toBeNull();

    detail = await open('pages/event/index', { id: EVENT_ID });
    await detail.waitForText(stored.title);
    before = await detail.waitFor('剩余 N / M 名额', () => seatsShown(detail));
    expect(before).toBe(stored.seatsLeft);
    expect(visibleText(detail.find('signup-button'))).toBe('立即报名');
    // WeChat draws its own navigation bar (back and title): the H5 header is not built into weapp.
    expect(detail.findAll('page-header')).toHaveLength(0);
  });

  it('tapping 立即报名 reaches the signUp handler, shows one seat fewer and 已报名, and stores a confirmed registration', async () => {
    const callsBefore = backend.calls.length;
    await detail.tap(detail.find('signup-button'));

    await detail.waitFor('a signUp call', () =>
      backend.calls.slice(callsBefore).find((c) => c.action === 'signUp' && (c.payload as { eventId?: string })?.eventId === EVENT_ID),
    );
    const signUp = backend.calls.slice(callsBefore).find((c) => c.action === 'signUp')!;
    expect(signUp).toMatchObject({ ok: true });

    await detail.waitFor(`剩余 ${before - 1}`, () => seatsShown(detail) === before - 1);
    await detail.waitFor('my status 已报名', () => detail.findAll('my-status').some((el) => visibleText(el) === '已报名'));
    await detail.waitForText('报名成功');

    const registration = await backend.storage.getRegistration(EVENT_ID, STUDENT_NO);
    expect(registration).toMatchObject({ status: 'confirmed' });
    expect((await backend.storage.getEvent(EVENT_ID))?.seatsLeft).toBe(before - 1);
  });

  it('我的活动 (pages/registrations/index) lists the event just signed up for, as 已报名, under 待参加', async () => {
    const event = await backend.storage.getEvent(EVENT_ID);
    const page = await open('pages/registrations/index');
    await page.waitForText(event!.title);
    const cards = page.findAll('registration-card');
    expect(cards).toHaveLength(1);
    expect(visibleText(cards[0])).toContain(event!.title);
    expect(visibleText(cards[0])).toContain('已报名');
    expect(page.text()).toContain('已报名 1 个');
    expect(visibleText(page.find('activity-tab--active'))).toContain('待参加');
  });

  it('我的 (pages/me/index) shows the WeChat user\'s own profile and nothing of the demo mode (no 演示)', async () => {
    const student = await backend.storage.findStudentByNo(STUDENT_NO);
    const page = await open('pages/me/index');
    await page.waitForText(student!.name);
    await page.waitForText(`学号 ${STUDENT_NO}`);
    expect(backend.calls.some((c) => c.action === 'getMe' && c.ok)).toBe(true);
    // The weapp build has no demo switch: the identity is the OPENID, and no demo user list is even fetched.
    expect(page.text()).not.toContain('演示');
    expect(page.findAll('demo-user-switch')).toHaveLength(0);
    expect(backend.calls.some((c) => c.action === 'listDemoUsers')).toBe(false);
  });
});

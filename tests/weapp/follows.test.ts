/**
 * 活动提醒 in the BUILT weapp (dist/weapp, packages/alerts/follows/index) rendered in miniprogram-simulate, with the
 * real handlers on a seeded SQLite database (see ./harness.ts). The student has allowed two alerts before; following
 * 志愿服务 reaches setFollow and the row turns 已关注, unfollowing turns it back, and the count stays. The test build has
 * no subscribe templates (SUBSCRIBE_TEMPLATE_IDS is empty by default): the page says alerts are not open yet and
 * offers no 补充提醒次数, and nothing asks WeChat.
 */
import { bootWeapp, createBackend, hasClass, openPage, visibleText, type Backend, type PageHandle } from './harness';

const STUDENT_NO = '2023011101';
const OPENID = `o-demo-${STUDENT_NO}`;

jest.setTimeout(40_000);

let backend: Backend;
let page: PageHandle | null = null;

beforeAll(async () => {
  backend = await createBackend({ openid: OPENID });
  await backend.storage.addConsent(STUDENT_NO, 'new_event', 2);
  bootWeapp(backend);
});

afterAll(async () => {
  page?.close();
  await backend?.close();
});

it('follows and unfollows a kind of event, showing the alerts left', async () => {
  const p = (page = await openPage('packages/alerts/follows/index', {}, backend));
  await p.waitForText('剩余提醒次数');
  const row = () => p.findAll('follow-topic').find((el) => visibleText(el).includes('志愿服务'))!;
  await p.waitFor('the topics', () => row());
  expect(visibleText(p.find('alerts-left'))).toMatch(/^2\s*次$/);
  expect(p.text()).toContain('微信提醒暂未开通');
  expect(p.findAll('follows-more')).toHaveLength(0);
  expect(p.findAll('follow-topic')).toHaveLength(8);

  await p.tap(p.find('follow-toggle', row()));
  await p.waitFor('志愿服务 followed', () => hasClass(row(), 'follow-topic--on'));
  expect(visibleText(p.find('follow-toggle', row()))).toBe('已关注');
  expect(backend.calls.filter((c) => c.action === 'setFollow')).toEqual([{ action: 'setFollow', payload: { topic: 'volunteer', follow: true }, ok: true }]);
  // No template in this build: no consent asked, none recorded.
  expect(backend.calls.some((c) => c.action === 'recordSubscribeConsent')).toBe(false);
  expect(await backend.storage.followsOf(STUDENT_NO)).toEqual(['volunteer']);
  await p.waitForText('已关注 1 类');

  await p.tap(p.find('follow-toggle', row()));
  await p.waitFor('志愿服务 unfollowed', () => !hasClass(row(), 'follow-topic--on'));
  await p.waitForText('已取消关注');
  expect(await backend.storage.followsOf(STUDENT_NO)).toEqual([]);
  expect(visibleText(p.find('alerts-left'))).toMatch(/^2\s*次$/);
});

it('follows the kind of a catalogue tab from its strip, and shows the alerts left there', async () => {
  const catalogue = await openPage('pages/events/index', {}, backend);
  try {
    await catalogue.waitFor('an event card', () => catalogue.findAll('event-card').length > 0);
    expect(catalogue.findAll('follow-strip')).toHaveLength(0); // 全部: nothing to follow
    await catalogue.tap(catalogue.find('category-tab-volunteer'));
    const strip = await catalogue.waitFor('the 关注 strip', () => catalogue.findAll('follow-strip')[0]);
    expect(visibleText(strip)).toContain('志愿服务有新活动开放报名时提醒我');
    await catalogue.tap(catalogue.find('follow-strip'));
    await catalogue.waitFor('the strip followed', () => catalogue.findAll('follow-strip--on')[0]);
    expect(visibleText(catalogue.find('follow-strip--on'))).toContain('已关注志愿服务 · 剩余提醒 2 次');
    expect(await backend.storage.followsOf(STUDENT_NO)).toEqual(['volunteer']);
  } finally {
    catalogue.close();
  }
});

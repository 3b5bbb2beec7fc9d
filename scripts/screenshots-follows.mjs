// Screenshots of 活动提醒 (issue 16) at 375×812: the follows page with alerts left, the 关注 strip on a kind tab of the
// catalogue before and after the tap, and the page for a visitor who has not bound a 学号. Like
// scripts/screenshots-lottery.mjs: build first (`npm run build:h5`, `npm run build:server`); starts the local server on
// a fresh demo database. The browser has no WeChat messages: the page says so where the phone offers 补充提醒次数.
// Usage: node scripts/screenshots-follows.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { startKit } from './screenshot-kit.mjs';

const STUDENT = '2024011101';
const kit = await startKit({ fixedClock: false });
const { base, api } = kit;
const page = await kit.open('phone');
const shot = (name) => kit.shot(page, name, { settle: 400 });

try {
  // Unbound: a visitor (no demo identity) opens the page from a link.
  await page.goto(`${base}/#/packages/alerts/follows/index`);
  await page.locator('.follows-unbound').waitFor();
  await shot('follows-unbound');

  // The student allowed two alerts on the phone earlier and follows 应急救护 there.
  await kit.switchTo(page, STUDENT, { ready: page.locator('.me-page .profile-student-no', { hasText: STUDENT }) });
  const user = `o-demo-${STUDENT}`;
  await api('recordSubscribeConsent', { results: [{ kind: 'new_event', accepted: true }] }, user);
  await api('recordSubscribeConsent', { results: [{ kind: 'new_event', accepted: true }] }, user);
  await api('setFollow', { topic: 'firstaid', follow: true }, user);

  // The catalogue's 志愿服务 tab: the strip offers 关注; after the tap it shows the alerts left.
  await page.goto(`${base}/#/pages/events/index`);
  await page.locator('.events-page .category-tab-volunteer').click();
  await page.locator('.events-page .follow-strip').waitFor();
  await shot('follows-strip');
  await page.locator('.events-page .follow-strip-follow').click();
  await page.locator('.events-page .follow-strip--on').waitFor();
  await shot('follows-strip-followed');

  // 管理 → the page: what is followed, the alerts left and what the count means.
  await page.locator('.events-page .follow-strip-manage').click();
  await page.locator('.follows-page .follow-topic--on').first().waitFor();
  await page.waitForTimeout(2500); // the toast of the tap on the catalogue has gone
  await shot('follows');
  await page.locator('.follows-page .follows-page__footer').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await shot('follows-end');
} finally {
  await kit.close();
}

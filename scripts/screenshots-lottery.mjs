// Screenshots of fair seats (issue 16) at 375×812: a lottery taking applications, a student's application, a drawn
// lottery as a winner and as one on the waitlist sees it, and 抽签核对 (its verdict, and further down the viewer's own
// line, marked 这是你). Like scripts/screenshots.mjs: build first (`npm run build:h5`, `npm run build:server`); starts
// the local server on a fresh demo database.
// Usage: node scripts/screenshots-lottery.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { startKit } from './screenshot-kit.mjs';

const kit = await startKit({ fixedClock: false });
const { base, api } = kit;
const page = await kit.open('phone');
const shot = (name) => kit.shot(page, name, { settle: 400 });
/** Acts as any seeded student (the switch lists only the first of each class): the stored identity, rewritten. */
const actAsAny = async (studentNo) => {
  await page.evaluate((sn) => {
    const stored = localStorage.getItem('ysc.demoUser');
    localStorage.setItem('ysc.demoUser', stored.replace(/"[^"]*"\s*}$/, `"${sn}"}`).replace(/^"[^"]*"$/, `"${sn}"`));
  }, studentNo);
};
const scrollTo = async (selector) => {
  await page.locator(selector).first().evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -70);
  });
};

try {
  await kit.switchTo(page, '2024011101', { ready: page.locator('.me-page .profile-student-no', { hasText: '2024011101' }) });
  await page.waitForTimeout(2500);
  await page.goto(`${base}/#/pages/event/index?id=e-lottery-firstaid`);
  await page.locator('.event-page .lottery-section').waitFor();
  await scrollTo('.event-page .lottery-section');
  await shot('lottery-applying');
  await page.locator('.event-page .signup-button:visible', { hasText: '申请抽签' }).click();
  await page.locator('.toast-message', { hasText: '已申请抽签' }).waitFor();
  await page.locator('.event-page .lottery-mine').waitFor();
  await page.waitForTimeout(2500);
  await scrollTo('.event-page .lottery-section');
  await shot('lottery-applied');

  // The drawn lecture, as a winner and as one waiting: who is which, from the result messages the draw queued.
  const { messages } = await api('listOutbox', { eventId: 'e-lottery-lecture' }, 'o-demo-admin');
  const winner = messages.find((m) => m.kind === 'lottery_result' && !m.data.note.includes('候补')).studentNo;
  const waiting = messages.find((m) => m.kind === 'lottery_result' && m.data.note.includes('候补第 2 位')).studentNo;
  for (const [who, name] of [[winner, 'lottery-won'], [waiting, 'lottery-waitlisted']]) {
    await actAsAny(who);
    await page.goto(`${base}/#/pages/event/index?id=e-lottery-lecture`);
    await page.reload();
    await page.locator('.event-page .lottery-mine').waitFor();
    await scrollTo('.event-page .lottery-section');
    await shot(name);
  }
  await page.locator('.event-page .lottery-verify-link').click();
  await page.locator('.lottery-verdict').waitFor();
  await shot('lottery-verify');
  // Further down the published list: the viewer's own line, marked 这是你.
  await page.locator('.lottery-verify__line--mine').waitFor();
  await page.locator('.lottery-verify__line--mine').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot('lottery-verify-mine');
} finally {
  await kit.close();
}

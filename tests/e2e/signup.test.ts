import type { Page } from 'playwright-core';
import { callApi } from '../support/server-process';
import { actAs as pickDemoUser, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * End to end: the H5 build (dist/h5, built by `npm test`) in Debian's Chromium at 375×812, against the local server
 * with its demo seed, acting as seeded students through the visible demo switch.
 */
jest.setTimeout(60_000);

const ctx = useDemoServerAndBrowser();

const STUDENT_A = '2025011101';
const STUDENT_B = '2023012101';

async function actAs(page: Page, studentNo: string): Promise<void> {
  await pickDemoUser(page, ctx.server.base, studentNo);
  await page.locator('.me-page .profile-student-no', { hasText: studentNo }).waitFor();
}

async function openEvent(page: Page, eventId: string): Promise<void> {
  await page.goto(`${ctx.server.base}/#/pages/event/index?id=${eventId}`);
  await page.locator('.event-page .signup-button:visible, .event-page .cancel-button:visible').first().waitFor();
}

function seatsLeftIn(text: string): number {
  const m = text.match(/剩余\s*(\d+)/);
  if (!m) throw new Error(`no seats-left figure in “${text}”`);
  return Number(m[1]);
}

async function confirmDialog(page: Page): Promise<void> {
  await page.locator('.confirm-dialog .nut-dialog-footer-ok:visible').click();
}

it('a student signs up, sees one seat fewer, finds it under 我的报名 and cancels it', async () => {
  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, STUDENT_A);

  await page.goto(`${ctx.server.base}/#/pages/events/index`);
  const card = page.locator('.events-page .event-card[data-id="e-lecture-speaker"]');
  await card.waitFor();
  await card.click();
  await page.locator('.event-page .signup-button:visible').waitFor();
  const seats = page.locator('.event-page .seats-left:visible');
  const before = seatsLeftIn(await seats.innerText());

  await page.locator('.event-page .signup-button:visible').click();
  await page.locator('.toast-message', { hasText: '报名成功' }).waitFor();
  await page.locator('.event-page .my-status--confirmed:visible').waitFor();
  await expectText(seats, `剩余 ${before - 1}`);

  await page.goto(`${ctx.server.base}/#/pages/registrations/index`);
  const registration = page.locator('.registrations-page .registration-card[data-event-id="e-lecture-speaker"]');
  await registration.locator('.status-badge', { hasText: '已报名' }).waitFor();
  await registration.locator('.cancel-button').click();
  await confirmDialog(page);
  await page.locator('.toast-message', { hasText: '已取消报名' }).waitFor();
  await registration.waitFor({ state: 'detached' });

  const after = await callApi(ctx.server.base, 'getEvent', { eventId: 'e-lecture-speaker' });
  expect(after.data.event.seatsLeft).toBe(before);
  expect(foreignRequests).toEqual([]);
});

it('a full event puts the next student on the waitlist, and a cancellation promotes them', async () => {
  const eventId = 'e-volunteer-leifeng';
  // Fill the event through the public API with reserved students; student B takes the last seat.
  const open = (await callApi(ctx.server.base, 'getEvent', { eventId })).data.event.seatsLeft as number;
  const fillers = ['2023011102', '2023012102', '2023013102', '2024011102', '2024012102', '2024013102', '2025011102', '2025012102'];
  expect(open).toBeGreaterThan(0);
  expect(open).toBeLessThanOrEqual(fillers.length + 1);
  for (const no of fillers.slice(0, open - 1)) expect((await callApi(ctx.server.base, 'signUp', { eventId }, no)).ok).toBe(true);
  const last = await callApi(ctx.server.base, 'signUp', { eventId }, STUDENT_B);
  expect(last.data).toMatchObject({ registration: { status: 'confirmed' }, event: { seatsLeft: 0 } });

  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, STUDENT_A);
  await openEvent(page, eventId);
  const join = page.locator('.event-page .signup-button:visible');
  await expectText(join, '加入候补');
  await join.click();
  await page.locator('.toast-message', { hasText: '已加入候补，第 1 位' }).waitFor();
  await expectText(page.locator('.event-page .my-status--waitlisted:visible'), '第 1 位');

  await actAs(page, STUDENT_B);
  await page.goto(`${ctx.server.base}/#/pages/registrations/index`);
  const mine = page.locator(`.registrations-page .registration-card[data-event-id="${eventId}"]`);
  await mine.locator('.cancel-button').click();
  await confirmDialog(page);
  await mine.waitFor({ state: 'detached' });

  await actAs(page, STUDENT_A);
  await page.goto(`${ctx.server.base}/#/pages/registrations/index`);
  await page
    .locator(`.registrations-page .registration-card[data-event-id="${eventId}"] .status-badge`, { hasText: '已报名' })
    .waitFor();
  const event = await callApi(ctx.server.base, 'getEvent', { eventId }, STUDENT_A);
  expect(event.data).toMatchObject({ event: { seatsLeft: 0, waitlistCount: 0 }, myRegistration: { status: 'confirmed' } });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 }).catch(async () => {
    throw new Error(`expected “${text}”, saw “${await locator.first().innerText().catch(() => '(nothing)')}”`);
  });
}

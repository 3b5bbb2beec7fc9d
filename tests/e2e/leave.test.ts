import { encodePng } from '../../server/local/seed-covers';
import { callApi } from '../support/server-process';
import { eventFields } from '../support/event-fields';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';
import { deskPage } from './desk';

/**
 * 请假 end to end in Chromium against the local server's demo seed. A branch's event for two whose cancel deadline has
 * passed: 2023011101 and 2023011105 hold the seats, 2023011106 waits. 2023011101 asks for leave on the event page with
 * a photo (uploaded in parts, shown as a thumbnail); the branch officer finds it under 签到管理 › 请假审批, views the
 * photo, refuses with a reason, and the student reads the reason on the event page. 2023011105's leave is approved:
 * the card says the seat went to the waitlist, and 2023011106 now holds it. From the event's 到场名单 the officer sees that
 * event's requests only.
 */
jest.setTimeout(180_000);

const ctx = useDemoServerAndBrowser();

const ADMIN = 'o-demo-admin';
const OFFICER = '2023011102';
const ASKER = '2023011101';
const APPROVED = '2023011105';
const WAITING = '2023011106';
const BRANCH = '23级软件技术1班团支部';
/** A 6×9 “sick note” in a colour nothing else on the page has: the officer's viewer shows this very picture. */
const PHOTO = encodePng(6, 9, (x, y) => (y < 2 ? [200, 30, 40] : x % 2 ? [250, 250, 250] : [235, 235, 240]));
const REFUSAL = '请补充医院开具的证明';

async function ok(action: string, payload: unknown, user: string): Promise<any> {
  const answer = await callApi(ctx.server.base, action, payload, user);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data;
}

/** Published by the committee for the branch: sign-up open, cancelling closed an hour ago, starting in three hours. */
async function eventPastCancelDeadline(): Promise<string> {
  const now = ctx.server.now().getTime();
  const hours = (h: number) => new Date(now + h * 3_600_000).toISOString();
  const fields = eventFields({
    title: '团支部主题团日：走进社区',
    category: 'theme',
    details: { kind: 'theme', theme: '主题团日' },
    host: { kind: 'branch', unit: BRANCH },
    capacity: 2,
    signupStartAt: hours(-3),
    signupEndAt: hours(2),
    cancelDeadlineAt: hours(-1),
    startAt: hours(3),
    endAt: hours(5),
    creditRule: { base: { kind: 'fixed', module: 'ideology', amount: 50 }, assessmentBonus: null },
    checkoutRequired: false,
  });
  const draft = (await ok('saveEvent', { fields }, ADMIN)).event;
  await ok('changeEventStatus', { eventId: draft.id, action: 'publish' }, ADMIN);
  return draft.id;
}

it('a student asks leave with a photo; the officer views it and refuses with a reason the student reads; an approved leave passes the seat on', async () => {
  const eventId = await eventPastCancelDeadline();
  for (const s of [ASKER, APPROVED, WAITING]) await ok('signUp', { eventId }, s);
  expect((await ok('getMySignup', { eventId }, WAITING)).registration.status).toBe('waitlisted');

  // The student: 请假 on the event page, a reason and a photo (thumbnail, 删除 and 更换 offered), sent.
  const phone = await phonePage(ctx.browser, ctx.server);
  await actAs(phone.page, ctx.server.base, ASKER);
  await phone.page.goto(`${ctx.server.base}/#/pages/event/index?id=${eventId}`);
  const eventPage = phone.page.locator('.event-page:visible');
  await eventPage.locator('.leave-open').click();
  const sheet = phone.page.locator('.leave-sheet:visible');
  await sheet.locator('.leave-reason textarea').fill('发烧 38.5 度，校医院建议休息两天');
  // A file of another kind is refused on the phone, in words.
  await sheet.locator('.leave-photo-input').setInputFiles({ name: '病假条.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await sheet.locator('.leave-photo-error', { hasText: '不是 JPG、PNG 图片' }).waitFor();
  await sheet.locator('.leave-photo-input').setInputFiles({ name: '病假条.png', mimeType: 'image/png', buffer: PHOTO });
  // Uploaded (删除 offered) or refused (the sentence says why: shown in the failure).
  await sheet.locator('.leave-photo-remove, .leave-photo-error').first().waitFor();
  expect(await sheet.locator('.leave-photo-error').allTextContents()).toEqual([]);
  expect(await sheet.locator('.leave-photo-thumb img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  await sheet.locator('.leave-submit').click();
  await phone.page.locator('.toast-message', { hasText: '请假已提交' }).waitFor();
  await eventPage.locator('.leave-status--pending', { hasText: '已附照片' }).waitFor();

  // Another confirmed student asks too (no photo).
  await ok('requestLeave', { eventId, reason: '家中有急事，需当天回家' }, APPROVED);

  // The branch officer: 签到管理 shows two waiting, 请假审批 lists them, pending first.
  const desk = await deskPage(ctx.browser, ctx.server);
  await actAs(desk.page, ctx.server.base, OFFICER);
  await desk.page.goto(`${ctx.server.base}/#/packages/officer/checkin/index`);
  await desk.page.locator('.checkin-events-page:visible .leave-entry-count', { hasText: '2 条待处理' }).waitFor();
  await desk.page.locator('.checkin-events-page:visible .leave-entry').click();
  const list = desk.page.locator('.leave-page:visible');
  await list.locator('.leave-tab-pending .leave-tab-count', { hasText: '2' }).waitFor();
  const asked = list.locator(`.leave-card[data-student="${ASKER}"]`);
  await asked.locator('.leave-reason', { hasText: '发烧 38.5 度' }).waitFor();
  await asked.locator('.leave-event', { hasText: '团支部主题团日：走进社区' }).waitFor();

  // 查看照片: the very picture, from the server's ten-minute link.
  await asked.locator('.leave-photo-view').click();
  const image = desk.page.locator('.photo-viewer:visible .photo-viewer-image img');
  await image.waitFor();
  await desk.page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await image.elementHandle(), { timeout: 10_000 });
  expect(await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([6, 9]);
  await desk.page.locator('.photo-viewer-close:visible').click();
  await image.waitFor({ state: 'detached' });

  // 不批准 needs a reason; with one, the card shows the result in place.
  await asked.locator('.leave-refuse').click();
  const refuse = desk.page.locator('.leave-refuse-sheet:visible');
  await refuse.locator('.leave-refuse-submit').click();
  await refuse.locator('.leave-refuse-error', { hasText: '请填写不批准的原因' }).waitFor();
  await refuse.locator('.leave-refuse-reason input').fill(REFUSAL);
  await refuse.locator('.leave-refuse-submit').click();
  await asked.locator('.leave-decision', { hasText: '未批准' }).waitFor();
  await asked.locator('.leave-decision-reason', { hasText: REFUSAL }).waitFor();

  // 批准 the other: the seat goes to the first on the waitlist, and the card says so.
  const other = list.locator(`.leave-card[data-student="${APPROVED}"]`);
  await other.locator('.leave-approve').click();
  await desk.page.locator('.confirm-dialog .nut-dialog-footer-ok:visible').click();
  await other.locator('.leave-promoted', { hasText: '名额已递补给候补' }).waitFor();
  await list.locator('.leave-tab-pending .leave-tab-count', { hasText: '0' }).waitFor();

  // From the event's 到场名单: 请假审批 of that event only, until 查看全部.
  await desk.page.goto(`${ctx.server.base}/#/packages/officer/attendance/index?eventId=${eventId}`);
  await desk.page.locator('.attendance-page:visible .attendance-open-leave').click();
  const only = desk.page.locator('.leave-page:visible');
  await only.locator('.leave-only', { hasText: '只看：团支部主题团日：走进社区' }).waitFor();
  await only.locator('.leave-tab-approved').click();
  await only.locator(`.leave-card[data-student="${APPROVED}"]`).waitFor();
  expect(await only.locator('.leave-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-student')))).toEqual([APPROVED]);

  // The student reads the refusal and its reason on the event page; they still hold their seat.
  await phone.page.reload();
  const refused = phone.page.locator('.event-page:visible .leave-status--refused');
  await refused.waitFor();
  expect(await refused.textContent()).toContain(`原因：${REFUSAL}`);
  expect((await ok('getMySignup', { eventId }, ASKER)).registration.status).toBe('confirmed');

  // The approved one's seat went to the one waiting, whose event page now says they are in.
  expect((await ok('getMySignup', { eventId }, APPROVED)).registration).toBeNull();
  expect((await ok('getEventFairness', { eventId }, APPROVED)).myLeave).toMatchObject({ status: 'approved' });
  expect((await ok('getMySignup', { eventId }, WAITING)).registration.status).toBe('confirmed');
  expect([...phone.foreignRequests, ...desk.foreignRequests]).toEqual([]);
});

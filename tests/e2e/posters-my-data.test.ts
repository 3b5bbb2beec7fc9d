import { readQrFromPng } from '../support/png-qr';
import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * Issue 15 end to end, in Chromium against the local server's demo seed: the committee opens an event's 活动海报 from
 * 活动管理's card, the poster's code (on the local server a plain QR of the H5 event page) is read as a phone's camera
 * would and opens that event; and a student exports 我的数据 (an .xlsx download), asks for deletion, which the
 * committee completes on 删除申请 — after which the student's account is no longer bound.
 */
jest.setTimeout(180_000);

const ctx = useDemoServerAndBrowser();

const ADMIN = 'o-demo-admin';
const EVENT = 'e-firstaid-basic';
/** A bound demo student with no request of their own (the seed's request is 2023011103's). */
const STUDENT = '2024011101';

it('a poster is generated, and its code opens the event', async () => {
  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  const title = (await callApi(ctx.server.base, 'getEvent', { eventId: EVENT })).data.event.title as string;
  await page.goto(`${ctx.server.base}/#/packages/committee/poster/index?id=${EVENT}`);
  await page.locator('.poster-page .poster-title:visible', { hasText: title }).waitFor();
  const src = await page.locator('.poster-page .poster-code:visible img').getAttribute('src');
  expect(src).toMatch(/^\/files\//);
  const png = new Uint8Array(await (await fetch(`${ctx.server.base}${src}`)).arrayBuffer());
  const target = readQrFromPng(png);
  expect(target).toBe(`${ctx.server.base}/#/pages/event/index?scene=${encodeURIComponent(`e=${EVENT}`)}`);

  // Generated once: asking again answers the same code.
  const again = await callApi(ctx.server.base, 'getEventPoster', { eventId: EVENT }, ADMIN);
  expect(again.data.code).toMatchObject({ kind: 'qr', scene: `e=${EVENT}`, target });

  // Scanning it opens the event page, for anyone (a fresh browser, no identity).
  const { page: passerBy } = await phonePage(ctx.browser, ctx.server);
  await passerBy.goto(target!);
  await passerBy.locator('.event-page .event-title:visible', { hasText: title }).waitFor();
  // A scene nobody made says so.
  await passerBy.goto(`${ctx.server.base}/#/pages/event/index?scene=${encodeURIComponent('s=aaaaaaaaaa')}`);
  await passerBy.locator('.event-error:visible', { hasText: '无法识别这个小程序码' }).waitFor();
  expect(foreignRequests).toEqual([]);
});

it('a student exports 我的数据 and asks for deletion; the committee completes it on 删除申请', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, STUDENT);
  await page.locator('.me-page .my-data-entry:visible').click();
  await page.locator('.my-data-page .my-data-export-button:visible').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.my-data-page .my-data-export-button:visible').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^我的数据-${STUDENT}-\\d{8}\\.xlsx$`));

  await page.locator('.my-data-page .my-data-note-input:visible textarea').fill('已毕业');
  await page.locator('.my-data-page .my-data-request-button:visible').click();
  await page.locator('.confirm-dialog .nut-dialog-footer-ok:visible').click();
  await page.locator('.my-data-page .my-data-request[data-status="pending"]:visible').waitFor();
  await page.locator('.my-data-page .my-data-request-button').waitFor({ state: 'detached' });

  const { page: committee } = await phonePage(ctx.browser, ctx.server);
  await actAs(committee, ctx.server.base, ADMIN);
  await committee.goto(`${ctx.server.base}/#/packages/committee/data-requests/index`);
  const row = committee.locator('.data-requests-page .data-request-row:visible', { hasText: STUDENT });
  await row.locator('.data-request-complete').click();
  await committee.locator('.reason-dialog .reason-input:visible textarea').fill('已按隐私政策删除可删除的信息');
  await committee.locator('.reason-dialog .nut-dialog-footer-ok:visible').click();
  await committee.locator('.data-requests-page .data-request-row[data-status="completed"]:visible', { hasText: STUDENT }).waitFor();

  const me = await callApi(ctx.server.base, 'getMe', {}, `o-demo-${STUDENT}`);
  expect(me.data).toMatchObject({ bound: false });
  // The account, unbound, still reads the committee's answer to its request.
  const own = await callApi(ctx.server.base, 'getMyDataRequest', {}, `o-demo-${STUDENT}`);
  expect(own.data.request).toMatchObject({ status: 'completed', reply: '已按隐私政策删除可删除的信息', erased: { unbound: true } });
  await page.reload();
  await page.locator('.my-data-page .my-data-reply:visible', { hasText: '已按隐私政策删除可删除的信息' }).waitFor();
});

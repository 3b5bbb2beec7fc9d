import { encodePng } from '../../server/local/seed-covers';
import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';
import { deskPage } from './desk';

/**
 * 发布活动's cover, end to end in Chromium against the local server's demo seed: the committee (at a computer) edits
 * a published event, uploads a small PNG as its cover (in parts, through the file store), saves; a student's
 * catalogue card then shows that very picture from a `/files/` link, and removing the cover brings the kind's
 * artwork back.
 */
jest.setTimeout(180_000);

const ctx = useDemoServerAndBrowser();

const ADMIN = 'o-demo-admin';
const STUDENT = '2024011101';
const EVENT = 'e-lecture-branch';
/** 8×5, a colour no artwork has: the card's picture is this one. */
const PNG = encodePng(8, 5, () => [12, 200, 120]);

it('the committee uploads a PNG cover in 发布活动 and the student sees it on the catalogue card; removing it brings the artwork back', async () => {
  const desk = await deskPage(ctx.browser, ctx.server);
  await desk.page.goto(`${ctx.server.base}/#/pages/me/index`);
  await actAs(desk.page, ctx.server.base, ADMIN);
  await desk.page.goto(`${ctx.server.base}/#/packages/committee/event-edit/index?id=${EVENT}`);
  const form = desk.page.locator('.event-edit-page:visible');
  await form.locator('.event-save').waitFor();
  // No cover yet: the kind's artwork, and the note says so.
  await form.locator('.cover-picker__note', { hasText: '默认图案' }).waitFor();
  expect(await form.locator('.cover-remove').count()).toBe(0);

  await form.locator('.cover-file-input').setInputFiles({ name: '封面.png', mimeType: 'image/png', buffer: PNG });
  await desk.page.locator('.toast-message', { hasText: '封面已上传' }).waitFor();
  await form.locator('.cover-remove').waitFor();
  await form.locator('.event-save').click();
  await desk.page.locator('.toast-message', { hasText: '已保存' }).waitFor();

  const { fields, event } = (await callApi(ctx.server.base, 'previewEvent', { eventId: EVENT }, ADMIN)).data as any;
  expect(fields.coverFileId).toMatch(/^f-[a-z2-7]{26}$/);
  expect(event.coverUrl).toMatch(/^\/files\//);

  // The student's catalogue: the card's picture is the uploaded PNG, loaded from the server's link.
  const phone = await phonePage(ctx.browser, ctx.server);
  await actAs(phone.page, ctx.server.base, STUDENT);
  await phone.page.goto(`${ctx.server.base}/#/pages/events/index`);
  const card = phone.page.locator(`.events-page .event-card[data-id="${EVENT}"]`);
  await card.waitFor();
  const photo = card.locator('.event-cover__photo img');
  await photo.waitFor({ state: 'attached' });
  await card.scrollIntoViewIfNeeded();
  await phone.page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await photo.elementHandle(), { timeout: 10_000 });
  const shown = await photo.evaluate((img: HTMLImageElement) => ({ src: img.getAttribute('src'), width: img.naturalWidth, height: img.naturalHeight }));
  expect(shown).toEqual({ src: expect.stringMatching(/^\/files\//), width: 8, height: 5 });
  // Covered, never stretched: the picture keeps its proportions in the wide band (object-fit, over Taro's aspectFill).
  const box = await photo.evaluate((img: HTMLImageElement) => {
    const style = getComputedStyle(img);
    const band = img.closest('.event-cover')!.getBoundingClientRect();
    const own = img.getBoundingClientRect();
    return { fit: style.objectFit, sameBox: Math.abs(own.width - band.width) < 1 && Math.abs(own.height - band.height) < 1 };
  });
  expect(box).toEqual({ fit: 'cover', sameBox: true });
  expect(await card.locator('.event-cover__art').count()).toBe(0);
  const bytes = await phone.page.evaluate(async (src) => Array.from(new Uint8Array(await (await fetch(src!)).arrayBuffer())), shown.src);
  expect(Buffer.from(bytes).equals(PNG)).toBe(true);

  // 移除封面, saved: the card shows the kind's artwork again.
  await form.locator('.cover-remove').click();
  await form.locator('.cover-picker__note', { hasText: '默认图案' }).waitFor();
  await form.locator('.event-save').click();
  await desk.page.locator('.toast-message', { hasText: '已保存' }).last().waitFor();
  expect(((await callApi(ctx.server.base, 'previewEvent', { eventId: EVENT }, ADMIN)).data as any).event.coverUrl).toBeNull();
  await phone.page.reload();
  await card.locator('.event-cover__art').waitFor({ state: 'attached' });
  expect(await card.locator('.event-cover__photo').count()).toBe(0);
  expect([...desk.foreignRequests, ...phone.foreignRequests]).toEqual([]);
});

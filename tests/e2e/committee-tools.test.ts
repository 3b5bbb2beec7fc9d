import type { Page } from 'playwright-core';
import { composeMemberCode } from '../../core/checkin';
import { deviceSigner } from '../../src/shared/services/checkin-crypto';
import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * The committee's tools end to end, in Chromium against the local server's demo seed: the committee publishes a
 * first-aid session through 发布活动 (form, save, preview, publish) for 医学院, starting within 24 hours; two of 医学院's
 * students sign up (one having allowed reminders, one not); 立即发送到期消息 on 消息发件箱 sends the one reminder and
 * skips the other; the session is then moved to now and a student checked in (a pass and a scan over HTTP), and the
 * 年度目标看板's first-aid figure goes up by one.
 */
jest.setTimeout(180_000);

const ctx = useDemoServerAndBrowser();

const ADMIN = 'o-demo-admin';
/** Bound students of 医学院. */
const CONSENTING = '2024021105';
const SILENT = '2024021104';
const TITLE = '红十字应急救护普及培训（E2E 专场）';

async function api(action: string, payload: unknown, user?: string): Promise<any> {
  const answer = await callApi(ctx.server.base, action, payload, user);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data;
}

/** The hour on a campus clock (Asia/Shanghai, UTC+8 all year). */
const campusHour = (at: Date) => (at.getUTCHours() + 8) % 24;

/**
 * Picks an hour in the form's 活动开始 time picker as a person would: opens Taro's picker sheet, drags the hour column
 * a row at a time until the row under the indicator reads that hour, and confirms.
 */
async function pickStartHour(page: Page, hour: number): Promise<void> {
  const hh = String(hour).padStart(2, '0');
  await page.locator('.event-edit-page:visible .event-time-start-time').click();
  const column = page.locator('.weui-picker__overlay:not([style*="none"]) .weui-picker__group').first();
  await column.waitFor();
  await page.waitForTimeout(400); // the sheet slides up
  const box = (await column.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  // The row under the indicator: the column's content is moved up by 34 px a row from a top offset of 102 px.
  const shown = () =>
    column.evaluate((group) => {
      const content = group.querySelector('.weui-picker__content') as HTMLElement;
      const offset = Number(/translate3d\(0px?, (-?[\d.]+)px/.exec(content.style.transform)?.[1] ?? 0);
      return content.children[Math.round((102 - offset) / 34)]?.textContent ?? '';
    });
  for (let i = 0; i < 30; i++) {
    const now = await shown();
    if (now === hh) break;
    const down = Number(now) > hour; // dragging down shows earlier hours
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + (down ? 40 : -40), { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(150);
  }
  await page.locator('.weui-picker__overlay:not([style*="none"]) .weui-picker__action').nth(1).click();
  await page.locator(`.event-edit-page:visible .event-time-start-time[data-value="${hh}:00"]`).waitFor();
}

async function firstAidFigure(page: Page): Promise<number> {
  const card = page.locator('.dashboard-page:visible .target-firstaid_trainees').first();
  await card.waitFor();
  return Number(await card.getAttribute('data-actual'));
}

it('the committee publishes a first-aid session through the pages; reminders reach the outbox and check-ins the dashboard', async () => {
  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  await page.locator('.me-page .committee-entry').click();
  await page.locator('.committee-home .committee-tool-events:visible').click();
  await page.locator('.events-admin-page:visible .events-admin-new').click();

  // 发布活动: saving an empty form names the missing field under it (the server's INVALID_INPUT).
  const form = page.locator('.event-edit-page:visible');
  await form.locator('.event-title-input input').waitFor();
  await form.locator('.event-save').click();
  await form.locator('.field-error', { hasText: '请填写标题' }).waitFor();

  await form.locator('.event-category [data-value="firstaid"]').click();
  await form.locator('.event-title-input input').fill(TITLE);
  await form.locator('.event-location-input input').fill('医学院技能实训中心 2 楼');
  await form.locator('.event-description-input textarea').fill('心肺复苏与 AED 使用，含考核。');
  await form.locator('.event-firstaid-level [data-value="普及培训"]').click();
  await form.locator('.event-capacity-input input').fill('40');
  await form.locator('.event-college [data-value="医学院"]').click();
  await form.locator('.event-credit-amount input').fill('1');
  // Tomorrow at this hour: within the next 24 hours, so the reminder is due.
  await pickStartHour(page, campusHour(ctx.server.now()));

  await form.locator('.event-save').click();
  await page.locator('.toast-message', { hasText: '已保存为草稿' }).waitFor();
  await form.locator('.event-save-preview').click();

  // 活动预览: the draft as students will see it, then 发布.
  const preview = page.locator('.event-preview-page:visible');
  await preview.locator('.event-title', { hasText: TITLE }).waitFor();
  await preview.locator('.preview-lifecycle', { hasText: '草稿' }).waitFor();
  expect(await preview.locator('.kind-fact-level').innerText()).toContain('普及培训');
  expect(await preview.locator('.kind-fact-audience').innerText()).toContain('医学院');
  const eventId = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]);
  await preview.locator('.preview-publish').click();
  await page.locator('.confirm-dialog .nut-dialog-footer-ok:visible').click();
  await preview.locator('.preview-lifecycle', { hasText: '已发布' }).waitFor();

  const { fields } = await api('previewEvent', { eventId }, ADMIN);
  const lead = Date.parse(fields.startAt) - ctx.server.now().getTime();
  expect(lead).toBeGreaterThan(0);
  expect(lead).toBeLessThanOrEqual(24 * 3_600_000);
  expect(fields.details).toEqual({ kind: 'firstaid', level: '普及培训', assessment: true });
  expect(fields.audience.colleges).toEqual(['医学院']);

  // Two students sign up over HTTP; only one allowed the reminder at the sign-up tap. Each consent pays for one
  // message, and the seed may also have signed this student up for another event starting within 24 hours: consent
  // at each of the taps, as the app asks at every sign-up, so that both reminders can be sent.
  for (let tap = 0; tap < 3; tap++) {
    await api('recordSubscribeConsent', { results: [{ kind: 'event_reminder', accepted: true }] }, CONSENTING);
  }
  await api('signUp', { eventId }, CONSENTING);
  await api('signUp', { eventId }, SILENT);

  // 消息发件箱: 立即发送到期消息 sends the reminder and skips the student who did not allow it — however many other
  // reminders the seed has due at this moment (skipping them costs the run nothing). The 已发送 tab lists what was
  // sent; the skipped one is looked up by event (the list shows the newest 100 of maybe hundreds skipped).
  await page.goto(`${ctx.server.base}/#/packages/committee/outbox/index`);
  const outbox = page.locator('.outbox-page:visible');
  await outbox.locator('.outbox-run').click();
  await outbox.locator('.outbox-report-text').waitFor();
  expect(await outbox.locator('.outbox-report-text').innerText()).not.toContain('留待下次');
  await outbox.locator('.outbox-tab-sent').click();
  // The outbox is grouped by event and reason: the group opens to its recipients (selectors moved with the markup).
  await outbox.locator(`.outbox-group[data-event-id="${eventId}"][data-kind="event_reminder"] .outbox-group-open`).click();
  const sentItem = outbox.locator(`.outbox-item[data-event-id="${eventId}"][data-student-no="${CONSENTING}"][data-kind="event_reminder"][data-status="sent"]`);
  await sentItem.waitFor();
  const skipped = (await api('listOutbox', { eventId, status: 'skipped' }, ADMIN)).messages;
  expect(skipped.map((m: { studentNo: string }) => m.studentNo)).toEqual([SILENT]);
  // Running again sends nothing twice.
  await outbox.locator('.outbox-run').click();
  await page.waitForTimeout(500);
  expect(await sentItem.count()).toBe(1);
  expect((await api('listOutbox', { eventId }, ADMIN)).messages).toHaveLength(2);

  // 年度目标看板 before the session takes place.
  await page.goto(`${ctx.server.base}/#/packages/committee/dashboard/index`);
  const before = await firstAidFigure(page);

  // The session is moved to now (an edit of a published event), and the consenting student is checked in.
  const now = ctx.server.now().getTime();
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  await api('saveEvent', { eventId, fields: { ...fields, startAt: at(-10), endAt: at(110), signupStartAt: at(-120), signupEndAt: at(-15), cancelDeadlineAt: at(-15) } }, ADMIN);
  const issued = await api('issueCheckinPass', { eventId }, CONSENTING);
  const code = composeMemberCode(issued.pass, ctx.server.now(), 'in', deviceSigner(issued.deviceKey));
  const scanned = await api('recordScans', { eventId, scans: [{ scanId: `e2e-${now}`, code, purpose: 'in', scannedAt: ctx.server.now().toISOString(), offline: false }] }, ADMIN);
  expect(scanned.results[0].status).toBe('recorded');

  // Shown again, the dashboard asks again (Taro may keep the earlier instance in the DOM: hence first()).
  await page.goto(`${ctx.server.base}/#/pages/me/index`);
  await page.goto(`${ctx.server.base}/#/packages/committee/dashboard/index`);
  await page.locator(`.dashboard-page:visible .target-firstaid_trainees[data-actual="${before + 1}"]`).first().waitFor({ timeout: 10_000 });

  // 活动管理 lists it under 已发布 with its sign-ups and the check-in.
  await page.goto(`${ctx.server.base}/#/packages/committee/events/index`);
  await page.locator('.events-admin-page:visible .events-admin-tab-published').first().click();
  const card = page.locator(`.events-admin-page:visible .managed-event[data-id="${eventId}"]`).first();
  await card.locator('.managed-event-checkins', { hasText: '签到 1' }).waitFor();
  expect(foreignRequests).toEqual([]);
});

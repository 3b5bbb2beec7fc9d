import jsQR from 'jsqr';
import type { Locator, Page } from 'playwright-core';
import { composeMemberCode } from '../../core/checkin';
import { deviceSigner } from '../../src/shared/services/checkin-crypto';
import { creditsText, formatCredits } from '../../src/utils/credits';
import { callApi } from '../support/server-process';
import { phonePage, useDemoServerAndBrowser } from './browser';

// pngjs 7 ships no types; only its synchronous reader is used.
const { PNG } = require('pngjs') as { PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } } };

/**
 * Credits and the verifiable transcript end to end, in Chromium against the local server's demo seed. The branch
 * lecture under way (e-lecture-now) has confirmed students 2023011103–09 and its branch officer is 2023011102.
 * A student is checked in (the officer's scan, over HTTP as the scanner page sends it) and sees the event's credits
 * on the transcript; a shared transcript verifies on a logged-out browser, a changed code does not, a revoked one
 * says so. Another confirmed student files an appeal from the event page.
 */
jest.setTimeout(150_000);

const ctx = useDemoServerAndBrowser();

const EVENT_ID = 'e-lecture-now';
const OFFICER = '2023011102';
const STUDENT = '2023011103';
const APPELLANT = '2023011104';

/** Students with seeded sign-ups are not in the demo switch: act as one through the stored demo identity. */
async function actAsUnlisted(page: Page, studentNo: string): Promise<void> {
  await page.goto(`${ctx.server.base}/#/pages/me/index`);
  await page.evaluate((id) => localStorage.setItem('ysc.demoUser', JSON.stringify({ data: id })), studentNo);
  await page.reload();
  await page.locator('.me-page .profile-student-no', { hasText: studentNo }).waitFor();
}

async function api(action: string, payload: unknown, user?: string): Promise<any> {
  const answer = await callApi(ctx.server.base, action, payload, user);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data;
}

/** The officer scans the student's 签到码: the code as the student's phone makes it, recorded over HTTP. */
async function officerChecksIn(studentNo: string): Promise<void> {
  const issued = await api('issueCheckinPass', { eventId: EVENT_ID }, studentNo);
  const code = composeMemberCode(issued.pass, ctx.server.now(), 'in', deviceSigner(issued.deviceKey));
  const { results } = await api(
    'recordScans',
    { eventId: EVENT_ID, scans: [{ scanId: `credits-e2e-${studentNo}`, code, purpose: 'in', scannedAt: ctx.server.now().toISOString(), offline: false }] },
    OFFICER,
  );
  expect(results[0].status).toBe('recorded');
}

/** The QR the locator shows, read from a screenshot; asked again until the image has loaded and painted (5 s). */
async function readQr(locator: Locator): Promise<string> {
  const until = Date.now() + 5_000;
  for (;;) {
    await locator.evaluate((img) => (img as HTMLImageElement).decode?.().catch(() => undefined));
    const png = PNG.sync.read(await locator.screenshot());
    const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    if (found) return found.data;
    if (Date.now() > until) throw new Error('no QR code found in the screenshot');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One character changed, to another character the code itself uses (so it stays well-formed). */
function tamper(code: string): string {
  const chars = code.split('');
  const i = chars.findIndex((c) => c !== '-');
  const other = chars.find((c) => c !== '-' && c !== chars[i]) ?? (chars[i] === 'A' ? 'B' : 'A');
  chars[i] = other;
  return chars.join('');
}

async function verifyAs(verifier: Page, code: string): Promise<void> {
  await verifier.locator('.verify-page .verify-code-input input:visible').fill(code);
  await verifier.locator('.verify-page .verify-submit:visible').click();
}

it('a check-in puts the event\'s credits on the transcript; a shared transcript verifies, a changed or revoked code does not', async () => {
  const before = (await api('getMyTranscript', {}, STUDENT)).overall.have as number;
  const { event } = await api('getEvent', { eventId: EVENT_ID }, STUDENT);
  const promised = Math.round(event.credits * 100);
  expect(promised).toBeGreaterThan(0);

  // The student's transcript before.
  const { page: student, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  await actAsUnlisted(student, STUDENT);
  await student.locator('.me-page .credits-total', { hasText: formatCredits(before) }).waitFor();
  await student.locator('.me-page .credits-entry').click();
  await student.locator('.transcript-home .transcript-total:visible', { hasText: formatCredits(before) }).waitFor();

  // The officer scans the student in: the credits are on the record at once.
  await officerChecksIn(STUDENT);
  const after = before + promised;
  expect((await api('getMyTranscript', {}, STUDENT)).overall.have).toBe(after);

  // The transcript page shows the new total (pull to refresh = reload) and the entry, tagged 签到.
  await student.reload();
  await student.locator('.transcript-home .transcript-total:visible', { hasText: formatCredits(after) }).waitFor();
  const entry = student.locator(`.transcript-home .ledger-entry[data-event-id="${EVENT_ID}"]:visible`).first();
  await entry.waitFor();
  expect(await entry.getAttribute('data-tag')).toBe('checkin');
  expect((await entry.locator('.ledger-amount').innerText()).trim()).toBe(`+${formatCredits(promised)}`);

  // 生成可验证成绩单: the code, grouped, and a QR that reads as the verify page's address with that code.
  await student.locator('.transcript-home .transcript-share:visible').click();
  await student.locator('.share-page .share-option-timeline--on:visible').waitFor();
  await student.locator('.share-page .share-create:visible').click();
  const codeEl = student.locator('.share-page .share-code:visible');
  await codeEl.waitFor();
  const code = (await codeEl.innerText()).trim();
  expect(code).toMatch(/^[0-9A-Za-z]{4}(-[0-9A-Za-z]{4}){3}$/);
  const shareId = await student.locator('.share-page .share-result:visible').getAttribute('data-share-id');
  const qrUrl = await readQr(student.locator('.share-page .transcript-qr:visible img').first());
  expect(qrUrl.startsWith(`${ctx.server.base}/#/packages/transcript/verify/index?code=`)).toBe(true);

  // An employer, logged out, opens the QR's address: genuine, with the totals as issued.
  const { page: verifier } = await phonePage(ctx.browser, ctx.server);
  await verifier.goto(qrUrl);
  const ok = verifier.locator('.verify-page .verify-ok:visible');
  await ok.waitFor();
  expect((await ok.locator('.verify-title').innerText()).trim()).toBe('真实有效');
  expect((await ok.locator('.snapshot-total').innerText()).trim()).toBe(creditsText(after));
  expect(await ok.locator('.snapshot-module').count()).toBeGreaterThan(0);
  expect(await ok.locator('.snapshot-timeline').count()).toBe(1);
  // The student number is masked: the student did not choose to show it.
  expect(await ok.locator('.snapshot-student-no').innerText()).not.toContain(STUDENT);
  expect(await verifier.evaluate(() => localStorage.getItem('ysc.demoUser'))).toBeNull();

  // One character changed: no such transcript.
  await verifyAs(verifier, tamper(code));
  const unknown = verifier.locator('.verify-page .verify-refused[data-code="TRANSCRIPT_CODE_UNKNOWN"]:visible');
  await unknown.waitFor();
  expect(await unknown.locator('.verify-message').innerText()).toContain('没有找到这个验证码');
  expect(await verifier.locator('.verify-page .verify-ok:visible').count()).toBe(0);

  // The student revokes it (已分享的成绩单 → 撤回 → confirm): the same code now says it was revoked.
  await student.goto(`${ctx.server.base}/#/packages/transcript/index/index`);
  const item = student.locator(`.transcript-home .share-item[data-share-id="${shareId}"]:visible`);
  await item.waitFor();
  await item.locator('.share-revoke').click();
  await student.locator('.confirm-dialog:visible .nut-dialog-footer-ok').click();
  await student.locator('.toast-message', { hasText: '已撤回' }).waitFor();
  await student.locator(`.transcript-home .share-item[data-share-id="${shareId}"][data-state="revoked"]:visible`).waitFor();

  await verifyAs(verifier, code);
  const revoked = verifier.locator('.verify-page .verify-refused[data-code="TRANSCRIPT_REVOKED"]:visible');
  await revoked.waitFor();
  expect(await revoked.locator('.verify-message').innerText()).toContain('撤回');
  expect(foreignRequests).toEqual([]);
});

it('a confirmed student without credit files an appeal from the event page and sees it on the transcript', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAsUnlisted(page, APPELLANT);
  // An appeal is offered once the event has ended (the lecture is under way at TEST_MOMENT): the phone's clock after
  // its end. The server accepts the appeal at its own moment either way.
  const { endAt } = (await api('getEvent', { eventId: EVENT_ID }, APPELLANT)).event;
  await page.clock.setSystemTime(Date.parse(endAt) + 10 * 60_000);
  await page.goto(`${ctx.server.base}/#/pages/event/index?id=${EVENT_ID}`);
  const card = page.locator('.event-page .event-credit:visible');
  await card.locator('.event-credit-status--none').waitFor();
  await card.locator('.appeal-button').click();

  // Too short a note is refused on the phone; a proper one is filed.
  const sheet = page.locator('.event-page .appeal-sheet:visible');
  await sheet.locator('.appeal-note textarea').fill('到了');
  await sheet.locator('.appeal-submit').click();
  await sheet.locator('.appeal-error', { hasText: '至少 5 个字' }).waitFor();
  await sheet.locator('.appeal-note textarea').fill('14:05 到场，签到码扫不出来，组织委员可以作证');
  await sheet.locator('.appeal-submit').click();
  await page.locator('.toast-message', { hasText: '申诉已提交' }).waitFor();
  await card.locator('.event-credit-status--pending').waitFor();

  await card.locator('.event-credit-transcript').click();
  await page.locator(`.transcript-home .appeal-item[data-event-id="${EVENT_ID}"][data-status="pending"]:visible`).waitFor();
});

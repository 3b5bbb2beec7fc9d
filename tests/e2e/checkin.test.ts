import jsQR from 'jsqr';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { composeMemberCode, WINDOW_MS } from '../../core/checkin';
import { deviceSigner } from '../../src/shared/services/checkin-crypto';
import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';

// pngjs 7 ships no types; only its synchronous reader is used.
const { PNG } = require('pngjs') as { PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } } };

/**
 * QR check-in end to end, in Chromium against the local server's demo seed: a lecture of 23级软件技术1班团支部 is on
 * now (e-lecture-now, seven confirmed students 2023011103–09), and 2023011102 is that branch's officer.
 * The student's 签到码 page shows a code; the officer's scanner gets it as a camera would (the QR image decoded), and
 * then with the network cut keeps scanning other students' codes (made here the way their phones make them).
 */
jest.setTimeout(120_000);

const ctx = useDemoServerAndBrowser();

const EVENT_ID = 'e-lecture-now';
const OFFICER = '2023011102';
const STUDENT = '2023011103';

/**
 * The lecture's registered students are not among the demo switch's picks: act as one through the stored demo
 * identity the switch would write (Taro storage is localStorage on H5), then load the app again.
 */
async function actAsUnlisted(page: Page, studentNo: string): Promise<void> {
  await page.goto(`${ctx.server.base}/#/pages/me/index`);
  await page.evaluate((id) => localStorage.setItem('ysc.demoUser', JSON.stringify({ data: id })), studentNo);
  await page.reload();
  await page.locator('.me-page .profile-student-no', { hasText: studentNo }).waitFor();
}

/** The QR in a locator, read from its pixels as a scanner reads a screen. */
async function readQr(locator: Locator): Promise<string> {
  const png = PNG.sync.read(await locator.screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!found) throw new Error('no QR code found in the screenshot');
  return found.data;
}

/** A member code for `studentNo` as their phone would show it at `at`, from a pass fetched over HTTP. */
async function codeOfStudent(studentNo: string, at = ctx.server.now()): Promise<string> {
  const issued = await callApi(ctx.server.base, 'issueCheckinPass', { eventId: EVENT_ID }, studentNo);
  if (!issued.ok) throw new Error(`issueCheckinPass for ${studentNo}: ${issued.code} ${issued.message}`);
  return composeMemberCode(issued.data.pass, at, 'in', deviceSigner(issued.data.deviceKey));
}

/** Submits a code in the typed entry and answers what the result panel then shows. */
async function scan(page: Page, code: string): Promise<{ label: string; name: string; offline: boolean }> {
  const panel = page.locator('.scanner-page .scanner-result:visible');
  const before = Number((await panel.getAttribute('data-seq')) ?? 0);
  await page.locator('.scanner-page .scanner-code-input textarea:visible').fill(code);
  await page.locator('.scanner-page .scanner-code-submit:visible').click();
  const result = page.locator(`.scanner-page .scanner-result[data-seq="${before + 1}"]:visible`);
  await result.waitFor({ timeout: 10_000 });
  return {
    label: (await result.locator('.scanner-result-label').innerText()).trim(),
    name: (await result.locator('.scanner-result-name').count()) ? (await result.locator('.scanner-result-name').innerText()).trim() : '',
    offline: (await result.locator('.scanner-result-offline').count()) > 0,
  };
}

async function expectCount(page: Page, checkedIn: number): Promise<void> {
  await page.locator('.scanner-page .scanner-count:visible', { hasText: `已到 ${checkedIn} / 报名 7` }).waitFor({ timeout: 10_000 });
}

async function attendance(): Promise<{ checkedIn: number; arrived: string[] }> {
  const answer = await callApi(ctx.server.base, 'getEventAttendance', { eventId: EVENT_ID }, OFFICER);
  if (!answer.ok) throw new Error(`getEventAttendance: ${answer.code}`);
  const rows = answer.data.rows as Array<{ studentNo: string; state: string }>;
  return { checkedIn: answer.data.counts.checkedIn, arrived: rows.filter((r) => r.state !== 'absent').map((r) => r.studentNo).sort() };
}

it('an officer scans a student\'s code, keeps scanning with the network cut, and the server has each attendance once', async () => {
  // The student opens 签到码: the page shows a code, and the QR image carries exactly that code.
  const { page: student } = await phonePage(ctx.browser, ctx.server);
  await actAsUnlisted(student, STUDENT);
  await student.goto(`${ctx.server.base}/#/packages/checkin/pass/index?eventId=${EVENT_ID}`);
  const qr = student.locator('[data-testid="checkin-qr"]:visible');
  await student.locator('[data-testid="checkin-qr"][data-code^="Y1."]:visible').waitFor();
  let studentCode = '';
  for (let attempt = 0; attempt < 3 && !studentCode; attempt++) {
    const shown = await qr.getAttribute('data-code');
    const read = await readQr(qr.locator('img').first());
    if (read === (await qr.getAttribute('data-code'))) {
      expect(read).toBe(shown);
      studentCode = read;
    }
  }
  expect(studentCode).toMatch(/^Y1\./);

  // The branch officer: 我的 → 签到管理 → the lecture → 扫码签到; the offline list is downloaded on opening.
  const { page: officer, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  const officerContext: BrowserContext = officer.context();
  await actAs(officer, ctx.server.base, OFFICER);
  await officer.locator('.me-page .checkin-entry').click();
  await officer.locator(`.checkin-events-page .checkin-event[data-id="${EVENT_ID}"] .checkin-event-scan`).click();
  await officer.locator('.scanner-page .scanner-package--ready:visible', { hasText: '离线名单已下载' }).waitFor();
  await expectCount(officer, 0);

  expect(await scan(officer, studentCode)).toEqual({ label: '签到成功', name: '林睿泽', offline: false });
  await expectCount(officer, 1);
  expect(await scan(officer, studentCode)).toMatchObject({ label: '已签到', name: '林睿泽' });

  // A code from two windows ago (a screenshot) is refused.
  const expired = await codeOfStudent('2023011104', new Date(ctx.server.now().getTime() - 3 * WINDOW_MS));
  expect(await scan(officer, expired)).toMatchObject({ label: '码已过期', name: '郑思雨', offline: false });
  await expectCount(officer, 1);

  // No network: the phone judges codes itself, shows the same labels marked 离线, and queues what it recorded.
  const offlineStudents = ['2023011105', '2023011106', '2023011107'];
  const codes = await Promise.all(offlineStudents.map((s) => codeOfStudent(s)));
  await officerContext.setOffline(true);
  expect(await scan(officer, codes[0])).toEqual({ label: '签到成功', name: '沈子墨', offline: true });
  expect(await scan(officer, codes[1])).toEqual({ label: '签到成功', name: '钟语嫣', offline: true });
  expect(await scan(officer, codes[2])).toEqual({ label: '签到成功', name: '魏嘉豪', offline: true });
  // A second scan of the same member on this phone says 已签到; a code whose proof was not made with the pass's device
  // key, or an old one, is refused on the phone just as the server would.
  expect(await scan(officer, codes[0])).toMatchObject({ label: '已签到', name: '沈子墨', offline: true });
  const pass08 = (await callApi(ctx.server.base, 'issueCheckinPass', { eventId: EVENT_ID }, '2023011108')).data.pass;
  const forged = composeMemberCode(pass08, ctx.server.now(), 'in', () => new Uint8Array(64));
  expect(await scan(officer, forged)).toMatchObject({ label: '无效的码', offline: true });
  expect(await scan(officer, expired)).toMatchObject({ label: '码已过期', offline: true });
  await officer.locator('.scanner-page .scanner-pending:visible', { hasText: '待上传 3 条' }).waitFor();
  await expectCount(officer, 4);
  expect((await attendance()).checkedIn).toBe(1);

  // What the phone will upload (Taro storage is localStorage on H5), to upload it a second time below.
  const queued = await officer.evaluate(() => JSON.parse(localStorage.getItem('ysc.checkin.queue') ?? '{"data":[]}').data);
  expect(queued).toHaveLength(3);

  // Back online: the queue goes up by itself, and a report says how it went.
  await officerContext.setOffline(false);
  await officer.locator('.scanner-page .scanner-report-summary:visible', { hasText: '离线记录已上传 3 条，全部有效' }).waitFor({ timeout: 30_000 });
  await officer.locator('.scanner-page .scanner-pending:visible').waitFor({ state: 'detached', timeout: 10_000 }).catch(async () => {
    expect(await officer.locator('.scanner-page .scanner-pending:visible').count()).toBe(0);
  });
  await expectCount(officer, 4);
  expect(await attendance()).toEqual({ checkedIn: 4, arrived: ['2023011103', '2023011105', '2023011106', '2023011107'] });

  // The same batch uploaded again (a retry after a lost answer) records nothing new.
  const retry = await callApi(
    ctx.server.base,
    'recordScans',
    { eventId: EVENT_ID, scans: queued.map((q: { scanId: string; code: string; scannedAt: string }) => ({ scanId: q.scanId, code: q.code, purpose: 'in', scannedAt: q.scannedAt, offline: true })) },
    OFFICER,
  );
  expect(retry.ok).toBe(true);
  expect(retry.data.results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([true, true, true]);
  expect((await attendance()).checkedIn).toBe(4);

  // The live list shows them.
  await officer.locator('.scanner-page .scanner-open-attendance:visible').click();
  await officer.locator('.attendance-page .attendance-counts:visible', { hasText: '已到 4 / 报名 7' }).waitFor();
  for (const s of [STUDENT, ...offlineStudents]) {
    await officer.locator(`.attendance-page .attendance-row[data-student-no="${s}"]:visible`).waitFor();
  }

  // A correction by hand needs a reason, and is counted at once.
  await officer.locator('.attendance-page .attendance-tab-absent:visible').click();
  await officer.locator('.attendance-page .attendance-row[data-student-no="2023011109"]:visible').click();
  await officer.locator('.attendance-page .correction-op-check_in:visible').click();
  await officer.locator('.attendance-page .correction-submit:visible').click();
  await officer.locator('.attendance-page .correction-error:visible', { hasText: '请填写更正原因' }).waitFor();
  await officer.locator('.attendance-page .correction-reason input:visible').fill('手机没电，现场核实本人');
  await officer.locator('.attendance-page .correction-submit:visible').click();
  await officer.locator('.toast-message', { hasText: '已补签到' }).waitFor();
  await officer.locator('.attendance-page .attendance-counts:visible', { hasText: '已到 5 / 报名 7' }).waitFor();
  expect((await attendance()).checkedIn).toBe(5);

  // The list exports as an .xlsx download.
  const [download] = await Promise.all([officer.waitForEvent('download'), officer.locator('.attendance-page .attendance-export:visible').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 2).toString('latin1')).toBe('PK');
  expect(foreignRequests).toEqual([]);
});

it('the event code page shows a rotating event QR that reads as the code it carries', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, OFFICER);
  await page.goto(`${ctx.server.base}/#/packages/officer/event-code/index?eventId=${EVENT_ID}`);
  const qr = page.locator('.event-code-page .event-code-qr[data-code^="Y1E."]:visible');
  await qr.waitFor();
  const code = await qr.getAttribute('data-code');
  expect(await readQr(qr)).toBe(code);
  await page.locator('.event-code-page .event-code-count:visible', { hasText: '报名 7' }).waitFor();

  // What to do says where the code is in words that hold in both layouts: under the text on a phone, beside it on a
  // projector (never "下方", which the projector's layout contradicts).
  const how = page.locator('.event-code-page .event-code-how:visible');
  const howBox = (await how.boundingBox())!;
  expect((await qr.boundingBox())!.y).toBeGreaterThan(howBox.y); // the phone: the code below
  for (const viewport of [{ width: 375, height: 812 }, { width: 1280, height: 800 }]) {
    await page.setViewportSize(viewport);
    expect(await how.innerText()).toBe('打开微信小程序「青年第二课堂」，点“扫码签到”，扫描本页的二维码');
  }
  const wide = { how: (await how.boundingBox())!, qr: (await qr.boundingBox())! };
  expect(wide.qr.x + wide.qr.width).toBeLessThanOrEqual(wide.how.x); // the projector: the code beside, on the left
  expect(wide.qr.y + wide.qr.height).toBeLessThanOrEqual(800); // and on the screen, with everything beside it
  for (const selector of ['.event-code-count', '.scanner-mode-out', '.page-back']) {
    const box = (await page.locator(`.event-code-page ${selector}:visible`).first().boundingBox())!;
    expect({ selector, onScreen: box.y >= 0 && box.y + box.height <= 800 }).toEqual({ selector, onScreen: true });
  }
});

it('a student who is not staff of the event is refused on the scanner, not shown an empty one', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, '2024011101');
  await page.goto(`${ctx.server.base}/#/packages/officer/scan/index?eventId=${EVENT_ID}`);
  await page.locator('.scanner-page .checkin-forbidden:visible').waitFor();
});

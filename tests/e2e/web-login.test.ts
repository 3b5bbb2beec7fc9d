import type { Page } from 'playwright-core';
import { callApi } from '../support/server-process';
import { phonePage, useDemoServerAndBrowser } from './browser';

/**
 * End to end in Chromium: web login without a password. A browser with no demo identity opens 电脑端扫码登录 on 我的,
 * shows a one-time QR code, and the branch officer confirms it from the mini program (here: the API as that WeChat
 * account, as the phone would after scanning); the browser is then that officer, sees the branch, and logs out, after
 * which the old token is refused. A ticket that lapses shows 二维码已失效 and 刷新 brings a new one (a real lapse takes
 * five minutes: the server's answer is stubbed for that step; the five minutes themselves are unit-tested). A token
 * the server no longer knows is dropped and 我的 offers the login again.
 */
jest.setTimeout(90_000);

const ctx = useDemoServerAndBrowser();

const OFFICER = '2023011102';
const BRANCH = '23级软件技术1班团支部';
const SESSION_KEY = 'ysc.webSession';
const HOW_TO = '请用微信打开「青年第二课堂」小程序，在“我的”中点「扫码登录网页」';

/** POST /api/<action> with a web-login session token, as the browser sends it. */
async function callWithToken(action: string, body: unknown, token: string): Promise<any> {
  const res = await fetch(`${ctx.server.base}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return res.json();
}

/** The session token the page keeps (Taro's H5 storage wraps values as `{ data }`), or null. */
async function storedToken(page: Page): Promise<string | null> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  return raw ? (JSON.parse(raw) as { data?: string }).data ?? null : null;
}

/** The ticket the login page shows, once its QR code is drawn. */
async function shownTicket(page: Page, other?: string): Promise<string> {
  const qr = page.locator('.login-page .login-qr[data-ticket]:visible');
  await page.waitForFunction(
    (previous) => {
      const el = Array.from(document.querySelectorAll('.login-page .login-qr[data-ticket]')).find((e) => (e as HTMLElement).offsetParent !== null);
      const t = el?.getAttribute('data-ticket');
      return !!t && t !== previous && !!el?.querySelector('img[src^="data:image/"]');
    },
    other ?? '',
  );
  const ticket = (await qr.getAttribute('data-ticket')) ?? '';
  expect(ticket).toMatch(/^[A-Za-z0-9_-]{20,64}$/);
  return ticket;
}

it('an officer signs in on a computer by scanning the QR code, sees the branch, and logs out', async () => {
  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  const demoHeaders: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/api/') && req.headers()['x-demo-user']) demoHeaders.push(req.url());
  });

  // A fresh browser, no demo identity: anonymous on 我的, with the way in.
  await page.goto(`${ctx.server.base}/#/pages/me/index`);
  await page.locator('.me-page .profile-unbound').waitFor();
  await page.locator('.me-page .web-login-entry', { hasText: '电脑端扫码登录' }).click();

  await page.locator('.login-page:visible').waitFor();
  const ticket = await shownTicket(page);
  await page.locator('.login-page .login-how:visible', { hasText: HOW_TO }).waitFor();
  await page.locator('.login-page .login-status:visible', { hasText: /后失效/ }).waitFor();

  // The phone: the branch officer's mini program scanned `ysc-login:<ticket>` and confirmed.
  const confirmed = await callApi(ctx.server.base, 'confirmWebLogin', { ticket }, OFFICER);
  expect(confirmed).toEqual({ ok: true, data: { confirmed: true } });

  // The page's poll picks it up and opens 我的 as that officer.
  await page.locator('.me-page .profile-student-no', { hasText: OFFICER }).waitFor();
  await page.locator('.me-page .role-chip', { hasText: BRANCH }).waitFor();
  expect(await page.locator('.me-page .web-login-entry').count()).toBe(0);
  const token = await storedToken(page);
  expect(token).toMatch(/^[A-Za-z0-9_-]{20,128}$/);
  // The ticket was exchanged once: it cannot give a second session.
  expect(await callApi(ctx.server.base, 'pollWebLogin', { ticket })).toMatchObject({ ok: false, code: 'TICKET_INVALID' });

  await page.locator('.me-page .officer-entry').click();
  await page.locator('.members-page .members-branch', { hasText: BRANCH }).first().waitFor();
  await page.locator('.members-page .member-row').first().waitFor();
  expect(await page.locator('.members-page .member-row:visible').count()).toBe(11);

  // 退出网页登录: back to the logged-out 我的; the old token is refused from now on.
  await page.goto(`${ctx.server.base}/#/pages/me/index`);
  await page.locator('.me-page .web-logout', { hasText: '退出网页登录' }).click();
  await page.locator('.me-page .web-login-entry').waitFor();
  await page.locator('.me-page .profile-unbound').waitFor();
  expect(await page.locator('.me-page .role-chip').count()).toBe(0);
  expect(await storedToken(page)).toBeNull();
  expect(await callWithToken('getMe', {}, token!)).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });

  expect(demoHeaders).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

it('a lapsed ticket shows 二维码已失效, and 刷新 brings a new one that still works', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await page.goto(`${ctx.server.base}/#/packages/web/login/index`);
  const first = await shownTicket(page);

  // Five minutes are not waited for: the server's answer to a lapsed ticket, as it sends it.
  await page.route('**/api/pollWebLogin', (route) =>
    route.fulfill({
      status: 410,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, code: 'TICKET_INVALID', message: '二维码已失效或已被使用，请在网页上刷新二维码后重新扫码' }),
    }),
  );
  await page.locator('.login-page .login-expired:visible', { hasText: '二维码已失效' }).waitFor();
  await page.unroute('**/api/pollWebLogin');

  await page.locator('.login-page .login-refresh:visible').click();
  const second = await shownTicket(page, first);
  expect(second).not.toBe(first);
  expect(await page.locator('.login-page .login-expired:visible').count()).toBe(0);

  expect(await callApi(ctx.server.base, 'confirmWebLogin', { ticket: second }, OFFICER)).toMatchObject({ ok: true });
  await page.locator('.me-page .role-chip', { hasText: BRANCH }).waitFor();
});

it('a token the server refuses (SESSION_EXPIRED) is dropped, and 我的 offers the login again', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await page.goto(`${ctx.server.base}/#/pages/events/index`);
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key, JSON.stringify({ data: value })),
    [SESSION_KEY, 'made-up-session-token-000000000000000000'],
  );
  await page.goto(`${ctx.server.base}/#/pages/me/index`);
  await page.reload();
  await page.locator('.me-page .web-login-entry').waitFor();
  await page.locator('.me-page .profile-unbound').waitFor();
  expect(await page.locator('.me-page .web-logout').count()).toBe(0);
  expect(await storedToken(page)).toBeNull();
});

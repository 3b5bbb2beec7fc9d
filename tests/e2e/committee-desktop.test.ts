import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';
import { deskPage, runAxe } from './desk';

/**
 * The committee's pages on a computer (1280×800, as after web login): each has a header band, keeps its content to the
 * content width in the middle, has readable headings and real-size buttons (≥ 44 px tall, ≥ 14 px text), and axe-core
 * finds no colour-contrast or target-size violation. The demo seed provides the data.
 */
jest.setTimeout(240_000);

const ctx = useDemoServerAndBrowser();
const ADMIN = 'o-demo-admin';
const CONTENT_MAX = 1200;
const VIEWPORT = 1280;

const PAGES: Array<{ route: string; root: string; ready: string }> = [
  { route: 'home/index', root: '.committee-home', ready: '.committee-tool-events' },
  { route: 'events/index', root: '.events-admin-page', ready: '.managed-event' },
  { route: 'event-edit/index', root: '.event-edit-page', ready: '.event-save' },
  { route: 'event-preview/index?id=e-firstaid-basic', root: '.event-preview-page', ready: '.preview-lifecycle' },
  { route: 'applications/index?id=e-volunteer-recruit', root: '.applications-page', ready: '.application-row' },
  { route: 'dashboard/index', root: '.dashboard-page', ready: '.target-card' },
  { route: 'teams/index', root: '.teams-review-page', ready: '.team-review' },
  { route: 'outbox/index', root: '.outbox-page', ready: '.outbox-run' },
  { route: 'roster/index', root: '.roster-page', ready: '.roster-pick' },
  { route: 'roles/index', root: '.roles-page', ready: '.invitation-row' },
  { route: 'audit/index', root: '.audit-page', ready: '.audit-entry' },
  { route: 'credits/index', root: '.credits-page', ready: '.credit-group' },
  { route: 'credit-import/index', root: '.credit-import-page', ready: '.credit-import-pick' },
  { route: 'credit-settings/index', root: '.credit-settings-page', ready: '.settings-module' },
];

beforeAll(async () => {
  // Reminders for the events of the next 24 hours, so that the outbox has something to show.
  const run = await callApi(ctx.server.base, 'runScheduledJobs', {}, ADMIN);
  expect(run.ok).toBe(true);
});

it.each(PAGES.map((p) => [p.route, p] as const))('%s at 1280×800: a header, the content width, real buttons, no contrast or target-size violations', async (_r, p) => {
  const { page, foreignRequests } = await deskPage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  await page.goto(`${ctx.server.base}/#/packages/committee/${p.route}`);
  const root = page.locator(`${p.root}:visible`).first();
  await root.locator(p.ready).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(300);

  // A header: the red band, its title a readable heading (not a phone's twice-sized one).
  const hero = root.locator('.page-hero').first();
  const heroBox = (await hero.boundingBox())!;
  expect(heroBox.width).toBeGreaterThanOrEqual(VIEWPORT - 20);
  const titleSize = await hero.locator('.page-hero__title').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(titleSize).toBeGreaterThanOrEqual(22);
  expect(titleSize).toBeLessThanOrEqual(32);

  // The content keeps to the content width, in the middle.
  const boxes = await root.evaluate((el) =>
    Array.from(el.children)
      .filter((c) => !c.classList.contains('page-hero') && (c as HTMLElement).offsetParent !== null)
      .map((c) => {
        const r = c.getBoundingClientRect();
        return { cls: c.className, left: r.left, right: r.right, width: r.width };
      })
      .filter((b) => b.width > 0),
  );
  expect(boxes.length).toBeGreaterThan(0);
  const margin = (VIEWPORT - CONTENT_MAX) / 2;
  for (const b of boxes) {
    expect({ cls: b.cls, ok: b.width <= CONTENT_MAX + 1 && b.left >= margin - 1 && b.right <= VIEWPORT - margin + 1 }).toEqual({ cls: b.cls, ok: true });
  }

  // Real-size buttons: every visible button at least a finger tall, with text a person can read.
  const buttons = await root.evaluate((el) =>
    Array.from(el.querySelectorAll('.nut-button, button'))
      .filter((b) => (b as HTMLElement).offsetParent !== null)
      .map((b) => ({ text: (b.textContent ?? '').trim(), height: b.getBoundingClientRect().height, font: parseFloat(getComputedStyle(b).fontSize) })),
  );
  for (const b of buttons) {
    expect({ text: b.text, tall: b.height >= 44, readable: b.font >= 14 }).toEqual({ text: b.text, tall: true, readable: true });
  }

  const violations = await runAxe(page, `${p.root}`, ['color-contrast', 'target-size']);
  expect(violations).toEqual([]);
  expect(foreignRequests).toEqual([]);
  await page.context().close();
});

it('年度目标看板 shows 青年讲师团: the seeded members behind with their confirmed talks against 3 and 1, and opens the lecturers page', async () => {
  // The demo's school-level team at TEST_MOMENT (November: two on campus expected by now): whoever listLecturers says.
  const team = await callApi(ctx.server.base, 'listLecturers', {}, ADMIN);
  expect(team.ok).toBe(true);
  const behind = team.data.lecturers.filter((l: { progress: { behind: boolean } }) => l.progress.behind);
  expect(behind.length).toBeGreaterThan(0);

  const { page, foreignRequests } = await deskPage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  await page.goto(`${ctx.server.base}/#/packages/committee/dashboard/index`);
  const section = page.locator('.dashboard-page:visible .dashboard-lecturers').first();
  await section.waitFor({ timeout: 20_000 });
  expect(await section.getAttribute('data-behind')).toBe(String(behind.length));
  expect(await section.locator('.lecturer-behind-count').textContent()).toBe(String(behind.length));
  expect(await section.locator('.lecturer-on-track').textContent()).toBe(String(team.data.lecturers.length - behind.length));
  for (const l of behind) {
    const row = section.locator(`.lecturer-behind[data-name="${l.name}"]`);
    await expect(row.textContent()).resolves.toContain(`校内 ${l.progress.onCampus.done}/3`);
    await expect(row.textContent()).resolves.toContain(`校外 ${l.progress.offCampus.done}/1`);
  }
  expect(await section.locator('.lecturer-behind').count()).toBe(behind.length);

  // A college's view leaves the section out (the team is the school's).
  await page.locator('.dashboard-page:visible .dashboard-college [data-value="医学院"]').first().click();
  await page.locator('.dashboard-page:visible .target-card[data-scope="college_share"]').first().waitFor();
  expect(await page.locator('.dashboard-page:visible .dashboard-lecturers').count()).toBe(0);
  await page.locator('.dashboard-page:visible .dashboard-college [data-value="__all__"]').first().click();

  await page.locator('.dashboard-page:visible .dashboard-lecturers-open').first().click();
  await page.locator('.lecturers-page:visible .lecturer-row').first().waitFor({ timeout: 20_000 });
  expect(foreignRequests).toEqual([]);
  await page.context().close();
});

/** The pages the mini program also shows (the same stylesheets), at a phone's size: contrast and targets hold there too. */
const ON_PHONES = ['home/index', 'events/index', 'dashboard/index', 'outbox/index', 'roles/index', 'audit/index', 'credits/index'];

it.each(ON_PHONES.map((route) => [route, PAGES.find((p) => p.route === route)!] as const))('%s at 375×812: no contrast or target-size violations, buttons a finger tall', async (_r, p) => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  await page.goto(`${ctx.server.base}/#/packages/committee/${p.route}`);
  const root = page.locator(`${p.root}:visible`).first();
  await root.locator(p.ready).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(300);
  const short = await root.evaluate((el) =>
    Array.from(el.querySelectorAll('.nut-button, button'))
      .filter((b) => (b as HTMLElement).offsetParent !== null && b.getBoundingClientRect().height < 44)
      .map((b) => (b.textContent ?? '').trim()),
  );
  expect(short).toEqual([]);
  expect(await runAxe(page, p.root, ['color-contrast', 'target-size'])).toEqual([]);
  await page.context().close();
});

it('发布活动: a failed save brings the first wrong field into view (the form is long), its error under it', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await page.setViewportSize({ width: 375, height: 640 });
  await actAs(page, ctx.server.base, ADMIN);
  await page.goto(`${ctx.server.base}/#/packages/committee/event-edit/index`);
  const form = page.locator('.event-edit-page:visible');
  await form.locator('.event-title-input input').fill('百生讲坛：测试讲座');
  await form.locator('.event-location-input input').fill('图书馆报告厅');
  await form.locator('.event-capacity-input input').fill('0');
  // From the buttons at the bottom of the form: 名额 is far above, out of sight.
  await form.locator('.event-save').scrollIntoViewIfNeeded();
  const capacity = form.locator('.event-capacity-input');
  const inView = async () => {
    const box = (await capacity.boundingBox())!;
    return box.y >= 0 && box.y + box.height <= 640;
  };
  expect(await inView()).toBe(false);
  await form.locator('.event-save').click();
  await form.locator('.field-error', { hasText: '名额应为 1–20000 的整数' }).waitFor();
  await page.waitForTimeout(500); // the scroll runs 200 ms
  expect(await inView()).toBe(true);
  await page.context().close();
});

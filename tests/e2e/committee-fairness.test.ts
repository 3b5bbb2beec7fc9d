import { callApi } from '../support/server-process';
import { eventFields } from '../support/event-fields';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';
import { deskPage, runAxe } from './desk';

/**
 * Fair seats on the committee's side (issue 16), in Chromium against the demo server: 缺席限制报名 saved on 模块与毕业要求
 * (its own errors, the note of blocks lifted when it is turned off), and 抽签优先 set in 发布活动, committed at 发布,
 * read-only afterwards, and shown on the student's 抽签 card in the same words.
 */
jest.setTimeout(240_000);

const ctx = useDemoServerAndBrowser();
const ADMIN = 'o-demo-admin';
const STUDENT = '2024011101';

async function api(action: string, payload: unknown, user: string): Promise<any> {
  const answer = await callApi(ctx.server.base, action, payload, user);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data;
}

it('缺席限制报名: the committee turns it on (a wrong number is refused in Chinese under its field), and turning it off reports the blocks lifted', async () => {
  const { page, foreignRequests } = await deskPage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  await page.goto(`${ctx.server.base}/#/packages/committee/credit-settings/index`);
  const card = page.locator('.credit-settings-page:visible .settings-block-rule').first();
  await card.locator('.block-rule-save').waitFor({ timeout: 20_000 });
  // Beside 缺席扣分, not instead of it: both cards on the page, the rule explained in students' terms.
  await page.locator('.credit-settings-page:visible .settings-noshow').first().waitFor();
  expect(await card.locator('.block-rule-explain').innerText()).toContain('与上面的“缺席扣分”各管各的');

  await card.locator('.block-rule-toggle').click();
  await card.locator('.block-rule-marks input').fill('0');
  await card.locator('.block-rule-save').click();
  await card.locator('.block-rule-marks-error', { hasText: '缺席次数请填 1–20 的整数' }).waitFor();
  expect((await api('getSignupBlockRule', {}, ADMIN)).enabled).toBe(false);

  // One no-show is enough here, so that the demo's past events give the job someone to block.
  await card.locator('.block-rule-marks input').fill('1');
  await card.locator('.block-rule-days input').fill('5');
  expect(await card.locator('.block-rule-explain').innerText()).toContain('同一学期累计 1 次，从最近一次记缺席起 5 天内不能报名新活动');
  await card.locator('.block-rule-save').click();
  await card.locator('.block-rule-saved', { hasText: '已开启：每学期缺席 1 次，限制报名 5 天' }).waitFor();
  expect(await api('getSignupBlockRule', {}, ADMIN)).toEqual({ enabled: true, marksPerTerm: 1, blockDays: 5 });

  // Shown again, the page starts from the saved rule.
  await page.reload();
  await card.locator('.block-rule-toggle--on').waitFor({ timeout: 20_000 });
  expect(await card.locator('.block-rule-marks input').inputValue()).toBe('1');
  expect(await card.locator('.block-rule-days input').inputValue()).toBe('5');

  const { marked } = await api('runScheduledJobs', {}, ADMIN);
  await card.locator('.block-rule-toggle').click();
  await card.locator('.block-rule-save').click();
  const note = await card.locator('.block-rule-saved').innerText();
  expect(await api('getSignupBlockRule', {}, ADMIN)).toEqual({ enabled: false, marksPerTerm: 1, blockDays: 5 });
  // The demo's students who missed an event of the last fortnight were blocked; turning the rule off lifted them all.
  expect(marked).toBeGreaterThan(0);
  const lifted = Number(/已关闭，(\d+) 位同学正在生效的报名限制已随之解除/.exec(note)?.[1]);
  expect(lifted).toBeGreaterThanOrEqual(1);
  expect(lifted).toBeLessThanOrEqual(marked);
  expect(await runAxe(page, '.settings-block-rule', ['color-contrast'])).toEqual([]);
  expect(foreignRequests).toEqual([]);
  await page.context().close();
});

it('抽签优先: set in 发布活动 while a draft, committed at 发布, read-only after, and on the student’s 抽签 card in the same words', async () => {
  const hour = 3_600_000;
  const now = ctx.server.now().getTime();
  const at = (hours: number) => new Date(now + hours * hour).toISOString();
  const title = 'AED 实操小班（抽签·E2E）';
  const fields = eventFields({
    title,
    signupMode: 'lottery',
    signupStartAt: at(24),
    signupEndAt: at(48),
    cancelDeadlineAt: at(60),
    startAt: at(72),
    endAt: at(74),
  });
  const { event } = await api('saveEvent', { fields }, ADMIN);
  const modules: Array<{ id: string; name: string }> = (await api('getCreditSettings', {}, ADMIN)).modules;
  const skills = modules.find((m) => m.id === 'skills')!.name;

  const { page } = await deskPage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  await page.goto(`${ctx.server.base}/#/packages/committee/event-edit/index?id=${event.id}`);
  const form = page.locator('.event-edit-page:visible').first();
  const rules = form.locator('.event-lottery-priority');
  await rules.waitFor({ timeout: 20_000 });

  // 本模块尚无学分的同学 (the event's module), ×3; and a college's students, whose college must be picked first.
  await rules.locator('.lottery-priority-add-module').click();
  await rules.locator('.priority-weight-0 .choice-chip[data-value="3"]').click();
  await rules.locator('.lottery-priority-label', { hasText: `优先：${skills}模块尚无学分的同学中签机会 ×3` }).waitFor();
  await rules.locator('.lottery-priority-add-college').click();
  await form.locator('.event-save').click();
  await rules.locator('.lottery-priority-error', { hasText: '请为每条优先规则选好学院或模块' }).waitFor();
  await rules.locator('.priority-college-1 .choice-chip[data-value="医学院"]').click();
  await rules.locator('.lottery-priority-label', { hasText: '优先：医学院的同学中签机会 ×2' }).waitFor();
  expect(await runAxe(page, '.event-lottery-priority', ['color-contrast'])).toEqual([]);
  await form.locator('.event-save').click();
  await page.locator('.toast-message', { hasText: '已保存为草稿' }).waitFor();
  expect((await api('previewEvent', { eventId: event.id }, ADMIN)).fields.lotteryPriority).toEqual([
    { kind: 'new_to_module', module: 'skills', weight: 3 },
    { kind: 'college', college: '医学院', weight: 2 },
  ]);

  // 发布 from the preview: the rules go out with the commitment.
  await form.locator('.event-save-preview').click();
  const preview = page.locator('.event-preview-page:visible');
  await preview.locator('.preview-publish').click();
  await page.locator('.confirm-dialog .nut-dialog-footer-ok:visible').click();
  await preview.locator('.preview-lifecycle', { hasText: '已发布' }).waitFor();

  // Published: the form shows the rules as committed, with why they cannot change; the mode switch is fixed too.
  await page.goto(`${ctx.server.base}/#/packages/committee/event-edit/index?id=${event.id}`);
  const locked = page.locator('.event-edit-page:visible .event-lottery-priority').first();
  await locked.locator('.lottery-priority-locked').waitFor({ timeout: 20_000 });
  expect(await locked.locator('.lottery-priority-label').allInnerTexts()).toEqual([`优先：${skills}模块尚无学分的同学中签机会 ×3`, '优先：医学院的同学中签机会 ×2']);
  expect(await locked.locator('.lottery-priority-add-module').count()).toBe(0);
  expect(await page.locator('.event-edit-page:visible .event-lottery.toggle-switch--disabled').count()).toBe(1);
  await page.context().close();

  // The student's event page: the same two lines on the 抽签 card, before the window opens.
  const student = (await phonePage(ctx.browser, ctx.server)).page;
  await actAs(student, ctx.server.base, STUDENT);
  await student.goto(`${ctx.server.base}/#/pages/event/index?id=${event.id}`);
  const lottery = student.locator('.event-page .lottery-section');
  await lottery.waitFor({ timeout: 20_000 });
  const text = await lottery.innerText();
  expect(text).toContain(`优先：${skills}模块尚无学分的同学中签机会 ×3`);
  expect(text).toContain('优先：医学院的同学中签机会 ×2');
  await student.context().close();
});

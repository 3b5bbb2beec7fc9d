import type { Page } from 'playwright-core';
import { writeXlsx } from '../../server/spreadsheets/xlsx-writer';
import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * Credits from the committee's and the officers' side, in Chromium against the local server's demo seed:
 * 学分统计 by college and then one college by branch (and a college officer kept to their college), manual awards
 * imported from an xlsx (preview with row problems, commit, and the same file again awarding nothing), and a seeded
 * pending appeal accepted by an officer, after which the student's transcript (over HTTP) carries the credit.
 */
jest.setTimeout(180_000);

const ctx = useDemoServerAndBrowser();

const ADMIN = 'o-demo-admin';
/** 院团总支 of 医学院. */
const COLLEGE_OFFICER = '2024021102';
const BRANCH_OFFICER = '2023011102';

async function api(action: string, payload: unknown, user?: string): Promise<any> {
  const answer = await callApi(ctx.server.base, action, payload, user);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data;
}

async function openCommitteeTool(page: Page, tool: string): Promise<void> {
  await actAs(page, ctx.server.base, ADMIN);
  await page.locator('.me-page .committee-entry').click();
  await page.locator(`.committee-home .committee-tool-${tool}:visible`).click();
}

it('the committee sees credits by college, opens one college\'s branches, and a college officer sees only theirs', async () => {
  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  const byCollege = await api('getCreditOverview', { groupBy: 'college' }, ADMIN);
  expect(byCollege.groups.length).toBeGreaterThan(1);

  await openCommitteeTool(page, 'credits');
  const cards = page.locator('.credits-page:visible .credit-group');
  await cards.first().waitFor();
  expect(await cards.count()).toBe(byCollege.groups.length);
  const students = byCollege.groups.reduce((s: number, g: { students: number }) => s + g.students, 0);
  await page.locator('.credits-page:visible .credits-met', { hasText: `/ ${students} 人` }).waitFor();
  expect(await page.locator('.credits-page:visible .module-bar').count()).toBeGreaterThanOrEqual(6);

  // Tap 医学院: its branches, and a way back to the whole school.
  await page.locator('.credits-page:visible .credit-group[data-group="医学院"]').click();
  await page.locator('.credits-page:visible .credits-scope', { hasText: '医学院' }).waitFor();
  const branches = await api('getCreditOverview', { groupBy: 'branch', college: '医学院' }, ADMIN);
  await page.locator(`.credits-page:visible .credit-group[data-group="${branches.groups[0].group}"]`).waitFor();
  expect(await page.locator('.credits-page:visible .credit-group').count()).toBe(branches.groups.length);
  await page.locator('.credits-page:visible .credits-group-branch.credits-group--active').waitFor();

  // 医学院's officer: from 我的, straight to the college's branches; the server would refuse any other college.
  await actAs(page, ctx.server.base, COLLEGE_OFFICER);
  await page.locator('.me-page .credit-stats-entry').click();
  await page.locator('.credits-page:visible .credits-scope', { hasText: '医学院' }).waitFor();
  await page.locator(`.credits-page:visible .credit-group[data-group="${branches.groups[0].group}"]`).waitFor();
  expect(await page.locator('.credits-page:visible .credit-group').count()).toBe(branches.groups.length);
  // 导出 Excel: the college's students as an .xlsx download.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.credits-page:visible .credits-export').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  await page.locator('.toast-message', { hasText: '已导出' }).waitFor();
  const own = await api('getCreditOverview', { groupBy: 'branch' }, COLLEGE_OFFICER);
  expect(new Set(own.groups.map((g: { college: string }) => g.college))).toEqual(new Set(['医学院']));
  expect(foreignRequests).toEqual([]);
});

it('imports manual awards from an xlsx: problems in the preview, clean rows recorded, the same file again records nothing', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  const { members } = await api('listBranchMembers', { branch: '23级软件技术1班团支部' }, ADMIN);
  const [a, b] = members as Array<{ studentNo: string; name: string }>;
  const before = await api('getMyTranscript', {}, a.studentNo);
  const keysBefore = new Set(before.entries.map((e: { key: string }) => e.key));
  const xlsx = Buffer.from(
    writeXlsx({
      sheetName: '手工记分',
      header: ['学号', '模块', '学分', '事由'],
      rows: [
        [a.studentNo, '学术科技与创新创业', 1.5, '“挑战杯”校赛二等奖'],
        [b.studentNo, 'organization', 0.5, '担任迎新志愿者组长'],
        [a.studentNo, '不存在的模块', 1, '写错了模块'],
        ['2099999999', '技能培训及其他', 1, '名单里没有这个学号'],
      ],
    }),
  );
  const file = { name: '学分补记-挑战杯.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx };

  await openCommitteeTool(page, 'credit-import');
  const root = page.locator('.credit-import-page:visible');
  await root.locator('.credit-import-pick').waitFor();
  await root.locator('.credit-import-file-input').setInputFiles(file);
  await root.locator('.credit-import-summary', { hasText: '共 4 行，2 行无误' }).waitFor();
  expect(await root.locator('.credit-import-problem').count()).toBe(2);
  await root.locator('.credit-import-problem[data-row="4"]').waitFor();
  await root.locator('.credit-import-problem[data-row="5"]').waitFor();

  await root.locator('.credit-import-commit', { hasText: '仅记入无误的 2 行' }).click();
  await page.locator('.confirm-dialog:visible .nut-dialog-footer-ok').click();
  await root.locator('.credit-import-result-title', { hasText: '已记入 2 行' }).waitFor();

  const after = await api('getMyTranscript', {}, a.studentNo);
  // The student had seeded entries already: exactly one more, the award of the file's first row.
  const added = after.entries.filter((e: { key: string }) => !keysBefore.has(e.key));
  expect(added.map((e: { amount: number; module: string; sourceType: string }) => [e.sourceType, e.amount, e.module])).toEqual([['manual', 150, 'innovation']]);

  // The same file again (a double upload): previewed as clean, and the commit says every row was already recorded.
  await root.locator('.credit-import-file-input').setInputFiles(file);
  await root.locator('.credit-import-summary', { hasText: '共 4 行，2 行无误' }).waitFor();
  await root.locator('.credit-import-commit').click();
  await page.locator('.confirm-dialog:visible .nut-dialog-footer-ok').click();
  await root.locator('.credit-import-result-title', { hasText: '这 2 行都已记过，未重复记分' }).waitFor();
  const again = await api('getMyTranscript', {}, a.studentNo);
  expect(again.entries.length).toBe(after.entries.length);
});

it('an officer accepts a seeded pending appeal from 签到管理, and the student\'s transcript shows the appeal\'s credit', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  // The seeded appeals this officer may decide (their branch's events).
  let officer = BRANCH_OFFICER;
  let { appeals } = await api('listAppeals', { status: 'pending' }, officer);
  if (appeals.length === 0) {
    officer = COLLEGE_OFFICER;
    ({ appeals } = await api('listAppeals', { status: 'pending' }, officer));
  }
  expect(appeals.length).toBeGreaterThan(0);
  const appeal = appeals[0];
  const before = await api('getMyTranscript', {}, appeal.studentNo);
  expect(before.entries.some((e: { sourceType: string; eventId: string }) => e.sourceType === 'appeal' && e.eventId === appeal.eventId)).toBe(false);

  await actAs(page, ctx.server.base, officer);
  await page.locator('.me-page .checkin-entry').click();
  await page.locator('.checkin-events-page:visible .appeals-entry-count', { hasText: `${appeals.length} 条待处理` }).waitFor();
  await page.locator('.checkin-events-page:visible .appeals-entry').click();

  const root = page.locator('.appeals-page:visible');
  const card = root.locator(`.appeal-card[data-id="${appeal.id}"]`);
  await card.waitFor();
  await card.locator('.appeal-student', { hasText: appeal.name }).waitFor();
  await card.locator('.appeal-event', { hasText: appeal.eventTitle }).waitFor();
  await card.locator('.appeal-note', { hasText: appeal.note }).waitFor();

  // A rejection needs a reason: an empty one is refused on the spot.
  await card.locator('.appeal-reject').click();
  await root.locator('.decision-sheet .decision-submit').click();
  await root.locator('.decision-sheet .decision-error', { hasText: '请填写驳回原因' }).waitFor();
  await root.locator('.decision-sheet .decision-close').click();

  await card.locator('.appeal-accept').click();
  await root.locator('.decision-sheet .decision-reason input').fill('现场签到表有该同学签名，核实到场');
  await root.locator('.decision-sheet .decision-submit').click();
  await page.locator('.toast-message', { hasText: `已通过：${appeal.name}` }).waitFor();
  await root.locator(`.appeal-card[data-id="${appeal.id}"]`).waitFor({ state: 'detached' });

  await root.locator('.appeals-tab-accepted').click();
  const decided = root.locator(`.appeal-card[data-id="${appeal.id}"][data-status="accepted"]`);
  await decided.locator('.appeal-decision-reason', { hasText: '核实到场' }).waitFor();

  const after = await api('getMyTranscript', {}, appeal.studentNo);
  const credited = after.entries.filter((e: { sourceType: string; eventId: string }) => e.sourceType === 'appeal' && e.eventId === appeal.eventId);
  expect(credited.length).toBeGreaterThan(0);
  expect(credited.every((e: { amount: number }) => e.amount > 0)).toBe(true);
  expect(after.appeals.find((x: { id: string }) => x.id === appeal.id)?.status).toBe('accepted');
});

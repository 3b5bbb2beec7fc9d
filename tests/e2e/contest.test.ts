import type { Page } from 'playwright-core';
import { callApi } from '../support/server-process';
import { actAs as pickDemoUser, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * End to end, 百生讲坛: the H5 build in Debian's Chromium at 375×812 against the local server (demo mode, fresh seed).
 * The organiser opens a 院赛 of 机电工程学院 closing in under a minute; a student enters the 主讲人 track from the
 * contest page with slides (a disallowed file refused first, on the phone); a second entry is refused by the server;
 * after the deadline judging starts; two judges (teachers) score on the scoring sheet (a mark over the sheet's maximum
 * refused first); the organiser publishes with the top entry advancing; the student reads 晋级校赛.
 */
jest.setTimeout(150_000);

const ctx = useDemoServerAndBrowser();
const ADMIN = 'o-demo-admin';
const STUDENT = '2024031101';
const OTHER = '2024031103';
const JUDGES = ['o-demo-judge-liu', 'o-demo-judge-zhao'];
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(60_000, 0x41)]);
const OUTLINE = '一、从一封家书讲起：青年与时代；二、身边的榜样；三、我们能做什么。';

async function actAs(page: Page, user: string): Promise<void> {
  await pickDemoUser(page, ctx.server.base, user);
  await page.waitForTimeout(300);
}

it('a student enters, two judges score, the organiser publishes and advances, the student sees 晋级校赛', async () => {
  const base = ctx.server.base;
  const now = ctx.server.now();
  const deadline = new Date(now.getTime() + 45_000);
  const api = async (action: string, body: unknown, user: string) => {
    const answer = await callApi(base, action, body, user);
    if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
    return answer.data;
  };
  const { round } = await api('saveContestRound', {
    fields: {
      year: Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now)),
      level: 'college', college: '机电工程学院', title: '机电工程学院院赛（测试）', tracks: ['speaker'], entryMode: 'open',
      deadlineAt: deadline.toISOString(), conflictRule: true, judgesPerEntry: null, eventId: null,
      sheet: [
        { id: 'content', name: '内容与思想性', weight: 60, max: 100 },
        { id: 'delivery', name: '表达与台风', weight: 40, max: 100 },
      ],
      credits: { module: 'ideology', entered: 50, advanced: 100, awards: [300, 200, 100] },
    },
  }, ADMIN);

  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, STUDENT);
  await page.locator('.me-page .contest-entry').click();
  const card = page.locator('.contest-home-page:visible').last().locator('.round-card', { hasText: '机电工程学院院赛（测试）' });
  await card.locator('.round-track-speaker .round-enter').click();

  const form = page.locator('.contest-enter-page:visible').last();
  await form.locator('.entry-save').waitFor();
  // The phone refuses a file the purpose does not take before sending anything.
  await form.locator('.material-file-input-slides').setInputFiles({ name: '课件.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004') });
  await form.locator('.material-error-slides', { hasText: '.pdf 或 .pptx' }).waitFor();
  await form.locator('.material-file-input-slides').setInputFiles({ name: '青春宣讲.pdf', mimeType: 'application/pdf', buffer: PDF });
  await form.locator('.material-slot-slides', { hasText: '青春宣讲.pdf' }).waitFor();
  await form.locator('.entry-topic-input input').fill('青春向党 强国有我');
  await form.locator('.entry-outline-input textarea').fill(OUTLINE);
  await form.locator('.entry-save').click();
  const mine = page.locator('.contest-home-page:visible').last().locator('.entry-card', { hasText: '青春向党 强国有我' });
  await mine.waitFor();
  await mine.locator('.entry-state', { hasText: '已报名' }).waitFor();

  // A second entry in the same track is refused, with nothing stored.
  const again = await callApi(base, 'submitContestEntry', { roundId: round.id, track: 'speaker', topic: '第二份', outline: OUTLINE, materials: [] }, STUDENT);
  expect(again).toMatchObject({ ok: false, code: 'CONTEST_ENTRY_EXISTS' });
  await api('submitContestEntry', { roundId: round.id, track: 'speaker', topic: '数字中国里的青年担当', outline: OUTLINE, materials: [] }, OTHER);

  // Judges named; judging starts once the deadline has passed (the server's clock moves on in real time).
  await api('setContestJudges', { roundId: round.id, judges: [{ account: JUDGES[0], college: '' }, { account: JUDGES[1], college: '医学院' }] }, ADMIN);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline.getTime() - ctx.server.now().getTime() + 1_000)));
  await api('startContestJudging', { roundId: round.id }, ADMIN);

  for (const [j, judge] of JUDGES.entries()) {
    await actAs(page, judge);
    await page.goto(`${base}/#/packages/contest/judging/index`);
    const list = page.locator('.judging-page:visible').last().locator('.judging-round', { hasText: '机电工程学院院赛（测试）' });
    for (const topic of ['青春向党 强国有我', '数字中国里的青年担当']) {
      await list.locator('.judging-entry--todo', { hasText: topic }).click();
      const sheet = page.locator('.score-page:visible').last();
      await sheet.locator('.score-submit').waitFor();
      const high = topic === '青春向党 强国有我';
      if (j === 0 && high) {
        await sheet.locator('.score-input-content input').fill('120');
        await sheet.locator('.score-input-delivery input').fill('90');
        await sheet.locator('.score-submit').click();
        await sheet.locator('.score-error', { hasText: '0–100' }).waitFor();
      }
      await sheet.locator('.score-input-content input').fill(high ? '92' : '80');
      await sheet.locator('.score-input-delivery input').fill(high ? '88.5' : '78');
      await sheet.locator('.score-submit').click();
      await page.locator('.confirm-dialog:visible .nut-dialog-footer-ok').click();
      await sheet.locator('.score-others').waitFor();
      await page.goBack();
    }
  }

  // The organiser publishes: the top entry of the track advances.
  await actAs(page, ADMIN);
  await page.goto(`${base}/#/packages/committee/contest-round/index?id=${round.id}`);
  const publish = page.locator('.contest-round-page:visible .nut-button.contest-publish');
  await publish.waitFor();
  await page.locator('.contest-round-page:visible .advance-n-input input').fill('1');
  await publish.click();
  await page.locator('.confirm-dialog:visible .nut-dialog-footer-ok').click();
  await page.locator('.contest-round-page:visible .ranking-row--advanced', { hasText: '青春向党 强国有我' }).waitFor();

  // The student reads where they stand.
  await actAs(page, STUDENT);
  await page.goto(`${base}/#/packages/contest/home/index`);
  const result = page.locator('.contest-home-page:visible .entry-card', { hasText: '青春向党 强国有我' }).locator('.entry-result-label');
  await expect(result.textContent()).resolves.toContain('晋级校赛');
  const other = await api('getContestHome', {}, OTHER);
  expect(other.entries.find((e: { roundId: string }) => e.roundId === round.id).result).toMatchObject({ rank: 2, advanced: false });
  expect(foreignRequests).toEqual([]);
});

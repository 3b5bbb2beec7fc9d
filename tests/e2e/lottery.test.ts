import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bundleLocalServer, callApi, startServer, type RunningServer } from '../support/server-process';
import { TEST_MOMENT } from '../support/test-moment';
import { actAs as pickDemoUser, launchChromium, phonePage } from './browser';

/**
 * Fair seats (issue 16) end to end, in Chromium against the real server process: students apply to the demo's open
 * lottery (one through the page, the rest over the API), a student signs up for three events and comes to none; then
 * the server's clock moves on — the server is stopped and started again on the same data with a later
 * TEST_CLOCK_START (the seed does not run again on existing data) — past the lottery's close and the day after those
 * events. The scheduled job (every second here) draws the lottery and records the no-shows; a winner sees 已中签, one
 * waiting sees 候补第 N 位 (N from the published result), the verify page and `scripts/verify-draw.mjs` agree with the
 * API, a winner's approved leave passes the seat down the drawn order, and the student with three no-shows is refused
 * with the block's end date.
 */
jest.setTimeout(120_000);

const LOTTERY = 'e-lottery-firstaid';
/** Applies through the page; the demo switch lists the first student (…01) of each class. */
const UI_APPLICANT = '2025011101';
/** Signs up for three events held before the clock moves and checks in at none (23级软件技术1班). */
const ABSENT = '2023011101';
const MISSED_EVENTS = ['e-lecture-now', 'e-theme-twenty', 'e-firstaid-basic'];
const ADMIN = 'o-demo-admin';

/** The first student of every seeded class (as server/local/seed.ts numbers them), none with seeded sign-ups. */
function firstOfEachClass(): string[] {
  const majors = [3, 3, 2, 2, 3, 2];
  const numbers: string[] = [];
  majors.forEach((count, college) => {
    for (let major = 1; major <= count; major++) {
      for (const grade of ['2023', '2024', '2025']) numbers.push(`${grade}${String(college + 1).padStart(2, '0')}${major}101`);
    }
  });
  return numbers;
}
// Our 44 among the seed's 36 applicants for 20 seats: at least one of ours wins and at least one waits, whatever the
// random seed (the chance that none of ours wins is below one in a million).
const APPLICANTS = firstOfEachClass().filter((no) => no !== ABSENT);

const bundle = bundleLocalServer();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ysc-e2e-lottery-'));
const h5 = path.resolve('dist/h5');
let server: RunningServer;
let browser: Browser;

function serverAt(instant: Date, jobsIntervalMs: number): Promise<RunningServer> {
  return startServer(bundle.file, {
    DATA_DIR: dataDir, STATIC_DIR: h5, DEMO_MODE: '1', TEST_CLOCK_START: instant.toISOString(), JOBS_INTERVAL_MS: String(jobsIntervalMs),
  });
}

beforeAll(async () => {
  if (!existsSync(path.join(h5, 'index.html'))) throw new Error('dist/h5 is missing: run `npx taro build --type h5` (npm test does)');
  // No scheduled job before the clock moves: what happens, happens after.
  server = await serverAt(TEST_MOMENT, 0);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  bundle.remove();
});

async function api(action: string, body: unknown, user?: string): Promise<any> {
  const answer = await callApi(server.base, action, body, user);
  if (!answer.ok) throw new Error(`${action} as ${user}: ${answer.code} ${answer.message}`);
  return answer.data;
}

async function actAs(page: Page, studentNo: string): Promise<void> {
  await pickDemoUser(page, server.base, studentNo);
  await page.locator('.me-page .profile-student-no', { hasText: studentNo }).waitFor();
}

async function openEvent(page: Page, eventId: string): Promise<void> {
  await page.goto(`${server.base}/#/pages/event/index?id=${eventId}`);
  await page.locator('.event-page .event-title').waitFor();
}

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 }).catch(async () => {
    throw new Error(`expected “${text}”, saw “${await locator.first().innerText().catch(() => '(nothing)')}”`);
  });
}

/** What the result and each of our applicants look like once drawn (filled by the draw test). */
const drawn = {
  seats: 0,
  winners: [] as string[],
  /** Our applicants by status, with their 化名 and (waiting) place. */
  won: [] as Array<{ studentNo: string; pseudonym: string }>,
  waiting: [] as Array<{ studentNo: string; pseudonym: string; position: number }>,
};

describe('a lottery event, drawn when the clock passes its close, and a block after three no-shows', () => {
  it('students apply during the window, one through the event page, without a seat yet', async () => {
    const { page, foreignRequests } = await phonePage(browser, server);
    await actAs(page, UI_APPLICANT);
    await openEvent(page, LOTTERY);
    await page.locator('.event-page .lottery-section').waitFor();
    await page.locator('.event-page .signup-button:visible', { hasText: '申请抽签' }).click();
    await page.locator('.toast-message', { hasText: '已申请抽签' }).waitFor();
    await expectText(page.locator('.event-page .lottery-mine'), '已申请');
    expect(foreignRequests).toEqual([]);
    await page.context().close();

    for (const no of APPLICANTS.filter((n) => n !== UI_APPLICANT)) {
      expect((await api('signUp', { eventId: LOTTERY }, no)).registration.status).toBe('applied');
    }
    const fairness = await api('getEventFairness', { eventId: LOTTERY }, UI_APPLICANT);
    expect(fairness.lottery).toMatchObject({ phase: 'applying', seed: null, mine: { status: 'applied', pseudonym: null } });
    expect(fairness.lottery.applicants).toBeGreaterThanOrEqual(APPLICANTS.length);
  });

  it('a student signs up for three events, comes to none, and the committee turns the block rule on', async () => {
    for (const eventId of MISSED_EVENTS) expect((await api('signUp', { eventId }, ABSENT)).registration.status).toBe('confirmed');
    expect(await api('updateSignupBlockRule', { enabled: true, marksPerTerm: 3, blockDays: 7 }, ADMIN)).toMatchObject({ enabled: true });
    expect((await api('getEventFairness', { eventId: MISSED_EVENTS[0] }, ABSENT)).myBlock).toBeNull();
  });

  it('the clock moves past the close: the scheduled job draws, and records the no-shows', async () => {
    // The later moment, from the data: a few minutes after the lottery's window closed and the marks fell due (a day
    // after each missed event ended), so the run is the same whatever the hour.
    const events = await Promise.all([LOTTERY, ...MISSED_EVENTS].map(async (eventId) => (await api('getEvent', { eventId })).event));
    const closes = Date.parse(events[0].signupEndAt);
    const marksDue = Math.max(...events.slice(1).map((e) => Date.parse(e.endAt))) + 86_400_000;
    const later = new Date(Math.max(closes, marksDue) + 5 * 60_000);
    expect(later.getTime()).toBeLessThan(Date.parse(events[0].startAt));

    await server.stop();
    server = await serverAt(later, 1000);
    expect(server.output()).not.toContain('已写入演示数据');

    const lottery = await waitFor(async () => {
      const view = (await api('getEventFairness', { eventId: LOTTERY }, UI_APPLICANT)).lottery;
      return view.phase === 'drawn' && view.complete ? view : null;
    });
    expect(lottery.seed).toMatch(/^[0-9a-f]{64}$/);

    const first = await api('getLotteryResult', { eventId: LOTTERY, page: 1 });
    const published = [...first.applicants];
    for (let p = 2; p <= first.pages; p++) published.push(...(await api('getLotteryResult', { eventId: LOTTERY, page: p })).applicants);
    expect(published).toHaveLength(first.total);
    drawn.seats = first.seats;
    const byRank = [...published].sort((a, b) => a.rank - b.rank);
    drawn.winners = byRank.filter((a) => a.rank <= first.seats).map((a) => a.pseudonym);
    const rankOf = new Map(published.map((a) => [a.pseudonym, a.rank as number]));

    for (const no of APPLICANTS) {
      const mine = (await api('getEventFairness', { eventId: LOTTERY }, no)).lottery.mine;
      const rank = rankOf.get(mine.pseudonym);
      expect(rank).toBe(mine.rank);
      if (mine.status === 'confirmed') {
        expect(rank).toBeLessThanOrEqual(first.seats);
        drawn.won.push({ studentNo: no, pseudonym: mine.pseudonym });
      } else {
        expect(mine.status).toBe('waitlisted');
        // Nobody has left the waitlist: the place is the drawn rank among those not drawn a seat.
        const position = byRank.filter((a) => a.rank > first.seats && a.rank <= rank!).length;
        expect(mine.waitlistPosition).toBe(position);
        drawn.waiting.push({ studentNo: no, pseudonym: mine.pseudonym, position });
      }
    }
    expect(drawn.won.length).toBeGreaterThan(0);
    expect(drawn.waiting.length).toBeGreaterThan(0);

    await waitFor(async () => ((await api('getEventFairness', { eventId: MISSED_EVENTS[0] }, ABSENT)).myBlock ? true : null));
  });

  it('a winner sees 已中签 and one waiting sees 候补第 N 位 on the event page', async () => {
    const { page } = await phonePage(browser, server);
    await actAs(page, drawn.won[0].studentNo);
    await openEvent(page, LOTTERY);
    await expectText(page.locator('.event-page .lottery-mine'), '已中签');
    await expectText(page.locator('.event-page .lottery-mine'), drawn.won[0].pseudonym);

    // The last of ours waiting: a place further down than the first.
    const waiter = drawn.waiting[drawn.waiting.length - 1];
    await actAs(page, waiter.studentNo);
    await openEvent(page, LOTTERY);
    await expectText(page.locator('.event-page .lottery-mine'), `候补第 ${waiter.position} 位`);
    await page.context().close();
  });

  it('the verify page recomputes the draw, finds it checks out, and marks the viewer’s own line', async () => {
    const waiter = drawn.waiting[0];
    const { page, foreignRequests } = await phonePage(browser, server);
    await actAs(page, waiter.studentNo);
    await openEvent(page, LOTTERY);
    await page.locator('.event-page .lottery-verify-link').click();
    await expectText(page.locator('.lottery-verdict'), '核对通过');
    const own = page.locator('.lottery-verify__line--mine');
    await expectText(own, '这是你');
    expect(await own.count()).toBe(1);
    expect(await own.locator('.lottery-verify__pseudonym').innerText()).toBe(waiter.pseudonym);
    expect(await own.locator('.lottery-verify__state').innerText()).toBe(`候补 ${waiter.position}`);
    // The winners as the page lists them, in drawn order, are the published ones.
    const won = await page.locator('.lottery-verify__line--won .lottery-verify__pseudonym').allInnerTexts();
    expect(won).toEqual(drawn.winners);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  it('`npm run verify-draw` (scripts/verify-draw.mjs) against the running server prints the same winners', async () => {
    const { code, out } = await runNode(['scripts/verify-draw.mjs', LOTTERY, server.base]);
    expect(code).toBe(0);
    expect(out).toContain('核对通过');
    const line = out.split('\n').find((l) => l.startsWith('中签（按抽中顺序）：'));
    expect(line?.slice('中签（按抽中顺序）：'.length).trim().split(' ')).toEqual(drawn.winners);
  });

  it('a winner who cannot come asks for leave on the page; approved, the seat passes down the drawn order', async () => {
    const winner = drawn.won[0];
    const waiter = drawn.waiting[drawn.waiting.length - 1];
    const { page } = await phonePage(browser, server);
    await actAs(page, winner.studentNo);
    await openEvent(page, LOTTERY);
    // Past the cancel deadline (the window's close): leave, not cancelling, is the way.
    await page.locator('.event-page .leave-open:visible').click();
    const sheet = page.locator('.event-page .leave-sheet:visible');
    await sheet.locator('.leave-reason textarea').fill('发烧在校医院输液，附病假条');
    await sheet.locator('.leave-submit').click();
    await page.locator('.toast-message', { hasText: '请假已提交' }).waitFor();
    await expectText(page.locator('.event-page .leave-status:visible'), '等待主办方处理');

    expect(await api('decideLeave', { eventId: LOTTERY, studentNo: winner.studentNo, approve: true }, ADMIN)).toMatchObject({ promoted: true });
    // The first waiting got the seat: everyone waiting moved up one place.
    await actAs(page, waiter.studentNo);
    await openEvent(page, LOTTERY);
    await expectText(page.locator('.event-page .lottery-mine:visible'), waiter.position === 1 ? '已中签' : `候补第 ${waiter.position - 1} 位`);
    for (const w of drawn.waiting) {
      const mine = (await api('getEventFairness', { eventId: LOTTERY }, w.studentNo)).lottery.mine;
      expect(mine).toMatchObject(w.position === 1 ? { status: 'confirmed' } : { status: 'waitlisted', waitlistPosition: w.position - 1 });
    }
    await page.context().close();
  });

  it('the student with three no-shows this term is refused sign-up, with the block’s end date', async () => {
    const { myBlock } = await api('getEventFairness', { eventId: MISSED_EVENTS[0] }, ABSENT);
    expect(myBlock).toMatchObject({ marks: 3 });
    const days = (Date.parse(myBlock.until) - server.now().getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const until = new Date(Date.parse(myBlock.until) + 8 * 3_600_000);
    const endDate = `${until.getUTCFullYear()}年${until.getUTCMonth() + 1}月${until.getUTCDate()}日`;
    expect(myBlock.message).toContain(endDate);

    const open = await openForSignUp(['e-lecture-challenge', 'e-volunteer-recruit', 'e-theme-integrity', 'e-lecture-speaker']);
    const { page } = await phonePage(browser, server);
    await actAs(page, ABSENT);
    // The block is said before any tap, on a lottery event and on a first-come one (it comes with the event).
    await openEvent(page, LOTTERY);
    await expectText(page.locator('.event-page .signup-refusal:visible'), endDate);
    await openEvent(page, open);
    await expectText(page.locator('.event-page .event-title:visible'), (await api('getEvent', { eventId: open })).event.title);
    const refusal = page.locator('.event-page .signup-refusal:visible');
    await expectText(refusal, myBlock.message);
    await expectText(refusal, endDate);
    // A tap anyway is refused by the server with the same words, and nothing is written.
    await page.locator('.event-page .signup-button:visible').click();
    await expectText(refusal, myBlock.message);
    expect((await api('getEvent', { eventId: open }, ABSENT)).myRegistration).toBeNull();
    await page.context().close();
  });
});

/** The first of these events whose sign-up window is open on the server's clock. */
async function openForSignUp(eventIds: string[]): Promise<string> {
  const now = server.now().getTime();
  for (const eventId of eventIds) {
    const { event } = await api('getEvent', { eventId });
    if (Date.parse(event.signupStartAt) <= now && now < Date.parse(event.signupEndAt) - 600_000 && event.seatsLeft > 0) return eventId;
  }
  throw new Error('no seeded event is open for sign-up at the later moment');
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`not reached within ${timeoutMs} ms; server said: ${server.output().slice(-800)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function runNode(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

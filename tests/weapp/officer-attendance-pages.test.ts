/**
 * 到场名单 of a crowded event in the BUILT weapp (dist/weapp, packages/officer/attendance/index) rendered in
 * miniprogram-simulate, with the real handlers on a seeded SQLite database behind wx.cloud.callFunction (./harness.ts).
 * 900 students sign up — more than one page of getEventAttendance (ATTENDANCE_PER_PAGE = 800) — and the officer's
 * page shows the server's counts, reads the second page by itself, and finds a member who is only on it.
 */
import { ATTENDANCE_PER_PAGE } from '../../types';
import { eventFields } from '../support/event-fields';
import { makeStudents } from '../support/factories';
import { bootWeapp, callAs, createBackend, openPage, visibleText, type Backend, type PageHandle } from './harness';

const ADMIN = 'o-demo-admin';
const MEMBERS = ATTENDANCE_PER_PAGE + 100;

jest.setTimeout(120_000);

let backend: Backend;
let page: PageHandle;
let eventId: string;
const students = makeStudents(MEMBERS, 5001).map((s) => ({ ...s, openid: `o-crowd-${s.studentNo}`, name: `同学${s.studentNo.slice(-4)}` }));
const lastOne = students[students.length - 1];

const ask = (action: string, payload: object, openid: string) => callAs(backend, action, payload, openid);

beforeAll(async () => {
  backend = await createBackend({ openid: ADMIN });
  bootWeapp(backend);
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  await backend.storage.putStudents(students);
  const fields = eventFields({
    title: '开学典礼暨新生入学教育',
    capacity: MEMBERS,
    signupStartAt: hours(-3),
    signupEndAt: hours(2),
    cancelDeadlineAt: hours(2),
    startAt: hours(3),
    endAt: hours(5),
  });
  eventId = (await ask('saveEvent', { fields }, ADMIN)).event.id;
  await ask('changeEventStatus', { eventId, action: 'publish' }, ADMIN);
  for (const s of students) await ask('signUp', { eventId }, s.openid!);
});

afterAll(async () => {
  page?.close();
  await backend?.close();
});

describe('weapp build, 到场名单 of an event over one page (packages/officer/attendance/index)', () => {
  it('shows the server\'s counts, reads every page by itself and finds a member of the second page', async () => {
    page = await openPage('packages/officer/attendance/index', { eventId }, backend);
    await page.waitFor('the counts', () => page.findAll('attendance-counts')[0]);
    expect(visibleText(page.find('attendance-counts'))).toContain(`报名 ${MEMBERS}`);
    // The second page is read without a tap; then the note goes.
    await page.waitFor('every page read', () => page.findAll('attendance-paging').length === 0 && backend.calls.filter((c) => c.action === 'getEventAttendance').length >= 2, 30_000);
    const pagesRead = backend.calls.filter((c) => c.action === 'getEventAttendance');
    expect(pagesRead[0].payload).toEqual({ eventId });
    expect(pagesRead[1].payload).toMatchObject({ eventId, cursor: expect.any(String) });
    await page.type(page.find('attendance-search'), lastOne.studentNo);
    const row = await page.waitFor('the member of page 2', () => page.findAll('attendance-row').find((r) => visibleText(r).includes(lastOne.name)));
    expect(visibleText(row)).toContain(lastOne.studentNo);
    expect(visibleText(page.find('attendance-search-summary'))).toContain('找到 1 人');
  });

  it('updates a second-page member in place after a correction by hand, the counts from the server', async () => {
    const row = () => page.findAll('attendance-row').find((r) => visibleText(r).includes(lastOne.name));
    await page.tap(row()!);
    await page.type(await page.waitFor('the correction sheet', () => page.findAll('correction-reason')[0]), '手机没电，现场核实本人');
    await page.tap(page.find('correction-submit'));
    await page.waitFor('the row to say 团干部补签', () => visibleText(row() ?? page.dom).includes('团干部补签'));
    expect(visibleText(page.find('attendance-counts'))).toMatch(new RegExp(`已到 1\\s*/ 报名 ${MEMBERS}`));
    expect(backend.calls.filter((c) => c.action === 'correctAttendance').map((c) => c.ok)).toEqual([true]);
  });
});

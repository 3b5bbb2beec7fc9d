import { EVENTS_PER_PAGE, type ActionName, type ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { CALL_RESULT_LIMIT_BYTES, jsonBytes } from '../../server/dispatch/limits';
import { MAX_READS_PER_CALL, PAGE_BYTES_BUDGET } from '../../server/features/shared/event-pages';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import { NOW, at, makeEvent, makeStudent } from '../support/factories';

/**
 * Lists of events answer a page a call (types/pages.ts): listEvents (the catalogue) and listManagedEvents (the
 * organisers' list). Pages follow the catalogue's order, `next` leads on until null, every event comes once, the
 * caller's filters (drafts hidden from students, an organiser's scope, a lifecycle, a keyword) hold across pages, and a
 * full page stays far under the 1 MB a cloud function may answer, whatever the events' texts.
 */
const COLLEGE = '信息工程学院';
let storage: StoragePort;

function call(action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> {
  return dispatch({ action, payload }, ctx);
}
function ok<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.data;
}
const as = (openid: string | null): HandlerContext => ({
  storage,
  caller: openid ? { kind: 'wechat', openid } : { kind: 'anonymous' },
  now: () => NOW,
  demoMode: false,
});
const student = () => as('openid-1');
const admin = () => as('o-admin');
const collegeOfficer = () => as('o-college');

async function grant(openid: string, role: 'college_officer' | 'committee_admin', scope: string) {
  await storage.grantRole(
    { openid, role, scope, grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: openid, detail: '{}' },
  );
}

/** Every page of a list, following `next`; answers the pages' ids. */
async function pagesOf(action: 'listEvents' | 'listManagedEvents' | 'listCheckinEvents', payload: Record<string, unknown>, ctx: HandlerContext): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const answer: { events: Array<{ id: string }>; next: string | null } = ok(await call(action, { ...payload, ...(cursor ? { cursor } : {}) }, ctx));
    pages.push(answer.events.map((e) => e.id));
    cursor = answer.next;
  } while (cursor && pages.length < 50);
  expect(cursor).toBeNull();
  return pages;
}

const id = (k: number) => `ev-${String(k).padStart(3, '0')}`;

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('lists of events a page a call on %s', (_adapter, makeStorage) => {
  beforeEach(async () => {
    storage = makeStorage();
    await storage.putStudents([makeStudent(1, { college: COLLEGE })]);
    await grant('o-admin', 'committee_admin', '');
    await grant('o-college', 'college_officer', COLLEGE);
  });

  afterEach(async () => {
    await storage.close();
  });

  it('pages the catalogue by start (then id): every event once, drafts never, my status on each, the filters across pages', async () => {
    // 12 events, 4 starting at one moment; every third a draft; the odd ones about volunteering.
    await storage.putEvents(
      Array.from({ length: 12 }, (_, k) =>
        makeEvent({
          id: id(k),
          startAt: at(k < 4 ? 50 : 100 + k).toISOString(),
          status: k % 3 === 2 ? 'draft' : 'published',
          category: k % 2 ? 'volunteer' : 'lecture',
          title: k % 2 ? `学雷锋志愿服务 ${k}` : `百生讲坛 ${k}`,
        }),
      ),
    );
    ok(await call('signUp', { eventId: id(4) }, student()));
    const shown = Array.from({ length: 12 }, (_, k) => k).filter((k) => k % 3 !== 2).map(id);
    const pages = await pagesOf('listEvents', { limit: 3 }, student());
    expect(pages.flat()).toEqual(shown);
    // Pages are full while events remain: the drafts read are made up for by reading on.
    expect(pages.slice(0, -1).every((p) => p.length === 3)).toBe(true);
    const first = ok(await call('listEvents', { limit: 5 }, student()));
    expect(first.events.find((e: { id: string }) => e.id === id(4))).toMatchObject({ myStatus: 'confirmed' });
    expect(first.next).toEqual(expect.any(String));
    expect((await pagesOf('listEvents', { category: 'volunteer', limit: 2 }, student())).flat()).toEqual(shown.filter((x) => Number(x.slice(3)) % 2));
    expect((await pagesOf('listEvents', { keyword: '志愿', limit: 2 }, as(null))).flat()).toEqual(shown.filter((x) => Number(x.slice(3)) % 2));
    // Without a limit: EVENTS_PER_PAGE, here all of them in one page.
    expect(ok(await call('listEvents', {}, student()))).toMatchObject({ events: expect.any(Array), next: null });
    expect(ok(await call('listEvents', {}, student())).events).toHaveLength(shown.length);
  });

  it('pages the organisers\' list: the committee sees every event, a college officer theirs, a lifecycle filters', async () => {
    await storage.putEvents(
      Array.from({ length: 10 }, (_, k) =>
        makeEvent({
          id: id(k),
          startAt: at(100 + k).toISOString(),
          status: k % 2 ? 'draft' : 'published',
          ...(k % 3 === 0 ? { hostKind: 'college', hostUnit: COLLEGE, hostCollege: COLLEGE } : {}),
        }),
      ),
    );
    expect((await pagesOf('listManagedEvents', { limit: 4 }, admin())).map((p) => p.length)).toEqual([4, 4, 2]);
    expect((await pagesOf('listManagedEvents', { limit: 4 }, admin())).flat()).toEqual(Array.from({ length: 10 }, (_, k) => id(k)));
    expect((await pagesOf('listManagedEvents', { limit: 2 }, collegeOfficer())).flat()).toEqual([0, 3, 6, 9].map(id));
    expect((await pagesOf('listManagedEvents', { limit: 2, lifecycle: 'draft' }, admin())).flat()).toEqual([1, 3, 5, 7, 9].map(id));
    const page = ok(await call('listManagedEvents', { limit: 1 }, admin()));
    expect(page.events[0]).toMatchObject({ id: id(0), lifecycle: 'published', pendingApplications: 0 });
  });

  it('pages the officers\' check-in list: the events they may run check-in for, never a cancelled one', async () => {
    await storage.putEvents(
      Array.from({ length: 9 }, (_, k) =>
        makeEvent({
          id: id(k),
          startAt: at(100 + k).toISOString(),
          status: k === 4 ? 'cancelled' : 'published',
          ...(k % 2 ? { hostKind: 'college', hostUnit: COLLEGE, hostCollege: COLLEGE } : {}),
          ...(k === 8 ? { staffOpenids: ['o-helper'] } : {}),
        }),
      ),
    );
    expect((await pagesOf('listCheckinEvents', { limit: 3 }, admin())).flat()).toEqual([0, 1, 2, 3, 5, 6, 7, 8].map(id));
    expect((await pagesOf('listCheckinEvents', { limit: 2 }, collegeOfficer())).flat()).toEqual([1, 3, 5, 7].map(id));
    expect((await pagesOf('listCheckinEvents', {}, as('o-helper'))).flat()).toEqual([id(8)]);
    expect(ok(await call('listCheckinEvents', { limit: 1 }, admin())).events[0]).toMatchObject({ id: id(0), counts: { registered: 0, checkedIn: 0 } });
  });

  it('bounds the reads of one call: a caller shown few events of a long list gets a short page and reads on with next', async () => {
    // The college's one event comes after (MAX_READS_PER_CALL + 2) pages of others' events.
    const others = (MAX_READS_PER_CALL + 2) * 2;
    await storage.putEvents([
      ...Array.from({ length: others }, (_, k) => makeEvent({ id: id(k), startAt: at(100 + k).toISOString() })),
      makeEvent({ id: 'ev-mine', startAt: at(999).toISOString(), hostKind: 'college', hostUnit: COLLEGE, hostCollege: COLLEGE }),
    ]);
    const first = ok(await call('listManagedEvents', { limit: 2 }, collegeOfficer()));
    expect(first).toEqual({ events: [], next: expect.any(String) });
    expect((await pagesOf('listManagedEvents', { limit: 2 }, collegeOfficer())).flat()).toEqual(['ev-mine']);
  });

  it('refuses a cursor it did not make and a limit over the most a page holds', async () => {
    await storage.putEvents([makeEvent({ id: id(1) })]);
    for (const cursor of ['not-a-cursor', Buffer.from('[1,2]').toString('base64url'), 'a'.repeat(401), 'a b']) {
      const answer = await call('listEvents', { cursor }, student());
      expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expect(await call('listManagedEvents', { limit: EVENTS_PER_PAGE + 1 }, admin())).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call('listEvents', { limit: 0 }, student())).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it(`answers a full page (${EVENTS_PER_PAGE} events) with every text at its longest in well under 500 KB`, async () => {
    const longest = (n: number, what: string) => `${what}${'长'.repeat(n - what.length)}`;
    await storage.putEvents(
      Array.from({ length: EVENTS_PER_PAGE + 5 }, (_, k) =>
        makeEvent({
          id: `e-${String(k).padStart(10, 'x')}`,
          startAt: at(100 + k).toISOString(),
          title: longest(60, '标题'),
          organizer: longest(40, '主办方'),
          location: longest(60, '地点'),
          tag: '团支部赛道',
          approvalRequired: false,
          hostKind: 'college', hostUnit: longest(40, '学院'), hostCollege: COLLEGE,
          geofence: { lat: 30.123456, lng: 114.123456, radiusM: 200 },
          staffOpenids: ['o-staff-aaaaaaaaaaaaaaaaaaaaaaaa', 'o-staff-bbbbbbbbbbbbbbbbbbbbbbbb'],
        }),
      ),
    );
    const catalogue = ok(await call('listEvents', {}, student()));
    const managed = ok(await call('listManagedEvents', {}, admin()));
    const checkin = ok(await call('listCheckinEvents', {}, admin()));
    for (const answer of [catalogue, managed, checkin]) {
      expect(answer.events).toHaveLength(EVENTS_PER_PAGE);
      expect(jsonBytes({ ok: true, data: answer })).toBeLessThan(450 * 1024);
    }
  });

  it('ends a page by weight before 1 MB when events are at their heaviest (30 colleges of 64 characters, 20 check-in staff), and every event still comes once', async () => {
    const longest = (n: number, what: string) => `${what}${'长'.repeat(n - what.length)}`;
    const total = EVENTS_PER_PAGE + 5;
    await storage.putEvents(
      Array.from({ length: total }, (_, k) =>
        makeEvent({
          id: `e-${String(k).padStart(10, 'x')}`,
          startAt: at(100 + k).toISOString(),
          title: longest(60, '标题'),
          organizer: longest(40, '主办方'),
          location: longest(60, '地点'),
          hostKind: 'committee', hostUnit: longest(40, '校团委'), hostCollege: '',
          audience: { colleges: Array.from({ length: 30 }, (_, c) => longest(64, `学院${c}`)), grades: Array.from({ length: 10 }, (_, g) => `20${g}级级级级`), leagueMembersOnly: false },
          staffOpenids: Array.from({ length: 20 }, (_, o) => `o-staff-${String(o).padStart(24, 'x')}`),
        }),
      ),
    );
    for (const [action, ctx] of [['listEvents', student()], ['listManagedEvents', admin()], ['listCheckinEvents', admin()]] as const) {
      const first = ok(await call(action, {}, ctx));
      // 400 of them would be over 2 MB: the page stops by weight, under the budget and far under the call's limit.
      expect(first.events.length).toBeLessThan(EVENTS_PER_PAGE);
      expect(first.events.length).toBeGreaterThan(50);
      expect(jsonBytes({ ok: true, data: first })).toBeLessThan(PAGE_BYTES_BUDGET + 64 * 1024);
      expect(jsonBytes({ ok: true, data: first })).toBeLessThan(CALL_RESULT_LIMIT_BYTES);
      expect(first.next).not.toBeNull();
      const ids = (await pagesOf(action, {}, ctx)).flat();
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
    }
  });
});

it('reads on from the cursor\'s place in the order: an event moved before it meanwhile is neither repeated nor shown (the next reload has it)', async () => {
  storage = new SqliteStorage({ file: ':memory:' });
  await storage.putEvents(Array.from({ length: 4 }, (_, k) => makeEvent({ id: id(k), startAt: at(100 + k).toISOString() })));
  const first = ok(await call('listEvents', { limit: 2 }, as(null)));
  const moved = (await storage.getEvent(id(3)))!;
  await storage.putEvents([{ ...moved, startAt: at(1).toISOString() }]);
  const second = ok(await call('listEvents', { limit: 2, cursor: first.next }, as(null)));
  expect([...first.events, ...second.events].map((e: { id: string }) => e.id)).toEqual([id(0), id(1), id(2)]);
  await storage.close();
});

/**
 * A sign-up in a rush, as the student's phone lives it: the BUILT weapp (miniprogram-simulate) against production's
 * CloudBase adapter on the real wx-server-sdk (see ./harness.ts, `storage: 'cloudbase'`).
 *
 * The event opened for sign-up a minute ago, and another function instance holds the queue's lease (a drainer that
 * then stops answering: its lease runs out in a few seconds). The student taps 立即报名: the answer comes back at once
 * as queued, and the page says 正在确认名额… instead of spinning. It asks again on its own (getMySignup); once the lease
 * has run out, its own asking places the queue, and the page shows 已报名 with one seat fewer — without loading the
 * event again.
 */
import { bootWeapp, createBackend, openPage, visibleText, type Backend, type PageHandle } from './harness';

const STUDENT_NO = '2023011101';
const OPENID = `o-demo-${STUDENT_NO}`;
const EVENT_ID = 'e-lecture-speaker';
/** How long the other instance's lease still runs when the student taps. */
const LEASE_LEFT_MS = 2500;

jest.setTimeout(30_000);

let backend: Backend;
let detail: PageHandle | null = null;

beforeAll(async () => {
  backend = await createBackend({ openid: OPENID, storage: 'cloudbase' });
  bootWeapp(backend);
  // The whole demo term written through the real SDK: seconds alone, much longer on a loaded CI machine.
}, 180_000);

afterAll(async () => {
  detail?.close();
  await backend?.close();
});

function seatsShown(page: PageHandle): number | null {
  const m = /剩余\s*(\d+)\s*\/\s*(\d+)/.exec(visibleText(page.find('seats-left')));
  return m ? Number(m[1]) : null;
}

it('answers a sign-up in a rush at once as queued, says so, asks again by itself and shows the seat once placed', async () => {
  const stored = await backend.storage.getEvent(EVENT_ID);
  if (!stored) throw new Error(`seed has no ${EVENT_ID}`);
  // Sign-up opened a minute ago (the rush window), and someone else is placing the queue.
  await backend.storage.putEvents([{ ...stored, signupStartAt: new Date(Date.now() - 60_000).toISOString() }]);
  const leaseUntil = new Date(Date.now() + LEASE_LEFT_MS).toISOString();
  await backend.cloudDb!.collection('events').doc(EVENT_ID).update({ data: { drainLeaseUntil: leaseUntil, drainOwner: 'another-instance' } });

  detail = await openPage('pages/event/index', { id: EVENT_ID }, backend);
  await detail.waitForText(stored.title);
  const before = await detail.waitFor('剩余 N / M 名额', () => seatsShown(detail!));
  const callsBefore = backend.calls.length;
  await detail.tap(detail.find('signup-button'));

  // The answer: queued, at once; the page tells the student what is happening.
  await detail.waitFor('the status 正在确认名额…', () => detail!.findAll('my-status').some((el) => visibleText(el) === '正在确认名额…'));
  expect(backend.calls.slice(callsBefore).find((c) => c.action === 'signUp')).toMatchObject({ ok: true });
  expect(await backend.storage.getRegistration(EVENT_ID, STUDENT_NO)).toMatchObject({ status: 'queued' });
  expect(detail.text()).toContain('通常几秒内出结果');

  // The page asks again by itself; after the lease ran out its asking places the queue.
  await detail.waitFor('my status 已报名', () => detail!.findAll('my-status').some((el) => visibleText(el) === '已报名'), 10_000);
  const asked = backend.calls.slice(callsBefore).filter((c) => c.action === 'getMySignup');
  expect(asked.length).toBeGreaterThanOrEqual(2);
  expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(leaseUntil));
  expect(await backend.storage.getRegistration(EVENT_ID, STUDENT_NO)).toMatchObject({ status: 'confirmed' });
  // The counters came with the answer: one seat fewer, and the event was not loaded again for them.
  await detail.waitFor(`剩余 ${before - 1}`, () => seatsShown(detail!) === before - 1);
  expect(backend.calls.slice(callsBefore).filter((c) => c.action === 'getEvent')).toEqual([]);
});

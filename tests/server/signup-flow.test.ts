import { dispatch, type HandlerContext } from '../../server/dispatch';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeEvent, makeStudents, studentNo } from '../support/factories';

/** The student's journey through the handlers, as the cloud function and the local server both run it. */
describe('sign-up journey through the handlers', () => {
  let storage: SqliteStorage;
  const as = (openid: string, now = NOW): HandlerContext => ({
    storage,
    caller: { kind: 'wechat', openid },
    now: () => now,
    demoMode: false,
  });

  beforeEach(async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    await storage.putStudents(makeStudents(3));
    await storage.putEvents([makeEvent({ id: 'e1', capacity: 1, seatsLeft: 1 })]);
  });
  afterEach(() => storage.close());

  it('confirms, waitlists with a place, and promotes the first in line when a confirmed student cancels', async () => {
    const first = await dispatch({ action: 'signUp', payload: { eventId: 'e1' } }, as('openid-1'));
    expect(first).toMatchObject({ ok: true, data: { registration: { status: 'confirmed' }, event: { seatsLeft: 0 } } });
    const second = await dispatch({ action: 'signUp', payload: { eventId: 'e1' } }, as('openid-2'));
    expect(second).toMatchObject({ ok: true, data: { registration: { status: 'waitlisted', waitlistPosition: 1 } } });
    const third = await dispatch({ action: 'signUp', payload: { eventId: 'e1' } }, as('openid-3'));
    expect(third).toMatchObject({ ok: true, data: { registration: { status: 'waitlisted', waitlistPosition: 2 } } });

    const cancel = await dispatch({ action: 'cancelRegistration', payload: { eventId: 'e1' } }, as('openid-1'));
    expect(cancel).toMatchObject({ ok: true, data: { registration: { status: 'cancelled' }, event: { seatsLeft: 0, waitlistCount: 1 } } });

    const promoted = await dispatch({ action: 'getEvent', payload: { eventId: 'e1' } }, as('openid-2'));
    expect(promoted).toMatchObject({ ok: true, data: { myRegistration: { status: 'confirmed', waitlistPosition: null } } });
    const mine = await dispatch({ action: 'listMyRegistrations', payload: {} }, as('openid-3'));
    expect(mine).toMatchObject({ ok: true, data: { registrations: [{ registration: { status: 'waitlisted', waitlistPosition: 1 } }] } });
  });

  it('ignores any identity named in the request body: the caller is the cloud context', async () => {
    const res = await dispatch(
      { action: 'signUp', payload: { eventId: 'e1', studentNo: studentNo(3), openid: 'openid-3' } },
      as('openid-1'),
    );
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await storage.getRegistration('e1', studentNo(3))).toBeNull();
    expect(await storage.getRegistration('e1', studentNo(1))).toBeNull();
  });

  it('shows my registrations with their place and hides cancelled ones', async () => {
    await dispatch({ action: 'signUp', payload: { eventId: 'e1' } }, as('openid-1'));
    await dispatch({ action: 'cancelRegistration', payload: { eventId: 'e1' } }, as('openid-1'));
    const mine = await dispatch({ action: 'listMyRegistrations', payload: {} }, as('openid-1'));
    expect(mine).toEqual({ ok: true, data: { registrations: [] } });
  });

  it('marks my status on the catalogue', async () => {
    await dispatch({ action: 'signUp', payload: { eventId: 'e1' } }, as('openid-1'));
    const list = await dispatch({ action: 'listEvents', payload: {} }, as('openid-1'));
    expect(list).toMatchObject({ ok: true, data: { events: [{ id: 'e1', myStatus: 'confirmed' }] } });
    const other = await dispatch({ action: 'listEvents', payload: {} }, as('openid-2'));
    expect(other).toMatchObject({ ok: true, data: { events: [{ id: 'e1', myStatus: null }] } });
  });

  it('refuses a cancellation after the deadline with CANCEL_CLOSED and a message a student can act on', async () => {
    await dispatch({ action: 'signUp', payload: { eventId: 'e1' } }, as('openid-1'));
    const late = at(80); // after the default event's cancel deadline (72 h)
    const res = await dispatch({ action: 'cancelRegistration', payload: { eventId: 'e1' } }, as('openid-1', late));
    expect(res).toEqual({ ok: false, code: 'CANCEL_CLOSED', message: expect.stringContaining('联系') });
  });

  it('answers an unexpected storage failure with INTERNAL and no stack trace', async () => {
    const failing = Object.create(storage, { listEventPage: { value: () => Promise.reject(new Error('disk on fire')) } });
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await dispatch({ action: 'listEvents', payload: {} }, { ...as('openid-1'), storage: failing });
    spy.mockRestore();
    expect(res).toEqual({ ok: false, code: 'INTERNAL', message: expect.not.stringContaining('disk') });
  });
});

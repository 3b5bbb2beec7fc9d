import { ACTION_NAMES } from '../../types';
import { NOW, makeEvent, makeStudents, studentNo } from '../support/factories';

const A = studentNo(1);
const B = studentNo(2);
import { startTestServer } from '../support/local-server';

describe('local server HTTP contract', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    srv = await startTestServer({ demoMode: true, now: () => NOW });
    await srv.storage.putStudents(makeStudents(2));
    await srv.storage.putEvents([makeEvent({ id: 'e1', capacity: 2, seatsLeft: 2 })]);
  });
  afterAll(() => srv.stop());

  it('lists every action of the contract with the JSON Schema of its input at GET /api', async () => {
    const res = await fetch(`${srv.base}/api`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { actions: Array<{ name: string; input: any }> };
    expect(body.actions.map((a) => a.name).sort()).toEqual([...ACTION_NAMES].sort());
    const signUp = body.actions.find((a) => a.name === 'signUp')!;
    expect(signUp.input).toMatchObject({ type: 'object', required: ['eventId'], additionalProperties: false });
  });

  it('answers a successful action with 200 and { ok: true, data }', async () => {
    const res = await srv.post('getEvent', { eventId: 'e1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, data: { event: { id: 'e1', seatsLeft: 2 }, myRegistration: null } });
  });

  it('answers malformed JSON with 400 INVALID_INPUT and keeps serving', async () => {
    const res = await srv.post('signUp', '{"eventId": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(/JSON/) });
    expect((await srv.post('getEvent', { eventId: 'e1' })).status).toBe(200);
  });

  it('refuses wrong types, missing fields and extra fields with INVALID_INPUT and a Chinese message', async () => {
    for (const body of [{ eventId: 42 }, {}, { eventId: 'e1', studentNo: B }, [], 'null', '"text"']) {
      const res = await srv.post('signUp', body, { 'X-Demo-User': A });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_INPUT');
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const event = await srv.post('getEvent', { eventId: 'e1' });
    expect(event.body.data.event.seatsLeft).toBe(2);
  });

  it('refuses oversized strings and bodies', async () => {
    const long = await srv.post('listEvents', { keyword: '长'.repeat(41) });
    expect(long.body.code).toBe('INVALID_INPUT');
    const huge = await srv.post('listEvents', { keyword: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('INVALID_INPUT');
  });

  it('answers an unknown action with UNKNOWN_ACTION, and a missing event with NOT_FOUND', async () => {
    const unknown = await srv.post('dropDatabase', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('UNKNOWN_ACTION');
    const missing = await srv.post('signUp', { eventId: 'nope' }, { 'X-Demo-User': A });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
  });

  it('answers a malformed escape in the action name as an unknown action, not a crash', async () => {
    const res = await fetch(`${srv.base}/api/%E0%A4%A`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).code).toBe('UNKNOWN_ACTION');
  });

  it('accepts only POST for actions', async () => {
    const res = await fetch(`${srv.base}/api/listEvents`);
    expect(res.status).toBe(405);
    expect(((await res.json()) as any).ok).toBe(false);
  });

  it('acts as the demo user named by X-Demo-User, by student number or openid', async () => {
    const byNo = await srv.post('getMe', {}, { 'X-Demo-User': A });
    expect(byNo.body.data).toMatchObject({ bound: true, student: { studentNo: A } });
    const byOpenid = await srv.post('getMe', {}, { 'X-Demo-User': 'openid-2' });
    expect(byOpenid.body.data.student.studentNo).toBe(B);
  });

  it('lets anyone browse but refuses sign-up to a caller who is not a bound student', async () => {
    expect((await srv.post('listEvents', {})).body.ok).toBe(true);
    const res = await srv.post('signUp', { eventId: 'e1' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('NOT_BOUND');
  });
});

describe('local server outside demo mode', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    srv = await startTestServer({ demoMode: false, now: () => NOW });
    await srv.storage.putStudents(makeStudents(1));
    await srv.storage.putEvents([makeEvent({ id: 'e1' })]);
  });
  afterAll(() => srv.stop());

  it('ignores the X-Demo-User header', async () => {
    const me = await srv.post('getMe', {}, { 'X-Demo-User': A });
    expect(me.body.data).toEqual({ signedIn: false, bound: false, student: null, roles: [] });
    const signUp = await srv.post('signUp', { eventId: 'e1' }, { 'X-Demo-User': A });
    expect(signUp.body.code).toBe('NOT_BOUND');
    expect(await srv.storage.getRegistration('e1', A)).toBeNull();
  });

  it('does not offer the demo user list', async () => {
    const res = await srv.post('listDemoUsers', {});
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});

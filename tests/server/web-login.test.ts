import { dispatch, type HandlerContext } from '../../server/dispatch';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeStudent } from '../support/factories';
import { startTestServer } from '../support/local-server';

const BRANCH = '24级软件技术1班团支部';

async function world(storage: SqliteStorage) {
  await storage.putStudents([makeStudent(1, { branch: BRANCH, openid: 'openid-officer' })]);
  await storage.grantRole(
    { openid: 'openid-officer', role: 'branch_officer', scope: BRANCH, grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'openid-officer', detail: '{}' },
  );
}

describe('web login without passwords (QR ticket → mini program confirms → browser session)', () => {
  let storage: SqliteStorage;
  let clock: Date;
  const ctx = (caller: HandlerContext['caller']): HandlerContext => ({ storage, caller, now: () => clock, demoMode: false });
  const browser = (token?: string) => ctx(token ? { kind: 'session', token } : { kind: 'anonymous' });
  const phone = () => ctx({ kind: 'wechat', openid: 'openid-officer' });
  const call = (action: string, payload: unknown, c: HandlerContext) => dispatch({ action, payload }, c) as Promise<any>;

  beforeEach(async () => {
    clock = NOW;
    storage = new SqliteStorage({ file: ':memory:' });
    await world(storage);
  });
  afterEach(() => storage.close());

  async function login(): Promise<string> {
    const { data } = await call('startWebLogin', {}, browser());
    await call('confirmWebLogin', { ticket: data.ticket }, phone());
    return (await call('pollWebLogin', { ticket: data.ticket }, browser())).data.sessionToken;
  }

  it('gives the browser a session with the confirming person’s roles, once', async () => {
    const start = await call('startWebLogin', {}, browser());
    expect(start.data.qrText).toBe(`ysc-login:${start.data.ticket}`);
    expect(await call('pollWebLogin', { ticket: start.data.ticket }, browser())).toEqual({ ok: true, data: { status: 'pending' } });
    expect(await call('confirmWebLogin', { ticket: start.data.ticket }, phone())).toEqual({ ok: true, data: { confirmed: true } });
    const poll = await call('pollWebLogin', { ticket: start.data.ticket }, browser());
    expect(poll.data).toMatchObject({ status: 'confirmed', sessionToken: expect.any(String) });
    const members = await call('listBranchMembers', { branch: BRANCH }, browser(poll.data.sessionToken));
    expect(members).toMatchObject({ ok: true, data: { branch: BRANCH } });
    expect(await call('pollWebLogin', { ticket: start.data.ticket }, browser())).toMatchObject({ ok: false, code: 'TICKET_INVALID' });
  });

  it('gives no session for an unconfirmed, expired, unknown or reused ticket', async () => {
    const a = (await call('startWebLogin', {}, browser())).data.ticket;
    clock = at(0.1); // 6 minutes later
    expect(await call('confirmWebLogin', { ticket: a }, phone())).toMatchObject({ code: 'TICKET_INVALID' });
    expect(await call('pollWebLogin', { ticket: a }, browser())).toMatchObject({ code: 'TICKET_INVALID' });
    expect(await call('pollWebLogin', { ticket: 'x'.repeat(43) }, browser())).toMatchObject({ code: 'TICKET_INVALID' });
    const b = (await call('startWebLogin', {}, browser())).data.ticket;
    await call('confirmWebLogin', { ticket: b }, phone());
    expect(await call('confirmWebLogin', { ticket: b }, ctx({ kind: 'wechat', openid: 'openid-other' }))).toMatchObject({ code: 'TICKET_INVALID' });
  });

  it('needs a WeChat identity to confirm: a browser cannot confirm its own ticket', async () => {
    const t = (await call('startWebLogin', {}, browser())).data.ticket;
    expect(await call('confirmWebLogin', { ticket: t }, browser())).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('cannot outlive its roles: a revoked role is refused at the next call', async () => {
    const token = await login();
    await storage.revokeRole('openid-officer', 'branch_officer', BRANCH, {
      at: NOW.toISOString(), actor: 'openid-admin', action: 'revokeRole', target: 'openid-officer', detail: '{}',
    });
    expect(await call('listBranchMembers', { branch: BRANCH }, browser(token))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('expires after 8 hours, ends at logout, and refuses a made-up token', async () => {
    const token = await login();
    expect(await call('getMe', {}, browser(token))).toMatchObject({ ok: true, data: { signedIn: true, roles: [{ role: 'branch_officer' }] } });
    clock = at(8.01);
    expect(await call('getMe', {}, browser(token))).toMatchObject({ code: 'SESSION_EXPIRED' });
    clock = NOW;
    const other = await login();
    expect(await call('endWebSession', {}, browser(other))).toEqual({ ok: true, data: { ended: true } });
    expect(await call('listBranchMembers', { branch: BRANCH }, browser(other))).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await call('getMe', {}, browser('Z'.repeat(43)))).toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('stores neither tickets nor session tokens in clear', async () => {
    const token = await login();
    const rows = JSON.stringify(storage.db.prepare('SELECT * FROM web_sessions').all()) + JSON.stringify(storage.db.prepare('SELECT * FROM login_tickets').all());
    expect(rows).not.toContain(token);
  });
});

describe('web login over HTTP', () => {
  it('accepts Authorization: Bearer <session> on a server not in demo mode, and ignores X-Demo-User there', async () => {
    const srv = await startTestServer({ demoMode: false, now: () => NOW });
    try {
      await world(srv.storage);
      const { ticket } = (await srv.post('startWebLogin', {})).body.data;
      await dispatch({ action: 'confirmWebLogin', payload: { ticket } }, { storage: srv.storage, caller: { kind: 'wechat', openid: 'openid-officer' }, now: () => NOW, demoMode: false });
      const { sessionToken } = (await srv.post('pollWebLogin', { ticket })).body.data;
      const me = await srv.post('getMe', {}, { authorization: `Bearer ${sessionToken}` });
      expect(me.body.data).toMatchObject({ signedIn: true, student: { studentNo: '20240001' } });
      const spoof = await srv.post('getMe', {}, { 'x-demo-user': '20240001' });
      expect(spoof.body.data).toMatchObject({ signedIn: false, bound: false });
      const expired = await srv.post('getMe', {}, { authorization: `Bearer ${'Q'.repeat(43)}` });
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('SESSION_EXPIRED');
    } finally {
      await srv.stop();
    }
  });
});

import type { ActionOutput } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { hashSecondFactor } from '../../server/security/second-factor';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import { NOW, at, makeEvent, makeStudent } from '../support/factories';

const KEY = 'test-key-0123456789';

describe('binding a WeChat account to the roster', () => {
  let storage: SqliteStorage;
  const as = (openid: string | null, now = NOW): HandlerContext => ({
    storage,
    caller: openid ? { kind: 'wechat', openid } : { kind: 'anonymous' },
    now: () => now,
    demoMode: false,
    idHashKey: KEY,
  });
  const bind = (openid: string | null, payload: Record<string, string>, now = NOW) =>
    dispatch({ action: 'bindStudent', payload }, as(openid, now));

  beforeEach(async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    await storage.putStudents([
      makeStudent(1, { openid: null, name: '王子涵' }),
      makeStudent(2, { openid: null, name: '李欣怡', secondFactorHash: hashSecondFactor(KEY, '12345X') }),
      makeStudent(3, { openid: 'openid-taken', name: '张浩然' }),
      makeStudent(9, { openid: 'openid-admin', name: '管理员' }),
    ]);
    await storage.grantRole(
      { openid: 'openid-admin', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'openid-admin', detail: '{}' },
    );
    await storage.putEvents([makeEvent({ id: 'e1' })]);
  });
  afterEach(() => storage.close());

  it('binds by student number and name, after which the student can sign up', async () => {
    expect(await dispatch({ action: 'signUp', payload: { eventId: 'e1' } }, as('openid-new'))).toMatchObject({ code: 'NOT_BOUND' });
    const res = await bind('openid-new', { studentNo: '20240001', name: ' 王子涵 ' });
    expect(res).toMatchObject({ ok: true, data: { student: { studentNo: '20240001', name: '王子涵' } } });
    expect(await dispatch({ action: 'signUp', payload: { eventId: 'e1' } }, as('openid-new'))).toMatchObject({ ok: true });
    expect(await dispatch({ action: 'getMe', payload: {} }, as('openid-new'))).toMatchObject({ data: { signedIn: true, bound: true } });
  });

  it('asks for the ID number’s last six where the roster has them, case-insensitive on the X', async () => {
    const without = await bind('openid-new', { studentNo: '20240002', name: '李欣怡' });
    expect(without).toMatchObject({ ok: false, code: 'BIND_MISMATCH', message: expect.stringContaining('身份证后六位') });
    const wrong = await bind('openid-new', { studentNo: '20240002', name: '李欣怡', idLast6: '123456' });
    expect(wrong).toMatchObject({ ok: false, code: 'BIND_MISMATCH', message: expect.stringContaining('还可尝试 3 次') });
    expect(await bind('openid-new', { studentNo: '20240002', name: '李欣怡', idLast6: '12345x' })).toMatchObject({ ok: true });
  });

  it('stores the second factor only as a keyed hash', async () => {
    const stored = storage.db.prepare("SELECT second_factor_hash FROM students WHERE student_no = '20240002'").pluck().get() as string;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain('12345');
    expect(stored).not.toBe(hashSecondFactor('another-key', '12345X'));
  });

  it('gives no hint which part was wrong: unknown number, wrong name and wrong ID answer alike', async () => {
    const answers = await Promise.all([
      bind('openid-a', { studentNo: '29999999', name: '王子涵' }),
      bind('openid-b', { studentNo: '20240001', name: '王子' }),
      bind('openid-c', { studentNo: '20240002', name: '李欣怡', idLast6: '000000' }),
    ]);
    expect(answers.map((a) => a.ok === false && a.code)).toEqual(['BIND_MISMATCH', 'BIND_MISMATCH', 'BIND_MISMATCH']);
    expect(new Set(answers.map((a) => !a.ok && a.message)).size).toBe(1);
  });

  it('locks an account for 15 minutes after 5 failed attempts, even for the right details', async () => {
    for (let i = 0; i < 4; i++) expect(await bind('openid-guess', { studentNo: '20240001', name: '猜' })).toMatchObject({ code: 'BIND_MISMATCH' });
    expect(await bind('openid-guess', { studentNo: '20240001', name: '猜' })).toMatchObject({ code: 'BIND_LOCKED' });
    expect(await bind('openid-guess', { studentNo: '20240001', name: '王子涵' })).toMatchObject({ code: 'BIND_LOCKED' });
    expect(await bind('openid-guess', { studentNo: '20240001', name: '王子涵' }, at(0.26))).toMatchObject({ ok: true });
  });

  it('binds one account to one student and one student to one account', async () => {
    expect(await bind('openid-taken', { studentNo: '20240001', name: '王子涵' })).toMatchObject({ code: 'ALREADY_BOUND' });
    expect(await bind('openid-new', { studentNo: '20240003', name: '张浩然' })).toMatchObject({ code: 'STUDENT_TAKEN' });
  });

  it('needs a WeChat identity: an anonymous caller cannot bind, and a body naming an openid is refused', async () => {
    expect(await bind(null, { studentNo: '20240001', name: '王子涵' })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await bind('openid-new', { studentNo: '20240001', name: '王子涵', openid: 'openid-other' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await storage.studentNoByOpenid('openid-other')).toBeNull();
  });

  it('lets the committee unbind a student, with the reason in the audit log, after which the student can bind again', async () => {
    await bind('openid-new', { studentNo: '20240001', name: '王子涵' });
    const unbind = await dispatch({ action: 'unbindStudent', payload: { studentNo: '20240001', reason: '换了微信号' } }, as('openid-admin'));
    expect(unbind).toMatchObject({ ok: true });
    expect(await bind('openid-phone2', { studentNo: '20240001', name: '王子涵' })).toMatchObject({ ok: true });
    const log = (await dispatch({ action: 'listAuditLog', payload: {} }, as('openid-admin'))) as { ok: true; data: ActionOutput<'listAuditLog'> };
    expect(log.data.entries.map((e) => [e.action, e.actor, e.target])).toEqual([
      ['bindStudent', 'openid-phone2', '20240001'],
      ['unbindStudent', 'openid-admin', '20240001'],
      ['bindStudent', 'openid-new', '20240001'],
      ['grantRole', 'system', 'openid-admin'],
    ]);
    expect(log.data.entries[1].detail).toContain('换了微信号');
  });

  it('grants a scoped role to a bound student, which then sees the branch members', async () => {
    await bind('openid-new', { studentNo: '20240001', name: '王子涵' });
    const branch = (await storage.findStudentByNo('20240001'))!.branch;
    const grant = await dispatch({ action: 'grantRole', payload: { account: '20240001', role: 'branch_officer', scope: branch } }, as('openid-admin'));
    expect(grant).toMatchObject({ ok: true, data: { openid: 'openid-new', roles: [{ role: 'branch_officer', scope: branch }] } });
    const members = await dispatch({ action: 'listBranchMembers', payload: { branch } }, as('openid-new'));
    expect(members).toMatchObject({ ok: true, data: { branch, members: expect.arrayContaining([expect.objectContaining({ studentNo: '20240001', bound: true })]) } });
    const badScope = await dispatch({ action: 'grantRole', payload: { account: '20240001', role: 'branch_officer', scope: '不存在的团支部' } }, as('openid-admin'));
    expect(badScope).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('revokes a role, so that its holder is refused at once', async () => {
    await storage.grantRole(
      { openid: 'openid-taken', role: 'branch_officer', scope: (await storage.findStudentByNo('20240003'))!.branch, grantedBy: 'x', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'x', action: 'grantRole', target: 'openid-taken', detail: '{}' },
    );
    const branch = (await storage.findStudentByNo('20240003'))!.branch;
    expect(await dispatch({ action: 'listBranchMembers', payload: { branch } }, as('openid-taken'))).toMatchObject({ ok: true });
    await dispatch({ action: 'revokeRole', payload: { account: '20240003', role: 'branch_officer', scope: branch } }, as('openid-admin'));
    expect(await dispatch({ action: 'listBranchMembers', payload: { branch } }, as('openid-taken'))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

/**
 * The lockout under a burst, from outside: one account sends 60 guesses at once, 59 with wrong ID digits and the
 * right one last. Each guess takes a try before it is checked, atomically on each adapter, so at most five are
 * checked and the right one, arriving after them, is refused.
 */
describe.each([
  ['SQLite', () => new SqliteStorage({ file: ':memory:' }) as StoragePort],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 }) as StoragePort],
])('the binding lockout under a burst on %s', (_name, open) => {
  let storage: StoragePort;
  const ctx = (now = NOW): HandlerContext => ({ storage, caller: { kind: 'wechat', openid: 'openid-guesser' }, now: () => now, demoMode: false, idHashKey: KEY });
  const guess = (idLast6: string, now = NOW) => dispatch({ action: 'bindStudent', payload: { studentNo: '20240002', name: '李欣怡', idLast6 } }, ctx(now));

  beforeEach(async () => {
    storage = open();
    await storage.putStudents([makeStudent(2, { openid: null, name: '李欣怡', secondFactorHash: hashSecondFactor(KEY, '12345X') })]);
  });
  afterEach(() => storage.close());

  it('checks at most five of 60 guesses sent at once, and refuses the right one after them', async () => {
    const wrong = Array.from({ length: 59 }, (_, i) => String(100000 + i));
    const answers = await Promise.all([...wrong, '12345X'].map((d) => guess(d)));
    const codes = answers.map((a) => (a.ok ? 'OK' : a.code));
    const checked = codes.filter((c) => c === 'BIND_MISMATCH' || c === 'OK').length;
    expect(checked).toBeLessThanOrEqual(4 + Number(codes.includes('OK')));
    expect(codes.filter((c) => c === 'BIND_LOCKED').length).toBeGreaterThanOrEqual(55 - codes.filter((c) => c === 'BUSY').length);
    if (!codes.includes('OK')) {
      expect(await guess('12345X', at(0.1))).toMatchObject({ ok: false, code: 'BIND_LOCKED' });
      expect((await storage.findStudentByNo('20240002'))?.openid).toBeNull();
    }
  });

  it('never unlocks or restarts the count because of guesses during the lock', async () => {
    for (let i = 0; i < 5; i++) await guess('000000');
    for (let i = 0; i < 10; i++) expect(await guess('000000', at(0.02 * (i + 1)))).toMatchObject({ code: 'BIND_LOCKED' });
    expect(await guess('12345X', at(0.24))).toMatchObject({ code: 'BIND_LOCKED' });
    expect(await guess('12345X', at(0.26))).toMatchObject({ ok: true });
  });
});

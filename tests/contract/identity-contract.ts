import type { AuditDraft, RoleGrant } from '../../core';
import { BIND_LOCK_MINUTES, BIND_MAX_FAILURES, isLocked } from '../../core';
import type { StoragePort } from '../../server/storage/ports';
import { NOW, at, makeStudent, makeStudents, studentNo } from '../support/factories';
import type { StorageHarness } from './storage-contract';

/**
 * The identity part of the storage contract, run against every adapter: binding is one-to-one and atomic, failed
 * attempts lock an account, roles are granted and revoked idempotently, and every change leaves an audit entry.
 */
export function runIdentityContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: identity contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;
    const audit = (action: string, target: string, actor = 'openid-admin'): AuditDraft => ({
      at: NOW.toISOString(), actor, action, target, detail: JSON.stringify({ target }),
    });

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
      await storage.putStudents([
        ...makeStudents(3).map((s) => ({ ...s, openid: null })),
        makeStudent(4, { branch: '24级护理1班团支部', secondFactorHash: 'hash-of-4' }),
      ]);
    });
    afterEach(() => harness.cleanup());

    it('binds an unbound student to an account, after which the openid resolves to that student', async () => {
      expect(await storage.bindStudent(studentNo(1), 'openid-new', audit('bindStudent', studentNo(1), 'openid-new'))).toBe('bound');
      expect(await storage.studentNoByOpenid('openid-new')).toBe(studentNo(1));
      expect((await storage.findStudentByNo(studentNo(1)))?.openid).toBe('openid-new');
    });

    it('refuses a student already bound to another account, and a second student for the same account', async () => {
      await storage.bindStudent(studentNo(1), 'openid-a', audit('bindStudent', studentNo(1), 'openid-a'));
      expect(await storage.bindStudent(studentNo(1), 'openid-b', audit('bindStudent', studentNo(1), 'openid-b'))).toBe('student_taken');
      expect(await storage.bindStudent(studentNo(2), 'openid-a', audit('bindStudent', studentNo(2), 'openid-a'))).toBe('account_bound');
      expect(await storage.bindStudent('nobody', 'openid-c', audit('bindStudent', 'nobody', 'openid-c'))).toBe('not_found');
      expect((await storage.findStudentByNo(studentNo(2)))?.openid).toBeNull();
    });

    it('lets exactly one of two accounts racing for the same student win', async () => {
      const results = await Promise.all(
        ['openid-x', 'openid-y', 'openid-z'].map((o) => storage.bindStudent(studentNo(3), o, audit('bindStudent', studentNo(3), o))),
      );
      expect(results.filter((r) => r === 'bound')).toHaveLength(1);
      expect(results.filter((r) => r === 'student_taken')).toHaveLength(2);
    });

    it('unbinds a student, answering the account it was bound to, and then the account may bind again', async () => {
      await storage.bindStudent(studentNo(1), 'openid-a', audit('bindStudent', studentNo(1), 'openid-a'));
      expect(await storage.unbindStudent(studentNo(1), audit('unbindStudent', studentNo(1)))).toBe('openid-a');
      expect(await storage.studentNoByOpenid('openid-a')).toBeNull();
      expect(await storage.unbindStudent(studentNo(1), audit('unbindStudent', studentNo(1)))).toBeNull();
      expect(await storage.bindStudent(studentNo(2), 'openid-a', audit('bindStudent', studentNo(2), 'openid-a'))).toBe('bound');
    });

    it(`grants ${BIND_MAX_FAILURES} tries, the last locking the account for ${BIND_LOCK_MINUTES} minutes; a claim during the lock is refused and changes nothing`, async () => {
      for (let i = 1; i < BIND_MAX_FAILURES; i++) {
        expect(await storage.claimBindAttempt('openid-guess', NOW)).toEqual({ granted: true, attempts: { openid: 'openid-guess', failures: i, lockedUntil: null } });
      }
      const last = await storage.claimBindAttempt('openid-guess', NOW);
      expect(last.granted).toBe(true);
      expect(isLocked(last.attempts, at(0.2))).toBe(true);
      const locked = await storage.getBindAttempts('openid-guess');
      for (const when of [at(0.01), at(0.1), at(BIND_LOCK_MINUTES / 60 - 0.01)]) {
        expect(await storage.claimBindAttempt('openid-guess', when)).toEqual({ granted: false, attempts: locked });
      }
      expect(await storage.getBindAttempts('openid-guess')).toEqual(locked);
      expect(await storage.getBindAttempts('openid-other')).toBeNull();
    });

    it('starts counting again once the lock has passed', async () => {
      for (let i = 0; i < BIND_MAX_FAILURES; i++) await storage.claimBindAttempt('openid-again', NOW);
      const after = at(BIND_LOCK_MINUTES / 60 + 0.01);
      expect(await storage.claimBindAttempt('openid-again', after)).toEqual({ granted: true, attempts: { openid: 'openid-again', failures: 1, lockedUntil: null } });
    });

    it(`grants exactly ${BIND_MAX_FAILURES} of 60 claims sent at once, and none after`, async () => {
      const claims = await Promise.all(Array.from({ length: 60 }, () => storage.claimBindAttempt('openid-burst', NOW).catch((e) => ({ error: e }))));
      const granted = claims.filter((c) => 'granted' in c && c.granted);
      expect(granted).toHaveLength(BIND_MAX_FAILURES);
      expect(granted.map((c) => ('attempts' in c ? c.attempts.failures : 0)).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(isLocked(await storage.getBindAttempts('openid-burst'), at(0.1))).toBe(true);
      expect((await storage.claimBindAttempt('openid-burst', at(0.1))).granted).toBe(false);
    });

    it('clears the tries of an account once it binds', async () => {
      await storage.claimBindAttempt('openid-a', NOW);
      await storage.bindStudent(studentNo(1), 'openid-a', audit('bindStudent', studentNo(1), 'openid-a'));
      expect((await storage.getBindAttempts('openid-a'))?.failures ?? 0).toBe(0);
    });

    it('grants and revokes scoped roles idempotently', async () => {
      const grant: RoleGrant = { openid: 'openid-sec', role: 'branch_officer', scope: '24级护理1班团支部', grantedBy: 'openid-admin', grantedAt: NOW.toISOString() };
      expect(await storage.grantRole(grant, audit('grantRole', 'openid-sec'))).toEqual([grant]);
      expect(await storage.grantRole(grant, audit('grantRole', 'openid-sec'))).toEqual([grant]);
      const college = { ...grant, role: 'college_officer' as const, scope: '医学院' };
      await storage.grantRole(college, audit('grantRole', 'openid-sec'));
      expect((await storage.rolesOf('openid-sec')).map((g) => g.role).sort()).toEqual(['branch_officer', 'college_officer']);
      expect(await storage.revokeRole('openid-sec', 'branch_officer', '24级护理1班团支部', audit('revokeRole', 'openid-sec'))).toEqual([college]);
      expect(await storage.rolesOf('openid-nobody')).toEqual([]);
      expect((await storage.listRoleGrants()).map((g) => g.openid)).toEqual(['openid-sec']);
    });

    it('keeps an audit entry for every binding, unbinding and role change, newest first', async () => {
      await storage.bindStudent(studentNo(1), 'openid-a', audit('bindStudent', studentNo(1), 'openid-a'));
      await storage.unbindStudent(studentNo(1), audit('unbindStudent', studentNo(1)));
      await storage.grantRole(
        { openid: 'openid-a', role: 'committee_admin', scope: '', grantedBy: 'openid-admin', grantedAt: NOW.toISOString() },
        audit('grantRole', 'openid-a'),
      );
      const entries = await storage.listAudit(10);
      expect(entries.map((e) => e.action)).toEqual(['grantRole', 'unbindStudent', 'bindStudent']);
      expect(entries[2]).toMatchObject({ actor: 'openid-a', target: studentNo(1), at: NOW.toISOString() });
      expect(typeof entries[0].id).toBe('number');
      expect(await storage.listAudit(1)).toHaveLength(1);
    });

    it('writes no audit entry for a refused binding', async () => {
      await storage.bindStudent('nobody', 'openid-c', audit('bindStudent', 'nobody', 'openid-c'));
      expect(await storage.listAudit(10)).toEqual([]);
    });

    it('imports a roster: adds new students, updates known ones, and never loses a binding or a stored second factor', async () => {
      await storage.bindStudent(studentNo(1), 'openid-a', audit('bindStudent', studentNo(1), 'openid-a'));
      const { openid: _o, ...one } = makeStudent(1, { name: '改名后', branch: '24级护理1班团支部' });
      const { openid: _p, ...four } = makeStudent(4, { secondFactorHash: null });
      const { openid: _q, ...seven } = makeStudent(7, { secondFactorHash: 'hash-of-7' });
      const result = await storage.importStudents([one, four, seven], audit('importRoster', 'roster.xlsx'));
      expect(result).toEqual({ created: 1, updated: 2 });
      expect(await storage.findStudentByNo(studentNo(1))).toMatchObject({ name: '改名后', openid: 'openid-a', branch: '24级护理1班团支部' });
      expect(await storage.studentNoByOpenid('openid-a')).toBe(studentNo(1));
      expect((await storage.findStudentByNo(studentNo(4)))?.secondFactorHash).toBe('hash-of-4');
      expect(await storage.findStudentByNo(studentNo(7))).toMatchObject({ openid: null, secondFactorHash: 'hash-of-7' });
      expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'importRoster', target: 'roster.xlsx' });
      expect(await storage.importStudents([one], audit('importRoster', 'again.xlsx'))).toEqual({ created: 0, updated: 1 });
    });

    it('lists the students of one branch and keeps the second factor as stored', async () => {
      expect((await storage.listStudentsOfBranch('24级护理1班团支部')).map((s) => s.studentNo)).toEqual([studentNo(4)]);
      expect((await storage.findStudentByNo(studentNo(4)))?.secondFactorHash).toBe('hash-of-4');
      expect((await storage.findStudentByNo(studentNo(1)))?.secondFactorHash).toBeNull();
    });
  });
}

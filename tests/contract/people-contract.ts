import type { AuditDraft, RoleInvitation } from '../../core';
import type { StoragePort } from '../../server/storage/ports';
import { NOW, at, makeOutboxMessage, makeStudent } from '../support/factories';
import type { StorageHarness } from './storage-contract';

/**
 * People and roles without typing what a teacher cannot know, run against every adapter: the roster searched by the
 * start of a name or number and paged, branches by college, names of accounts in bulk, one-time role invitations
 * (accepted once, atomically with the grant and its audit entry; expired, used and revoked ones refused), and the
 * outbox counted by event, kind and status.
 */
export function runPeopleContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: people contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;
    const audit = (action: string, target: string, actor = 'openid-admin'): AuditDraft => ({
      at: NOW.toISOString(), actor, action, target, detail: '{}',
    });
    const invitation = (i: number, overrides: Partial<RoleInvitation> = {}): RoleInvitation => ({
      id: `00000000000${i}`.slice(-12),
      codeHash: `hash-${i}`,
      role: 'college_officer',
      scope: '医学院',
      inviteeName: `王老师${i}`,
      createdBy: 'openid-admin',
      createdAt: at(i / 60).toISOString(),
      expiresAt: at(72).toISOString(),
      acceptedBy: null,
      acceptedAt: null,
      revokedAt: null,
      ...overrides,
    });

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
      await storage.putStudents([
        makeStudent(1, { name: '陈雯', college: '信息工程学院', branch: '24级软件技术1班团支部', openid: 'openid-1' }),
        makeStudent(2, { name: '陈星月', college: '信息工程学院', branch: '24级软件技术1班团支部', openid: null }),
        makeStudent(3, { name: '张星月', college: '医学院', branch: '24级护理1班团支部', openid: 'openid-3' }),
        makeStudent(4, { name: '卢雅雪', college: '医学院', branch: '24级护理2班团支部', openid: null }),
        makeStudent(5, { name: '陈', college: '医学院', branch: '24级护理2班团支部', openid: null }),
      ]);
    });
    afterEach(() => harness.cleanup());

    it('finds students by the start of their name or of their number, by number, a page at a time with the total', async () => {
      const chen = await storage.searchStudents('陈', 0, 10);
      expect(chen.students.map((s) => s.name)).toEqual(['陈雯', '陈星月', '陈']);
      expect(chen.total).toBe(3);
      const page2 = await storage.searchStudents('陈', 2, 2);
      expect(page2).toMatchObject({ total: 3 });
      expect(page2.students.map((s) => s.studentNo)).toEqual(['20240005']);
      expect((await storage.searchStudents('20240003', 0, 10)).students.map((s) => s.name)).toEqual(['张星月']);
      expect((await storage.searchStudents('2024', 0, 2)).total).toBe(5);
      expect(await storage.searchStudents('星月', 0, 10)).toEqual({ students: [], total: 0 });
    });

    it('lists every branch with its students, grouped by college', async () => {
      expect(await storage.branchDirectory()).toEqual([
        { college: '信息工程学院', branch: '24级软件技术1班团支部', students: 2 },
        { college: '医学院', branch: '24级护理1班团支部', students: 1 },
        { college: '医学院', branch: '24级护理2班团支部', students: 2 },
      ]);
    });

    it('finds the students bound to accounts in bulk', async () => {
      const found = await storage.findStudentsByOpenids(['openid-3', 'openid-1', 'openid-nobody']);
      expect(found.map((s) => s.studentNo).sort()).toEqual(['20240001', '20240003']);
      expect(await storage.findStudentsByOpenids([])).toEqual([]);
    });

    it('accepts an open invitation once: the account gets the role, the invitation is used, one audit entry', async () => {
      await storage.createInvitation(invitation(1), audit('invitation.create', '000000000001'));
      const outcome = await storage.acceptInvitation('hash-1', 'openid-teacher', at(1), (inv) => audit('invitation.accept', inv.id, 'openid-teacher'));
      expect(outcome).toMatchObject({ accepted: true, invitation: { id: '000000000001', acceptedBy: 'openid-teacher', acceptedAt: at(1).toISOString() } });
      expect(await storage.rolesOf('openid-teacher')).toEqual([
        { openid: 'openid-teacher', role: 'college_officer', scope: '医学院', grantedBy: 'openid-admin', grantedAt: at(1).toISOString() },
      ]);
      expect(await storage.acceptInvitation('hash-1', 'openid-other', at(2), (inv) => audit('invitation.accept', inv.id, 'openid-other'))).toEqual({
        accepted: false, refusal: 'INVITATION_USED',
      });
      expect(await storage.rolesOf('openid-other')).toEqual([]);
      expect((await storage.listAudit(10)).map((e) => e.action)).toEqual(['invitation.accept', 'invitation.create']);
      expect(await storage.getInvitationByCodeHash('hash-1')).toMatchObject({ acceptedBy: 'openid-teacher' });
    });

    it('refuses an expired, a revoked and an unknown invitation and writes nothing', async () => {
      await storage.createInvitation(invitation(1, { expiresAt: at(1).toISOString() }), audit('invitation.create', '1'));
      await storage.createInvitation(invitation(2), audit('invitation.create', '2'));
      expect(await storage.revokeInvitation('000000000002', at(0.5), audit('invitation.revoke', '2'))).toMatchObject({ revoked: true, invitation: { revokedAt: at(0.5).toISOString() } });
      const accept = (hash: string) => storage.acceptInvitation(hash, 'openid-teacher', at(1), (inv) => audit('invitation.accept', inv.id));
      expect(await accept('hash-1')).toEqual({ accepted: false, refusal: 'INVITATION_EXPIRED' });
      expect(await accept('hash-2')).toEqual({ accepted: false, refusal: 'INVITATION_REVOKED' });
      expect(await accept('hash-none')).toEqual({ accepted: false, refusal: 'INVITATION_UNKNOWN' });
      expect(await storage.rolesOf('openid-teacher')).toEqual([]);
      expect((await storage.listAudit(10)).map((e) => e.action)).toEqual(['invitation.revoke', 'invitation.create', 'invitation.create']);
    });

    it('revokes an unused invitation once (again: no second entry), refuses a used one and an unknown one', async () => {
      await storage.createInvitation(invitation(1), audit('invitation.create', '1'));
      await storage.createInvitation(invitation(2), audit('invitation.create', '2'));
      expect((await storage.revokeInvitation('000000000001', at(1), audit('invitation.revoke', '1'))).revoked).toBe(true);
      expect(await storage.revokeInvitation('000000000001', at(2), audit('invitation.revoke', '1'))).toMatchObject({ revoked: true, invitation: { revokedAt: at(1).toISOString() } });
      await storage.acceptInvitation('hash-2', 'openid-teacher', at(1), (inv) => audit('invitation.accept', inv.id));
      expect(await storage.revokeInvitation('000000000002', at(2), audit('invitation.revoke', '2'))).toMatchObject({ revoked: false, refusal: 'INVITATION_USED' });
      expect(await storage.revokeInvitation('00000000000f', at(2), audit('invitation.revoke', 'f'))).toEqual({ revoked: false, refusal: 'NOT_FOUND', invitation: null });
      expect((await storage.listAudit(10)).filter((e) => e.action === 'invitation.revoke')).toHaveLength(1);
    });

    it('lets exactly one of several accounts racing for one invitation have it', async () => {
      await storage.createInvitation(invitation(1), audit('invitation.create', '1'));
      const accounts = ['openid-a', 'openid-b', 'openid-c', 'openid-d'];
      const outcomes = await Promise.all(accounts.map((o) => storage.acceptInvitation('hash-1', o, at(1), (inv) => audit('invitation.accept', inv.id, o))));
      expect(outcomes.filter((o) => o.accepted)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.accepted && o.refusal === 'INVITATION_USED')).toHaveLength(3);
      const holders = (await Promise.all(accounts.map((o) => storage.rolesOf(o)))).filter((r) => r.length > 0);
      expect(holders).toHaveLength(1);
    });

    it('lists invitations newest first, and names accounts by their student or by the invitation they accepted', async () => {
      await storage.createInvitation(invitation(1), audit('invitation.create', '1'));
      await storage.createInvitation(invitation(2, { inviteeName: '李老师' }), audit('invitation.create', '2'));
      await storage.acceptInvitation('hash-2', 'openid-teacher', at(1), (inv) => audit('invitation.accept', inv.id));
      expect((await storage.listInvitations(10)).map((i) => i.id)).toEqual(['000000000002', '000000000001']);
      const names = await storage.namesOfAccounts(['openid-1', 'openid-teacher', 'openid-unknown']);
      expect(Object.fromEntries(names)).toEqual({ 'openid-1': '陈雯', 'openid-teacher': '李老师' });
      expect(await storage.searchInvitedAccounts('李', 10)).toEqual([{ openid: 'openid-teacher', name: '李老师' }]);
      expect(await storage.searchInvitedAccounts('王', 10)).toEqual([]);
    });

    it('counts the outbox by event, kind and status', async () => {
      await storage.enqueueNotifications([
        makeOutboxMessage(1, { eventId: 'e1', kind: 'event_reminder' }),
        makeOutboxMessage(2, { eventId: 'e1', kind: 'event_reminder' }),
        makeOutboxMessage(3, { eventId: 'e1', kind: 'event_cancelled' }),
        makeOutboxMessage(4, { eventId: 'e2', kind: 'event_reminder' }),
      ]);
      await storage.skipNotifications([makeOutboxMessage(2, { eventId: 'e1', kind: 'event_reminder' }).key], 'no consent');
      const sorted = (rows: Awaited<ReturnType<StoragePort['outboxCounts']>>) =>
        [...rows].sort((a, b) => `${a.eventId}${a.kind}${a.status}`.localeCompare(`${b.eventId}${b.kind}${b.status}`));
      expect(sorted(await storage.outboxCounts())).toEqual([
        { eventId: 'e1', kind: 'event_cancelled', status: 'pending', count: 1 },
        { eventId: 'e1', kind: 'event_reminder', status: 'pending', count: 1 },
        { eventId: 'e1', kind: 'event_reminder', status: 'skipped', count: 1 },
        { eventId: 'e2', kind: 'event_reminder', status: 'pending', count: 1 },
      ]);
      expect(await storage.outboxCounts('skipped')).toEqual([{ eventId: 'e1', kind: 'event_reminder', status: 'skipped', count: 1 }]);
    });
  });
}

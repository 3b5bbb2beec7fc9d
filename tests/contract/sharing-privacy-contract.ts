import { ERASED_LEAVE_REASON, leaveId, newTicket, sessionTimes, termOf, type AuditDraft, type DataRequest, type PosterCodeRecord } from '../../core';
import type { StoragePort } from '../../server/storage/ports';
import { NOW, at, makeEvent, makeOutboxMessage, makeStudent, makeStudents, studentNo } from '../support/factories';
import { refusalOf, type StorageHarness } from './storage-contract';

/**
 * At home in WeChat, against every adapter: an event's poster code stored once (two racing stores keep one, a
 * vanished file's record is replaced keeping what it names), alias scenes found again; a student's requests to delete
 * their data (one open at a time, completed once, each with its audit entry), the erasure of what may go, and the
 * records a student's export gathers.
 */
export function runSharingPrivacyContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: sharing and privacy contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;
    const DOOR = at(96);
    const audit = (action: string, target: string, actor = 'openid-1'): AuditDraft => ({
      at: NOW.toISOString(), actor, action, target, detail: '{}',
    });
    const code = (overrides: Partial<PosterCodeRecord> = {}): PosterCodeRecord => ({
      eventId: 'ev-lecture', scene: 'e=ev-lecture', kind: 'wxacode', target: 'pages/event/index?scene=e%3Dev-lecture',
      fileId: 'f-one', createdAt: NOW.toISOString(), ...overrides,
    });
    const request = (i: number, overrides: Partial<DataRequest> = {}): DataRequest => ({
      id: `00000000000${i}`.slice(-12), studentNo: studentNo(i), openid: `openid-${i}`, status: 'pending', note: '我已毕业',
      createdAt: at(i / 60).toISOString(), completedAt: null, completedBy: null, reply: null, erased: null, ...overrides,
    });
    const erased = { unbound: true, sharesRevoked: 1, consentsRemoved: 2, sessionsEnded: 1, bindAttemptsCleared: false };

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
      await storage.putStudents(makeStudents(4).map((s, i) => ({ ...s, openid: i < 3 ? `openid-${i + 1}` : null })));
      await storage.putEvents([makeEvent(), makeEvent({ id: 'ev-other', title: '另一场活动' })]);
    });
    afterEach(() => harness.cleanup());

    describe('poster codes', () => {
      it('stores an event\'s code once and answers it; a second store keeps the first', async () => {
        expect(await storage.getPosterCode('ev-lecture')).toBeNull();
        expect(await storage.putPosterCode(code(), null)).toEqual(code());
        expect(await storage.putPosterCode(code({ fileId: 'f-two', createdAt: at(1).toISOString() }), null)).toEqual(code());
        expect(await storage.getPosterCode('ev-lecture')).toEqual(code());
        expect(await storage.getPosterCode('ev-other')).toBeNull();
      });

      it('of codes stored at once for one event, exactly one is kept and every caller is answered it', async () => {
        const outcomes = await Promise.all(['f-a', 'f-b', 'f-c', 'f-d'].map((fileId) => storage.putPosterCode(code({ fileId }), null)));
        const kept = await storage.getPosterCode('ev-lecture');
        expect(['f-a', 'f-b', 'f-c', 'f-d']).toContain(kept!.fileId);
        for (const o of outcomes) expect(o).toEqual(kept);
      });

      it('replaces the record naming a vanished file, and only that one', async () => {
        await storage.putPosterCode(code(), null);
        expect(await storage.putPosterCode(code({ fileId: 'f-new' }), 'f-stale')).toEqual(code());
        expect(await storage.putPosterCode(code({ fileId: 'f-new' }), 'f-one')).toEqual(code({ fileId: 'f-new' }));
        expect((await storage.getPosterCode('ev-lecture'))!.fileId).toBe('f-new');
      });

      it('finds the event an alias scene names', async () => {
        await storage.putPosterCode(code({ eventId: 'ev-other', scene: 's=abcdefgh23', fileId: 'f-alias' }), null);
        expect(await storage.eventIdOfScene('s=abcdefgh23')).toBe('ev-other');
        expect(await storage.eventIdOfScene('s=zzzzzzzzzz')).toBeNull();
      });
    });

    describe('requests to delete personal data', () => {
      it('files a request with its audit entry and answers it as the student\'s latest', async () => {
        expect(await storage.latestDataRequest(studentNo(1))).toBeNull();
        const filed = await storage.fileDataRequest(request(1), audit('privacy.deletion_request', studentNo(1)));
        expect(filed).toEqual(request(1));
        expect(await storage.latestDataRequest(studentNo(1))).toEqual(request(1));
        expect(await storage.findDataRequest(request(1).id)).toEqual(request(1));
        expect((await storage.listAudit(10)).map((a) => a.action)).toEqual(['privacy.deletion_request']);
      });

      it('refuses a second request while one is pending, writing nothing (also when several arrive at once)', async () => {
        const outcomes = await Promise.allSettled(
          [1, 2, 3].map((n) => storage.fileDataRequest(request(1, { id: `aaaaaaaaaaa${n}` }), audit('privacy.deletion_request', studentNo(1)))),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(await refusalOf(storage.fileDataRequest(request(1, { id: 'bbbbbbbbbbbb' }), audit('x', studentNo(1))))).toBe('DATA_REQUEST_OPEN');
        expect((await storage.listAudit(10)).filter((a) => a.action === 'privacy.deletion_request')).toHaveLength(1);
      });

      it('completes a pending request once, with its audit entry; a second completion and an unknown id are refused', async () => {
        await storage.fileDataRequest(request(1), audit('privacy.deletion_request', studentNo(1)));
        const completion = { at: at(1).toISOString(), by: 'openid-admin', reply: '已处理', erased };
        const done = await storage.completeDataRequest(request(1).id, completion, audit('privacy.deletion_complete', studentNo(1), 'openid-admin'));
        expect(done).toEqual({ ...request(1), status: 'completed', completedAt: completion.at, completedBy: 'openid-admin', reply: '已处理', erased });
        expect(await storage.latestDataRequest(studentNo(1))).toEqual(done);
        expect(await refusalOf(storage.completeDataRequest(request(1).id, completion, audit('x', studentNo(1))))).toBe('DATA_REQUEST_DONE');
        expect(await refusalOf(storage.completeDataRequest('ffffffffffff', completion, audit('x', studentNo(1))))).toBe('NOT_FOUND');
        expect((await storage.listAudit(10)).map((a) => a.action)).toEqual(['privacy.deletion_complete', 'privacy.deletion_request']);
      });

      it('a new request after a completed one replaces it', async () => {
        await storage.fileDataRequest(request(1), audit('r', studentNo(1)));
        await storage.completeDataRequest(request(1).id, { at: at(1).toISOString(), by: 'openid-admin', reply: '已处理', erased }, audit('c', studentNo(1)));
        const again = request(1, { id: 'cccccccccccc', createdAt: at(2).toISOString(), note: '再次申请' });
        expect(await storage.fileDataRequest(again, audit('r', studentNo(1)))).toEqual(again);
        expect(await storage.findDataRequest(request(1).id)).toBeNull();
      });

      it('finds the latest request an account filed, whichever student it was for, completed or not', async () => {
        expect(await storage.latestDataRequestOfAccount('openid-9')).toBeNull();
        await storage.fileDataRequest(request(1, { openid: 'openid-9' }), audit('r', studentNo(1)));
        const done = await storage.completeDataRequest(request(1).id, { at: at(1).toISOString(), by: 'a', reply: '已处理', erased }, audit('c', studentNo(1)));
        expect(await storage.latestDataRequestOfAccount('openid-9')).toEqual(done);
        // The account later bound to another student and asked again: the newer one.
        const later = request(2, { openid: 'openid-9', createdAt: at(3).toISOString() });
        await storage.fileDataRequest(later, audit('r', studentNo(2)));
        expect(await storage.latestDataRequestOfAccount('openid-9')).toEqual(later);
        expect(await storage.latestDataRequestOfAccount('openid-1')).toBeNull();
      });

      it('lists pending requests oldest first, then completed ones newest first; by status on demand', async () => {
        for (const i of [3, 1, 2]) await storage.fileDataRequest(request(i), audit('r', studentNo(i)));
        await storage.completeDataRequest(request(3).id, { at: at(5).toISOString(), by: 'a', reply: '好', erased }, audit('c', studentNo(3)));
        await storage.completeDataRequest(request(2).id, { at: at(6).toISOString(), by: 'a', reply: '好', erased }, audit('c', studentNo(2)));
        expect((await storage.listDataRequests({ limit: 10 })).map((r) => r.studentNo)).toEqual([studentNo(1), studentNo(2), studentNo(3)]);
        expect((await storage.listDataRequests({ status: 'pending', limit: 10 })).map((r) => r.studentNo)).toEqual([studentNo(1)]);
        expect((await storage.listDataRequests({ status: 'completed', limit: 1 })).map((r) => r.studentNo)).toEqual([studentNo(2)]);
      });
    });

    describe('erasure and the records of one student', () => {
      async function aStudentsLife(): Promise<void> {
        await storage.signUp('ev-lecture', studentNo(1), NOW);
        await storage.signUp('ev-other', studentNo(1), NOW);
        await storage.cancel('ev-other', studentNo(1), NOW);
        await storage.signUp('ev-lecture', studentNo(2), NOW);
        await storage.issuePassSeq('ev-lecture', studentNo(1), NOW);
        await storage.recordScan(
          { scanId: 'scan-life-1', eventId: 'ev-lecture', attempt: { studentNo: studentNo(1), purpose: 'in', at: DOOR, by: 'openid-officer', method: 'member_code', passSeq: 1 }, offline: false },
          DOOR,
        );
        await storage.correctAttendance(
          { eventId: 'ev-lecture', studentNo: studentNo(2), op: 'check_in', at: DOOR, by: 'openid-officer' },
          audit('attendance.check_in', `ev-lecture:${studentNo(2)}`, 'openid-officer'),
          DOOR,
        );
        await storage.enqueueNotifications([makeOutboxMessage(1), makeOutboxMessage(2)]);
        await storage.addConsent(studentNo(1), 'event_reminder', 2);
        await storage.addConsent(studentNo(1), 'event_cancelled', 1);
        await storage.addConsent(studentNo(2), 'event_reminder', 1);
        await storage.claimBindAttempt('openid-1', NOW);
        await storage.createLoginTicket(newTicket('ticket-1', NOW));
        await storage.confirmLoginTicket('ticket-1', 'openid-1', NOW);
        await storage.exchangeLoginTicket('ticket-1', NOW, { tokenHash: 'token-1', ...sessionTimes(NOW), revokedAt: null });
        await storage.recordAudit(audit('privacy.export', studentNo(1)));
        await storage.recordAudit(audit('grantRole', 'openid-2', 'openid-admin'));
      }

      it('gathers every registration (cancelled too), attendance, scan, queued message, session and attempt of the student, and the audit entries naming them', async () => {
        await aStudentsLife();
        const mine = await storage.personalRecords(studentNo(1), 'openid-1');
        expect(mine.registrations.map((r) => [r.eventId, r.status])).toEqual([['ev-lecture', 'confirmed'], ['ev-other', 'cancelled']]);
        expect(mine.attendance.map((a) => [a.eventId, a.checkinMethod])).toEqual([['ev-lecture', 'member_code']]);
        expect(mine.scans.map((x) => x.scanId)).toEqual(['scan-life-1']);
        expect(mine.outbox.map((m) => m.studentNo)).toEqual([studentNo(1)]);
        expect(mine.webSessions).toEqual([{ createdAt: NOW.toISOString(), expiresAt: sessionTimes(NOW).expiresAt, revokedAt: null }]);
        expect(mine.bindAttempts).toMatchObject({ openid: 'openid-1', failures: 1 });
        expect(mine.audit.map((a) => a.action)).toEqual(['privacy.export']);
        const theirs = await storage.personalRecords(studentNo(2), 'openid-2');
        expect(theirs.audit.map((a) => a.action).sort()).toEqual(['attendance.check_in', 'grantRole']);
        expect(theirs.scans).toEqual([]);
        expect(theirs.webSessions).toEqual([]);
        expect(theirs.bindAttempts).toBeNull();
        expect(await storage.personalRecords(studentNo(4), null)).toEqual({
          registrations: [], attendance: [], scans: [], audit: [], outbox: [], webSessions: [], bindAttempts: null, leaves: [], noShowMarks: [],
        });
      });

      it('erases what may go — shares revoked, consents removed, sessions ended, attempts cleared — and nothing of anyone else; again, nothing more', async () => {
        await aStudentsLife();
        const snapshot = { name: '学生1', studentNo: '2024****01', college: '信息工程学院', className: '1班', modules: [], total: 0, hours: 0, requirementMet: false, timeline: null, ledgerDigest: 'd' };
        await storage.createShare({ codeHash: 'hash-1', shareId: 'aaaaaaaaaaaa', studentNo: studentNo(1), issuedAt: NOW.toISOString(), revokedAt: null, snapshot });
        await storage.createShare({ codeHash: 'hash-2', shareId: 'bbbbbbbbbbbb', studentNo: studentNo(2), issuedAt: NOW.toISOString(), revokedAt: null, snapshot });
        const report = await storage.erasePersonalData(studentNo(1), ['openid-1'], at(1));
        expect(report).toEqual({
          sharesRevoked: 1, consentsRemoved: 2, sessionsEnded: 1, bindAttemptsCleared: true, followsRemoved: 0, noShowMarksRemoved: 0, blockLifted: false, leavesCleared: 0,
        });
        expect((await storage.getShare('hash-1'))!.revokedAt).toBe(at(1).toISOString());
        expect((await storage.getShare('hash-2'))!.revokedAt).toBeNull();
        expect(await storage.consents(studentNo(1))).toEqual({ event_reminder: 0, waitlist_promoted: 0, event_cancelled: 0, lottery_result: 0, new_event: 0 });
        expect((await storage.consents(studentNo(2))).event_reminder).toBe(1);
        expect((await storage.getWebSession('token-1'))!.revokedAt).toBe(at(1).toISOString());
        expect(await storage.getBindAttempts('openid-1')).toBeNull();
        // What must stay stays: the registrations and attendance behind the ledger.
        expect((await storage.personalRecords(studentNo(1), 'openid-1')).registrations).toHaveLength(2);
        expect(await storage.erasePersonalData(studentNo(1), ['openid-1'], at(2))).toEqual({
          sharesRevoked: 0, consentsRemoved: 0, sessionsEnded: 0, bindAttemptsCleared: false, followsRemoved: 0, noShowMarksRemoved: 0, blockLifted: false, leavesCleared: 0,
        });
      });

      /** Fair seats (issue 16): students 1 and 2 each asked for leave (1 with a photo), were marked absent and follow topics; 1 is blocked. */
      async function fairSeatsLife(): Promise<void> {
        await storage.putEvents([makeEvent({ id: 'ev-leave', title: '请假的那场讲座', capacity: 5 })]);
        const rule = { enabled: true, marksPerTerm: 2, blockDays: 7 };
        for (const i of [1, 2]) {
          await storage.signUp('ev-leave', studentNo(i), NOW);
          await storage.requestLeave(
            { id: leaveId('ev-leave', studentNo(i)), eventId: 'ev-leave', studentNo: studentNo(i), status: 'pending', reason: '发烧卧床，校医证明', photoFileId: i === 1 ? 'f-photo-1' : null, createdAt: at(80).toISOString(), decidedAt: null, decidedBy: null, decisionReason: null },
            at(80),
            audit('leave.request', leaveId('ev-leave', studentNo(i))),
          );
        }
        for (const [i, n] of [[1, 2], [1, 1], [2, 1]]) {
          await storage.recordNoShowMark({ eventId: `ev-gone-${n}`, studentNo: studentNo(i), eventTitle: `未到场${n}`, term: termOf(NOW).id, recordedAt: at(n).toISOString(), removedAt: null, removedReason: null }, rule, at(n));
        }
        for (const [i, topic] of [[1, 'volunteer'], [1, 'theme'], [2, 'volunteer']] as const) await storage.setFollow(studentNo(i), topic, true, NOW);
      }

      it('gathers the student\'s leave requests and no-show marks (oldest first), and nobody else\'s', async () => {
        await fairSeatsLife();
        const mine = await storage.personalRecords(studentNo(1), 'openid-1');
        expect(mine.leaves).toEqual([expect.objectContaining({ eventId: 'ev-leave', studentNo: studentNo(1), reason: '发烧卧床，校医证明', photoFileId: 'f-photo-1', status: 'pending' })]);
        expect(mine.noShowMarks.map((m) => [m.eventId, m.studentNo])).toEqual([['ev-gone-1', studentNo(1)], ['ev-gone-2', studentNo(1)]]);
        expect((await storage.personalRecords(studentNo(2), 'openid-2')).leaves.map((l) => l.photoFileId)).toEqual([null]);
      });

      it('erases follows, no-show marks, the block and leave reasons and photo ids — the decision kept — of that student only; again, nothing more', async () => {
        await fairSeatsLife();
        expect(await storage.getSignupBlock(studentNo(1))).not.toBeNull();
        expect(await storage.erasePersonalData(studentNo(1), ['openid-1'], at(90))).toEqual({
          sharesRevoked: 0, consentsRemoved: 0, sessionsEnded: 0, bindAttemptsCleared: false, followsRemoved: 2, noShowMarksRemoved: 2, blockLifted: true, leavesCleared: 1,
        });
        expect(await storage.getLeave('ev-leave', studentNo(1))).toMatchObject({ status: 'pending', reason: ERASED_LEAVE_REASON, photoFileId: null, createdAt: at(80).toISOString() });
        expect(await storage.listNoShowMarks(studentNo(1), termOf(NOW).id)).toEqual([]);
        expect(await storage.getSignupBlock(studentNo(1))).toBeNull();
        expect(await storage.followsOf(studentNo(1))).toEqual([]);
        expect(await storage.getLeave('ev-leave', studentNo(2))).toMatchObject({ reason: '发烧卧床，校医证明' });
        expect(await storage.listNoShowMarks(studentNo(2), termOf(NOW).id)).toHaveLength(1);
        expect(await storage.followsOf(studentNo(2))).toEqual(['volunteer']);
        expect((await storage.getRegistration('ev-leave', studentNo(1)))?.status).toBe('confirmed');
        expect(await storage.erasePersonalData(studentNo(1), ['openid-1'], at(91))).toMatchObject({ followsRemoved: 0, noShowMarksRemoved: 0, blockLifted: false, leavesCleared: 0 });
      });
    });

    it('(factories) students 1–3 are bound, 4 is not', async () => {
      expect((await storage.findStudentByNo(studentNo(4)))!.openid).toBeNull();
      expect(makeStudent(1).studentNo).toBe(studentNo(1));
    });
  });
}

import { checkPublishedDraw, commitmentOf, DEFAULT_BLOCK_RULE, leaveId, termOf, type AuditDraft, type BlockRule, type EventRecord, type LeaveRecord, type NoShowMark } from '../../core';
import { nodeSha256 } from '../../server/security/lottery-secrets';
import type { StoragePort } from '../../server/storage/ports';
import { LOTTERY_PSEUDONYM_KEY, LOTTERY_SEED, NOW, at, makeEvent, makeStudents, studentNo } from '../support/factories';
import { refusalOf, type StorageHarness } from './storage-contract';

/**
 * Fair seats (issue 16) against every adapter: a lottery published with its secrets before its window opens, applications
 * that take no seat and are all recorded under a crowd, the draw's atomic assignment (winners confirmed, the rest
 * waitlisted in drawn order, a winner's seat passing down that order) that anyone can recompute from what is published;
 * leave asked and answered; no-show marks that block sign-ups under the committee's rule; followed topics.
 */
export function runFairnessContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: fairness contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;
    const audit = (action: string, target: string): AuditDraft => ({ at: NOW.toISOString(), actor: 'openid-admin', action, target, detail: '{}' });
    const secrets = { seed: LOTTERY_SEED, pseudonymKey: LOTTERY_PSEUDONYM_KEY, commitment: commitmentOf(LOTTERY_SEED, nodeSha256) };
    /** A lottery draft for 3 seats whose window opens in an hour and closes in two days. */
    const draft = (overrides: Partial<EventRecord> = {}) =>
      makeEvent({ id: 'ev-lottery', status: 'draft', signupMode: 'lottery', signupStartAt: at(1).toISOString(), lottery: null, ...overrides });
    /** After the window closed and the settle minute passed: the draw is due. */
    const DUE = at(48.5);

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
      await storage.putStudents(makeStudents(40));
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    async function publishedWith(applicants: number): Promise<void> {
      await storage.putEvents([draft()]);
      await storage.publishLottery('ev-lottery', secrets, NOW, audit('event.publish', 'ev-lottery'));
      for (let i = 1; i <= applicants; i++) await storage.signUp('ev-lottery', studentNo(i), at(2));
    }

    describe('lottery', () => {
      it('publishes a lottery draft with its commitment before the window opens, and refuses once it opened or for a first-come event', async () => {
        await storage.putEvents([draft(), draft({ id: 'ev-late', signupStartAt: at(-1).toISOString() }), makeEvent({ id: 'ev-fc', status: 'draft' })]);
        const published = await storage.publishLottery('ev-lottery', secrets, NOW, audit('event.publish', 'ev-lottery'));
        expect(published.status).toBe('published');
        expect(published.lottery).toMatchObject({ commitment: secrets.commitment, drawnAt: null, seed: null, complete: false });
        expect(await refusalOf(storage.publishLottery('ev-lottery', secrets, NOW, audit('event.publish', 'ev-lottery')))).toBe('STATUS_CHANGE_NOT_ALLOWED');
        expect(await refusalOf(storage.publishLottery('ev-late', secrets, NOW, audit('event.publish', 'ev-late')))).toBe('LOTTERY_TOO_LATE');
        expect(await refusalOf(storage.publishLottery('ev-fc', secrets, NOW, audit('event.publish', 'ev-fc')))).toBe('LOTTERY_NOT_LOTTERY');
        // Nothing of a refused publish was written.
        expect((await storage.getEvent('ev-late'))?.status).toBe('draft');
      });

      it('takes an application that holds no seat, once per student, and lets it be withdrawn while the window is open', async () => {
        await publishedWith(0);
        const first = await storage.signUp('ev-lottery', studentNo(1), at(2));
        expect(first.registration.status).toBe('applied');
        expect(await storage.getEvent('ev-lottery')).toMatchObject({ seatsLeft: 3, waitlistCount: 0 });
        expect(await refusalOf(storage.signUp('ev-lottery', studentNo(1), at(3)))).toBe('ALREADY_SIGNED_UP');
        expect(await storage.countLotteryApplications('ev-lottery')).toBe(1);
        await storage.cancel('ev-lottery', studentNo(1), at(4));
        expect(await storage.countLotteryApplications('ev-lottery')).toBe(0);
        expect(await refusalOf(storage.signUp('ev-lottery', studentNo(2), at(49)))).toBe('SIGNUP_CLOSED');
      });

      it('records every one of 30 simultaneous applications', async () => {
        await publishedWith(0);
        const outcomes = await Promise.all(Array.from({ length: 30 }, (_, k) => storage.signUp('ev-lottery', studentNo(k + 1), at(2))));
        expect(outcomes.every((o) => o.registration.status === 'applied')).toBe(true);
        expect(await storage.countLotteryApplications('ev-lottery')).toBe(30);
      });

      it('refuses a draw before it is due, then confirms the winners and waitlists the rest in drawn order, once', async () => {
        await publishedWith(8);
        expect(await refusalOf(storage.drawLottery('ev-lottery', at(47), nodeSha256, audit('lottery.draw', 'ev-lottery')))).toBe('LOTTERY_NOT_DUE');
        const outcome = await storage.drawLottery('ev-lottery', DUE, nodeSha256, audit('lottery.draw', 'ev-lottery'));
        expect(outcome.complete).toBe(true);
        expect(outcome.event.lottery).toMatchObject({ seed: LOTTERY_SEED, seats: 3, applicants: 8, winners: 3, complete: true });
        expect(outcome.event).toMatchObject({ seatsLeft: 0, waitlistCount: 5 });
        const byRank = [...outcome.placements].sort((a, b) => a.rank - b.rank);
        expect(byRank.map((p) => p.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted', 'waitlisted', 'waitlisted', 'waitlisted']);
        // The waitlist is the drawn order.
        const line = await storage.listWaitlist('ev-lottery');
        expect(line.map((r) => r.studentNo)).toEqual(byRank.slice(3).map((p) => p.studentNo));
        const fourth = await storage.getRegistration('ev-lottery', byRank[3].studentNo);
        expect(await storage.waitlistPosition(fourth!)).toBe(1);
        expect(await refusalOf(storage.drawLottery('ev-lottery', DUE, nodeSha256, audit('lottery.draw', 'ev-lottery')))).toBe('LOTTERY_DRAWN');
      });

      it('publishes a list anyone can recompute: pseudonyms in order, paged, and the draw checks out', async () => {
        await publishedWith(7);
        const { event } = await storage.drawLottery('ev-lottery', DUE, nodeSha256, audit('lottery.draw', 'ev-lottery'));
        const page1 = await storage.drawnApplicants('ev-lottery', 0, 4);
        const page2 = await storage.drawnApplicants('ev-lottery', 4, 4);
        const all = [...page1, ...page2];
        expect(all).toHaveLength(7);
        expect(all.map((a) => a.pseudonym)).toEqual([...all.map((a) => a.pseudonym)].sort());
        expect(all.every((a) => /^[0-9a-f]{16}$/.test(a.pseudonym))).toBe(true);
        const check = checkPublishedDraw(
          { eventId: 'ev-lottery', commitment: event.lottery!.commitment, seed: event.lottery!.seed!, seats: event.lottery!.seats!, priority: event.lottery!.priority, applicants: all },
          nodeSha256,
        );
        expect(check).toMatchObject({ seedMatches: true, weightsAllowed: true, ranksMatch: true, problems: [] });
        expect(check.winners).toHaveLength(3);
      });

      it('passes a winner\'s seat to the first in the drawn order when the winner cancels', async () => {
        await publishedWith(5);
        const { placements } = await storage.drawLottery('ev-lottery', DUE, nodeSha256, audit('lottery.draw', 'ev-lottery'));
        const byRank = [...placements].sort((a, b) => a.rank - b.rank);
        const { promoted } = await storage.cancel('ev-lottery', byRank[0].studentNo, at(50));
        expect(promoted?.studentNo).toBe(byRank[3].studentNo);
        expect((await storage.getRegistration('ev-lottery', byRank[3].studentNo))?.status).toBe('confirmed');
      });

      it('draws an empty lottery (nobody applied) and leaves every seat free', async () => {
        await publishedWith(0);
        const outcome = await storage.drawLottery('ev-lottery', DUE, nodeSha256, audit('lottery.draw', 'ev-lottery'));
        expect(outcome.event.lottery).toMatchObject({ applicants: 0, winners: 0, complete: true });
        expect(outcome.event.seatsLeft).toBe(3);
      });
    });

    describe('leave', () => {
      /** Student 1 confirmed on a first-come event, now past its cancel deadline (72 h) and before its start (96 h). */
      async function confirmedPastDeadline(): Promise<void> {
        await storage.putEvents([makeEvent({ id: 'ev-leave', capacity: 1 })]);
        await storage.signUp('ev-leave', studentNo(1), NOW);
        await storage.signUp('ev-leave', studentNo(2), NOW);
      }
      const leave = (overrides: Partial<LeaveRecord> = {}): LeaveRecord => ({
        id: leaveId('ev-leave', studentNo(1)), eventId: 'ev-leave', studentNo: studentNo(1), status: 'pending', reason: '发烧 39 度，校医嘱咐卧床',
        photoFileId: null, createdAt: at(80).toISOString(), decidedAt: null, decidedBy: null, decisionReason: null, ...overrides,
      });

      it('takes a request after the cancel deadline, once, and refuses one before it (cancelling is the way then)', async () => {
        await confirmedPastDeadline();
        expect(await refusalOf(storage.requestLeave(leave({ createdAt: at(10).toISOString() }), at(10), audit('leave.request', 'ev-leave')))).toBe('LEAVE_NOT_NEEDED');
        const filed = await storage.requestLeave(leave(), at(80), audit('leave.request', 'ev-leave'));
        expect(filed.status).toBe('pending');
        expect(await refusalOf(storage.requestLeave(leave(), at(81), audit('leave.request', 'ev-leave')))).toBe('LEAVE_EXISTS');
        expect(await refusalOf(storage.requestLeave(leave({ id: leaveId('ev-leave', studentNo(3)), studentNo: studentNo(3) }), at(80), audit('leave.request', 'ev-leave')))).toBe('NOT_SIGNED_UP');
        expect((await storage.listLeaves({ eventIds: ['ev-leave'], status: 'pending' })).map((l) => l.studentNo)).toEqual([studentNo(1)]);
      });

      it('approving cancels without a mark and passes the seat on; the answer is given once', async () => {
        await confirmedPastDeadline();
        await storage.requestLeave(leave(), at(80), audit('leave.request', 'ev-leave'));
        const answered = await storage.decideLeave('ev-leave', studentNo(1), { approve: true, reason: null, by: 'openid-admin', at: at(81) }, DEFAULT_BLOCK_RULE, audit('leave.decide', 'ev-leave'));
        expect(answered.leave).toMatchObject({ status: 'approved', decidedBy: 'openid-admin' });
        expect(answered.promoted?.studentNo).toBe(studentNo(2));
        expect((await storage.getRegistration('ev-leave', studentNo(1)))?.status).toBe('cancelled');
        expect(
          await refusalOf(storage.decideLeave('ev-leave', studentNo(1), { approve: false, reason: '太晚了', by: 'openid-admin', at: at(82) }, DEFAULT_BLOCK_RULE, audit('leave.decide', 'ev-leave'))),
        ).toBe('LEAVE_DECIDED');
      });

      it('refusing keeps the student signed up and records the reason the student sees', async () => {
        await confirmedPastDeadline();
        await storage.requestLeave(leave(), at(80), audit('leave.request', 'ev-leave'));
        const answered = await storage.decideLeave('ev-leave', studentNo(1), { approve: false, reason: '理由不充分', by: 'openid-admin', at: at(81) }, DEFAULT_BLOCK_RULE, audit('leave.decide', 'ev-leave'));
        expect(answered.leave).toMatchObject({ status: 'refused', decisionReason: '理由不充分' });
        expect(answered.promoted).toBeNull();
        expect((await storage.getRegistration('ev-leave', studentNo(1)))?.status).toBe('confirmed');
      });
    });

    describe('no-show marks and blocks', () => {
      const RULE: BlockRule = { enabled: true, marksPerTerm: 3, blockDays: 7 };
      const mark = (i: number, overrides: Partial<NoShowMark> = {}): NoShowMark => ({
        eventId: `ev-${i}`, studentNo: studentNo(1), eventTitle: `活动${i}`, term: termOf(NOW).id, recordedAt: at(i).toISOString(), removedAt: null, removedReason: null, ...overrides,
      });

      it('blocks on the third mark of a term, records each mark once, and lifts the block when a mark is removed', async () => {
        expect((await storage.recordNoShowMark(mark(1), RULE, at(1))).block).toBeNull();
        expect(await storage.recordNoShowMark(mark(1), RULE, at(1))).toMatchObject({ recorded: false });
        await storage.recordNoShowMark(mark(2), RULE, at(2));
        const third = await storage.recordNoShowMark(mark(3), RULE, at(3));
        expect(third).toMatchObject({ recorded: true, block: { marks: 3 } });
        expect(Date.parse(third.block!.until)).toBe(at(3).getTime() + 7 * 86_400_000);
        expect((await storage.getSignupBlock(studentNo(1)))?.until).toBe(third.block!.until);
        const removed = await storage.removeNoShowMark('ev-2', studentNo(1), '签到更正', RULE, at(4));
        expect(removed).toMatchObject({ removed: true, block: null });
        // A removed mark is not recorded again.
        expect(await storage.recordNoShowMark(mark(2), RULE, at(5))).toMatchObject({ recorded: false });
        expect((await storage.listNoShowMarks(studentNo(1), termOf(NOW).id)).map((m) => [m.eventId, m.removedAt !== null])).toEqual([
          ['ev-1', false], ['ev-2', true], ['ev-3', false],
        ]);
      });

      it('keeps the rule, and turning it off ends every running block at once', async () => {
        expect(await storage.blockRule()).toEqual(DEFAULT_BLOCK_RULE);
        await storage.putBlockRule(RULE, NOW, audit('conduct.rule', 'signupBlocks'));
        expect(await storage.blockRule()).toEqual(RULE);
        for (const i of [1, 2, 3]) await storage.recordNoShowMark(mark(i), RULE, at(i));
        const { lifted } = await storage.putBlockRule({ ...RULE, enabled: false }, at(4), audit('conduct.rule', 'signupBlocks'));
        expect(lifted).toBe(1);
        const block = await storage.getSignupBlock(studentNo(1));
        expect(block === null || Date.parse(block.until) <= at(4).getTime()).toBe(true);
      });
    });

    describe('follows', () => {
      it('follows and unfollows idempotently, lists each follower once, and remembers an event\'s alerts once queued', async () => {
        await storage.setFollow(studentNo(1), 'volunteer', true, NOW);
        await storage.setFollow(studentNo(1), 'volunteer', true, NOW);
        await storage.setFollow(studentNo(1), 'firstaid', true, NOW);
        await storage.setFollow(studentNo(2), 'firstaid', true, NOW);
        expect((await storage.followsOf(studentNo(1))).sort()).toEqual(['firstaid', 'volunteer']);
        expect((await storage.followersOf(['volunteer', 'firstaid'])).sort()).toEqual([studentNo(1), studentNo(2)]);
        await storage.setFollow(studentNo(1), 'volunteer', false, NOW);
        await storage.setFollow(studentNo(1), 'volunteer', false, NOW);
        expect(await storage.followsOf(studentNo(1))).toEqual(['firstaid']);
        expect(await storage.followAlertsQueued('ev-x')).toBe(false);
        await storage.markFollowAlertsQueued('ev-x', 2, NOW);
        expect(await storage.followAlertsQueued('ev-x')).toBe(true);
      });
    });
  });
}

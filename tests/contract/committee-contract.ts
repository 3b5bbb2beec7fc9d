import {
  DEFAULT_PLAN_ITEMS,
  DEFAULT_TARGETS,
  afterFailure,
  afterSuccess,
  type AuditDraft,
  type EventRecord,
  type PlanSettings,
  type TeamRecord,
} from '../../core';
import type { StoragePort } from '../../server/storage/ports';
import type { DashboardAggregates, EditableEventFields } from '../../server/storage/ports';
import {
  NOW,
  at,
  detailsFor,
  makeEvent,
  makeOutboxMessage,
  makeStudent,
  makeStudents,
  makeTeam,
  studentNo,
} from '../support/factories';
import { refusalOf, type StorageHarness } from './storage-contract';

/**
 * The committee's part of the storage contract (issue 6), run against every adapter: publishing keeps the event's
 * counters and moves it along its lifecycle only where mayTransition allows; an application holds no seat until an
 * organiser approves it; a social-practice team is one team per student per event, changes only while forming and
 * signs up as one unit within its size limits and the event's seats; the outbox is keyed by reason (a message queued
 * twice is one message); a consent is used once; the dashboard's aggregates are exact, by Shanghai month.
 *
 * Time line (factories): sign-up of makeEvent is open at NOW (2026-03-02T02:00Z) from at(-24) until at(48); it may be
 * cancelled until at(72).
 */
const ADMIN = 'openid-admin';
const E = 'ev-lecture';
const P = 'ev-practice';

export function runCommitteeContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: committee contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    const audit = (action: string, target: string, detail: object = {}, when: Date = NOW): AuditDraft => ({
      at: when.toISOString(), actor: ADMIN, action, target, detail: JSON.stringify(detail),
    });

    async function eventNow(id: string): Promise<EventRecord> {
      const e = await storage.getEvent(id);
      if (!e) throw new Error(`event ${id} vanished`);
      return e;
    }

    /** The organiser's fields of an event (what updateEventFields takes). */
    function editable(e: EventRecord): EditableEventFields {
      const {
        id: _id, status: _s, seatsLeft: _sl, waitlistCount: _wc, waitlistSeq: _ws, checkedInCount: _ci,
        checkedOutCount: _co, staffOpenids: _so, createdBy: _cb, cancelReason: _cr, ...fields
      } = e;
      return fields;
    }

    async function signUp(eventId: string, ...students: number[]): Promise<void> {
      for (const i of students) await storage.signUp(eventId, studentNo(i), NOW);
    }

    describe('publishing', () => {
      it('creates a draft with zeroed counters, reads it back and audits it', async () => {
        const draft = makeEvent({
          id: 'ev-new', status: 'draft', capacity: 30, seatsLeft: 2, waitlistCount: 4, waitlistSeq: 9,
          checkedInCount: 3, checkedOutCount: 1, createdBy: ADMIN, category: 'firstaid', details: detailsFor('firstaid'),
          audience: { colleges: ['医学院'], grades: ['2024'], leagueMembersOnly: true },
        });
        const created = await storage.createEvent(draft, audit('event.create', 'ev-new'));
        const expected = { ...draft, seatsLeft: 30, waitlistCount: 0, waitlistSeq: 0, checkedInCount: 0, checkedOutCount: 0 };
        expect(created).toEqual(expected);
        expect(await storage.getEvent('ev-new')).toEqual(expected);
        expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'event.create', target: 'ev-new', actor: ADMIN });
      });

      it("keeps an event's cover file id through creation, edits, lists and removal", async () => {
        const COVER = 'f-coverafileidaaaaaaaaaaaaaa';
        const OTHER = 'f-coverbfileidbbbbbbbbbbbbbb';
        const created = await storage.createEvent(makeEvent({ id: 'ev-cover', status: 'draft', coverFileId: COVER }), audit('event.create', 'ev-cover'));
        expect(created.coverFileId).toBe(COVER);
        expect((await eventNow('ev-cover')).coverFileId).toBe(COVER);
        const page = await storage.listEventPage({ limit: 10 });
        expect(page.events.find((e) => e.id === 'ev-cover')?.coverFileId).toBe(COVER);
        const replaced = await storage.updateEventFields('ev-cover', { ...editable(await eventNow('ev-cover')), coverFileId: OTHER }, audit('event.update', 'ev-cover'));
        expect(replaced.coverFileId).toBe(OTHER);
        expect((await eventNow('ev-cover')).coverFileId).toBe(OTHER);
        await storage.updateEventFields('ev-cover', { ...editable(await eventNow('ev-cover')), coverFileId: null }, audit('event.update', 'ev-cover'));
        expect((await eventNow('ev-cover')).coverFileId).toBeNull();
        expect((await storage.listEventPage({ limit: 10 })).events.find((e) => e.id === 'ev-cover')?.coverFileId).toBeNull();
        // An event without a cover reads as null (the kind's artwork), never as undefined.
        await storage.putEvents([makeEvent({ id: 'ev-plain' })]);
        expect((await eventNow('ev-plain')).coverFileId).toBeNull();
      });

      it('refuses to create an event whose id exists (INVALID_INPUT) and changes nothing', async () => {
        await storage.putStudents(makeStudents(2));
        await storage.putEvents([makeEvent()]);
        await signUp(E, 1);
        expect(await refusalOf(storage.createEvent(makeEvent({ title: '别的活动' }), audit('event.create', E)))).toBe('INVALID_INPUT');
        expect(await eventNow(E)).toMatchObject({ title: makeEvent().title, seatsLeft: 2 });
      });

      it('keeps null details and the audience of everyone as they were put', async () => {
        const old = makeEvent({ id: 'ev-old', details: null });
        await storage.createEvent(old, audit('event.create', 'ev-old'));
        expect(await storage.getEvent('ev-old')).toEqual(old);
      });

      it('edits the organiser\'s fields and keeps every counter, the status, the staff and the creator', async () => {
        await storage.putStudents(makeStudents(4));
        await storage.putEvents([makeEvent({ capacity: 3, staffOpenids: ['openid-staff'], createdBy: ADMIN })]);
        await signUp(E, 1, 2, 3, 4);
        const before = await eventNow(E);
        const fields = {
          ...editable(before),
          title: '百生讲坛：新的题目',
          location: '大学生活动中心剧场',
          details: { kind: 'lecture' as const, track: '主讲人' as const, speaker: '李教授', topic: '奋斗的青春' },
          audience: { colleges: ['信息工程学院'], grades: [], leagueMembersOnly: false },
          approvalRequired: true,
          updatedAt: at(1).toISOString(),
        };
        const after = await storage.updateEventFields(E, fields, audit('event.update', E));
        const expected = { ...before, ...fields };
        expect(after).toEqual(expected);
        expect(await eventNow(E)).toEqual(expected);
        expect(after).toMatchObject({ seatsLeft: 0, waitlistCount: 1, waitlistSeq: 1, staffOpenids: ['openid-staff'], createdBy: ADMIN, status: 'published' });
        expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'event.update', target: E });
      });

      it('moves seatsLeft by the change of capacity, down to exactly the confirmed count', async () => {
        await storage.putStudents(makeStudents(3));
        await storage.putEvents([makeEvent({ capacity: 5 })]);
        await signUp(E, 1, 2, 3);
        const more = await storage.updateEventFields(E, { ...editable(await eventNow(E)), capacity: 8 }, audit('event.update', E));
        expect(more).toMatchObject({ capacity: 8, seatsLeft: 5 });
        const exact = await storage.updateEventFields(E, { ...editable(await eventNow(E)), capacity: 3 }, audit('event.update', E));
        expect(exact).toMatchObject({ capacity: 3, seatsLeft: 0 });
        expect(await eventNow(E)).toMatchObject({ capacity: 3, seatsLeft: 0 });
      });

      it('refuses a capacity below the confirmed count (CAPACITY_BELOW_CONFIRMED) and changes nothing', async () => {
        await storage.putStudents(makeStudents(3));
        await storage.putEvents([makeEvent({ capacity: 5 })]);
        await signUp(E, 1, 2, 3);
        const before = await eventNow(E);
        const refused = storage.updateEventFields(E, { ...editable(before), capacity: 2, title: '改了' }, audit('event.update', E));
        expect(await refusalOf(refused)).toBe('CAPACITY_BELOW_CONFIRMED');
        expect(await eventNow(E)).toEqual(before);
      });

      it('refuses to edit a cancelled event (EVENT_CANCELLED) or an unknown one (NOT_FOUND)', async () => {
        await storage.putEvents([makeEvent({ status: 'cancelled' })]);
        const before = await eventNow(E);
        expect(await refusalOf(storage.updateEventFields(E, { ...editable(before), title: '改了' }, audit('event.update', E)))).toBe('EVENT_CANCELLED');
        expect(await eventNow(E)).toEqual(before);
        expect(await refusalOf(storage.updateEventFields('ev-unknown', editable(before), audit('event.update', 'ev-unknown')))).toBe('NOT_FOUND');
      });

      it('edits a draft and a closed event', async () => {
        await storage.putEvents([makeEvent({ id: 'ev-draft', status: 'draft' }), makeEvent({ id: 'ev-closed', status: 'closed' })]);
        for (const id of ['ev-draft', 'ev-closed']) {
          const after = await storage.updateEventFields(id, { ...editable(await eventNow(id)), title: '新标题' }, audit('event.update', id));
          expect(after.title).toBe('新标题');
        }
        expect((await eventNow('ev-draft')).status).toBe('draft');
        expect((await eventNow('ev-closed')).status).toBe('closed');
      });

      it('publishes a draft, closes it, reopens it and cancels it with the reason kept, auditing each step', async () => {
        await storage.putEvents([makeEvent({ status: 'draft' })]);
        expect((await storage.changeEventStatus(E, 'publish', null, audit('event.publish', E))).status).toBe('published');
        expect((await storage.changeEventStatus(E, 'close', null, audit('event.close', E))).status).toBe('closed');
        expect((await storage.changeEventStatus(E, 'reopen', null, audit('event.reopen', E))).status).toBe('published');
        const cancelled = await storage.changeEventStatus(E, 'cancel', '场地临时征用，活动取消', audit('event.cancel', E));
        expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '场地临时征用，活动取消' });
        expect(await eventNow(E)).toMatchObject({ status: 'cancelled', cancelReason: '场地临时征用，活动取消' });
        expect((await storage.listAudit(4)).map((a) => a.action)).toEqual(['event.cancel', 'event.reopen', 'event.close', 'event.publish']);
      });

      it('keeps the counters through status changes', async () => {
        await storage.putStudents(makeStudents(2));
        await storage.putEvents([makeEvent({ capacity: 4 })]);
        await signUp(E, 1, 2);
        const closed = await storage.changeEventStatus(E, 'close', null, audit('event.close', E));
        expect(closed).toMatchObject({ capacity: 4, seatsLeft: 2, waitlistCount: 0 });
      });

      it('refuses a transition the lifecycle does not allow (STATUS_CHANGE_NOT_ALLOWED) and writes nothing', async () => {
        await storage.putEvents([
          makeEvent({ id: 'ev-draft', status: 'draft' }),
          makeEvent({ id: 'ev-pub' }),
          makeEvent({ id: 'ev-closed', status: 'closed' }),
          makeEvent({ id: 'ev-cancelled', status: 'cancelled', cancelReason: '天气' }),
        ]);
        const refusals: Array<[string, 'publish' | 'close' | 'reopen' | 'cancel']> = [
          ['ev-draft', 'close'],
          ['ev-draft', 'reopen'],
          ['ev-pub', 'publish'],
          ['ev-pub', 'reopen'],
          ['ev-closed', 'publish'],
          ['ev-closed', 'close'],
          ['ev-cancelled', 'publish'],
          ['ev-cancelled', 'reopen'],
          ['ev-cancelled', 'cancel'],
        ];
        const auditBefore = (await storage.listAudit(100)).length;
        for (const [id, action] of refusals) {
          const before = await eventNow(id);
          expect([id, action, await refusalOf(storage.changeEventStatus(id, action, 'x', audit(`event.${action}`, id)))]).toEqual([
            id, action, 'STATUS_CHANGE_NOT_ALLOWED',
          ]);
          expect(await eventNow(id)).toEqual(before);
        }
        expect((await storage.listAudit(100)).length).toBe(auditBefore);
        expect(await refusalOf(storage.changeEventStatus('ev-unknown', 'publish', null, audit('event.publish', 'x')))).toBe('NOT_FOUND');
      });

      it('cancels a draft', async () => {
        await storage.putEvents([makeEvent({ status: 'draft' })]);
        expect((await storage.changeEventStatus(E, 'cancel', '不办了', audit('event.cancel', E))).status).toBe('cancelled');
      });

      it('takes no sign-up for a draft (NOT_FOUND) or a closed event (SIGNUP_CLOSED)', async () => {
        await storage.putStudents(makeStudents(1));
        await storage.putEvents([makeEvent({ id: 'ev-draft', status: 'draft' }), makeEvent({ id: 'ev-closed', status: 'closed' })]);
        expect(await refusalOf(storage.signUp('ev-draft', studentNo(1), NOW))).toBe('NOT_FOUND');
        expect(await refusalOf(storage.signUp('ev-closed', studentNo(1), NOW))).toBe('SIGNUP_CLOSED');
        expect(await storage.getRegistration('ev-draft', studentNo(1))).toBeNull();
        expect(await storage.getRegistration('ev-closed', studentNo(1))).toBeNull();
      });
    });

    describe('applications (approval required)', () => {
      beforeEach(async () => {
        await storage.putStudents(makeStudents(6));
        await storage.putEvents([makeEvent({ capacity: 2, approvalRequired: true })]);
      });

      it('records a sign-up as a pending application that holds no seat', async () => {
        const out = await storage.signUp(E, studentNo(1), NOW);
        expect(out.registration).toMatchObject({ status: 'pending', waitlistSeq: null, studentNo: studentNo(1), eventId: E });
        expect(out.waitlistPosition).toBeNull();
        expect(out.event).toMatchObject({ seatsLeft: 2, waitlistCount: 0, waitlistSeq: 0 });
        expect(await eventNow(E)).toMatchObject({ seatsLeft: 2, waitlistCount: 0, waitlistSeq: 0 });
        expect(await storage.getRegistration(E, studentNo(1))).toMatchObject({ status: 'pending', waitlistSeq: null });
        expect(await storage.waitlistPosition(out.registration)).toBeNull();
        expect((await storage.listActiveRegistrationsOfStudent(studentNo(1))).map((r) => r.status)).toEqual(['pending']);
      });

      it('takes more applications than seats, and refuses a second application of the same student', async () => {
        await signUp(E, 1, 2, 3, 4);
        expect(await refusalOf(storage.signUp(E, studentNo(1), NOW))).toBe('ALREADY_SIGNED_UP');
        expect(await eventNow(E)).toMatchObject({ seatsLeft: 2, waitlistCount: 0 });
      });

      it('lists an event\'s registrations by status, in order of application', async () => {
        await storage.signUp(E, studentNo(3), at(0.1));
        await storage.signUp(E, studentNo(1), at(0.2));
        await storage.signUp(E, studentNo(2), at(0.3));
        expect((await storage.listRegistrationsOfEvent(E, ['pending'])).map((r) => r.studentNo)).toEqual([3, 1, 2].map(studentNo));
        await storage.decideApplication(E, studentNo(1), true, at(1), audit('application.approve', E));
        expect((await storage.listRegistrationsOfEvent(E, ['pending'])).map((r) => r.studentNo)).toEqual([3, 2].map(studentNo));
        expect((await storage.listRegistrationsOfEvent(E, ['confirmed'])).map((r) => r.studentNo)).toEqual([studentNo(1)]);
        expect((await storage.listRegistrationsOfEvent(E, ['confirmed', 'pending'])).map((r) => r.studentNo)).toEqual([3, 1, 2].map(studentNo));
        expect(await storage.listRegistrationsOfEvent(E, ['waitlisted'])).toEqual([]);
        expect(await storage.listRegistrationsOfEvent('ev-unknown', ['pending'])).toEqual([]);
      });

      it('approving an application takes a seat, with its audit entry', async () => {
        await signUp(E, 1, 2);
        const out = await storage.decideApplication(E, studentNo(1), true, at(1), audit('application.approve', `${E}:${studentNo(1)}`));
        expect(out.registration).toMatchObject({ status: 'confirmed', studentNo: studentNo(1), updatedAt: at(1).toISOString() });
        expect(out.event).toMatchObject({ id: E, seatsLeft: 1, waitlistCount: 0 });
        expect(await storage.getRegistration(E, studentNo(1))).toMatchObject({ status: 'confirmed' });
        expect(await eventNow(E)).toMatchObject({ seatsLeft: 1 });
        expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'application.approve', target: `${E}:${studentNo(1)}` });
      });

      it('refuses to approve when no seat is left (EVENT_FULL): the application stays pending', async () => {
        await signUp(E, 1, 2, 3);
        await storage.decideApplication(E, studentNo(1), true, at(1), audit('application.approve', E));
        await storage.decideApplication(E, studentNo(2), true, at(1), audit('application.approve', E));
        const auditBefore = (await storage.listAudit(100)).length;
        expect(await refusalOf(storage.decideApplication(E, studentNo(3), true, at(1), audit('application.approve', E)))).toBe('EVENT_FULL');
        expect(await storage.getRegistration(E, studentNo(3))).toMatchObject({ status: 'pending' });
        expect(await eventNow(E)).toMatchObject({ seatsLeft: 0 });
        expect((await storage.listAudit(100)).length).toBe(auditBefore);
      });

      it('approves no more applications than seats when many are approved at once', async () => {
        await signUp(E, 1, 2, 3, 4, 5, 6);
        const outcomes = await Promise.allSettled(
          [1, 2, 3, 4, 5, 6].map((i) => storage.decideApplication(E, studentNo(i), true, at(1), audit('application.approve', E))),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
        expect((await storage.listRegistrationsOfEvent(E, ['confirmed']))).toHaveLength(2);
        expect(await eventNow(E)).toMatchObject({ seatsLeft: 0 });
      });

      it('rejecting an application cancels it and leaves the seats alone', async () => {
        await signUp(E, 1);
        const out = await storage.decideApplication(E, studentNo(1), false, at(1), audit('application.reject', E));
        expect(out.registration).toMatchObject({ status: 'cancelled' });
        expect(out.event).toMatchObject({ seatsLeft: 2 });
        expect(await storage.getRegistration(E, studentNo(1))).toMatchObject({ status: 'cancelled' });
        expect(await eventNow(E)).toMatchObject({ seatsLeft: 2, waitlistCount: 0 });
      });

      it('refuses to decide what is not pending (NOT_PENDING) or an unknown event (NOT_FOUND)', async () => {
        await signUp(E, 1, 2);
        await storage.decideApplication(E, studentNo(1), true, at(1), audit('application.approve', E));
        await storage.decideApplication(E, studentNo(2), false, at(1), audit('application.reject', E));
        expect(await refusalOf(storage.decideApplication(E, studentNo(1), true, at(2), audit('application.approve', E)))).toBe('NOT_PENDING');
        expect(await refusalOf(storage.decideApplication(E, studentNo(1), false, at(2), audit('application.reject', E)))).toBe('NOT_PENDING');
        expect(await refusalOf(storage.decideApplication(E, studentNo(2), true, at(2), audit('application.approve', E)))).toBe('NOT_PENDING');
        expect(await refusalOf(storage.decideApplication(E, studentNo(5), true, at(2), audit('application.approve', E)))).toBe('NOT_PENDING');
        expect(await refusalOf(storage.decideApplication('ev-unknown', studentNo(1), true, at(2), audit('application.approve', E)))).toBe('NOT_FOUND');
        expect(await eventNow(E)).toMatchObject({ seatsLeft: 1 });
      });

      it('a student withdraws a pending application: cancelled, no seat freed, nobody promoted', async () => {
        await signUp(E, 1, 2);
        await storage.decideApplication(E, studentNo(1), true, at(1), audit('application.approve', E));
        const out = await storage.cancel(E, studentNo(2), at(2));
        expect(out.registration.status).toBe('cancelled');
        expect(out.promoted).toBeNull();
        expect(out.event).toMatchObject({ seatsLeft: 1, waitlistCount: 0 });
        expect(await eventNow(E)).toMatchObject({ seatsLeft: 1, waitlistCount: 0 });
      });

      it('a rejected applicant may apply again, and is pending again', async () => {
        await signUp(E, 1);
        await storage.decideApplication(E, studentNo(1), false, at(1), audit('application.reject', E));
        const again = await storage.signUp(E, studentNo(1), at(2));
        expect(again.registration).toMatchObject({ status: 'pending', waitlistSeq: null });
        expect(await eventNow(E)).toMatchObject({ seatsLeft: 2 });
      });
    });

    describe('social-practice teams', () => {
      /** A practice event for teams of 3 to 4 with `capacity` seats, and twelve students. */
      async function seedPractice(overrides: Partial<EventRecord> = {}): Promise<void> {
        await storage.putStudents(makeStudents(12));
        await storage.putEvents([
          makeEvent({
            id: P, title: '暑期“三下乡”社会实践', category: 'practice', capacity: 10,
            details: { kind: 'practice', mode: '三下乡', teamSizeMin: 3, teamSizeMax: 4, destination: '孝昌县', reportDueAt: at(24 * 60).toISOString() },
            ...overrides,
          }),
        ]);
      }

      /** Team `id` led by student `leader`, joined by `members` (in order). */
      async function formTeam(id: string, code: string, leader: number, ...members: number[]): Promise<TeamRecord> {
        let team = await storage.createTeam(makeTeam({ id, joinCode: code, leaderStudentNo: studentNo(leader), members: [studentNo(leader)] }));
        for (const m of members) team = await storage.joinTeam(code, studentNo(m), at(0.5));
        return team;
      }

      it('creates a team and finds it by id, by join code and by a member', async () => {
        await seedPractice();
        const team = makeTeam();
        expect(await storage.createTeam(team)).toEqual(team);
        expect(await storage.getTeam('team-1')).toEqual(team);
        expect(await storage.findTeamByJoinCode('ABC234')).toEqual(team);
        expect(await storage.teamOfStudent(P, studentNo(1))).toEqual(team);
        expect(await storage.getTeam('team-unknown')).toBeNull();
        expect(await storage.findTeamByJoinCode('ZZZZZZ')).toBeNull();
        expect(await storage.teamOfStudent(P, studentNo(2))).toBeNull();
        expect(await storage.teamOfStudent('ev-other', studentNo(1))).toBeNull();
      });

      it('refuses a second team led by a student already in a team of the event (TEAM_ALREADY_IN_ONE)', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2);
        expect(await refusalOf(storage.createTeam(makeTeam({ id: 'team-2', joinCode: 'DEF567' })))).toBe('TEAM_ALREADY_IN_ONE');
        expect(await refusalOf(storage.createTeam(makeTeam({ id: 'team-2', joinCode: 'DEF567', leaderStudentNo: studentNo(2), members: [studentNo(2)] })))).toBe('TEAM_ALREADY_IN_ONE');
        expect(await storage.getTeam('team-2')).toBeNull();
        expect(await storage.findTeamByJoinCode('DEF567')).toBeNull();
      });

      it('refuses a team whose join code is in use, and keeps the first', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1);
        await expect(storage.createTeam(makeTeam({ id: 'team-2', leaderStudentNo: studentNo(5), members: [studentNo(5)] }))).rejects.toThrow();
        expect(await storage.getTeam('team-2')).toBeNull();
        expect((await storage.findTeamByJoinCode('ABC234'))?.id).toBe('team-1');
        expect(await storage.teamOfStudent(P, studentNo(5))).toBeNull();
      });

      it('members join by code in order, the leader first', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1);
        const joined = await storage.joinTeam('ABC234', studentNo(3), at(1));
        expect(joined.members).toEqual([1, 3].map(studentNo));
        expect(joined.updatedAt).toBe(at(1).toISOString());
        const again = await storage.joinTeam('ABC234', studentNo(2), at(2));
        expect(again.members).toEqual([1, 3, 2].map(studentNo));
        expect(await storage.getTeam('team-1')).toEqual(again);
        expect(await storage.teamOfStudent(P, studentNo(2))).toEqual(again);
      });

      it('refuses an unknown join code (TEAM_CODE_INVALID)', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1);
        expect(await refusalOf(storage.joinTeam('XYZ789', studentNo(2), NOW))).toBe('TEAM_CODE_INVALID');
      });

      it('one team per student per event: joining a second team, or the same one twice, is TEAM_ALREADY_IN_ONE', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2);
        await formTeam('team-2', 'DEF567', 5);
        expect(await refusalOf(storage.joinTeam('DEF567', studentNo(2), NOW))).toBe('TEAM_ALREADY_IN_ONE');
        expect(await refusalOf(storage.joinTeam('DEF567', studentNo(1), NOW))).toBe('TEAM_ALREADY_IN_ONE');
        expect(await refusalOf(storage.joinTeam('ABC234', studentNo(2), NOW))).toBe('TEAM_ALREADY_IN_ONE');
        expect((await storage.getTeam('team-2'))?.members).toEqual([studentNo(5)]);
        expect((await storage.getTeam('team-1'))?.members).toEqual([1, 2].map(studentNo));
      });

      it('a student may be in one team of each of two events', async () => {
        await seedPractice();
        await storage.putEvents([makeEvent({ id: 'ev-practice-2', category: 'practice' })]);
        await formTeam('team-1', 'ABC234', 1, 2);
        await storage.createTeam(makeTeam({ id: 'team-2', eventId: 'ev-practice-2', joinCode: 'DEF567', leaderStudentNo: studentNo(5), members: [studentNo(5)] }));
        const joined = await storage.joinTeam('DEF567', studentNo(2), NOW);
        expect(joined.members).toEqual([5, 2].map(studentNo));
        expect((await storage.teamOfStudent('ev-practice-2', studentNo(2)))?.id).toBe('team-2');
        expect((await storage.teamOfStudent(P, studentNo(2)))?.id).toBe('team-1');
      });

      it('refuses to join a full team (TEAM_FULL)', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2, 3, 4);
        expect(await refusalOf(storage.joinTeam('ABC234', studentNo(5), NOW))).toBe('TEAM_FULL');
        expect(await storage.teamOfStudent(P, studentNo(5))).toBeNull();
      });

      it('fills the last place once when two students join at the same time', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        const outcomes = await Promise.all([5, 6].map((i) => refusalOf(storage.joinTeam('ABC234', studentNo(i), NOW)).catch(() => 'joined')));
        expect(outcomes.sort()).toEqual(['TEAM_FULL', 'joined']);
        expect((await storage.getTeam('team-1'))?.members).toHaveLength(4);
      });

      it('lets one student into only one of two teams when both joins arrive at once', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1);
        await formTeam('team-2', 'DEF567', 5);
        const outcomes = await Promise.all(['ABC234', 'DEF567'].map((c) => refusalOf(storage.joinTeam(c, studentNo(7), NOW)).catch(() => 'joined')));
        expect(outcomes.sort()).toEqual(['TEAM_ALREADY_IN_ONE', 'joined']);
        const sizes = [(await storage.getTeam('team-1'))!.members.length, (await storage.getTeam('team-2'))!.members.length];
        expect(sizes.sort()).toEqual([1, 2]);
      });

      it('a member leaves while the team is forming and may then join another', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        await formTeam('team-2', 'DEF567', 5);
        const left = await storage.leaveTeam('team-1', studentNo(2), at(1));
        expect(left.members).toEqual([1, 3].map(studentNo));
        expect(left.updatedAt).toBe(at(1).toISOString());
        expect(await storage.teamOfStudent(P, studentNo(2))).toBeNull();
        expect((await storage.joinTeam('DEF567', studentNo(2), at(2))).members).toEqual([5, 2].map(studentNo));
      });

      it('the leader cannot leave (TEAM_NOT_LEADER), a non-member is NOT_FOUND, a signed-up team is TEAM_NOT_FORMING', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        expect(await refusalOf(storage.leaveTeam('team-1', studentNo(1), NOW))).toBe('TEAM_NOT_LEADER');
        expect(await refusalOf(storage.leaveTeam('team-1', studentNo(9), NOW))).toBe('NOT_FOUND');
        expect(await refusalOf(storage.leaveTeam('team-unknown', studentNo(2), NOW))).toBe('NOT_FOUND');
        await storage.signUpTeam('team-1', studentNo(1), NOW);
        expect(await refusalOf(storage.leaveTeam('team-1', studentNo(2), NOW))).toBe('TEAM_NOT_FORMING');
        expect((await storage.getTeam('team-1'))?.members).toEqual([1, 2, 3].map(studentNo));
      });

      it('only the leader updates the name, project and mentor', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2);
        const updated = await storage.updateTeam('team-1', studentNo(1), { name: '青禾实践队', mentor: '李老师' }, at(1));
        expect(updated).toMatchObject({ name: '青禾实践队', mentor: '李老师', project: makeTeam().project, updatedAt: at(1).toISOString() });
        expect(await storage.getTeam('team-1')).toEqual(updated);
        expect(await refusalOf(storage.updateTeam('team-1', studentNo(2), { name: '改名' }, at(2)))).toBe('TEAM_NOT_LEADER');
        expect(await refusalOf(storage.updateTeam('team-unknown', studentNo(1), { name: '改名' }, at(2)))).toBe('NOT_FOUND');
        expect((await storage.getTeam('team-1'))?.name).toBe('青禾实践队');
      });

      it('signs the team up as one unit: a confirmed registration for every member, seats taken once each', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        const team = await storage.signUpTeam('team-1', studentNo(1), at(1));
        expect(team).toMatchObject({ status: 'signed_up', updatedAt: at(1).toISOString() });
        expect(await storage.getTeam('team-1')).toEqual(team);
        for (const i of [1, 2, 3]) {
          expect(await storage.getRegistration(P, studentNo(i))).toMatchObject({ status: 'confirmed', waitlistSeq: null });
        }
        expect(await eventNow(P)).toMatchObject({ seatsLeft: 7, waitlistCount: 0 });
      });

      it('keeps a member\'s own confirmed registration and takes seats only for the new ones', async () => {
        await seedPractice();
        await storage.signUp(P, studentNo(2), at(-1));
        const own = await storage.getRegistration(P, studentNo(2));
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        await storage.signUpTeam('team-1', studentNo(1), at(1));
        expect(await storage.getRegistration(P, studentNo(2))).toEqual(own);
        expect(await eventNow(P)).toMatchObject({ seatsLeft: 7 });
      });

      it('renews a member\'s cancelled registration as confirmed', async () => {
        await seedPractice();
        await storage.signUp(P, studentNo(3), at(-1));
        await storage.cancel(P, studentNo(3), at(-0.5));
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        await storage.signUpTeam('team-1', studentNo(1), at(1));
        expect(await storage.getRegistration(P, studentNo(3))).toMatchObject({ status: 'confirmed' });
        expect(await eventNow(P)).toMatchObject({ seatsLeft: 7 });
      });

      it('moves a waitlisted member to a seat with the team, and the line shrinks', async () => {
        await seedPractice({ capacity: 2 });
        await signUp(P, 8, 3, 2);
        expect(await storage.getRegistration(P, studentNo(2))).toMatchObject({ status: 'waitlisted' });
        // More seats, and nobody promoted by the edit: 2 still waits while a seat is free.
        await storage.updateEventFields(P, { ...editable(await eventNow(P)), capacity: 3 }, audit('event.update', P));
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        // 1 (nothing) and 2 (waitlisted) need seats, 3 has one: two needed, one left.
        expect(await refusalOf(storage.signUpTeam('team-1', studentNo(1), NOW))).toBe('EVENT_FULL');
        expect(await eventNow(P)).toMatchObject({ seatsLeft: 1, waitlistCount: 1 });
        await storage.updateEventFields(P, { ...editable(await eventNow(P)), capacity: 4 }, audit('event.update', P));
        await storage.signUpTeam('team-1', studentNo(1), NOW);
        expect(await storage.getRegistration(P, studentNo(2))).toMatchObject({ status: 'confirmed' });
        expect(await storage.listWaitlist(P)).toEqual([]);
        expect(await eventNow(P)).toMatchObject({ seatsLeft: 0, waitlistCount: 0 });
      });

      it('refuses when there are not enough seats for the new members (EVENT_FULL) and writes nothing', async () => {
        await seedPractice({ capacity: 4 });
        await signUp(P, 8, 9);
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        expect(await refusalOf(storage.signUpTeam('team-1', studentNo(1), NOW))).toBe('EVENT_FULL');
        expect((await storage.getTeam('team-1'))?.status).toBe('forming');
        for (const i of [1, 2, 3]) expect(await storage.getRegistration(P, studentNo(i))).toBeNull();
        expect(await eventNow(P)).toMatchObject({ seatsLeft: 2 });
      });

      it('refuses a team below the minimum (TEAM_TOO_SMALL), without a mentor (TEAM_NO_MENTOR), or signed up by a member (TEAM_NOT_LEADER)', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2);
        expect(await refusalOf(storage.signUpTeam('team-1', studentNo(1), NOW))).toBe('TEAM_TOO_SMALL');
        await storage.joinTeam('ABC234', studentNo(3), NOW);
        expect(await refusalOf(storage.signUpTeam('team-1', studentNo(2), NOW))).toBe('TEAM_NOT_LEADER');
        await storage.updateTeam('team-1', studentNo(1), { mentor: '  ' }, NOW);
        expect(await refusalOf(storage.signUpTeam('team-1', studentNo(1), NOW))).toBe('TEAM_NO_MENTOR');
        expect(await refusalOf(storage.signUpTeam('team-unknown', studentNo(1), NOW))).toBe('NOT_FOUND');
        expect((await storage.getTeam('team-1'))?.status).toBe('forming');
        expect(await eventNow(P)).toMatchObject({ seatsLeft: 10 });
      });

      it('respects the event\'s sign-up window and status', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        expect(await refusalOf(storage.signUpTeam('team-1', studentNo(1), at(48)))).toBe('SIGNUP_CLOSED');
        expect(await refusalOf(storage.signUpTeam('team-1', studentNo(1), at(-25)))).toBe('SIGNUP_NOT_OPEN');
        await storage.changeEventStatus(P, 'close', null, audit('event.close', P));
        expect(await refusalOf(storage.signUpTeam('team-1', studentNo(1), NOW))).toBe('SIGNUP_CLOSED');
        await storage.changeEventStatus(P, 'cancel', '取消', audit('event.cancel', P));
        expect(await refusalOf(storage.signUpTeam('team-1', studentNo(1), NOW))).toBe('EVENT_CANCELLED');
        expect((await storage.getTeam('team-1'))?.status).toBe('forming');
        for (const i of [1, 2, 3]) expect(await storage.getRegistration(P, studentNo(i))).toBeNull();
      });

      it('a signed-up team takes no new members and does not sign up twice (TEAM_NOT_FORMING)', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        await storage.signUpTeam('team-1', studentNo(1), NOW);
        expect(await refusalOf(storage.joinTeam('ABC234', studentNo(4), NOW))).toBe('TEAM_NOT_FORMING');
        expect(await refusalOf(storage.signUpTeam('team-1', studentNo(1), NOW))).toBe('TEAM_NOT_FORMING');
        expect(await eventNow(P)).toMatchObject({ seatsLeft: 7 });
      });

      it('the leader submits the report after sign-up; the committee returns it with a reason, then approves it', async () => {
        await seedPractice();
        await formTeam('team-1', 'ABC234', 1, 2, 3);
        const report = { title: '孝昌县乡村振兴调研报告', summary: '走访 3 个村', link: 'https://pan.example.com/r1' };
        expect(await refusalOf(storage.submitTeamReport('team-1', studentNo(1), report, NOW))).toBe('TEAM_NOT_SIGNED_UP');
        expect(await refusalOf(storage.reviewTeam('team-1', true, ADMIN, '', NOW, audit('team.review', 'team-1')))).toBe('TEAM_NOT_SUBMITTED');
        await storage.signUpTeam('team-1', studentNo(1), NOW);
        expect(await refusalOf(storage.submitTeamReport('team-1', studentNo(2), report, NOW))).toBe('TEAM_NOT_LEADER');
        const submitted = await storage.submitTeamReport('team-1', studentNo(1), report, at(100));
        expect(submitted).toMatchObject({ status: 'report_submitted', report: { ...report, submittedAt: at(100).toISOString() }, updatedAt: at(100).toISOString() });
        expect(await storage.getTeam('team-1')).toEqual(submitted);
        expect(await refusalOf(storage.submitTeamReport('team-1', studentNo(1), report, at(101)))).toBe('TEAM_NOT_SIGNED_UP');

        const returned = await storage.reviewTeam('team-1', false, ADMIN, '请补充照片', at(120), audit('team.return', 'team-1'));
        expect(returned).toMatchObject({ status: 'returned', review: { by: ADMIN, at: at(120).toISOString(), reason: '请补充照片' } });
        expect(await storage.getTeam('team-1')).toEqual(returned);
        expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'team.return', target: 'team-1' });
        expect(await refusalOf(storage.reviewTeam('team-1', true, ADMIN, '', at(121), audit('team.review', 'team-1')))).toBe('TEAM_NOT_SUBMITTED');

        const again = { ...report, link: 'https://pan.example.com/r2' };
        const resubmitted = await storage.submitTeamReport('team-1', studentNo(1), again, at(130));
        expect(resubmitted).toMatchObject({ status: 'report_submitted', report: { ...again, submittedAt: at(130).toISOString() } });
        const approved = await storage.reviewTeam('team-1', true, ADMIN, '', at(140), audit('team.approve', 'team-1'));
        expect(approved).toMatchObject({ status: 'approved', review: { by: ADMIN, at: at(140).toISOString(), reason: '' } });
        expect(await storage.getTeam('team-1')).toEqual(approved);
        expect(await refusalOf(storage.reviewTeam('team-1', true, ADMIN, '', at(141), audit('team.approve', 'team-1')))).toBe('TEAM_NOT_SUBMITTED');
        expect(await refusalOf(storage.reviewTeam('team-unknown', true, ADMIN, '', at(141), audit('team.approve', 'x')))).toBe('NOT_FOUND');
      });

      it('lists teams by event, status and member, in order of creation', async () => {
        await seedPractice();
        await storage.putEvents([makeEvent({ id: 'ev-practice-2', category: 'practice' })]);
        await storage.createTeam(makeTeam({ id: 'team-b', joinCode: 'BBB222', leaderStudentNo: studentNo(4), members: [studentNo(4)], createdAt: at(1).toISOString() }));
        await storage.createTeam(makeTeam({ id: 'team-a', joinCode: 'AAA222', createdAt: at(2).toISOString() }));
        await storage.createTeam(makeTeam({ id: 'team-c', eventId: 'ev-practice-2', joinCode: 'CCC222', createdAt: at(3).toISOString() }));
        await storage.joinTeam('BBB222', studentNo(5), at(4));
        await storage.joinTeam('BBB222', studentNo(6), at(4));
        await storage.signUpTeam('team-b', studentNo(4), at(5));
        const ids = (teams: TeamRecord[]) => teams.map((t) => t.id);
        expect(ids(await storage.listTeams({}))).toEqual(['team-b', 'team-a', 'team-c']);
        expect(ids(await storage.listTeams({ eventId: P }))).toEqual(['team-b', 'team-a']);
        expect(ids(await storage.listTeams({ status: 'forming' }))).toEqual(['team-a', 'team-c']);
        expect(ids(await storage.listTeams({ eventId: P, status: 'signed_up' }))).toEqual(['team-b']);
        expect(ids(await storage.listTeams({ studentNo: studentNo(1) }))).toEqual(['team-a', 'team-c']);
        expect(ids(await storage.listTeams({ studentNo: studentNo(5) }))).toEqual(['team-b']);
        expect(ids(await storage.listTeams({ studentNo: studentNo(1), eventId: 'ev-practice-2' }))).toEqual(['team-c']);
        expect(await storage.listTeams({ studentNo: studentNo(9) })).toEqual([]);
        expect((await storage.listTeams({ eventId: P }))[0]).toEqual(await storage.getTeam('team-b'));
      });
    });

    describe('outbox and consents', () => {
      it('queues messages by reason: a key already queued is skipped and keeps what it was', async () => {
        const first = [makeOutboxMessage(1), makeOutboxMessage(2)];
        expect(await storage.enqueueNotifications(first)).toBe(2);
        const again = [makeOutboxMessage(1, { data: { title: '改过的' } }), makeOutboxMessage(3)];
        expect(await storage.enqueueNotifications(again)).toBe(1);
        expect(await storage.enqueueNotifications([])).toBe(0);
        const all = await storage.listOutbox({ limit: 10 });
        expect(all).toHaveLength(3);
        expect(all.find((m) => m.studentNo === studentNo(1))).toEqual(first[0]);
      });

      it('skips a key repeated within one call', async () => {
        expect(await storage.enqueueNotifications([makeOutboxMessage(1), makeOutboxMessage(1)])).toBe(1);
        expect(await storage.listOutbox({ limit: 10 })).toHaveLength(1);
      });

      it('answers pending messages that are due, the nearest deadline first (then by key), up to the limit', async () => {
        await storage.enqueueNotifications([
          makeOutboxMessage(1, { deadlineAt: at(30).toISOString(), nextAttemptAt: at(-1).toISOString() }),
          makeOutboxMessage(2, { deadlineAt: at(10).toISOString(), nextAttemptAt: at(-0.5).toISOString() }),
          makeOutboxMessage(3, { deadlineAt: at(20).toISOString(), nextAttemptAt: NOW.toISOString() }),
          makeOutboxMessage(4, { deadlineAt: at(5).toISOString(), nextAttemptAt: at(1).toISOString() }),
          makeOutboxMessage(5, { status: 'sent', sentAt: at(-6).toISOString(), attempts: 1 }),
          makeOutboxMessage(6, { status: 'failed', attempts: 6, lastError: 'x' }),
          makeOutboxMessage(7, { status: 'skipped' }),
          makeOutboxMessage(8, { deadlineAt: at(20).toISOString(), kind: 'waitlist_promoted' }),
        ]);
        expect((await storage.dueNotifications(NOW, 10)).map((m) => m.studentNo)).toEqual([2, 3, 8, 1].map(studentNo));
        expect((await storage.dueNotifications(NOW, 2)).map((m) => m.studentNo)).toEqual([2, 3].map(studentNo));
        expect((await storage.dueNotifications(at(1), 10)).map((m) => m.studentNo)).toEqual([4, 2, 3, 8, 1].map(studentNo));
        expect(await storage.countDueNotifications(NOW)).toBe(4);
        expect(await storage.countDueNotifications(at(1))).toBe(5);
        expect((await storage.dueNotifications(NOW, 10))[0]).toEqual(
          makeOutboxMessage(2, { deadlineAt: at(10).toISOString(), nextAttemptAt: at(-0.5).toISOString() }),
        );
      });

      it('marks messages skipped in bulk with the reason, leaving those no longer pending as they are', async () => {
        const sent = makeOutboxMessage(3, { status: 'sent', sentAt: NOW.toISOString(), attempts: 1 });
        await storage.enqueueNotifications([makeOutboxMessage(1), makeOutboxMessage(2), sent]);
        await storage.skipNotifications([makeOutboxMessage(1).key, makeOutboxMessage(3).key], '未授权订阅消息');
        const byNo = new Map((await storage.listOutbox({ limit: 10 })).map((m) => [m.studentNo, m]));
        expect(byNo.get(studentNo(1))).toMatchObject({ status: 'skipped', lastError: '未授权订阅消息' });
        expect(byNo.get(studentNo(2))).toMatchObject({ status: 'pending', lastError: null });
        expect(byNo.get(studentNo(3))).toEqual(sent);
        expect(await storage.countDueNotifications(NOW)).toBe(1);
        await storage.skipNotifications([], 'nothing');
      });

      it('reads the consents left for many students and kinds at once, 0 where none was given', async () => {
        await storage.addConsent(studentNo(1), 'event_reminder', 2);
        await storage.addConsent(studentNo(2), 'waitlist_promoted', 1);
        const left = await storage.consentsLeft([
          { studentNo: studentNo(1), kind: 'event_reminder' },
          { studentNo: studentNo(1), kind: 'waitlist_promoted' },
          { studentNo: studentNo(2), kind: 'waitlist_promoted' },
          { studentNo: studentNo(3), kind: 'event_reminder' },
        ]);
        expect(Object.fromEntries(left)).toEqual({
          [`${studentNo(1)}:event_reminder`]: 2,
          [`${studentNo(1)}:waitlist_promoted`]: 0,
          [`${studentNo(2)}:waitlist_promoted`]: 1,
          [`${studentNo(3)}:event_reminder`]: 0,
        });
      });

      it('saves a message after a try: a failure is retried later, a success is no longer due', async () => {
        const [a, b] = [makeOutboxMessage(1), makeOutboxMessage(2, { createdAt: at(0.01).toISOString() })];
        await storage.enqueueNotifications([a, b]);
        const failed = afterFailure(a, 'errcode 43101', NOW);
        await storage.saveNotification(failed);
        const sent = afterSuccess(b, NOW);
        await storage.saveNotification(sent);
        expect(await storage.dueNotifications(NOW, 10)).toEqual([]);
        expect(await storage.dueNotifications(at(1), 10)).toEqual([failed]);
        expect(await storage.listOutbox({ status: 'sent', limit: 10 })).toEqual([sent]);
        expect(await storage.listOutbox({ status: 'pending', limit: 10 })).toEqual([failed]);
      });

      it('lists the outbox newest first, by status, up to the limit', async () => {
        await storage.enqueueNotifications([
          makeOutboxMessage(1, { createdAt: at(1).toISOString() }),
          makeOutboxMessage(2, { createdAt: at(3).toISOString(), status: 'skipped' }),
          makeOutboxMessage(3, { createdAt: at(2).toISOString() }),
        ]);
        expect((await storage.listOutbox({ limit: 10 })).map((m) => m.studentNo)).toEqual([2, 3, 1].map(studentNo));
        expect((await storage.listOutbox({ limit: 2 })).map((m) => m.studentNo)).toEqual([2, 3].map(studentNo));
        expect((await storage.listOutbox({ status: 'pending', limit: 10 })).map((m) => m.studentNo)).toEqual([3, 1].map(studentNo));
        expect(await storage.listOutbox({ status: 'failed', limit: 10 })).toEqual([]);
      });

      it('lists one event\'s messages, with or without a status', async () => {
        await storage.enqueueNotifications([
          makeOutboxMessage(1, { eventId: 'ev-a' }),
          makeOutboxMessage(2, { eventId: 'ev-b', createdAt: at(1).toISOString() }),
          makeOutboxMessage(3, { eventId: 'ev-a', status: 'skipped', createdAt: at(2).toISOString() }),
        ]);
        expect((await storage.listOutbox({ eventId: 'ev-a', limit: 10 })).map((m) => m.studentNo)).toEqual([3, 1].map(studentNo));
        expect((await storage.listOutbox({ eventId: 'ev-a', status: 'pending', limit: 10 })).map((m) => m.studentNo)).toEqual([studentNo(1)]);
        expect(await storage.listOutbox({ eventId: 'ev-c', limit: 10 })).toEqual([]);
      });

      it('counts consents per kind: none at first, added by each allow, used one at a time down to zero', async () => {
        const s = studentNo(1);
        expect(await storage.consents(s)).toEqual({ event_reminder: 0, waitlist_promoted: 0, event_cancelled: 0, lottery_result: 0, new_event: 0 });
        expect(await storage.addConsent(s, 'event_reminder', 2)).toBe(2);
        expect(await storage.addConsent(s, 'event_reminder', 1)).toBe(3);
        expect(await storage.addConsent(s, 'event_cancelled', 1)).toBe(1);
        expect(await storage.consents(s)).toEqual({ event_reminder: 3, waitlist_promoted: 0, event_cancelled: 1, lottery_result: 0, new_event: 0 });
        expect(await storage.consents(studentNo(2))).toEqual({ event_reminder: 0, waitlist_promoted: 0, event_cancelled: 0, lottery_result: 0, new_event: 0 });
        expect(await storage.consumeConsent(s, 'event_cancelled')).toBe(true);
        expect(await storage.consumeConsent(s, 'event_cancelled')).toBe(false);
        expect(await storage.consumeConsent(s, 'waitlist_promoted')).toBe(false);
        expect(await storage.consents(s)).toEqual({ event_reminder: 3, waitlist_promoted: 0, event_cancelled: 0, lottery_result: 0, new_event: 0 });
      });

      it('uses each consent once when many sends race for it', async () => {
        await storage.addConsent(studentNo(1), 'event_reminder', 2);
        const used = await Promise.all(Array.from({ length: 6 }, () => storage.consumeConsent(studentNo(1), 'event_reminder')));
        expect(used.filter(Boolean)).toHaveLength(2);
        expect((await storage.consents(studentNo(1))).event_reminder).toBe(0);
      });
    });

    describe('dashboard aggregates', () => {
      const IE = '信息工程学院';
      const MED = '医学院';
      const B1 = '计科2401团支部';
      const B2 = '计科2402团支部';
      const B3 = '护理2401团支部';
      /** The Shanghai year 2026: [2026-01-01T00:00+08:00, 2027-01-01T00:00+08:00). */
      const FROM = new Date('2025-12-31T16:00:00.000Z');
      const TO = new Date('2026-12-31T16:00:00.000Z');

      /**
       * Ten students: 1–4 in IE/B1, 5–6 in IE/B2, 7–10 in MED/B3. Events by the Shanghai month of their start:
       *   L2 lecture   Feb 28 23:30 (15:30Z) — month 2: 1, 7 confirmed; 5 cancelled. 7 came.
       *   L1 lecture   Mar 1 00:30 (Feb 28 16:30Z) — month 3, capacity 3: 1, 2, 3 confirmed, 4 waitlisted. 1, 2 came;
       *                3's check-in was undone.
       *   V1 volunteer Mar 10, walk-ins allowed: 2, 5, 8 confirmed. 8 came, and 9 walked in.
       *   V2 volunteer Mar 12, closed after sign-up: 6 confirmed.
       *   F1 firstaid  Mar 5: 9, 10 confirmed, both came.
       *   P1 practice  Jul 10: 1, 7 confirmed.
       *   P2 practice  Jul 20, approval required: 1, 8 approved; 6 pending.
       * Not counted: a draft (D1, 2 confirmed while it was published), a cancelled event (C1, 3 confirmed), an event
       * starting a second before the year (O1, 4 confirmed and came) and one at its end (O2).
       */
      async function seedYear(): Promise<void> {
        await storage.putStudents([
          ...[1, 2, 3, 4].map((i) => makeStudent(i, { college: IE, branch: B1 })),
          ...[5, 6].map((i) => makeStudent(i, { college: IE, branch: B2, className: '计科2402' })),
          ...[7, 8, 9, 10].map((i) => makeStudent(i, { college: MED, branch: B3, className: '护理2401' })),
        ]);
        const ev = (id: string, category: EventRecord['category'], startAt: string, overrides: Partial<EventRecord> = {}) =>
          makeEvent({
            id, category, startAt, endAt: new Date(Date.parse(startAt) + 2 * 3_600_000).toISOString(),
            capacity: 10, details: detailsFor(category), ...overrides,
          });
        await storage.putEvents([
          ev('L2', 'lecture', '2026-02-28T15:30:00.000Z'),
          ev('L1', 'lecture', '2026-02-28T16:30:00.000Z', { capacity: 3 }),
          ev('V1', 'volunteer', '2026-03-10T01:00:00.000Z', { allowWalkIns: true }),
          ev('V2', 'volunteer', '2026-03-12T01:00:00.000Z'),
          ev('F1', 'firstaid', '2026-03-05T06:00:00.000Z'),
          ev('P1', 'practice', '2026-07-10T00:00:00.000Z'),
          ev('P2', 'practice', '2026-07-20T00:00:00.000Z', { approvalRequired: true }),
          ev('D1', 'lecture', '2026-03-20T06:00:00.000Z'),
          ev('C1', 'volunteer', '2026-03-21T06:00:00.000Z'),
          ev('O1', 'lecture', '2025-12-31T15:59:59.000Z'),
          ev('O2', 'theme', '2026-12-31T16:00:00.000Z'),
        ]);
        const up = (eventId: string, ...students: number[]) => Promise.all(students.map((i) => storage.signUp(eventId, studentNo(i), NOW)));
        await up('L2', 1, 7, 5);
        await storage.cancel('L2', studentNo(5), NOW);
        for (const i of [1, 2, 3, 4]) await storage.signUp('L1', studentNo(i), NOW);
        await up('V1', 2, 5, 8);
        await up('V2', 6);
        await up('F1', 9, 10);
        await up('P1', 1, 7);
        await up('P2', 1, 8, 6);
        await storage.decideApplication('P2', studentNo(1), true, NOW, audit('application.approve', 'P2'));
        await storage.decideApplication('P2', studentNo(8), true, NOW, audit('application.approve', 'P2'));
        await up('D1', 2);
        await up('C1', 3);
        await up('O1', 4);
        await storage.changeEventStatus('V2', 'close', null, audit('event.close', 'V2'));
        await storage.changeEventStatus('C1', 'cancel', '取消', audit('event.cancel', 'C1'));
        await storage.putEvents([{ ...(await eventNow('D1')), status: 'draft' }]);
        const came = async (eventId: string, i: number) =>
          storage.correctAttendance(
            { eventId, studentNo: studentNo(i), op: 'check_in', at: NOW, by: ADMIN },
            audit('correctAttendance', `${eventId}:${studentNo(i)}`),
            NOW,
          );
        await came('L2', 7);
        await came('L1', 1);
        await came('L1', 2);
        await came('L1', 3);
        await storage.correctAttendance(
          { eventId: 'L1', studentNo: studentNo(3), op: 'undo_check_in', at: NOW, by: ADMIN },
          audit('correctAttendance', `L1:${studentNo(3)}`),
          NOW,
        );
        await came('V1', 8);
        await came('V1', 9);
        await came('F1', 9);
        await came('F1', 10);
        await came('O1', 4);
      }

      type Row = DashboardAggregates['byCategoryMonth'][number];
      const byKey = (rows: Row[]) => [...rows].sort((a, b) => a.month - b.month || a.category.localeCompare(b.category));

      it('counts events, confirmed registrations and attendances by category and Shanghai month of the start', async () => {
        await seedYear();
        const d = await storage.dashboardAggregates(FROM, TO, null);
        expect(d.students).toBe(10);
        expect(byKey(d.byCategoryMonth)).toEqual(byKey([
          { category: 'lecture', month: 2, events: 1, registrations: 2, attendances: 1 },
          { category: 'lecture', month: 3, events: 1, registrations: 3, attendances: 2 },
          { category: 'volunteer', month: 3, events: 2, registrations: 4, attendances: 2 },
          { category: 'firstaid', month: 3, events: 1, registrations: 2, attendances: 2 },
          { category: 'practice', month: 7, events: 2, registrations: 4, attendances: 0 },
        ]));
        expect(d.practiceStudents).toBe(3);
      });

      it('breaks the figures down by college and by branch, every college and branch of the roster included', async () => {
        await seedYear();
        await storage.putStudents([makeStudent(11, { college: '建筑技术学院', branch: '建工2401团支部' })]);
        const d = await storage.dashboardAggregates(FROM, TO, null);
        expect(d.students).toBe(11);
        expect([...d.byCollege].sort((a, b) => a.college.localeCompare(b.college))).toEqual(
          [
            { college: IE, students: 6, registrations: 9, attendances: 2, practiceStudents: 1 },
            { college: MED, students: 4, registrations: 6, attendances: 5, practiceStudents: 2 },
            { college: '建筑技术学院', students: 1, registrations: 0, attendances: 0, practiceStudents: 0 },
          ].sort((a, b) => a.college.localeCompare(b.college)),
        );
        expect([...d.byBranch].sort((a, b) => a.branch.localeCompare(b.branch))).toEqual(
          [
            { branch: B1, college: IE, students: 4, registrations: 7, attendances: 2 },
            { branch: B2, college: IE, students: 2, registrations: 2, attendances: 0 },
            { branch: B3, college: MED, students: 4, registrations: 6, attendances: 5 },
            { branch: '建工2401团支部', college: '建筑技术学院', students: 1, registrations: 0, attendances: 0 },
          ].sort((a, b) => a.branch.localeCompare(b.branch)),
        );
      });

      it('for one college: its students\' registrations and attendances, every event in range still counted', async () => {
        await seedYear();
        const d = await storage.dashboardAggregates(FROM, TO, MED);
        expect(d.students).toBe(4);
        expect(byKey(d.byCategoryMonth)).toEqual(byKey([
          { category: 'lecture', month: 2, events: 1, registrations: 1, attendances: 1 },
          { category: 'lecture', month: 3, events: 1, registrations: 0, attendances: 0 },
          { category: 'volunteer', month: 3, events: 2, registrations: 1, attendances: 2 },
          { category: 'firstaid', month: 3, events: 1, registrations: 2, attendances: 2 },
          { category: 'practice', month: 7, events: 2, registrations: 2, attendances: 0 },
        ]));
        expect(d.practiceStudents).toBe(2);
        expect(d.byCollege).toEqual([{ college: MED, students: 4, registrations: 6, attendances: 5, practiceStudents: 2 }]);
        expect(d.byBranch).toEqual([{ branch: B3, college: MED, students: 4, registrations: 6, attendances: 5 }]);
      });

      it('takes the range by instant: a narrower range drops the events that start outside it', async () => {
        await seedYear();
        // March in Shanghai: [Mar 1 00:00+08:00, Apr 1 00:00+08:00) — L1 at 00:30 on Mar 1 is in, L2 is not.
        const d = await storage.dashboardAggregates(new Date('2026-02-28T16:00:00.000Z'), new Date('2026-03-31T16:00:00.000Z'), null);
        expect(byKey(d.byCategoryMonth)).toEqual(byKey([
          { category: 'lecture', month: 3, events: 1, registrations: 3, attendances: 2 },
          { category: 'volunteer', month: 3, events: 2, registrations: 4, attendances: 2 },
          { category: 'firstaid', month: 3, events: 1, registrations: 2, attendances: 2 },
        ]));
        expect(d.practiceStudents).toBe(0);
        expect(d.byCollege.find((c) => c.college === IE)).toEqual({ college: IE, students: 6, registrations: 6, attendances: 2, practiceStudents: 0 });
      });

      it('answers zeros and empty lists for an empty database', async () => {
        expect(await storage.dashboardAggregates(FROM, TO, null)).toEqual({
          students: 0, byCategoryMonth: [], practiceStudents: 0, byCollege: [], byBranch: [],
        });
      });
    });

    describe('plan settings', () => {
      it('answers the plan\'s defaults until set, as a copy a caller may change', async () => {
        const plan = await storage.planSettings();
        expect(plan).toEqual({ targets: DEFAULT_TARGETS, planItems: DEFAULT_PLAN_ITEMS });
        plan.targets[0].value = 1;
        plan.planItems.pop();
        expect(await storage.planSettings()).toEqual({ targets: DEFAULT_TARGETS, planItems: DEFAULT_PLAN_ITEMS });
        expect(DEFAULT_TARGETS[0].value).toBe(2500);
      });

      it('stores the next year\'s plan with its audit entry', async () => {
        const next: PlanSettings = {
          targets: DEFAULT_TARGETS.map((t) => (t.metric === 'firstaid_trainees' ? { ...t, value: 3000 } : t)),
          planItems: [{ months: [4], text: '开展“五四”主题团日', category: 'theme' }],
        };
        await storage.putPlanSettings(next, audit('plan.update', 'plan'));
        expect(await storage.planSettings()).toEqual(next);
        expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'plan.update' });
        await storage.putPlanSettings({ ...next, planItems: [] }, audit('plan.update', 'plan'));
        expect((await storage.planSettings()).planItems).toEqual([]);
      });
    });

    describe('exports and timer queries', () => {
      it('lists registrations of every status with the student, the event and the attendance, by event, college or branch', async () => {
        await storage.putStudents([
          makeStudent(1), makeStudent(2), makeStudent(3, { branch: '计科2402团支部' }),
          makeStudent(4, { college: '医学院', branch: '护理2401团支部' }),
        ]);
        await storage.putEvents([
          makeEvent({ id: 'ev-a', title: '活动甲', capacity: 2, startAt: at(100).toISOString() }),
          makeEvent({ id: 'ev-b', title: '活动乙', capacity: 5, startAt: at(50).toISOString() }),
        ]);
        for (const i of [1, 2, 3]) await storage.signUp('ev-a', studentNo(i), NOW);
        for (const i of [4, 1]) await storage.signUp('ev-b', studentNo(i), NOW);
        await storage.cancel('ev-b', studentNo(1), NOW);
        await storage.correctAttendance(
          { eventId: 'ev-a', studentNo: studentNo(2), op: 'check_in', at: at(1), by: ADMIN }, audit('correctAttendance', 'x'), at(1),
        );
        await storage.correctAttendance(
          { eventId: 'ev-a', studentNo: studentNo(2), op: 'check_out', at: at(2), by: ADMIN }, audit('correctAttendance', 'x'), at(2),
        );
        const rowsOf = async (filter: Parameters<StoragePort['listRegistrationsForExport']>[0]) =>
          (await storage.listRegistrationsForExport(filter)).map((r) => [r.registration.eventId, r.student.studentNo, r.registration.status]);
        expect(await rowsOf({ eventId: 'ev-a' })).toEqual([
          ['ev-a', studentNo(1), 'confirmed'], ['ev-a', studentNo(2), 'confirmed'], ['ev-a', studentNo(3), 'waitlisted'],
        ]);
        // By the event's start, then student number.
        expect(await rowsOf({})).toEqual([
          ['ev-b', studentNo(1), 'cancelled'], ['ev-b', studentNo(4), 'confirmed'],
          ['ev-a', studentNo(1), 'confirmed'], ['ev-a', studentNo(2), 'confirmed'], ['ev-a', studentNo(3), 'waitlisted'],
        ]);
        expect(await rowsOf({ college: '医学院' })).toEqual([['ev-b', studentNo(4), 'confirmed']]);
        expect(await rowsOf({ branch: '计科2402团支部' })).toEqual([['ev-a', studentNo(3), 'waitlisted']]);
        expect(await rowsOf({ college: '信息工程学院', eventId: 'ev-b' })).toEqual([['ev-b', studentNo(1), 'cancelled']]);
        expect(await rowsOf({ eventId: 'ev-unknown' })).toEqual([]);
        const [row] = (await storage.listRegistrationsForExport({ eventId: 'ev-a' })).filter((r) => r.student.studentNo === studentNo(2));
        expect(row).toEqual({
          registration: await storage.getRegistration('ev-a', studentNo(2)),
          student: makeStudent(2),
          eventTitle: '活动甲',
          eventStartAt: at(100).toISOString(),
          checkedInAt: at(1).toISOString(),
          checkedOutAt: at(2).toISOString(),
        });
        const [other] = await storage.listRegistrationsForExport({ eventId: 'ev-a', branch: '计科2402团支部' });
        expect(other).toMatchObject({ checkedInAt: null, checkedOutAt: null, eventTitle: '活动甲' });
      });

      it('finds the published events whose sign-up has ended, for the timer to close', async () => {
        await storage.putEvents([
          makeEvent({ id: 'ended', signupEndAt: at(-1).toISOString() }),
          makeEvent({ id: 'ends-now', signupEndAt: NOW.toISOString() }),
          makeEvent({ id: 'open', signupEndAt: at(0.01).toISOString() }),
          makeEvent({ id: 'closed', status: 'closed', signupEndAt: at(-1).toISOString() }),
          makeEvent({ id: 'draft', status: 'draft', signupEndAt: at(-1).toISOString() }),
          makeEvent({ id: 'cancelled', status: 'cancelled', signupEndAt: at(-1).toISOString() }),
        ]);
        expect((await storage.listEventsToClose(NOW)).map((e) => e.id).sort()).toEqual(['ended', 'ends-now']);
        expect((await storage.listEventsToClose(NOW))[0]).toEqual(await storage.getEvent((await storage.listEventsToClose(NOW))[0].id));
      });

      it('finds the published events starting within the lead time, by start', async () => {
        const lead = 24 * 3_600_000;
        await storage.putEvents([
          makeEvent({ id: 'starts-now', startAt: NOW.toISOString() }),
          makeEvent({ id: 'in-an-hour', startAt: at(1).toISOString() }),
          makeEvent({ id: 'at-the-lead', startAt: at(24).toISOString() }),
          makeEvent({ id: 'after-the-lead', startAt: new Date(NOW.getTime() + lead + 1).toISOString() }),
          makeEvent({ id: 'in-ten-minutes', startAt: at(1 / 6).toISOString() }),
          makeEvent({ id: 'started', startAt: at(-1).toISOString() }),
          makeEvent({ id: 'draft', status: 'draft', startAt: at(2).toISOString() }),
          makeEvent({ id: 'cancelled', status: 'cancelled', startAt: at(2).toISOString() }),
        ]);
        expect((await storage.listEventsStartingWithin(NOW, lead)).map((e) => e.id)).toEqual(['in-ten-minutes', 'in-an-hour', 'at-the-lead']);
      });
    });
  });
}

import { ApiError } from '../../types';
import { EVENT_LISTING_FIELDS, toEventListing, type EventListing, type EventRecord, type RegistrationRecord } from '../../core';
import type { EventPageQuery, StoragePort } from '../../server/storage/ports';
import { at, makeEvent, makeStudent, makeStudents, NOW, studentNo } from '../support/factories';

/**
 * One suite for every storage adapter (the way Keyv's and Kysely's adapter suites work): an adapter that oversells a
 * seat, loses a write or refuses with the wrong code fails the same test as any other. Each test gets a fresh
 * harness and builds its own data with the factories.
 */
export interface StorageHarness {
  storage: StoragePort;
  /** The next write of a registration fails inside the adapter's sign-up, after the event's counters were changed. */
  failNextRegistrationWrite(): void;
  opCount?(): number;
  resetOpCount?(): void;
  /** Removes a student's stored credit totals behind the adapter's back (the state before the totals existed). */
  dropCreditTotals?(studentNo: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** The refusal code a promise rejects with; fails the test if it resolves or rejects with something else. */
export async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal, but the call succeeded');
}

export function runStorageContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: storage contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    async function seed(event: EventRecord, students = 10): Promise<EventRecord> {
      await storage.putStudents(makeStudents(students));
      await storage.putEvents([event]);
      return event;
    }

    async function eventNow(id: string): Promise<EventRecord> {
      const e = await storage.getEvent(id);
      if (!e) throw new Error(`event ${id} vanished`);
      return e;
    }

    async function positions(regs: RegistrationRecord[]): Promise<Array<number | null>> {
      const out: Array<number | null> = [];
      for (const r of regs) out.push(await storage.waitlistPosition(r));
      return out;
    }

    /** The event's counters agree with its registrations: seats + confirmed = capacity, waitlist 1..n, no gaps. */
    async function expectConsistent(eventId: string, studentNos: string[]): Promise<void> {
      const event = await eventNow(eventId);
      let confirmed = 0;
      let waitlisted = 0;
      for (const no of studentNos) {
        const r = await storage.getRegistration(eventId, no);
        if (r?.status === 'confirmed') confirmed++;
        if (r?.status === 'waitlisted') waitlisted++;
      }
      expect(event.seatsLeft).toBeGreaterThanOrEqual(0);
      expect(confirmed + event.seatsLeft).toBe(event.capacity);
      expect(event.waitlistCount).toBe(waitlisted);
      const line = await storage.listWaitlist(eventId);
      expect(line).toHaveLength(waitlisted);
      expect(await positions(line)).toEqual(line.map((_, i) => i + 1));
    }

    describe('students and events', () => {
      it('finds a student by student number and by the bound openid', async () => {
        await storage.putStudents([makeStudent(1), makeStudent(2, { openid: null })]);
        expect(await storage.findStudentByNo(studentNo(1))).toEqual(makeStudent(1));
        expect(await storage.findStudentByOpenid('openid-1')).toEqual(makeStudent(1));
        expect(await storage.findStudentByNo(studentNo(2))).toEqual(makeStudent(2, { openid: null }));
      });

      it('reads many students by number at once, leaving out unknown numbers and repeats', async () => {
        const students = Array.from({ length: 130 }, (_, i) => makeStudent(i + 1));
        await storage.putStudents(students);
        const wanted = [...students.map((s) => s.studentNo), 'nobody', studentNo(1)];
        const found = await storage.findStudentsByNos(wanted);
        expect([...found].sort((a, b) => a.studentNo.localeCompare(b.studentNo))).toEqual(students);
        expect(await storage.findStudentsByNos([])).toEqual([]);
      });

      it('answers null for an unknown student number or an openid bound to nobody', async () => {
        await storage.putStudents([makeStudent(1)]);
        expect(await storage.findStudentByNo('nobody')).toBeNull();
        expect(await storage.findStudentByOpenid('openid-unknown')).toBeNull();
      });

      it('resolves a caller to a student number by openid, and knows which numbers are on the roster', async () => {
        await storage.putStudents([makeStudent(1), makeStudent(2, { openid: null })]);
        expect(await storage.studentNoByOpenid('openid-1')).toBe(studentNo(1));
        expect(await storage.studentNoByOpenid('openid-unknown')).toBeNull();
        expect(await storage.hasStudent(studentNo(2))).toBe(true);
        expect(await storage.hasStudent('nobody')).toBe(false);
      });

      it('replaces a student put again with the same student number', async () => {
        await storage.putStudents([makeStudent(1)]);
        await storage.putStudents([makeStudent(1, { name: '改名', openid: 'openid-new' })]);
        expect((await storage.findStudentByNo(studentNo(1)))?.name).toBe('改名');
        expect(await storage.findStudentByOpenid('openid-1')).toBeNull();
        expect((await storage.findStudentByOpenid('openid-new'))?.studentNo).toBe(studentNo(1));
      });

      it('lists students in student-number order, up to the limit', async () => {
        await storage.putStudents([makeStudent(3), makeStudent(1), makeStudent(2), makeStudent(4)]);
        expect((await storage.listStudents(3)).map((s) => s.studentNo)).toEqual([1, 2, 3].map(studentNo));
      });

      it('reads an event back exactly as it was put, and null for an unknown id', async () => {
        const event = makeEvent({ id: 'ev-1', credits: 1.5, waitlistEnabled: false });
        await storage.putEvents([event]);
        expect(await storage.getEvent('ev-1')).toEqual(event);
        expect(await storage.getEvent('ev-unknown')).toBeNull();
      });

      it('lists events by start time, filtered by category and by a keyword in title, organizer, tag or location', async () => {
        await storage.putEvents([
          makeEvent({ id: 'c', title: '应急救护培训', category: 'firstaid', tag: '普及培训', startAt: at(300).toISOString() }),
          makeEvent({ id: 'a', title: '三下乡动员会', category: 'practice', tag: '三下乡', startAt: at(100).toISOString() }),
          makeEvent({ id: 'b', title: '学雷锋志愿服务', category: 'volunteer', organizer: '青年志愿者协会', startAt: at(200).toISOString() }),
          makeEvent({ id: 'd', title: '主题团日', category: 'theme', location: '志愿者之家', startAt: at(50).toISOString() }),
        ]);
        expect((await storage.listEvents({})).map((e) => e.id)).toEqual(['d', 'a', 'b', 'c']);
        expect((await storage.listEvents({ category: 'volunteer' })).map((e) => e.id)).toEqual(['b']);
        expect((await storage.listEvents({ keyword: '志愿' })).map((e) => e.id)).toEqual(['d', 'b']);
        expect((await storage.listEvents({ keyword: '三下乡' })).map((e) => e.id)).toEqual(['a']);
        expect((await storage.listEvents({ category: 'theme', keyword: '救护' })).map((e) => e.id)).toEqual([]);
      });

      it('pages events in the catalogue\'s order (start, then id; ties never split or repeated), each as its listing', async () => {
        // Seven events, three of them starting at one moment: a page boundary falls inside the tie.
        const tie = at(200).toISOString();
        const events = [
          makeEvent({ id: 'e-5', startAt: at(300).toISOString(), category: 'volunteer', title: '学雷锋志愿服务' }),
          makeEvent({ id: 'e-3', startAt: tie }),
          makeEvent({ id: 'e-1', startAt: at(100).toISOString(), status: 'draft', approvalRequired: true }),
          makeEvent({ id: 'e-4', startAt: tie, category: 'volunteer' }),
          makeEvent({ id: 'e-2', startAt: tie, checkedInCount: 3 }),
          makeEvent({ id: 'e-7', startAt: at(500).toISOString() }),
          makeEvent({ id: 'e-6', startAt: at(400).toISOString(), category: 'volunteer', location: '志愿者之家' }),
        ];
        await storage.putEvents(events);
        const order = ['e-1', 'e-2', 'e-3', 'e-4', 'e-5', 'e-6', 'e-7'];
        // Every page from `query` on, following `next` (a page may come back shorter than asked: never the end by itself).
        const readAll = async (query: EventPageQuery) => {
          const pages: EventListing[][] = [];
          let after = query.after ?? null;
          do {
            const page = await storage.listEventPage({ ...query, after });
            pages.push(page.events);
            after = page.next;
          } while (after && pages.length < 20);
          expect(after).toBeNull();
          return { pages: pages.map((p) => p.map((e) => e.id)), events: pages.flat() };
        };
        const byTwo = await readAll({ limit: 2 });
        expect(byTwo.events.map((e) => e.id)).toEqual(order);
        expect(byTwo.pages.slice(0, 3)).toEqual([['e-1', 'e-2'], ['e-3', 'e-4'], ['e-5', 'e-6']]);
        const whole = await readAll({ limit: 10 });
        expect(whole.events.map((e) => e.id)).toEqual(order);
        // Each event as its listing: the listed fields, exactly as the whole record has them; nothing else.
        const byId = new Map(events.map((e) => [e.id, e]));
        for (const listed of whole.events) {
          expect(Object.keys(listed).sort()).toEqual([...EVENT_LISTING_FIELDS].sort());
          expect(listed).toEqual(toEventListing(byId.get(listed.id)!));
        }
        // The category is part of the order's query; a keyword filters what a page read.
        const volunteer = await storage.listEventPage({ category: 'volunteer', limit: 2 });
        expect(volunteer.events.map((e) => e.id)).toEqual(['e-4', 'e-5']);
        expect((await readAll({ category: 'volunteer', limit: 2, after: volunteer.next })).events.map((e) => e.id)).toEqual(['e-6']);
        expect((await readAll({ keyword: '志愿', limit: 10 })).events.map((e) => e.id)).toEqual(['e-5', 'e-6']);
        expect((await readAll({ limit: 10, after: { startAt: tie, id: 'e-3' } })).events.map((e) => e.id)).toEqual(['e-4', 'e-5', 'e-6', 'e-7']);
        // The last page says so: nothing after the last event.
        expect(await storage.listEventPage({ limit: 10, after: { startAt: at(500).toISOString(), id: 'e-7' } })).toEqual({ events: [], next: null });
      });

      it('keeps the registrations of an event that is put again (an organiser edits it)', async () => {
        const event = await seed(makeEvent({ capacity: 2 }));
        await storage.signUp(event.id, studentNo(1), NOW);
        await storage.putEvents([{ ...(await eventNow(event.id)), title: '改过的标题' }]);
        expect((await eventNow(event.id)).title).toBe('改过的标题');
        expect((await storage.getRegistration(event.id, studentNo(1)))?.status).toBe('confirmed');
      });
    });

    describe('sign-up', () => {
      it('confirms while seats last and takes one seat each time', async () => {
        const event = await seed(makeEvent({ capacity: 2, waitlistEnabled: false }));
        const first = await storage.signUp(event.id, studentNo(1), NOW);
        expect(first.registration).toEqual({
          id: `${event.id}:${studentNo(1)}`,
          eventId: event.id,
          studentNo: studentNo(1),
          status: 'confirmed',
          waitlistSeq: null,
          passSeq: 0,
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
        });
        expect(first.waitlistPosition).toBeNull();
        expect(first.event.seatsLeft).toBe(1);
        const second = await storage.signUp(event.id, studentNo(2), NOW);
        expect(second.registration.status).toBe('confirmed');
        expect(second.event.seatsLeft).toBe(0);
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 0, waitlistCount: 0 });
        expect(await storage.getRegistration(event.id, studentNo(2))).toEqual(second.registration);
      });

      it('puts students on the waitlist in arrival order (positions 1, 2, 3) once the seats are gone', async () => {
        const event = await seed(makeEvent({ capacity: 1 }));
        await storage.signUp(event.id, studentNo(1), NOW);
        const waiting = [];
        for (const i of [2, 3, 4]) waiting.push(await storage.signUp(event.id, studentNo(i), NOW));
        expect(waiting.map((o) => o.registration.status)).toEqual(['waitlisted', 'waitlisted', 'waitlisted']);
        expect(waiting.map((o) => o.waitlistPosition)).toEqual([1, 2, 3]);
        expect(waiting.map((o) => o.event.waitlistCount)).toEqual([1, 2, 3]);
        expect(await positions(waiting.map((o) => o.registration))).toEqual([1, 2, 3]);
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 0, waitlistCount: 3 });
      });

      it('refuses a second sign-up by the same student with ALREADY_SIGNED_UP and keeps one registration', async () => {
        const event = await seed(makeEvent({ capacity: 3 }));
        const first = await storage.signUp(event.id, studentNo(1), NOW);
        expect(await refusalOf(storage.signUp(event.id, studentNo(1), at(1)))).toBe('ALREADY_SIGNED_UP');
        expect(await storage.getRegistration(event.id, studentNo(1))).toEqual(first.registration);
        expect(await storage.listActiveRegistrationsOfStudent(studentNo(1))).toHaveLength(1);
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 2, waitlistCount: 0 });
      });

      it('refuses a waitlisted student signing up again with ALREADY_SIGNED_UP', async () => {
        const event = await seed(makeEvent({ capacity: 1 }));
        await storage.signUp(event.id, studentNo(1), NOW);
        await storage.signUp(event.id, studentNo(2), NOW);
        expect(await refusalOf(storage.signUp(event.id, studentNo(2), NOW))).toBe('ALREADY_SIGNED_UP');
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 0, waitlistCount: 1, waitlistSeq: 1 });
      });

      it('says ALREADY_SIGNED_UP rather than EVENT_FULL or SIGNUP_CLOSED to a student who holds a place', async () => {
        const event = await seed(makeEvent({ capacity: 1, waitlistEnabled: false }));
        await storage.signUp(event.id, studentNo(1), NOW);
        expect(await refusalOf(storage.signUp(event.id, studentNo(1), NOW))).toBe('ALREADY_SIGNED_UP');
        expect(await refusalOf(storage.signUp(event.id, studentNo(1), at(50)))).toBe('ALREADY_SIGNED_UP');
        expect(await refusalOf(storage.signUp(event.id, studentNo(2), NOW))).toBe('EVENT_FULL');
      });

      it('refuses SIGNUP_NOT_OPEN before the sign-up window opens', async () => {
        const event = await seed(makeEvent({ signupStartAt: at(1).toISOString() }));
        expect(await refusalOf(storage.signUp(event.id, studentNo(1), NOW))).toBe('SIGNUP_NOT_OPEN');
      });

      it('refuses SIGNUP_CLOSED from the moment the sign-up window closes', async () => {
        const event = await seed(makeEvent());
        expect(await refusalOf(storage.signUp(event.id, studentNo(1), new Date(event.signupEndAt)))).toBe('SIGNUP_CLOSED');
      });

      it('refuses EVENT_CANCELLED for an event the organiser cancelled', async () => {
        const event = await seed(makeEvent({ status: 'cancelled' }));
        expect(await refusalOf(storage.signUp(event.id, studentNo(1), NOW))).toBe('EVENT_CANCELLED');
      });

      it('refuses EVENT_FULL when the seats are gone and the event keeps no waitlist', async () => {
        const event = await seed(makeEvent({ capacity: 1, waitlistEnabled: false }));
        await storage.signUp(event.id, studentNo(1), NOW);
        expect(await refusalOf(storage.signUp(event.id, studentNo(2), NOW))).toBe('EVENT_FULL');
        expect(await storage.getRegistration(event.id, studentNo(2))).toBeNull();
      });

      it('refuses NOT_FOUND for an unknown event', async () => {
        await seed(makeEvent());
        expect(await refusalOf(storage.signUp('ev-unknown', studentNo(1), NOW))).toBe('NOT_FOUND');
      });

      it('changes nothing when it refuses', async () => {
        const event = await seed(makeEvent({ capacity: 1, waitlistEnabled: false }));
        await storage.signUp(event.id, studentNo(1), NOW);
        const before = await eventNow(event.id);
        await refusalOf(storage.signUp(event.id, studentNo(2), NOW));
        await refusalOf(storage.signUp(event.id, studentNo(1), NOW));
        expect(await eventNow(event.id)).toEqual(before);
      });
    });

    describe('cancel', () => {
      it('promotes the first waitlisted student when a confirmed one cancels, and the rest move up (2→1, 3→2)', async () => {
        const event = await seed(makeEvent({ capacity: 1 }));
        for (const i of [1, 2, 3, 4]) await storage.signUp(event.id, studentNo(i), NOW);
        const out = await storage.cancel(event.id, studentNo(1), at(1));
        expect(out.registration).toMatchObject({ studentNo: studentNo(1), status: 'cancelled', updatedAt: at(1).toISOString() });
        expect(out.promoted).toMatchObject({ studentNo: studentNo(2), status: 'confirmed', updatedAt: at(1).toISOString() });
        expect(out.event).toMatchObject({ seatsLeft: 0, waitlistCount: 2 });
        expect((await storage.getRegistration(event.id, studentNo(2)))?.status).toBe('confirmed');
        const line = await storage.listWaitlist(event.id);
        expect(line.map((r) => r.studentNo)).toEqual([studentNo(3), studentNo(4)]);
        expect(await positions(line)).toEqual([1, 2]);
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 0, waitlistCount: 2 });
      });

      it('returns the seat when nobody is waiting', async () => {
        const event = await seed(makeEvent({ capacity: 2 }));
        await storage.signUp(event.id, studentNo(1), NOW);
        await storage.signUp(event.id, studentNo(2), NOW);
        const out = await storage.cancel(event.id, studentNo(1), NOW);
        expect(out.promoted).toBeNull();
        expect(out.event).toMatchObject({ seatsLeft: 1, waitlistCount: 0 });
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 1, waitlistCount: 0 });
        expect((await storage.getRegistration(event.id, studentNo(1)))?.status).toBe('cancelled');
      });

      it('shrinks the waitlist when a waitlisted student leaves, and promotes nobody', async () => {
        const event = await seed(makeEvent({ capacity: 1 }));
        for (const i of [1, 2, 3]) await storage.signUp(event.id, studentNo(i), NOW);
        const out = await storage.cancel(event.id, studentNo(2), NOW);
        expect(out.promoted).toBeNull();
        expect(out.event).toMatchObject({ seatsLeft: 0, waitlistCount: 1 });
        expect((await storage.getRegistration(event.id, studentNo(1)))?.status).toBe('confirmed');
        const line = await storage.listWaitlist(event.id);
        expect(line.map((r) => r.studentNo)).toEqual([studentNo(3)]);
        expect(await positions(line)).toEqual([1]);
      });

      it('refuses CANCEL_CLOSED to a confirmed student from the cancel deadline on', async () => {
        const event = await seed(makeEvent());
        await storage.signUp(event.id, studentNo(1), NOW);
        expect(await refusalOf(storage.cancel(event.id, studentNo(1), new Date(event.cancelDeadlineAt)))).toBe('CANCEL_CLOSED');
        expect((await storage.getRegistration(event.id, studentNo(1)))?.status).toBe('confirmed');
      });

      it('lets a waitlisted student leave after the cancel deadline, until the event starts', async () => {
        const event = await seed(makeEvent({ capacity: 1 }));
        await storage.signUp(event.id, studentNo(1), NOW);
        await storage.signUp(event.id, studentNo(2), NOW);
        await storage.signUp(event.id, studentNo(3), NOW);
        expect(await refusalOf(storage.cancel(event.id, studentNo(3), new Date(event.startAt)))).toBe('CANCEL_CLOSED');
        const out = await storage.cancel(event.id, studentNo(2), new Date(event.cancelDeadlineAt));
        expect(out.registration.status).toBe('cancelled');
        expect(out.event.waitlistCount).toBe(1);
      });

      it('refuses NOT_SIGNED_UP to a student without a registration, or whose registration is cancelled', async () => {
        const event = await seed(makeEvent());
        expect(await refusalOf(storage.cancel(event.id, studentNo(1), NOW))).toBe('NOT_SIGNED_UP');
        await storage.signUp(event.id, studentNo(1), NOW);
        await storage.cancel(event.id, studentNo(1), NOW);
        expect(await refusalOf(storage.cancel(event.id, studentNo(1), NOW))).toBe('NOT_SIGNED_UP');
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 3, waitlistCount: 0 });
      });

      it('refuses NOT_FOUND to a cancel for an unknown event', async () => {
        await seed(makeEvent());
        expect(await refusalOf(storage.cancel('ev-unknown', studentNo(1), NOW))).toBe('NOT_FOUND');
      });

      it('returns the seat without promoting anyone once the organiser has cancelled the event', async () => {
        const event = await seed(makeEvent({ capacity: 1 }));
        await storage.signUp(event.id, studentNo(1), NOW);
        await storage.signUp(event.id, studentNo(2), NOW);
        await storage.putEvents([{ ...(await eventNow(event.id)), status: 'cancelled' }]);
        const out = await storage.cancel(event.id, studentNo(1), NOW);
        expect(out.promoted).toBeNull();
        expect(out.event).toMatchObject({ seatsLeft: 1, waitlistCount: 1 });
        expect((await storage.getRegistration(event.id, studentNo(2)))?.status).toBe('waitlisted');
      });

      it('lets a student sign up again after cancelling, with one registration', async () => {
        const event = await seed(makeEvent({ capacity: 2 }));
        await storage.signUp(event.id, studentNo(1), NOW);
        await storage.cancel(event.id, studentNo(1), at(1));
        const again = await storage.signUp(event.id, studentNo(1), at(2));
        expect(again.registration).toMatchObject({
          id: `${event.id}:${studentNo(1)}`,
          status: 'confirmed',
          waitlistSeq: null,
          createdAt: at(2).toISOString(),
          updatedAt: at(2).toISOString(),
        });
        expect(again.event.seatsLeft).toBe(1);
        expect(await storage.getRegistration(event.id, studentNo(1))).toEqual(again.registration);
        expect(await storage.listActiveRegistrationsOfStudent(studentNo(1))).toHaveLength(1);
      });

      it('puts a student who signs up again while the event is full at the END of the waitlist', async () => {
        const event = await seed(makeEvent({ capacity: 1 }));
        for (const i of [1, 2, 3]) await storage.signUp(event.id, studentNo(i), NOW);
        await storage.cancel(event.id, studentNo(2), at(1));
        const again = await storage.signUp(event.id, studentNo(2), at(2));
        expect(again.registration.status).toBe('waitlisted');
        expect(again.waitlistPosition).toBe(2);
        const line = await storage.listWaitlist(event.id);
        expect(line.map((r) => r.studentNo)).toEqual([studentNo(3), studentNo(2)]);
        expect(await positions(line)).toEqual([1, 2]);
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 0, waitlistCount: 2, waitlistSeq: 3 });
      });
    });

    describe('reading registrations', () => {
      it("lists a student's registrations that are not cancelled, newest first", async () => {
        await storage.putStudents(makeStudents(2));
        await storage.putEvents(['e1', 'e2', 'e3'].map((id) => makeEvent({ id })));
        await storage.signUp('e1', studentNo(1), NOW);
        await storage.signUp('e2', studentNo(1), at(1));
        await storage.signUp('e3', studentNo(1), at(2));
        await storage.signUp('e1', studentNo(2), NOW);
        await storage.cancel('e2', studentNo(1), at(3));
        const mine = await storage.listActiveRegistrationsOfStudent(studentNo(1));
        expect(mine.map((r) => r.eventId)).toEqual(['e3', 'e1']);
        expect(mine.every((r) => r.studentNo === studentNo(1))).toBe(true);
        expect(await storage.listActiveRegistrationsOfStudent(studentNo(9))).toEqual([]);
      });

      it('lists the waitlist in line order and gives no position to a confirmed registration', async () => {
        const event = await seed(makeEvent({ capacity: 2 }));
        for (const i of [5, 3, 8, 1, 7]) await storage.signUp(event.id, studentNo(i), NOW);
        const line = await storage.listWaitlist(event.id);
        expect(line.map((r) => r.studentNo)).toEqual([8, 1, 7].map(studentNo));
        expect(line.map((r) => r.waitlistSeq)).toEqual([1, 2, 3]);
        const confirmed = await storage.getRegistration(event.id, studentNo(5));
        expect(await storage.waitlistPosition(confirmed!)).toBeNull();
        expect(await storage.listWaitlist('ev-unknown')).toEqual([]);
      });
    });

    describe('concurrency', () => {
      it('gives 60 simultaneous sign-ups for 20 seats exactly 20 seats and a waitlist of 40 numbered 1..40', async () => {
        const event = await seed(makeEvent({ capacity: 20 }), 60);
        const outcomes = await Promise.all(
          Array.from({ length: 60 }, (_, k) => storage.signUp(event.id, studentNo(k + 1), NOW)),
        );
        const confirmed = outcomes.filter((o) => o.registration.status === 'confirmed');
        const waiting = outcomes.filter((o) => o.registration.status === 'waitlisted');
        expect(confirmed).toHaveLength(20);
        expect(waiting).toHaveLength(40);
        const sorted = (xs: Array<number | null>) => [...xs].sort((a, b) => (a as number) - (b as number));
        const oneTo40 = Array.from({ length: 40 }, (_, i) => i + 1);
        expect(sorted(waiting.map((o) => o.waitlistPosition))).toEqual(oneTo40);
        expect(sorted(await positions(waiting.map((o) => o.registration)))).toEqual(oneTo40);
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 0, waitlistCount: 40, waitlistSeq: 40 });
        await expectConsistent(event.id, makeStudents(60).map((s) => s.studentNo));
        // Conflicts outside the rush window are retried after real backoff pauses (up to 2 s each): on a loaded
        // machine this takes longer than jest's default 5 s.
      }, 60_000);

      it('in the minute sign-up opens, gives 60 sign-ups fired together 20 seats and a waitlist of 40 in the order they arrived', async () => {
        const event = await seed(makeEvent({ capacity: 20, signupStartAt: NOW.toISOString() }), 60);
        const arrival = (k: number) => new Date(NOW.getTime() + 30_000 + k);
        const outcomes = await Promise.all(Array.from({ length: 60 }, (_, k) => storage.signUp(event.id, studentNo(k + 1), arrival(k))));
        // An adapter may answer a sign-up still being placed (queued); once settled, every one has its place.
        for (const o of outcomes) expect(['confirmed', 'waitlisted', 'queued']).toContain(o.registration.status);
        await storage.settleQueuedSignups(arrival(1000));
        const regs = await Promise.all(Array.from({ length: 60 }, (_, k) => storage.getRegistration(event.id, studentNo(k + 1))));
        expect(regs.map((r) => r?.status)).toEqual([...Array(20).fill('confirmed'), ...Array(40).fill('waitlisted')]);
        expect((await storage.listWaitlist(event.id)).map((r) => r.studentNo)).toEqual(Array.from({ length: 40 }, (_, k) => studentNo(k + 21)));
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 0, waitlistCount: 40, waitlistSeq: 40 });
        await expectConsistent(event.id, makeStudents(60).map((s) => s.studentNo));
      });

      it('answers each student asking after a sign-up made in the rush with its place: seat or place in line 1..N, and the counters', async () => {
        const event = await seed(makeEvent({ capacity: 5, signupStartAt: NOW.toISOString() }), 15);
        const arrival = (k: number) => new Date(NOW.getTime() + 30_000 + k);
        await Promise.all(Array.from({ length: 15 }, (_, k) => storage.signUp(event.id, studentNo(k + 1), arrival(k))));
        // Asked one after another, as pages do: whoever finds a queue with nobody placing it places it (where queues exist).
        const polls = [];
        for (let k = 0; k < 15; k++) polls.push(await storage.pollSignup(event.id, studentNo(k + 1), arrival(2000 + k)));
        expect(polls.map((p) => p.registration?.status)).toEqual([...Array(5).fill('confirmed'), ...Array(10).fill('waitlisted')]);
        expect(polls.map((p) => p.waitlistPosition)).toEqual([...Array(5).fill(null), ...Array.from({ length: 10 }, (_, i) => i + 1)]);
        expect(polls[14].event).toMatchObject({ id: event.id, seatsLeft: 0, waitlistCount: 10 });
        // Someone ahead leaves the line: a page asking later counts its place again.
        await storage.cancel(event.id, studentNo(6), arrival(3000));
        const later = await storage.pollSignup(event.id, studentNo(15), arrival(3000 + 60_000));
        expect(later).toMatchObject({ registration: { status: 'waitlisted' }, waitlistPosition: 9 });
        expect(await storage.pollSignup(event.id, studentNo(99), arrival(3000))).toMatchObject({ registration: null });
        expect(await storage.pollSignup('no-such-event', studentNo(1), arrival(3000))).toEqual({ registration: null, event: null, waitlistPosition: null });
      });

      it('lets the same student firing 10 sign-ups at once hold exactly one registration; 9 get ALREADY_SIGNED_UP', async () => {
        const event = await seed(makeEvent({ capacity: 5 }));
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, () => storage.signUp(event.id, studentNo(1), NOW)),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as ApiError).code] : []));
        expect(codes).toEqual(Array(9).fill('ALREADY_SIGNED_UP'));
        expect(await storage.listActiveRegistrationsOfStudent(studentNo(1))).toHaveLength(1);
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 4, waitlistCount: 0 });
      });

      it('promotes a different waitlisted student for each of several simultaneous cancels', async () => {
        const event = await seed(makeEvent({ capacity: 5 }), 13);
        for (let i = 1; i <= 13; i++) await storage.signUp(event.id, studentNo(i), NOW);
        const outs = await Promise.all([1, 2, 3, 4, 5].map((i) => storage.cancel(event.id, studentNo(i), at(1))));
        const promoted = outs.map((o) => o.promoted?.studentNo).sort();
        expect(promoted).toEqual([6, 7, 8, 9, 10].map(studentNo));
        const line = await storage.listWaitlist(event.id);
        expect(line.map((r) => r.studentNo)).toEqual([11, 12, 13].map(studentNo));
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 0, waitlistCount: 3 });
        await expectConsistent(event.id, makeStudents(13).map((s) => s.studentNo));
      });

      it('keeps seats and waitlist consistent when sign-ups and cancels race', async () => {
        const event = await seed(makeEvent({ capacity: 8 }), 30);
        for (let i = 1; i <= 12; i++) await storage.signUp(event.id, studentNo(i), NOW);
        await Promise.all([
          ...[1, 2, 3, 9, 10].map((i) => storage.cancel(event.id, studentNo(i), at(1))),
          ...Array.from({ length: 18 }, (_, k) => storage.signUp(event.id, studentNo(13 + k), at(1))),
        ]);
        await expectConsistent(event.id, makeStudents(30).map((s) => s.studentNo));
        expect(await eventNow(event.id)).toMatchObject({ seatsLeft: 0, waitlistCount: 30 - 5 - 8 });
      });
    });

    describe('failures', () => {
      it('leaves no half-taken seat when a sign-up fails in the middle', async () => {
        const event = await seed(makeEvent({ capacity: 2 }));
        await storage.signUp(event.id, studentNo(1), NOW);
        const before = await eventNow(event.id);
        harness.failNextRegistrationWrite();
        await expect(storage.signUp(event.id, studentNo(2), NOW)).rejects.toBeTruthy();
        expect(await eventNow(event.id)).toEqual(before);
        expect(await storage.getRegistration(event.id, studentNo(2))).toBeNull();
        // The failure was one-off: the same sign-up now succeeds.
        expect((await storage.signUp(event.id, studentNo(2), NOW)).registration.status).toBe('confirmed');
      });

      it('leaves the waitlist untouched when a waitlisting sign-up fails in the middle', async () => {
        const event = await seed(makeEvent({ capacity: 1 }));
        await storage.signUp(event.id, studentNo(1), NOW);
        await storage.signUp(event.id, studentNo(2), NOW);
        const before = await eventNow(event.id);
        harness.failNextRegistrationWrite();
        await expect(storage.signUp(event.id, studentNo(3), NOW)).rejects.toBeTruthy();
        expect(await eventNow(event.id)).toEqual(before);
        expect(await storage.getRegistration(event.id, studentNo(3))).toBeNull();
        expect((await storage.signUp(event.id, studentNo(3), NOW)).waitlistPosition).toBe(2);
      });
    });
  });
}
